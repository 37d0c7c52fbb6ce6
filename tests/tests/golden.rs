//! The exact code generated for one endpoint, checked in for review:
//! `tests/golden/blackboard_create.rs` is what `spec/dingtalk.yaml`'s
//! `blackboard.create` becomes. Run with `UPDATE_GOLDEN=1` to accept a change.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn check_golden(generated_path: &str, golden: &str) {
    let files =
        oapi_codegen::generate_files(&[root().join("spec")]).unwrap_or_else(|d| panic!("{d}"));
    let file = files
        .iter()
        .find(|f| f.path == generated_path)
        .unwrap_or_else(|| panic!("{generated_path} was not generated"));
    let golden_path = root().join("tests/golden").join(golden);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden_path, &file.contents).unwrap();
    }
    let expected = std::fs::read_to_string(&golden_path).unwrap_or_default();
    assert!(
        expected == file.contents,
        "generated {generated_path} differs from {}; review and rerun with UPDATE_GOLDEN=1:\n{}",
        golden_path.display(),
        file.contents
    );
}

#[test]
fn blackboard_create_endpoint() {
    check_golden("dingtalk/blackboard/create.rs", "blackboard_create.rs");
}

#[test]
fn blackboard_group_api() {
    check_golden("dingtalk/blackboard.rs", "blackboard_group.rs");
}
