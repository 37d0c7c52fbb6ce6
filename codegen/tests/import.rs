//! `oapi-codegen import` on the four seed pages: each import is a valid
//! spec, and against the hand-written spec (compared through the IR) every
//! endpoint has the same method, path, names, locations, required flags,
//! types and limits, except the differences listed here, each with why.
//! Then: TODO bookkeeping, the command line, and no panic on any input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use oapi_codegen::import::{ImportOptions, Imported, import};
use oapi_codegen::ir::{self, Bound, Field, Place, Ty, TypeDef};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

fn seed_text(prefix: &str) -> String {
    let dir = seeds();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let path = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}_* in {}", dir.display()));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec")
        .join(name)
}

/// Imports a seed, writes it, and checks it is a valid spec.
fn import_seed(prefix: &str) -> (Imported, PathBuf) {
    let imported = import(&seed_text(prefix), &ImportOptions::default());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(format!("{prefix}.yaml"));
    std::fs::write(&path, &imported.yaml).unwrap_or_else(|e| panic!("{e}"));
    if let Err(diagnostics) = oapi_codegen::check_files(std::slice::from_ref(&path)) {
        panic!(
            "the import of seed {prefix} is not a valid spec:\n{diagnostics}\n\n{}",
            imported.yaml
        );
    }
    // And the generator takes it all the way to formatted Rust.
    if let Err(diagnostics) = oapi_codegen::generate_files(std::slice::from_ref(&path)) {
        panic!("the import of seed {prefix} does not generate:\n{diagnostics}");
    }
    (imported, path)
}

fn compile(path: &Path) -> ir::Api {
    oapi_codegen::compile(&[path.to_path_buf()])
        .unwrap_or_else(|d| panic!("{}:\n{d}", path.display()))
}

/// An endpoint with its platform's gateways.
struct Located<'a> {
    endpoint: &'a ir::Endpoint,
    gateway: Option<&'a ir::Gateway>,
}

fn endpoints(api: &ir::Api) -> Vec<Located<'_>> {
    api.platforms
        .iter()
        .flat_map(|p| {
            p.groups.iter().flat_map(move |g| {
                g.endpoints.iter().map(move |e| Located {
                    endpoint: e,
                    gateway: p.gateways.iter().find(|gw| gw.const_name == e.gateway),
                })
            })
        })
        .collect()
}

fn bound(b: &Option<Bound>) -> String {
    match b {
        None => "-".into(),
        Some(Bound::Int(i)) => i.to_string(),
        Some(Bound::Float(f)) => f.to_string(),
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or("-".into(), ToString::to_string)
}

/// A type as text: scalars by name, objects as `object`, enums with their values.
fn ty(t: &Ty, types: &[TypeDef]) -> String {
    match t {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Int32 => "int32".into(),
        Ty::Map(inner) => format!("map<string, {}>", ty(inner, types)),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "json".into(),
        Ty::Secret(inner) => format!("secret {}", ty(inner, types)),
        Ty::List(inner) => format!("{}[]", ty(inner, types)),
        Ty::Named { name, .. } => match types.iter().find(|d| {
            matches!(d, TypeDef::Struct(s) if s.name == *name)
                || matches!(d, TypeDef::Enum(e) if e.name == *name)
        }) {
            Some(TypeDef::Struct(_)) => "object".into(),
            Some(TypeDef::Enum(e)) => {
                let values: Vec<String> = e.variants.iter().map(|v| v.value.to_string()).collect();
                format!(
                    "{}-enum{{{}}}",
                    if e.integer { "integer" } else { "string" },
                    values.join(",")
                )
            }
            None => format!("?{name}"),
        },
    }
}

/// The nested fields of a field's object type, if it has one.
fn nested<'a>(t: &Ty, types: &'a [TypeDef]) -> Option<&'a [Field]> {
    match t {
        Ty::List(inner) | Ty::Secret(inner) => nested(inner, types),
        Ty::Named { name, .. } => types.iter().find_map(|d| match d {
            TypeDef::Struct(s) if s.name == *name => Some(s.fields.as_slice()),
            _ => None,
        }),
        _ => None,
    }
}

