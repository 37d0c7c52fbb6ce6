//! What `#[derive(Decode)]` reads: renames, `rename_all`, aliases, `with`,
//! skipped fields; absent, null and unknown keys are tolerated.

use oapi_client::Decode;

mod upper {
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let text: Option<String> = serde::Deserialize::deserialize(d)?;
        Ok(text.map(|t| t.to_uppercase()))
    }
}

#[derive(Debug, Default, PartialEq, Decode)]
#[serde(rename_all = "camelCase")]
struct Page {
    next_token: Option<i64>,
    has_more: Option<bool>,
    #[serde(rename = "list", alias = "items")]
    employees: Option<Vec<Employee>>,
    #[serde(with = "upper")]
    status: Option<String>,
    #[serde(skip)]
    local: Option<u8>,
}

#[derive(Debug, Default, PartialEq, Decode)]
struct Employee {
    r#type: Option<i64>,
    name: Option<String>,
}

#[derive(Debug, Default, PartialEq, Decode)]
struct Empty {}

fn main() {
    let page: Page = serde_json::from_str(
        r#"{"nextToken":7,"hasMore":null,"items":[{"type":1,"extra":{}},{}],"status":"ok","local":3,"new":[1]}"#,
    )
    .unwrap();
    assert_eq!(
        page,
        Page {
            next_token: Some(7),
            has_more: None,
            employees: Some(vec![
                Employee { r#type: Some(1), name: None },
                Employee::default(),
            ]),
            status: Some("OK".into()),
            local: None,
        }
    );
    let empty: Empty = serde_json::from_str(r#"{"anything":[1,2]}"#).unwrap();
    assert_eq!(empty, Empty {});
    let err = serde_json::from_str::<Employee>(r#"{"type":"x"}"#).unwrap_err();
    assert!(err.to_string().contains("expected i64"), "{err}");
}
