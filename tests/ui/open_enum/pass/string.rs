// A string enum: unknown strings are kept, numbers are read as their text.
#![deny(warnings)]

use oapi_client::{OpenEnum, ParamValue};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, OpenEnum)]
pub enum Channel {
    #[value("meituan")]
    Meituan,
    #[value("eleme")]
    Eleme,
    #[value("1")]
    One,
    Unknown(String),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Order {
    channel: Channel,
    channels: Option<Vec<Channel>>,
}

fn main() {
    let order: Order =
        serde_json::from_str(r#"{"channel": "douyin", "channels": ["eleme", 1, 2]}"#).unwrap();
    assert_eq!(
        order,
        Order {
            channel: Channel::Unknown("douyin".into()),
            channels: Some(vec![
                Channel::Eleme,
                Channel::One,
                Channel::Unknown("2".into())
            ]),
        }
    );
    assert_eq!(
        serde_json::to_string(&order).unwrap(),
        r#"{"channel":"douyin","channels":["eleme","1","2"]}"#
    );
    assert_eq!(
        serde_json::from_str::<Channel>("\"meituan\"").unwrap(),
        Channel::Meituan
    );
    let error = serde_json::from_str::<Channel>("true")
        .unwrap_err()
        .to_string();
    assert!(error.contains("a string or a number (`Channel`)"), "{error}");
    assert_eq!(
        serde_json::from_str::<Channel>("2.5").unwrap(),
        Channel::Unknown("2.5".into())
    );

    assert_eq!(Channel::from("eleme"), Channel::Eleme);
    assert_eq!(
        Channel::from(String::from("x")),
        Channel::Unknown("x".into())
    );
    assert_eq!(Channel::from(String::from("meituan")), Channel::Meituan);
    assert_eq!(Channel::Meituan.value(), "meituan");
    assert_eq!(Channel::Unknown("x".into()).to_string(), "x");
    assert_eq!(Channel::Eleme.to_param(), Some("eleme".to_owned()));
}