/// `location:dotted.path aspect` → value, for every field.
fn field_facts(
    prefix: &str,
    fields: &[Field],
    types: &[TypeDef],
    request: bool,
    out: &mut BTreeMap<String, String>,
) {
    for f in fields {
        let place = match (request, f.place) {
            (false, _) => "response",
            (true, Place::Query) => "query",
            (true, Place::Header) => "headers",
            (true, Place::Body) => "body",
            (true, Place::Path) => "path_params",
        };
        let key = if prefix.is_empty() {
            format!("{place}:{}", f.wire)
        } else {
            format!("{prefix}.{}", f.wire)
        };
        let mut put = |aspect: &str, value: String| {
            out.insert(format!("{key} {aspect}"), value);
        };
        put("type", ty(&f.ty, types));
        put("required", f.required.to_string());
        put("min", bound(&f.limits.min));
        put("max", bound(&f.limits.max));
        put("min_items", opt(&f.limits.min_items));
        put("max_items", opt(&f.limits.max_items));
        put("min_length", opt(&f.limits.min_length));
        put("max_length", opt(&f.limits.max_length));
        put("default", opt(&f.default));
        put("encoding", format!("{:?}", f.encoding));
        if let Some(children) = nested(&f.ty, types) {
            field_facts(&key, children, types, request, out);
        }
    }
}

fn facts(located: &Located<'_>) -> BTreeMap<String, String> {
    let e = located.endpoint;
    let mut out = BTreeMap::new();
    out.insert("method".into(), format!("{:?}", e.method));
    out.insert("path".into(), e.path.clone());
    out.insert("name".into(), e.op_name.clone());
    out.insert("idempotent".into(), e.idempotent.to_string());
    out.insert("auth none".into(), e.auth_none.to_string());
    if let Some(g) = located.gateway {
        out.insert("gateway base_url".into(), g.base_url.clone());
        out.insert("gateway request".into(), format!("{:?}", g.request));
        out.insert("gateway envelope".into(), g.envelope.clone());
    }
    let windows: Vec<String> = e
        .windows
        .iter()
        .map(|w| format!("{}..{} {}d", w.start, w.end, w.max_days))
        .collect();
    out.insert("windows".into(), windows.join(" "));
    let mut fields = BTreeMap::new();
    field_facts("", &e.request.fields, &e.types, true, &mut fields);
    field_facts("", &e.response.fields, &e.types, false, &mut fields);
    out.extend(fields);
    out
}

/// Every difference between an imported endpoint and the hand-written one.
fn differences(path: &str, imported: &Located<'_>, hand: &Located<'_>) -> Vec<String> {
    let (a, b) = (facts(imported), facts(hand));
    let fields_of = |m: &BTreeMap<String, String>| -> BTreeSet<String> {
        m.keys()
            .filter(|k| k.contains(':'))
            .filter_map(|k| k.rsplit_once(' ').map(|(f, _)| f.to_owned()))
            .collect()
    };
    let (fa, fb) = (fields_of(&a), fields_of(&b));
    let mut out = Vec::new();
    for field in fa.difference(&fb) {
        out.push(format!("{path} {field}: only in the import"));
    }
    for field in fb.difference(&fa) {
        out.push(format!("{path} {field}: only in the hand-written spec"));
    }
    for (key, value) in &a {
        let field = key.rsplit_once(' ').map_or(key.as_str(), |(f, _)| f);
        if key.contains(':') && !fb.contains(field) {
            continue;
        }
        if let Some(hand) = b.get(key) {
            if hand != value {
                out.push(format!("{path} {key}: import {value}, hand-written {hand}"));
            }
        }
    }
    out
}

/// Imports a seed and returns its differences from the hand-written spec.
fn compare(prefix: &str, hand_spec: &str) -> Vec<String> {
    let (_, path) = import_seed(prefix);
    let imported = compile(&path);
    let hand = compile(&spec(hand_spec));
    let hand_endpoints = endpoints(&hand);
    let mut out = Vec::new();
    let ours = endpoints(&imported);
    assert!(!ours.is_empty(), "seed {prefix}: no endpoint imported");
    for located in &ours {
        let e = located.endpoint;
        let matching = hand_endpoints
            .iter()
            .find(|h| h.endpoint.path == e.path)
            .or_else(|| {
                (e.path.starts_with("/todo/") && hand_endpoints.len() == 1)
                    .then(|| &hand_endpoints[0])
            });
        match matching {
            Some(hand) => out.extend(differences(&hand.endpoint.path, located, hand)),
            None => out.push(format!("{}: not in the hand-written spec", e.path)),
        }
    }
    out
}

