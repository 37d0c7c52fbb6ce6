//! The layout promise behind fast rebuilds: editing one endpoint in the spec
//! changes that endpoint's generated file and no other, so rustc's
//! incremental cache keeps every other endpoint's work.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn generate(dir: &Path) -> BTreeMap<String, String> {
    let files = oapi_codegen::generate_files(&[dir.to_path_buf()])
        .unwrap_or_else(|e| panic!("generate {}: {e}", dir.display()));
    files.into_iter().map(|f| (f.path, f.contents)).collect()
}

/// A copy of `spec/` with one textual replacement applied to `dingtalk.yaml`.
fn edited_spec(name: &str, from: &str, to: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("target/tests/incremental").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for spec in ["dingtalk.yaml", "shiheng.yaml"] {
        let text = std::fs::read_to_string(root.join("spec").join(spec)).unwrap();
        let text = if spec == "dingtalk.yaml" {
            assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
            text.replace(from, to)
        } else {
            text
        };
        std::fs::write(dir.join(spec), text).unwrap();
    }
    dir
}

/// Applies `from` → `to` to a copy of the spec and asserts that `only` is the
/// one generated file whose content changed.
fn assert_only_changes(name: &str, from: &str, to: &str, only: &str) {
    let before = generate(&edited_spec(&format!("{name}-before"), from, from));
    let after = generate(&edited_spec(name, from, to));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "same file set"
    );
    let changed: Vec<&String> = before
        .iter()
        .filter(|(path, contents)| after[*path] != **contents)
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, [only], "{name}");
}

#[test]
fn editing_an_endpoint_doc_changes_only_its_file() {
    assert_only_changes(
        "doc",
        "doc: 更新公告\n",
        "doc: 更新公告（含通知）\n",
        "dingtalk/blackboard/update.rs",
    );
}

#[test]
fn editing_a_limit_changes_only_its_file() {
    assert_only_changes(
        "limit",
        "maxResults: {type: integer, min: 1, max: 50,",
        "maxResults: {type: integer, min: 1, max: 40,",
        "dingtalk/hrm/dismissions.rs",
    );
}

#[test]
fn adding_a_field_changes_only_its_file() {
    assert_only_changes(
        "field",
        "              notify: {type: boolean,",
        "              urgent: {type: boolean, doc: 是否紧急。}\n              notify: {type: boolean,",
        "dingtalk/blackboard/update.rs",
    );
}
