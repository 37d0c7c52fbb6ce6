//! Specs built from the fuzz input by the format's grammar, with hostile
//! names, types, limits, encodings, paging keys and text drawn from pools:
//! most of them load, many pass `check`, so lowering and emission see far
//! more shapes than byte mutations of YAML reach. The same properties as
//! the `spec` target: no panic, every diagnostic located, every spec that
//! passes emits Rust that parses in both layouts.

#![no_main]

use std::fmt::Write;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use oapi_codegen::{emit, format, load, lower};

/// The fuzz input as a stream of choices (zero once it runs out).
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((first, rest)) => {
                self.0 = rest;
                *first
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    fn pick<'p>(&mut self, pool: &[&'p str]) -> &'p str {
        pool[self.below(pool.len())]
    }

    fn chance(&mut self, in_four: u8) -> bool {
        self.byte() % 4 < in_four
    }
}

const NAMES: &[&str] = &[
    "a",
    "b",
    "id",
    "new",
    "type",
    "self",
    "Self",
    "super",
    "move",
    "next²",
    "１st",
    "名称",
    "",
    "x-a",
    "x_a",
    "timestamp",
    "Request",
    "request",
    "deptList",
    "dept_list",
    "offset",
    "size",
    "items",
    "next",
    "more",
    "result",
    "data",
    "validate",
    "builder",
    "_",
    "__",
    "2fa",
    "a\"b",
    "\u{202e}",
    "other",
    "Other",
    "api_result",
    "list_items",
];
const MODULES: &[&str] = &[
    "g",
    "e",
    "list",
    "list_items",
    "list_pages",
    "builder",
    "type",
    "self",
    "new",
    "0",
    "公告",
    "a-b",
    "a_b",
    "Api",
    "prelude",
    "__x",
    "client",
    "platform",
];
const TYPES: &[&str] = &[
    "string",
    "string",
    "integer",
    "integer",
    "int32",
    "number",
    "boolean",
    "json",
    "object",
    "object",
    "string[]",
    "integer[]",
    "object[]",
    "object[][]",
    "json[]",
    "map<string, string>",
    "map<string, object>",
    "map<string, integer[]>",
    "string[][][][][]",
    "map<integer, string>",
    "Sting",
];
const TEXTS: &[&str] = &[
    "doc",
    "文档",
    "a\rb",
    "\u{202e}evil\u{2067}",
    "\"quoted\" \\ back",
    "*/ /* ```",
    "\0",
    "",
    "line\nbreak",
    "\u{feff}\u{200f}",
];
const FORMATS: &[&str] = &[
    "date-time",
    "date",
    "rfc3339",
    "unix-ms",
    "unix-s",
    "datetime",
];
const PATTERNS: &[&str] = &["^a+$", "yyyy-MM-dd", "a(b", "\\d{3}\u{202e}"];
const PATHS: &[&str] = &[
    "/e",
    "/e/{id}",
    "/e/{type}/{self}",
    "e",
    "/e/x{id}",
    "/e\\x",
    "/中/%20",
];
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "get"];
const STYLES: &[&str] = &[
    "cursor",
    "offset",
    "offset_count",
    "page",
    "last_id",
    "token",
    "x",
];
const PAGING_KEYS: &[&str] = &[
    "cursor", "size", "page", "next", "has_more", "items", "item_id", "pages", "total",
];
const DOTTED: &[&str] = &[
    "offset",
    "size",
    "next",
    "items",
    "more",
    "result.next",
    "result.items",
    "a.b",
    "id",
    "q.offset",
];

/// A YAML scalar: JSON's string syntax is YAML's double-quoted one.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || ('\u{2000}'..='\u{206f}').contains(&c) || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn field(c: &mut Choices<'_>, depth: usize, request: bool) -> String {
    let ty = c.pick(TYPES);
    let mut keys = vec![format!("type: {}", quoted(ty))];
    if request && c.chance(2) {
        keys.push(format!("required: {}", c.chance(3)));
    }
    if c.chance(1) {
        keys.push(format!("doc: {}", quoted(c.pick(TEXTS))));
    }
    if ty.contains("object") && depth < 3 && c.chance(3) {
        keys.push(format!("fields: {}", fields(c, depth + 1, request)));
    }
    if c.chance(1) {
        let integer = c.chance(2);
        let values: Vec<String> = (0..=c.below(3))
            .map(|i| {
                let value = if integer {
                    i.to_string()
                } else {
                    quoted(&format!("v{i}"))
                };
                format!("{{value: {value}, name: {}}}", quoted(c.pick(NAMES)))
            })
            .collect();
        keys.push(format!("enum: [{}]", values.join(", ")));
    }
    for (key, value) in [
        ("max_length", "3"),
        ("min", "1"),
        ("max", "50"),
        ("max_items", "20"),
        ("max_bytes", "64"),
        ("min_items", "1"),
    ] {
        if c.byte() % 8 == 0 {
            keys.push(format!("{key}: {value}"));
        }
    }
    if c.byte() % 8 == 0 {
        keys.push(format!("format: {}", c.pick(FORMATS)));
    }
    if c.byte() % 8 == 0 {
        keys.push(format!("pattern: {}", quoted(c.pick(PATTERNS))));
    }
    if c.byte() % 8 == 0 {
        keys.push(format!(
            "encoding: {}",
            if c.chance(2) { "json" } else { "comma" }
        ));
    }
    if c.byte() % 8 == 0 {
        keys.push("secret: true".into());
    }
    if c.byte() % 8 == 0 {
        keys.push(format!("rust_name: {}", quoted(c.pick(NAMES))));
    }
    if c.byte() % 8 == 0 {
        keys.push(format!("type_name: {}", quoted(c.pick(MODULES))));
    }
    if !request && c.byte() % 8 == 0 {
        keys.push("lenient: false".into());
    }
    format!("{{{}}}", keys.join(", "))
}