/// Asserts the differences are exactly the expected ones.
fn assert_differences(seed: &str, found: Vec<String>, expected: &[(&str, &[&str])]) {
    let found: BTreeSet<String> = found.into_iter().collect();
    let listed: BTreeSet<String> = expected
        .iter()
        .flat_map(|(_, lines)| lines.iter().map(|l| (*l).to_owned()))
        .collect();
    let unexpected: Vec<&String> = found.difference(&listed).collect();
    let gone: Vec<&String> = listed.difference(&found).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "seed {seed}:\nunexpected differences:\n{}\n\nlisted but not found:\n{}",
        unexpected
            .iter()
            .map(|s| format!("  \"{s}\","))
            .collect::<Vec<_>>()
            .join("\n"),
        gone.iter()
            .map(|s| format!("  \"{s}\","))
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

#[test]
fn seeds_are_there() {
    assert!(seeds().is_dir(), "{} is not a directory", seeds().display());
}

/// Facts the official SDKs add to the seed tables (#16): not on the pages.
const SDK_FACTS: &[&str] = &[
    "/topapi/blackboard/create body:create_request.attachments.fileId: only in the hand-written spec",
    "/topapi/blackboard/create body:create_request.attachments.fileType: only in the hand-written spec",
    "/topapi/blackboard/create body:create_request.attachments.name: only in the hand-written spec",
    "/topapi/blackboard/create body:create_request.attachments.size: only in the hand-written spec",
    "/topapi/blackboard/create body:create_request.attachments.spaceId: only in the hand-written spec",
    "/topapi/blackboard/create body:create_request.attachments: only in the hand-written spec",
    "/topapi/blackboard/create body:create_request.downloadable: only in the hand-written spec",
    "/topapi/blackboard/get response:result.senderStaffId: only in the hand-written spec",
    "/topapi/blackboard/listtopten body:categoryId: only in the hand-written spec",
    "/topapi/blackboard/listtopten response:blackboard_list.categoryName: only in the hand-written spec",
    "/topapi/blackboard/listtopten response:blackboard_list.isPushTop: only in the hand-written spec",
    "/topapi/blackboard/listtopten response:blackboard_list.privateLevel: only in the hand-written spec",
    "/topapi/checkin/record/get windows: import , hand-written start_time..end_time 10d start_time..end_time 1d",
    "/topapi/report/list response:result.data_list.images: only in the hand-written spec",
    "/topapi/report/list response:result.data_list.latitude: only in the hand-written spec",
    "/topapi/report/list response:result.data_list.longitude: only in the hand-written spec",
    "/topapi/smartwork/hrm/employee/queryonjob body:size min: import -, hand-written 1",
    "/topapi/smartwork/hrm/employee/queryonjob body:status_list max_items: import -, hand-written 20",
    "/topapi/smartwork/hrm/employee/querypreentry body:size min: import -, hand-written 1",
];

/// The naming rule keeps every path segment after the group (docs/import.md);
/// the hand-written spec shortened these three.
const NAMES_000: &[&str] = &[
    "/topapi/smartwork/hrm/employee/querypreentry name: import hrm.employee_querypreentry, hand-written hrm.querypreentry",
];

#[test]
fn seed_000_markdown_page() {
    let found = compare("000", "dingtalk.yaml");
    // Nothing else differs: seed 000's table does not list PageResult's
    // fields, but the importer took them (next_cursor, data_list) from the
    // response example, as the hand-written spec did.
    assert_differences(
        "000",
        found,
        &[
            (
                "naming rule: every segment after the group is kept",
                NAMES_000,
            ),
            (
                "facts from the official SDKs, not on the page",
                &[
                    "/topapi/smartwork/hrm/employee/querypreentry body:size min: import -, hand-written 1",
                ],
            ),
        ],
    );
}

#[test]
fn seed_001_numbered_sections() {
    let found = compare("001", "dingtalk.yaml");
    assert_differences(
        "001",
        found,
        &[
            (
                "the page types it `Integer`: read as int32 (the hand-written spec kept int64)",
                &[
                    "/v1.0/hrm/employees/dismissions query:maxResults type: import int32, hand-written integer",
                ],
            ),
            (
                "naming rule: every segment after the group is kept; the hand-written spec dropped `employee(s)`",
                &[
                    "/topapi/smartwork/hrm/employee/queryonjob name: import hrm.employee_queryonjob, hand-written hrm.queryonjob",
                    "/topapi/smartwork/hrm/employee/querypreentry name: import hrm.employee_querypreentry, hand-written hrm.querypreentry",
                    "/v1.0/hrm/employees/dismissions name: import hrm.employees_dismissions, hand-written hrm.dismissions",
                ],
            ),
            (
                "the seed cuts the value lists off (`保密等级:`, `查询类型:`): the hand-written enums come from the DingTalk reference",
                &[
                    "/topapi/blackboard/create body:create_request.private_level type: import integer, hand-written integer-enum{0,20}",
                    "/topapi/blackboard/get response:result.private_level type: import integer, hand-written integer-enum{0,20}",
                    "/topapi/report/statistics/listbytype body:type type: import integer, hand-written integer-enum{0,1,2}",
                ],
            ),
            (
                "the page gives only a maximum for these page sizes (最大值为20, 最大为20, 最大值50); the hand-written spec adds min 1",
                &[
                    "/topapi/report/list body:size min: import -, hand-written 1",
                    "/topapi/report/simplelist body:size min: import -, hand-written 1",
                    "/v1.0/hrm/employees/dismissions query:maxResults min: import -, hand-written 1",
                ],
            ),
            (
                "blackboard.create's table is flat: nothing says blackboard_receiver ends after userid_list, so it took the rows up to the end of the table (marked TODO)",
                &[
                    "/topapi/blackboard/create body:create_request.blackboard_receiver.category_id: only in the import",
                    "/topapi/blackboard/create body:create_request.blackboard_receiver.content: only in the import",
                    "/topapi/blackboard/create body:create_request.blackboard_receiver.coverpic_mediaid: only in the import",
                    "/topapi/blackboard/create body:create_request.blackboard_receiver.push_top: only in the import",
                    "/topapi/blackboard/create body:create_request.blackboard_receiver.title: only in the import",
                    "/topapi/blackboard/create body:create_request.category_id: only in the hand-written spec",
                    "/topapi/blackboard/create body:create_request.content: only in the hand-written spec",
                    "/topapi/blackboard/create body:create_request.coverpic_mediaid: only in the hand-written spec",
                    "/topapi/blackboard/create body:create_request.push_top: only in the hand-written spec",
                    "/topapi/blackboard/create body:create_request.title: only in the hand-written spec",
                ],
            ),
            (
                "seed 001 does not list report.create contents' subfields (the hand-written spec took them from the DingTalk reference), so the flat table's next rows were taken as contents' fields (marked TODO)",
                &[
                    "/topapi/report/create body:create_report_param.contents.content: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.contents.content_type: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.contents.key: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.contents.sort: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.contents.type: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.contents.dd_from: only in the import",
                    "/topapi/report/create body:create_report_param.contents.template_id: only in the import",
                    "/topapi/report/create body:create_report_param.contents.to_chat: only in the import",
                    "/topapi/report/create body:create_report_param.contents.to_cids: only in the import",
                    "/topapi/report/create body:create_report_param.contents.to_userids: only in the import",
                    "/topapi/report/create body:create_report_param.contents.userid: only in the import",
                    "/topapi/report/create body:create_report_param.dd_from: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.template_id: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.to_chat: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.to_cids: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.to_userids: only in the hand-written spec",
                    "/topapi/report/create body:create_report_param.userid: only in the hand-written spec",
                ],
            ),
            (
                "report.list's table is flat: nothing says contents (JsonObject[]) ends after key, so remark..modified_time went into contents, not data_list (marked TODO)",
                &[
                    "/topapi/report/list response:result.data_list.contents.create_time: only in the import",
                    "/topapi/report/list response:result.data_list.contents.creator_id: only in the import",
                    "/topapi/report/list response:result.data_list.contents.creator_name: only in the import",
                    "/topapi/report/list response:result.data_list.contents.dept_name: only in the import",
                    "/topapi/report/list response:result.data_list.contents.modified_time: only in the import",
                    "/topapi/report/list response:result.data_list.contents.remark: only in the import",
                    "/topapi/report/list response:result.data_list.contents.report_id: only in the import",
                    "/topapi/report/list response:result.data_list.contents.template_name: only in the import",
                    "/topapi/report/list response:result.data_list.create_time: only in the hand-written spec",
                    "/topapi/report/list response:result.data_list.creator_id: only in the hand-written spec",
                    "/topapi/report/list response:result.data_list.creator_name: only in the hand-written spec",
                    "/topapi/report/list response:result.data_list.dept_name: only in the hand-written spec",
                    "/topapi/report/list response:result.data_list.modified_time: only in the hand-written spec",
                    "/topapi/report/list response:result.data_list.remark: only in the hand-written spec",
                    "/topapi/report/list response:result.data_list.report_id: only in the hand-written spec",
                    "/topapi/report/list response:result.data_list.template_name: only in the hand-written spec",
                ],
            ),
            (
                "template.getbyname's table is flat: name/id (after default_receivers' rows) and user_name/userid (after fields' rows) are result's own fields in the hand-written spec; the import kept them in the list before (marked TODO)",
                &[
                    "/topapi/report/template/getbyname response:result.default_receivers.id: only in the import",
                    "/topapi/report/template/getbyname response:result.default_receivers.name: only in the import",
                    "/topapi/report/template/getbyname response:result.fields.user_name: only in the import",
                    "/topapi/report/template/getbyname response:result.fields.userid: only in the import",
                    "/topapi/report/template/getbyname response:result.id: only in the hand-written spec",
                    "/topapi/report/template/getbyname response:result.name: only in the hand-written spec",
                    "/topapi/report/template/getbyname response:result.user_name: only in the hand-written spec",
                    "/topapi/report/template/getbyname response:result.userid: only in the hand-written spec",
                ],
            ),
            ("facts from the official SDKs, not on the page", SDK_FACTS),
            (
                "the import names an envelope by its kind; the hand-written spec calls api.dingtalk.com's `v1`",
                &[
                    "/v1.0/hrm/employees/dismissions gateway envelope: import ENVELOPE_HTTP_STATUS, hand-written ENVELOPE_V1",
                ],
            ),
        ],
    );
}

#[test]
fn seed_002_top_page() {
    // No difference: the DingOpenResult wrapper is unwrapped, the bullets'
    // nesting is rebuilt (has_more back in result), the Java URL is taken.
    let found = compare("002", "dingtalk.yaml");
    assert_differences("002", found, &[]);
}

#[test]
fn seed_003_shiheng_tree() {
    let found = compare("003", "shiheng.yaml");
    assert_differences(
        "003",
        found,
        &[
            (
                "the page gives no URL: the import writes a placeholder path and host (TODO), the hand-written spec an assumption; without a path the name is a placeholder and nothing says the POST only reads",
                &[
                    "/api/wecom/employee/list gateway base_url: import https://todo.invalid, hand-written https://open.shihengtech.com",
                    "/api/wecom/employee/list idempotent: import false, hand-written true",
                    "/api/wecom/employee/list name: import api.endpoint_1, hand-written employee.list",
                    "/api/wecom/employee/list path: import /todo/endpoint_1, hand-written /api/wecom/employee/list",
                ],
            ),
            (
                "the page types them `integer`: read as int32 (the hand-written spec kept int64)",
                &[
                    "/api/wecom/employee/list body:pageNum type: import int32, hand-written integer",
                    "/api/wecom/employee/list body:pageSize type: import int32, hand-written integer",
                    "/api/wecom/employee/list response:pages type: import int32, hand-written integer",
                    "/api/wecom/employee/list response:result.id type: import int32, hand-written integer",
                    "/api/wecom/employee/list response:total type: import int32, hand-written integer",
                ],
            ),
            (
                "the page names neither the credentials nor the signing rule: the import writes generic names (and sends the wrapper even when empty: the page does not say it may be left out)",
                &[
                    "/api/wecom/employee/list gateway request: import RequestShape { format: Json, query: [], headers: [], body: Some([(\"appId\", Credential(\"app_key\")), (\"sign\", Signature(\"SIGNING_SIGN\")), (\"version\", Literal(\"1.0\")), (\"timestamp\", Timestamp(Millis)), (\"paramContent\", Params { how: Object, omit_empty: false })]) }, hand-written RequestShape { format: Json, query: [], headers: [], body: Some([(\"appId\", Credential(\"app_id\")), (\"sign\", Signature(\"SIGNING_TOP_MD5\")), (\"version\", Literal(\"1.0\")), (\"timestamp\", Timestamp(Millis)), (\"paramContent\", Params { how: Object, omit_empty: true })]) }",
                ],
            ),
        ],
    );
}

#[test]
fn the_seeds_cover_every_hand_written_endpoint() {
    let mut imported: BTreeSet<String> = BTreeSet::new();
    for (prefix, count) in [("000", 1), ("001", 21), ("002", 1), ("003", 1)] {
        let (result, path) = import_seed(prefix);
        assert_eq!(result.endpoints, count, "seed {prefix}");
        imported.extend(
            endpoints(&compile(&path))
                .iter()
                .map(|l| l.endpoint.path.clone()),
        );
    }
    // Every seed endpoint is one the hand-written specs have (the specs
    // also hold the corpus pages', imported and scored in import_scores).
    let mut hand: BTreeSet<String> = BTreeSet::new();
    for name in ["dingtalk.yaml", "shiheng.yaml"] {
        let api = compile(&spec(name));
        hand.extend(endpoints(&api).iter().map(|e| e.endpoint.path.clone()));
    }
    for path in &imported {
        // 食亨's page names no path: the importer leaves a TODO in its place.
        let covered = hand.contains(path) || path == "/todo/endpoint_1";
        assert!(covered, "the seeds' {path} is in no hand-written spec");
    }
    assert_eq!(imported.len(), 23, "the seeds' endpoints");
}

#[test]
fn every_todo_is_a_comment_and_counted() {
    for prefix in ["000", "001", "002", "003"] {
        let (imported, _) = import_seed(prefix);
        let comments = imported
            .yaml
            .lines()
            .filter(|l| l.trim_start().starts_with("# TODO: "))
            .count();
        assert_eq!(comments, imported.todos.len(), "seed {prefix}");
        assert!(imported.fields > 0);
        assert_eq!(
            imported.summary(),
            format!(
                "{} endpoints, {} fields, {} TODOs",
                imported.endpoints,
                imported.fields,
                imported.todos.len()
            )
        );
    }
    // The guesses the seeds call for are marked where they are made.
    let (imported, _) = import_seed("001");
    let todo_at = |at: &str, text: &str| {
        imported
            .todos
            .iter()
            .any(|t| t.at == at && t.text.contains(text))
    };
    assert!(todo_at(
        "blackboard.listtopten response.blackboard_list.id",
        "Sting"
    ));
    assert!(todo_at(
        "blackboard.create body.create_request.blackboard_receiver",
        "is a guess"
    ));
    assert!(todo_at(
        "checkin.record_get body.userid_list",
        "comma-separated"
    ));
    assert!(todo_at(
        "hrm.employee_queryonjob response.result.data_list",
        "the example is a list"
    ));
    let (imported, _) = import_seed("003");
    assert!(imported.todos.iter().any(|t| t.text.contains("no URL")));
    assert!(
        imported
            .todos
            .iter()
            .any(|t| t.at == "api.endpoint_1 response.result.status" && t.text.contains("enum"))
    );
}

#[test]
fn the_command_line() {
    let exe = env!("CARGO_BIN_EXE_oapi-codegen");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-cli");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let page = dir.join("page.txt");
    std::fs::write(&page, seed_text("002")).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out.yaml");
    let run = Command::new(exe)
        .args([
            "import",
            &page.to_string_lossy(),
            "--platform",
            "dingtalk",
            "--out",
            &out.to_string_lossy(),
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.trim().starts_with("1 endpoints, 12 fields, "),
        "{stderr}"
    );
    assert!(stderr.trim().ends_with(" TODOs"), "{stderr}");
    assert!(run.stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(written.contains("group_positions_query:"));
    let check = Command::new(exe)
        .args(["check", &out.to_string_lossy()])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // stdout by default.
    let run = Command::new(exe)
        .args(["import", &page.to_string_lossy()])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&run.stdout), written);
    // Usage errors.
    let run = Command::new(exe)
        .args(["import"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(2));
    let run = Command::new(exe)
        .args(["import", "/nonexistent/page.txt"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(1));
}

/// A small deterministic generator (no dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Imports `text` and checks the result is a valid spec: never a panic,
/// never an invalid file, whatever the input.
fn survives(text: &str, what: &str) {
    let imported = import(text, &ImportOptions::default());
    let loaded = oapi_codegen::load::load_str(Path::new("fuzz.yaml"), imported.yaml.clone())
        .unwrap_or_else(|d| {
            panic!(
                "{what}: not YAML: {d:?}
{}",
                imported.yaml
            )
        });
    let problems = oapi_codegen::check::check(&loaded);
    assert!(
        problems.is_empty(),
        "{what}: not a valid spec:
{}

{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(
                "
"
            ),
        imported.yaml
    );
}

#[test]
fn truncated_seeds_never_panic_and_stay_valid() {
    for prefix in ["000", "001", "002", "003"] {
        let text = seed_text(prefix);
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let step = (boundaries.len() / 150).max(1);
        for at in boundaries.iter().step_by(step) {
            survives(&text[..*at], &format!("seed {prefix} cut at byte {at}"));
            survives(&text[*at..], &format!("seed {prefix} from byte {at}"));
        }
    }
}

#[test]
fn garbage_and_shuffled_pages_never_panic_and_stay_valid() {
    // IMPORT_FUZZ_SEED and IMPORT_FUZZ_ROUNDS run it longer or elsewhere.
    let seed = std::env::var("IMPORT_FUZZ_SEED")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let mut rng = Rng(seed | 1);
    let alphabet: Vec<char> = "|•└├│─-:：、，,。[]{}()<>\"'`*#~=0123456789 \t\nabcxyzABCXYZ_名称类型是否必填示例值描述返回参数请求方式地址Query参数Body参数Header参数GETPOSThttps://oapi.dingtalk.com/topapi/a/b\u{0}\u{85}\u{2028}\u{feff}🙂最大从开始默认值为相隔天0-未知1=是"
        .chars()
        .collect();
    for round in 0..300 {
        let length = rng.below(600);
        let text: String = (0..length)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        survives(&text, &format!("garbage round {round}"));
    }
    let all: Vec<String> = ["000", "001", "002", "003"]
        .iter()
        .map(|p| seed_text(p))
        .collect();
    let lines: Vec<&str> = all.iter().flat_map(|t| t.lines()).collect();
    for round in 0..60 {
        let count = rng.below(200);
        let page: Vec<&str> = (0..count).map(|_| lines[rng.below(lines.len())]).collect();
        survives(&page.join("\n"), &format!("shuffled lines round {round}"));
    }
    // Seeds with lines deleted, duplicated, swapped or sprinkled with odd characters.
    let rounds: usize = std::env::var("IMPORT_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(80);
    for round in 0..rounds {
        let seed = &all[rng.below(all.len())];
        let mut page: Vec<String> = seed.lines().map(str::to_owned).collect();
        for _ in 0..1 + rng.below(12) {
            if page.is_empty() {
                break;
            }
            let at = rng.below(page.len());
            match rng.below(4) {
                0 => {
                    page.remove(at);
                }
                1 => {
                    let line = page[at].clone();
                    page.insert(at, line);
                }
                2 => {
                    let other = rng.below(page.len());
                    page.swap(at, other);
                }
                _ => {
                    let line: Vec<char> = page[at].chars().collect();
                    let cut = rng.below(line.len() + 1);
                    let noise: String = (0..1 + rng.below(4))
                        .map(|_| alphabet[rng.below(alphabet.len())])
                        .collect();
                    page[at] = line[..cut].iter().collect::<String>()
                        + &noise
                        + &line[cut..].iter().collect::<String>();
                }
            }
        }
        survives(&page.join("\n"), &format!("mutated seed round {round}"));
    }
    for text in [
        "",
        "\n\n",
        "|",
        "名称 | 类型 |",
        "1、x\n请求方式:GET\n请求地址:https://a.b/c\nBody参数\n名称 | 类型 |\nx | String |",
        "{",
        "•\n•",
    ] {
        survives(text, &format!("{text:?}"));
    }
}

/// The corpus pages (`fixtures/corpus/{md,txt}`), both forms.
fn corpus_pages() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for dir in ["md", "txt"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/corpus")
            .join(dir);
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            pages.push((path.display().to_string(), text));
        }
    }
    pages
}

#[test]
fn corpus_pages_cut_and_mutated_never_panic_and_stay_valid() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (name, text) in corpus_pages() {
        survives(&text, &name);
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let step = (boundaries.len() / 10).max(1);
        for at in boundaries.iter().step_by(step) {
            survives(&text[..*at], &format!("{name} cut at byte {at}"));
            survives(&text[*at..], &format!("{name} from byte {at}"));
        }
        let lines: Vec<&str> = text.lines().collect();
        for round in 0..3 {
            let mut page: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            for _ in 0..1 + rng.below(20) {
                if page.is_empty() {
                    break;
                }
                let at = rng.below(page.len());
                match rng.below(4) {
                    0 => {
                        page.remove(at);
                    }
                    1 => {
                        let other = rng.below(page.len());
                        page.swap(at, other);
                    }
                    2 => page[at] = page[at].replace('\t', " | "),
                    _ => page[at] = format!("\u{a0}\u{a0}└ {}\t-", page[at]),
                }
            }
            survives(&page.join("\n"), &format!("{name} mutated round {round}"));
        }
    }
}

/// docs/import.md: "an endpoint-level TODO lists what the page did not say
/// (auth, envelope, paging)"; a page that says all three gets none.
#[test]
fn an_endpoint_todo_lists_what_the_page_does_not_say() {
    let silent = "查询列表\n\n请求方式：POST\n请求地址：https://api.example.com/v2/items/list\n\n请求参数\n\n名称\t类型\t是否必填\t描述\ncursor\tString\t否\t分页游标\nsize\tInteger\t否\t每页条数，最大100\n\n返回参数\n\n名称\t类型\t描述\nitems\tArray of String\t条目\n";
    let imported = import(silent, &ImportOptions::default());
    let said: Vec<&str> = imported
        .todos
        .iter()
        .filter(|t| t.text.starts_with("the page does not say"))
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{}", imported.yaml);
    for what in ["auth", "envelope", "paging"] {
        assert!(said[0].contains(what), "{what} not listed: {}", said[0]);
    }
    let (page, _) = corpus_pages()
        .into_iter()
        .find(|(name, _)| name.contains("01_queries"))
        .unwrap_or_default();
    let imported = import(&page, &ImportOptions::default());
    assert!(
        !imported
            .todos
            .iter()
            .any(|t| t.text.starts_with("the page does not say")),
        "page 01 says its auth, envelope and paging:\n{}",
        imported.yaml
    );
}

/// The import of every corpus page: YAML with only the format's top-level
/// keys, no v1 auth names, every `{param}` of a path under `path_params`,
/// every TODO a counted comment, generated to Rust; and what the Feishu,
/// DingTalk v1.0 and 分贝通 pages state is written.
#[test]
fn every_corpus_import_generates_and_holds_what_the_page_states() {
    let v2 = ImportOptions::default();
    let top = [
        "platform",
        "doc",
        "credentials",
        "tokens",
        "envelopes",
        "signing",
        "gateways",
        "defaults",
        "groups",
    ];
    let mut by_name = BTreeMap::new();
    for (name, text) in corpus_pages() {
        let imported = import(&text, &v2);
        let value: serde_yaml::Value = serde_yaml::from_str(&imported.yaml)
            .unwrap_or_else(|e| panic!("{name}: not YAML: {e}\n{}", imported.yaml));
        let keys: Vec<String> = value
            .as_mapping()
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        for key in &keys {
            assert!(top.contains(&key.as_str()), "{name}: top-level `{key}`");
        }
        assert!(!imported.yaml.contains("auth: query_token"), "{name}");
        let comments = imported
            .yaml
            .lines()
            .filter(|l| l.trim_start().starts_with("# TODO: "))
            .count();
        assert_eq!(comments, imported.todos.len(), "{name}");
        let groups = value
            .get("groups")
            .and_then(|g| g.as_mapping())
            .cloned()
            .unwrap_or_default();
        for (_, group) in groups {
            let endpoints = group
                .get("endpoints")
                .and_then(|e| e.as_mapping())
                .cloned()
                .unwrap_or_default();
            for (endpoint_name, endpoint) in endpoints {
                let path = endpoint
                    .get("path")
                    .and_then(|p| p.as_str())
                    .unwrap_or_default();
                for param in path
                    .split('/')
                    .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                {
                    assert!(
                        endpoint
                            .get("path_params")
                            .and_then(|p| p.get(param))
                            .is_some(),
                        "{name}: {endpoint_name:?} has no path_params.{param}"
                    );
                }
            }
        }
        // And the generator takes it all the way to formatted Rust.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-corpus");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.join(format!("{}.yaml", by_name.len()));
        std::fs::write(&file, &imported.yaml).unwrap_or_else(|e| panic!("{e}"));
        if let Err(diagnostics) = oapi_codegen::generate_files(std::slice::from_ref(&file)) {
            panic!(
                "{name}: the import does not generate:\n{diagnostics}\n{}",
                imported.yaml
            );
        }
        by_name.insert(name, imported.yaml);
    }
    let page = |prefix: &str| {
        by_name
            .iter()
            .find(|(n, _)| n.contains(&format!("/txt/{prefix}_")))
            .map(|(_, y)| y.clone())
            .unwrap_or_default()
    };
    let feishu = page("19");
    for expected in [
        "request: {headers: {Authorization: {token: app, prefix: \"Bearer \"}}}",
        "path: /open-apis/contact/v3/departments/{department_id}/children",
        "path_params:",
        "page_size: {type: int32, max: 50",
        "paging: {style: cursor, cursor: page_token, size: page_size, next: page_token, has_more: has_more, items: items}",
        "data: data",
    ] {
        assert!(
            feishu.contains(expected),
            "19 lacks `{expected}`:\n{feishu}"
        );
    }
    let todo = page("06");
    for expected in [
        "header: {type: \"map<string, json>\"",
        "max_bytes: 1024",
        "format: unix-ms",
    ] {
        assert!(todo.contains(expected), "06 lacks `{expected}`:\n{todo}");
    }
    let patch = page("29");
    assert!(patch.contains("method: PATCH"), "{patch}");
    let fenbeitong = page("23");
    for expected in [
        "digest: md5",
        "secret: {credential: sign_key, at: param, name: sign_key}",
        "data: {params: object}",
        "path: /open/api/auth/v1/dispense",
    ] {
        assert!(
            fenbeitong.contains(expected),
            "23 lacks `{expected}`:\n{fenbeitong}"
        );
    }
}
