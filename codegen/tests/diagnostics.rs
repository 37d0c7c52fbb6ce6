//! Every kind of spec error is reported as `file:line:column: message` with
//! help, several per run, never a panic.

use std::path::{Path, PathBuf};

use oapi_codegen::load::load_str;

const HEAD: &str = "platform: demo
envelopes: {errcode: {code: errcode, ok: [0], message: errmsg}}
gateways:
  oapi: {base_url: https://oapi.example.com, envelope: errcode}
defaults: {gateway: oapi, method: POST}
groups:
  g:
    doc: group
    endpoints:
";

/// Checks a spec made of HEAD plus `endpoints` (indented 6 spaces) and
/// returns the rendered diagnostics.
fn problems(endpoints: &str) -> Vec<String> {
    problems_of(&format!("{HEAD}{endpoints}"))
}

fn problems_of(text: &str) -> Vec<String> {
    let path = Path::new("t.yaml");
    match load_str(path, text.to_owned()) {
        Err(found) => found.iter().map(ToString::to_string).collect(),
        Ok(loaded) => loaded
            .problems
            .iter()
            .chain(&oapi_codegen::check::check(&loaded))
            .map(ToString::to_string)
            .collect(),
    }
}

fn assert_has(found: &[String], expected: &str) {
    assert!(
        found.iter().any(|d| d.contains(expected)),
        "expected a diagnostic containing {expected:?}, got:\n{}",
        found.join("\n")
    );
}

#[test]
fn malformed_yaml_is_located() {
    let found = problems_of("platform: demo\ndoc: \"unterminated\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0],
        "t.yaml:2:6: invalid YAML: while scanning a quoted scalar, found unexpected end of stream"
    );
    let found = problems_of("platform: demo\ngroups: [a, b]\n");
    assert_eq!(
        found,
        [
            "t.yaml:2:9: expected a mapping, found a list",
            "t.yaml:1:1: missing `gateways`: at least one host"
        ]
    );
}

#[test]
fn unknown_keys_are_named_with_a_suggestion() {
    let found = problems("      e:\n        doc: d\n        path: /e\n        bodyy: {}\n");
    assert_has(
        &found,
        "t.yaml:13:9: unknown key `bodyy`\n  help: did you mean `body`?",
    );
}

#[test]
fn unknown_type_suggests_the_right_one() {
    let found = problems(
        "      e:\n        doc: d\n        path: /e\n        body:\n          id: {type: Sting}\n",
    );
    assert_has(
        &found,
        "t.yaml:14:22: unknown type `Sting`\n  help: did you mean `string`?",
    );
}

#[test]
fn documentation_type_names_get_our_names() {
    let found = problems(
        "      e:\n        doc: d\n        path: /e\n        body:\n          n: {type: Number}\n          l: {type: \"Array of String\"}\n",
    );
    assert_has(
        &found,
        "unknown type `Number`\n  help: did you mean `integer`?",
    );
    assert_has(
        &found,
        "unknown type `Array of String`\n  help: did you mean `string[]`?",
    );
}

#[test]
fn duplicate_endpoints_fields_and_enum_values() {
    let found = problems(
        "      e:\n        doc: d\n        path: /e\n        body:\n          a: {type: string}\n          a: {type: integer}\n          k: {type: integer, enum: [{value: 1, name: x}, {value: 1, name: y}]}\n      e:\n        doc: again\n        path: /e2\n",
    );
    assert_has(
        &found,
        "t.yaml:15:11: duplicate key `a`\n  help: first defined at t.yaml:14:11",
    );
    assert_has(
        &found,
        "t.yaml:16:66: duplicate enum value 1\n  help: first at t.yaml:16:45",
    );
    assert_has(
        &found,
        "t.yaml:17:7: duplicate key `e`\n  help: first defined at t.yaml:10:7",
    );
}

#[test]
fn limits_on_the_wrong_type_and_inverted_bounds() {
    let found = problems(
        "      e:\n        doc: d\n        path: /e\n        body:\n          s: {type: string, max: 3}\n          l: {type: \"string[]\", max_length: 3}\n          n: {type: integer, min: 10, max: 5}\n          i: {type: \"integer[]\", min_items: 4, max_items: 2}\n",
    );
    assert_has(
        &found,
        "t.yaml:14:29: `max` applies to numbers, not to `string`\n  help: for the text length use `max_length`",
    );
    assert_has(
        &found,
        "`max_length` applies to `string` fields, not to `string[]`",
    );
    assert_has(&found, "t.yaml:16:44: min (10) is greater than max (5)");
    assert_has(&found, "min_items (4) is greater than max_items (2)");
}

#[test]
fn enum_values_of_the_wrong_type() {
    let found = problems(
        "      e:\n        doc: d\n        path: /e\n        body:\n          k: {type: integer, enum: [{value: \"2\", name: two}]}\n",
    );
    assert_has(
        &found,
        "t.yaml:14:45: enum value \"2\" is not an integer, but the field is `integer`",
    );
}

#[test]
fn two_endpoints_with_one_rust_name() {
    let found = problems(
        "      list-all:\n        doc: d\n        path: /a\n      list_all:\n        doc: d\n        path: /b\n",
    );
    assert_has(
        &found,
        "t.yaml:13:7: endpoint `list_all` and `list-all` both map to the Rust name `list_all`",
    );
}

#[test]
fn several_problems_are_reported_in_one_run() {
    let found = problems(
        "      e:\n        doc: d\n        path: e\n        method: PUSH\n        gateway: nope\n",
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn keywords_and_non_identifiers_are_handled_not_errors() {
    let spec = format!(
        "{HEAD}      e:\n        doc: d\n        path: /e\n        headers:\n          x-acs-trace-id: {{type: string}}\n        body:\n          type: {{type: integer}}\n          deptList: {{type: \"string[]\"}}\n          self: {{type: string}}\n"
    );
    assert!(problems_of(&spec).is_empty(), "{:?}", problems_of(&spec));
    let dir = std::env::temp_dir().join(format!("oapi-kw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("demo.yaml");
    std::fs::write(&file, spec).unwrap();
    let tokens = oapi_codegen::generate_inline(&file).unwrap().to_string();
    assert!(tokens.contains("pub r#type : Option < i64 >"), "{tokens}");
    assert!(tokens.contains("rename = \"deptList\""), "{tokens}");
    assert!(tokens.contains("pub dept_list"), "{tokens}");
    assert!(tokens.contains("pub x_acs_trace_id"), "{tokens}");
    assert!(tokens.contains("pub self_"), "{tokens}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_real_spec_is_clean() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let api = oapi_codegen::compile(&[spec]).unwrap_or_else(|d| panic!("{d}"));
    // Every spec file is a platform, and every platform has endpoints.
    let files = std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    assert_eq!(api.platforms.len(), files);
    assert!(
        api.platforms
            .iter()
            .all(|p| p.groups.iter().any(|g| !g.endpoints.is_empty()))
    );
}

#[test]
fn nested_type_names_that_generated_modules_use_are_reserved() {
    let found = problems(
        "      e:\n        doc: d\n        path: /e\n        body:\n          api_result: {type: object, fields: {a: {type: string}}}\n",
    );
    assert_has(
        &found,
        "the nested type name `ApiResult` is reserved: every endpoint module defines or imports it",
    );
}

/// A signed platform with three mistakes in its new sections (#13): a
/// success value of another type than the first, a signed parameter no
/// request carries, and a documented answer without the declared data path.
#[test]
fn platform_section_mistakes_are_located() {
    let spec = "platform: acme
credentials:
  app_secret: {secret: true, doc: secret}
envelopes:
  acme: {code: code, ok: [0, \"0\"], message: msg, data: data}
signing:
  md5: {digest: md5, encoding: hex, params: [ts, nosuch], order: listed, join: query, secret: {credential: app_secret, at: suffix}}
gateways:
  api:
    base_url: https://api.example.com
    envelope: acme
    request:
      query: {ts: {timestamp: ms}, sign: {signature: md5}}
groups:
  users:
    doc: Users
    endpoints:
      get:
        doc: Get
        path: /users/get
        body: {id: {type: string, doc: id}}
        response: {name: {type: string, doc: name}}
        example: {response: '{\"code\": 0, \"msg\": \"ok\", \"payload\": {\"name\": \"x\"}}'}
";
    let found = problems_of(spec);
    assert_eq!(found.len(), 3, "{}", found.join("\n"));
    assert_has(
        &found,
        "t.yaml:5:30: success value \"0\" is of the wrong type",
    );
    assert_has(
        &found,
        "t.yaml:7:50: signed parameter `nosuch` is not a parameter of the requests this rule signs",
    );
    assert_has(&found, "parameters: id, ts");
    assert_has(&found, "t.yaml:23:29: the documented answer has no `data`");
    // The endpoint's own parameters may be signed where the gateway sends its body.
    let fixed = spec.replace("params: [ts, nosuch]", "params: [ts, id]");
    assert!(
        !problems_of(&fixed)
            .iter()
            .any(|p| p.contains("signed parameter"))
    );
}

/// Every key a paging style needs, taken away one at a time, is a located
/// `check` error naming the key (never an error inside generated code).
#[test]
fn every_required_paging_key_is_checked() {
    let styles: &[(&str, &[(&str, &str)])] = &[
        (
            "cursor",
            &[("cursor", "cursor"), ("next", "next"), ("items", "items")],
        ),
        (
            "offset",
            &[
                ("cursor", "offset"),
                ("next", "next_offset"),
                ("items", "items"),
            ],
        ),
        (
            "offset_count",
            &[("cursor", "offset"), ("size", "size"), ("items", "items")],
        ),
        (
            "page",
            &[("page", "page"), ("size", "size"), ("items", "items")],
        ),
        (
            "last_id",
            &[
                ("cursor", "cursor"),
                ("items", "items"),
                ("item_id", "id"),
                ("has_more", "has_more"),
            ],
        ),
    ];
    let endpoint = |paging: &str| {
        format!(
            "      e:
        doc: e
        path: /e
        body:
          cursor: {{type: string, doc: c}}
          offset: {{type: integer, doc: o}}
          page: {{type: integer, doc: p}}
          size: {{type: integer, doc: s}}
        response:
          next: {{type: string, doc: n}}
          next_offset: {{type: integer, doc: n}}
          has_more: {{type: boolean, doc: h}}
          items: {{type: \"object[]\", doc: i, fields: {{id: {{type: string, doc: id}}}}}}
        paging: {{{paging}}}
"
        )
    };
    for (style, keys) in styles {
        let all: Vec<String> = keys.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let complete = format!("style: {style}, {}", all.join(", "));
        let found = problems(&endpoint(&complete));
        assert!(found.is_empty(), "{style} complete: {found:?}");
        for (index, (key, _)) in keys.iter().enumerate() {
            let mut fewer = all.clone();
            fewer.remove(index);
            let found = problems(&endpoint(&format!("style: {style}, {}", fewer.join(", "))));
            let paging_line = HEAD.lines().count() + 14;
            assert!(
                found
                    .iter()
                    .any(|p| p.starts_with(&format!("t.yaml:{paging_line}:"))
                        && p.contains(&format!("`{key}`"))),
                "{style} without {key}: {found:?}"
            );
        }
    }
}
