// An integer enum: known and unknown values round-trip, numeric strings are
// accepted, and the value shows in Display and query parameters.
#![deny(warnings)]

use oapi_client::{OpenEnum, ParamValue};

#[derive(Debug, Clone, PartialEq, Eq, Hash, OpenEnum)]
pub enum Status {
    /// 在职
    #[value(1)]
    Active,
    #[value(2)]
    Leaving,
    #[value(-1)]
    Deleted,
    #[value(-9223372036854775808)]
    Min,
    /// A value the documentation does not list.
    Other(i64),
}

fn main() {
    for (status, json) in [
        (Status::Active, "1"),
        (Status::Deleted, "-1"),
        (Status::Other(99), "99"),
        (Status::Min, "-9223372036854775808"),
    ] {
        assert_eq!(serde_json::to_string(&status).unwrap(), json);
        assert_eq!(serde_json::from_str::<Status>(json).unwrap(), status);
    }
    assert_eq!(
        serde_json::from_str::<Status>("\"2\"").unwrap(),
        Status::Leaving
    );
    assert_eq!(
        serde_json::from_str::<Status>("\" 7 \"").unwrap(),
        Status::Other(7)
    );
    assert_eq!(
        serde_json::from_str::<Status>("2.0").unwrap(),
        Status::Leaving
    );
    assert_eq!(
        serde_json::from_str::<Vec<Status>>("[1, 3]").unwrap(),
        [Status::Active, Status::Other(3)]
    );
    let error = serde_json::from_str::<Status>("\"active\"")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("an integer or a numeric string (`Status`)"),
        "{error}"
    );
    assert!(serde_json::from_str::<Status>("18446744073709551615").is_err());
    assert!(serde_json::from_str::<Status>("1.5").is_err());

    assert_eq!(Status::from(2), Status::Leaving);
    assert_eq!(Status::from(5), Status::Other(5));
    assert_eq!(Status::Deleted.value(), -1);
    assert_eq!(Status::Other(5).value(), 5);
    assert_eq!(Status::Active.to_string(), "1");
    assert_eq!(format!("{:>3}", Status::Active), "  1");
    assert_eq!(Status::Other(42).to_param(), Some("42".to_owned()));
}
