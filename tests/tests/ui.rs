//! Compile-time behaviour of the `oapi-macros` derives: every error each macro
//! can emit (with its span, in `ui/<macro>/fail/*.stderr`) and expansions that
//! compile and behave (`ui/<macro>/pass/*.rs` run their own assertions).
//! `ui/generated/` does the same for the generated client's types.
//!
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite`, then read them.

const MACROS: &[&str] = &[
    "validate",
    "endpoint",
    "builder",
    "decode",
    "encode",
    "open_enum",
    "include_spec",
    "paged",
    "generated",
];

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    for name in MACROS {
        t.compile_fail(format!("ui/{name}/fail/*.rs"));
        t.pass(format!("ui/{name}/pass/*.rs"));
    }
}