fn fields(c: &mut Choices<'_>, depth: usize, request: bool) -> String {
    let entries: Vec<String> = (0..c.below(5))
        .map(|_| format!("{}: {}", quoted(c.pick(NAMES)), field(c, depth, request)))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

fn endpoint(c: &mut Choices<'_>) -> String {
    let mut out = format!(
        "        doc: {}\n        path: {}\n",
        quoted(c.pick(TEXTS)),
        quoted(c.pick(PATHS))
    );
    if c.chance(2) {
        let _ = writeln!(out, "        method: {}", c.pick(METHODS));
    }
    for place in ["path_params", "query", "headers", "body", "response"] {
        if c.chance(2) {
            let _ = writeln!(
                out,
                "        {place}: {}",
                fields(c, 0, place != "response")
            );
        }
    }
    if c.chance(1) {
        let mut keys = vec![format!("style: {}", c.pick(STYLES))];
        for key in PAGING_KEYS {
            if c.chance(2) {
                keys.push(format!("{key}: {}", quoted(c.pick(DOTTED))));
            }
        }
        let _ = writeln!(out, "        paging: {{{}}}", keys.join(", "));
    }
    if c.byte() % 8 == 0 {
        let _ = writeln!(
            out,
            "        rules: [{{window: {{start: {}, end: {}, max_days: 7}}}}]",
            quoted(c.pick(NAMES)),
            quoted(c.pick(NAMES))
        );
    }
    if c.byte() % 8 == 0 {
        let _ = writeln!(out, "        auth: none");
    }
    out
}

fn spec(c: &mut Choices<'_>) -> String {
    let gateway = c.pick(&["main", "main", "1", "platform", "Main", "a b"]);
    let mut out = format!(
        "platform: {}\ndoc: {}\nenvelopes:\n  errcode: {{code: errcode, ok: [0], message: errmsg, codes: {{invalid: [\"param*\"]}}}}\n",
        quoted(c.pick(&["demo", "demo", "type", "prelude", "a-b", "x1"])),
        quoted(c.pick(TEXTS)),
    );
    if c.chance(1) {
        out.push_str("tokens:\n  app: {gateway: main, path: /t, send: query, token: access_token, expires_in: expires_in}\n");
    }
    let _ = writeln!(
        out,
        "gateways:\n  {}: {{base_url: {}, envelope: errcode{}}}",
        quoted(gateway),
        quoted(c.pick(&[
            "https://demo.invalid",
            "https://demo.invalid:8443/v1",
            "http://127.0.0.1:1"
        ])),
        if c.chance(1) {
            ", request: {query: {access_token: {token: app}}}"
        } else {
            ""
        },
    );
    let _ = writeln!(
        out,
        "defaults: {{gateway: {}, method: POST}}\ngroups:",
        quoted(gateway)
    );
    for _ in 0..=c.below(2) {
        let _ = writeln!(
            out,
            "  {}:\n    doc: {}\n    endpoints:",
            quoted(c.pick(MODULES)),
            quoted(c.pick(TEXTS))
        );
        for _ in 0..=c.below(3) {
            let _ = writeln!(out, "      {}:", quoted(c.pick(MODULES)));
            out.push_str(&endpoint(c));
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let text = spec(&mut Choices(data));
    let path = Path::new("fuzz.yaml");
    let lines = text.lines().count() + 1;
    let located = |found: &[oapi_codegen::Diagnostic]| {
        for d in found {
            let l = &d.location;
            assert!(
                l.line >= 1 && l.column >= 1 && l.line <= lines,
                "unlocated: {d}\n{text}"
            );
        }
    };
    let loaded = match load::load_bytes(path, text.as_bytes()) {
        Ok(loaded) => loaded,
        Err(found) => return located(&found),
    };
    let mut found = loaded.problems.clone();
    found.extend(oapi_codegen::check::check(&loaded));
    if !found.is_empty() {
        return located(&found);
    }
    let api = lower::lower(&[loaded]);
    for job in emit::file_jobs(&api) {
        let file = job.emit();
        if let Err(error) = format::format(&file.tokens, &file.path) {
            panic!("{}: {error}\n{text}", file.path);
        }
    }
    for platform in &api.platforms {
        let tokens = emit::inline(&emit::platform_module(platform, false));
        if let Err(error) = syn::parse2::<syn::File>(tokens) {
            panic!("the inline module does not parse: {error}\n{text}");
        }
    }
});
