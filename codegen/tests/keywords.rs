//! Groups, endpoints and fields named like Rust keywords (`move`, `type`,
//! `self`, `async`, `match`, `ref`, `crate`) generate valid Rust (`r#type`,
//! and `self_`/`crate_` where a raw identifier is not allowed), and the
//! rustdoc example of every endpoint method is valid Rust too (raw
//! identifiers stay raw: `storage::r#move::*`, `.r#move(…)`). Compiling the
//! generated code is `tests/tests/new_user.rs`; this checks every file and
//! every example parses, without a build.

const SPEC: &str = r#"
platform: acme
gateways:
  api: {base_url: https://api.example.com}
groups:
  match:
    doc: A group named like a keyword
    endpoints:
      move:
        doc: Move a file
        path: /files/{ref}/move
        path_params:
          ref: {type: string, doc: the file}
        body:
          type: {type: string, required: true, enum: [{value: a, name: a}], doc: kind}
          self: {type: string, required: true, doc: who}
          async: {type: boolean, doc: whether}
          crate: {type: object, doc: box, fields: {move: {type: integer, doc: n}}}
        response:
          match: {type: "string[]", doc: matches}
      type:
        doc: An endpoint named type
        method: GET
        path: /type
        query:
          ref: {type: integer, required: true, doc: r}
        response:
          self: {type: string, doc: s}
"#;

/// The code blocks of the doc comments of `source`, hidden lines shown.
fn doc_examples(source: &str) -> Vec<String> {
    let mut examples = Vec::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        let Some(doc) = line.trim_start().strip_prefix("///") else {
            continue;
        };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        match (&mut current, doc.trim_start().starts_with("```")) {
            (None, true) => current = Some(String::new()),
            (Some(_), true) => examples.extend(current.take()),
            (Some(code), false) => {
                let shown = doc
                    .strip_prefix("# ")
                    .or_else(|| (doc == "#").then_some(""))
                    .unwrap_or(doc);
                code.push_str(shown);
                code.push('\n');
            }
            (None, false) => {}
        }
    }
    examples
}

#[test]
fn keyword_names_generate_valid_rust_and_valid_examples() {
    let dir = std::env::temp_dir().join(format!("oapi-keywords-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("acme.yaml");
    std::fs::write(&spec, SPEC).unwrap();
    let files = oapi_codegen::generate_files(&[spec]).unwrap_or_else(|d| panic!("{d}"));
    let mut examples = 0;
    for file in &files {
        syn::parse_file(&file.contents)
            .unwrap_or_else(|e| panic!("{} is not Rust: {e}\n{}", file.path, file.contents));
        for example in doc_examples(&file.contents) {
            examples += 1;
            syn::parse_file(&example).unwrap_or_else(|e| {
                panic!("an example in {} is not Rust: {e}\n{example}", file.path)
            });
            if example.contains("move") {
                assert!(example.contains("r#move"), "{example}");
                assert!(example.contains("r#match"), "{example}");
            }
        }
    }
    assert_eq!(examples, 2, "one example per endpoint method");
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    for raw in [
        "pub r#type:",
        "pub self_:",
        "pub r#async:",
        "pub crate_:",
        "pub mod r#match",
        "pub mod r#move",
    ] {
        assert!(all.contains(raw), "{raw} missing");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
