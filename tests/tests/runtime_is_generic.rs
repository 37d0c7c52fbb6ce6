//! The hand-written runtime knows no platform: none of the names, hosts,
//! header names, envelope field names or codes the spec files declare
//! appears in its sources (code, comments or tests). Platforms are YAML.

use std::path::{Path, PathBuf};

use oapi_codegen::ir::{Api, Value as Carried};

/// Words the specs use that are generic vocabulary, not a platform's own:
/// the envelope and parameter names any API might use, and the secret-like
/// names the redactor looks for in any text.
const GENERIC: &[&str] = &[
    "code",
    "message",
    "msg",
    "data",
    "result",
    "success",
    "request_id",
    "token",
    "access_token",
    "timestamp",
    "sign",
    "nonce",
    "authorization",
    "app_key",
    "app_secret",
    "app_id",
    "appkey",
    "appsecret",
    "sub_code",
    "sub_msg",
    "expires_in",
    "expire",
    "api",
    "open",
    "version",
];

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// What the specs say that is a platform's own.
fn platform_terms(api: &Api) -> Vec<String> {
    let mut terms = Vec::new();
    for p in &api.platforms {
        terms.push(p.module.clone());
        for gateway in &p.gateways {
            if let Some(host) = gateway.base_url.split("://").nth(1) {
                terms.push(host.split('/').next().unwrap_or_default().to_owned());
            }
            for (name, _) in gateway.request.headers.iter().chain(&gateway.request.query) {
                terms.push(name.clone());
            }
            for (name, value) in gateway.request.body.iter().flatten() {
                if !matches!(value, Carried::Params { .. }) {
                    terms.push(name.clone());
                }
            }
        }
        for token in &p.tokens {
            terms.push(token.path.clone());
            terms.extend(token.params.iter().map(|(name, _)| name.clone()));
            terms.push(token.token_path.clone());
        }
        for envelope in &p.envelopes {
            for path in [
                &envelope.code,
                &envelope.message,
                &envelope.request_id,
                &envelope.data,
            ] {
                terms.push(path.clone());
            }
            for code in envelope
                .token_codes
                .iter()
                .chain(&envelope.throttled_codes)
                .chain(&envelope.busy_codes)
                .chain(&envelope.invalid_codes)
                .chain(&envelope.denied_codes)
            {
                terms.push(code.trim_end_matches('*').to_owned());
            }
        }
    }
    terms.retain(|t| t.len() >= 4 && !GENERIC.contains(&t.to_lowercase().as_str()));
    terms.sort();
    terms.dedup();
    terms
}

#[test]
fn the_runtime_sources_name_no_platform() {
    let api = oapi_codegen::compile(&[workspace().join("spec")]).unwrap_or_else(|d| panic!("{d}"));
    let terms = platform_terms(&api);
    assert!(
        terms.iter().any(|t| t == "dingtalk") && terms.iter().any(|t| t == "40014"),
        "the check looks for names and codes: {terms:?}"
    );
    let mut files = Vec::new();
    sources(&workspace().join("generated/runtime/src"), &mut files);
    assert!(files.len() > 10);
    let mut found = Vec::new();
    for (path, text) in &files {
        let lower = text.to_lowercase();
        for term in &terms {
            if lower.contains(&term.to_lowercase()) {
                found.push(format!("{}: `{term}`", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "platform facts in the runtime:\n{}",
        found.join("\n")
    );
}
