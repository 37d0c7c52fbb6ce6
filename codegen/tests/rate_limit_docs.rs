//! An endpoint's own rate limits are said in its method's rustdoc.

use std::path::PathBuf;

#[test]
fn endpoint_limits_are_documented_on_the_method() {
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let api = oapi_codegen::compile(&[specs.join("feishu.yaml"), specs.join("dingtalk.yaml")])
        .expect("the specs compile");
    let endpoints: Vec<_> = api
        .platforms
        .iter()
        .flat_map(|p| &p.groups)
        .flat_map(|g| &g.endpoints)
        .collect();
    let children = endpoints
        .iter()
        .find(|e| e.op_name == "contact.department_children")
        .expect("contact.department_children");
    let doc = oapi_codegen::emit::method_doc(children);
    assert!(
        doc.contains(
            "Rate limits, kept before sending: 50 per 1000 ms per app and endpoint, \
             1000 per 60000 ms per app and endpoint."
        ),
        "{doc}"
    );
    let unlimited = endpoints
        .iter()
        .find(|e| e.rate_limits.is_empty())
        .expect("an endpoint without limits of its own (DingTalk's are platform-wide)");
    assert!(!oapi_codegen::emit::method_doc(unlimited).contains("Rate limits"));
}
