//! `oapi-codegen openapi`: the export of the real spec is a valid OpenAPI 3.1
//! document (checked offline against the official JSON Schema), says every
//! fact of every endpoint, and reads back the same from JSON and YAML.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use jsonschema::Draft;
use oapi_codegen::ir::{
    self, Bound, Encoding, Field, Place, Success, Ty, TypeDef, Value as Carried,
};
use oapi_codegen::openapi::cli::{Format, render};
use oapi_codegen::openapi::export;
use serde_json::{Value, json};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn compile(inputs: &[PathBuf]) -> ir::Api {
    oapi_codegen::compile(inputs).unwrap_or_else(|d| panic!("spec does not compile:\n{d}"))
}

fn real_api() -> ir::Api {
    compile(&[spec_dir()])
}

/// The vendored official schema (see tests/fixtures/README.md).
fn official_schema() -> Value {
    serde_json::from_str(include_str!("fixtures/openapi-3.1-schema.json"))
        .expect("the vendored schema is JSON")
}

/// Violations of the official OpenAPI 3.1 schema, validated offline: the
/// draft 2020-12 meta-schemas it names come from the crate's built-ins.
fn violations(document: &Value) -> Vec<String> {
    let schema = official_schema();
    let validator = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .offline()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the official schema compiles offline");
    validator
        .iter_errors(document)
        .map(|e| format!("{} (at {}, rule {})", e, e.instance_path(), e.schema_path()))
        .collect()
}

/// Every Schema Object of the document, with where it is.
fn schema_objects(document: &Value) -> Vec<(String, &Value)> {
    let mut found = Vec::new();
    if let Some(schemas) = document["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            found.push((format!("components.schemas.{name}"), schema));
        }
    }
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let at = format!("{method} {path}");
            for p in op["parameters"].as_array().into_iter().flatten() {
                found.push((format!("{at} parameter {}", p["name"]), &p["schema"]));
            }
            for (media, m) in op["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                found.push((format!("{at} requestBody {media}"), &m["schema"]));
            }
            for (status, r) in op["responses"].as_object().into_iter().flatten() {
                for (media, m) in r["content"].as_object().into_iter().flatten() {
                    found.push((format!("{at} response {status} {media}"), &m["schema"]));
                }
            }
        }
    }
    found
}

/// Every `$ref` value in `value`.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

fn assert_valid_document(document: &Value) {
    let problems = violations(document);
    assert!(
        problems.is_empty(),
        "the export violates the OpenAPI 3.1 schema:\n{}",
        problems.join("\n")
    );
    let mut bad = Vec::new();
    for (at, schema) in schema_objects(document) {
        if let Err(e) = jsonschema::draft202012::meta::validate(schema) {
            bad.push(format!("{at}: {e}"));
        }
    }
    assert!(bad.is_empty(), "invalid JSON Schemas:\n{}", bad.join("\n"));
    let mut all = Vec::new();
    refs(document, &mut all);
    let components = &document["components"]["schemas"];
    for r in &all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected $ref {r}"));
        assert!(components.get(name).is_some(), "dangling $ref {r}");
    }
    for name in components.as_object().into_iter().flatten().map(|(n, _)| n) {
        let r = format!("#/components/schemas/{name}");
        assert!(all.contains(&r), "component {name} is never referenced");
    }
}

// ---------------------------------------------------------------- test 1

#[test]
fn export_of_the_real_spec_validates_against_the_official_schema() {
    assert_eq!(
        official_schema()["$id"],
        "https://spec.openapis.org/oas/3.1/schema/2022-10-07"
    );
    let document = export(&real_api());
    assert_eq!(document["openapi"], "3.1.0");
    assert_valid_document(&document);
}

#[test]
fn the_validator_is_not_vacuous() {
    let document = export(&real_api());
    let mut broken = document.clone();
    broken["paths"]["/gettoken"]["get"]["parameters"][0]["in"] = json!("body");
    broken["paths"]["/gettoken"]["get"]["externalDocs"] = json!({"url": "not a uri"});
    broken["info"]
        .as_object_mut()
        .expect("info is an object")
        .remove("version");
    broken["x-unknown"] = json!(true);
    broken["unknownTopLevel"] = json!(true);
    let problems = violations(&broken).join("\n");
    for expected in ["body", "not a uri", "version", "unknownTopLevel"] {
        assert!(
            problems.contains(expected),
            "expected a violation mentioning {expected:?}:\n{problems}"
        );
    }
    assert!(!problems.contains("x-unknown"), "x- extensions are allowed");
}

// ---------------------------------------------------------------- test 2

/// Walks one endpoint's IR beside its exported operation, recording every
/// disagreement.
struct Checker<'a> {
    document: &'a Value,
    endpoint: &'a ir::Endpoint,
    failures: Vec<String>,
    fields: usize,
    limits: usize,
    enums: usize,
    commas: usize,
}

impl<'a> Checker<'a> {
    fn fail(&mut self, at: &str, problem: String) {
        self.failures.push(format!("{at}: {problem}"));
    }

    fn expect_eq(&mut self, at: &str, what: &str, found: &Value, expected: &Value) {
        if found != expected {
            self.fail(at, format!("{what}: found {found}, expected {expected}"));
        }
    }

    /// The component a `$ref` schema points to.
    fn target(&mut self, at: &str, schema: &Value) -> Option<&'a Value> {
        let Some(reference) = schema["$ref"].as_str() else {
            self.fail(at, format!("expected a $ref, found {schema}"));
            return None;
        };
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = self.document["components"]["schemas"].get(name);
        if target.is_none() {
            self.fail(at, format!("dangling $ref {reference}"));
        }
        target
    }

    /// An object schema holding exactly `fields`, `required` as they say.
    fn object(&mut self, at: &str, fields: &[&Field], schema: &Value, nullable: bool) {
        self.expect_eq(at, "type", &schema["type"], &json!("object"));
        let expected: BTreeSet<&str> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire.as_str())
            .collect();
        let found: BTreeSet<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if expected != found {
            self.fail(at, format!("required {found:?}, expected {expected:?}"));
        }
        for field in fields {
            let field_at = format!("{at}.{}", field.wire);
            match schema["properties"].get(&field.wire) {
                Some(property) => self.field(&field_at, field, property, nullable),
                None => self.fail(&field_at, "missing property".into()),
            }
        }
    }

    /// One field: type, doc, example, default, limits, comma encoding;
    /// `nullable` (response side): it also accepts `null`.
    fn field(&mut self, at: &str, field: &Field, schema: &Value, nullable: bool) {
        self.fields += 1;
        let schema = &if nullable {
            self.non_null(at, schema)
        } else {
            schema.clone()
        };
        let doc = field.doc.trim();
        if !doc.is_empty() && !schema["description"].as_str().unwrap_or("").contains(doc) {
            self.fail(
                at,
                format!("description {} lacks {doc:?}", schema["description"]),
            );
        }
        let wire = |value: &Value| match field.encoding {
            Encoding::Comma => comma_joined(value),
            Encoding::Json => json!(value.to_string()),
            Encoding::Plain => value.clone(),
        };
        if let Some(example) = &field.example {
            self.expect_eq(at, "example", &schema["examples"][0], &wire(example));
        }
        if let Some(default) = &field.default {
            self.expect_eq(at, "default", &schema["default"], &wire(default));
        }
        // A JSON-text field: a string whose content has the value's schema.
        let schema = &if field.encoding == Encoding::Json {
            self.expect_eq(at, "type", &schema["type"], &json!("string"));
            self.expect_eq(
                at,
                "contentMediaType",
                &schema["contentMediaType"],
                &json!("application/json"),
            );
            schema["contentSchema"].clone()
        } else {
            schema.clone()
        };
        let limits = &field.limits;
        let bound = |b: &Option<Bound>| match b {
            Some(Bound::Int(n)) => json!(n),
            Some(Bound::Float(f)) => json!(f),
            None => Value::Null,
        };
        let count = |n: Option<u64>| n.map_or(Value::Null, |n| json!(n));
        self.limits += [limits.min.is_some(), limits.max.is_some()]
            .into_iter()
            .chain(
                [
                    limits.min_items,
                    limits.max_items,
                    limits.min_length,
                    limits.max_length,
                ]
                .map(|n| n.is_some()),
            )
            .filter(|set| *set)
            .count();
        self.expect_eq(at, "minimum", &schema["minimum"], &bound(&limits.min));
        self.expect_eq(at, "maximum", &schema["maximum"], &bound(&limits.max));
        self.expect_eq(
            at,
            "minLength",
            &schema["minLength"],
            &count(limits.min_length),
        );
        self.expect_eq(
            at,
            "maxLength",
            &schema["maxLength"],
            &count(limits.max_length),
        );
        if field.encoding == Encoding::Comma {
            self.commas += 1;
            let Ty::List(item) = &field.ty else {
                return self.fail(at, "comma field is not a list".into());
            };
            self.expect_eq(at, "type", &schema["type"], &json!("string"));
            let list = &schema["x-oapi-comma-list"];
            self.expect_eq(
                at,
                "comma minItems",
                &list["minItems"],
                &count(limits.min_items),
            );
            self.expect_eq(
                at,
                "comma maxItems",
                &list["maxItems"],
                &count(limits.max_items),
            );
            let pattern = schema["pattern"].as_str().unwrap_or_default();
            if let Some(example) = &field.example {
                let check = json!({"type": "string", "pattern": pattern});
                if !jsonschema::is_valid(&check, &comma_joined(example)) {
                    self.fail(at, format!("pattern {pattern} rejects the example"));
                }
            }
            if let Some(max) = limits.max_items {
                let too_many = vec![json!("1"); usize::try_from(max).unwrap_or(0) + 1];
                let check = json!({"type": "string", "pattern": pattern});
                if jsonschema::is_valid(&check, &comma_joined(&Value::Array(too_many))) {
                    self.fail(
                        at,
                        format!("pattern {pattern} allows more than {max} items"),
                    );
                }
            }
            self.ty(&format!("{at}[item]"), item, &list["items"]);
        } else {
            self.expect_eq(
                at,
                "minItems",
                &schema["minItems"],
                &count(limits.min_items),
            );
            self.expect_eq(
                at,
                "maxItems",
                &schema["maxItems"],
                &count(limits.max_items),
            );
            self.ty(at, &field.ty, schema);
        }
    }

    /// The schema without its `null` alternative (`type: [T, "null"]` or
    /// `anyOf: [{$ref}, {type: null}]`); a schema without `type` accepts null.
    fn non_null(&mut self, at: &str, schema: &Value) -> Value {
        let mut schema = schema.clone();
        let Some(object) = schema.as_object_mut() else {
            return schema;
        };
        if let Some(Value::Array(types)) = object.get("type") {
            match types.as_slice() {
                [ty, null] if null == "null" => {
                    let ty = ty.clone();
                    object.insert("type".into(), ty);
                }
                _ => self.fail(at, format!("unexpected type list {types:?}")),
            }
        } else if let Some(Value::Array(any)) = object.remove("anyOf") {
            match any.as_slice() {
                [reference, null] if null == &json!({"type": "null"}) => {
                    object.insert("$ref".into(), reference["$ref"].clone());
                }
                _ => self.fail(at, format!("unexpected anyOf {any:?}")),
            }
        } else if object.contains_key("type") || object.contains_key("$ref") {
            self.fail(at, "a response field does not accept null".into());
        }
        schema
    }

    fn ty(&mut self, at: &str, ty: &Ty, schema: &Value) {
        let simple = |name: &str| json!(name);
        match ty {
            Ty::String => self.expect_eq(at, "type", &schema["type"], &simple("string")),
            Ty::Integer | Ty::Int32 => {
                self.expect_eq(at, "type", &schema["type"], &simple("integer"))
            }
            Ty::Map(inner) => {
                self.expect_eq(at, "type", &schema["type"], &simple("object"));
                self.ty(&format!("{at}{{}}"), inner, &schema["additionalProperties"]);
            }
            Ty::Number => self.expect_eq(at, "type", &schema["type"], &simple("number")),
            Ty::Boolean => self.expect_eq(at, "type", &schema["type"], &simple("boolean")),
            Ty::Json => self.expect_eq(at, "type", &schema["type"], &Value::Null),
            Ty::Secret(inner) => {
                self.expect_eq(at, "format", &schema["format"], &simple("password"));
                self.ty(at, inner, schema);
            }
            Ty::List(inner) => {
                self.expect_eq(at, "type", &schema["type"], &simple("array"));
                self.ty(&format!("{at}[]"), inner, &schema["items"]);
            }
            Ty::Named { name, .. } => {
                let Some(target) = self.target(at, schema) else {
                    return;
                };
                let endpoint = self.endpoint;
                let def = endpoint.types.iter().find(|t| match t {
                    TypeDef::Struct(s) => &s.name == name,
                    TypeDef::Enum(e) => &e.name == name,
                });
                match def {
                    Some(TypeDef::Struct(s)) => {
                        let fields: Vec<&Field> = s.fields.iter().collect();
                        let nullable = s.side == ir::Side::Response;
                        self.object(&format!("{at}<{name}>"), &fields, target, nullable);
                    }
                    Some(TypeDef::Enum(e)) => {
                        self.enums += 1;
                        let values: Vec<Value> =
                            e.variants.iter().map(|v| v.value.clone()).collect();
                        let docs: Vec<Value> = e.variants.iter().map(|v| json!(v.doc)).collect();
                        self.expect_eq(at, "enum", &target["enum"], &Value::Array(values));
                        self.expect_eq(
                            at,
                            "x-enum-descriptions",
                            &target["x-enum-descriptions"],
                            &Value::Array(docs),
                        );
                        let kind = if e.integer { "integer" } else { "string" };
                        self.expect_eq(at, "enum type", &target["type"], &simple(kind));
                        let open = target["description"].as_str().unwrap_or("");
                        if !open.contains("Open enum") {
                            self.fail(at, "enum description does not say it is open".into());
                        }
                    }
                    None => self.fail(at, format!("no IR type {name}")),
                }
            }
        }
    }
}

fn comma_joined(value: &Value) -> Value {
    match value {
        Value::Array(items) => json!(
            items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.clone(),
    }
}

struct Totals {
    endpoints: usize,
    fields: usize,
    limits: usize,
    enums: usize,
    commas: usize,
    windows: usize,
    paged: usize,
}

/// Checks every endpoint of `api` against `document`; returns what it checked.
fn round_trip(api: &ir::Api, document: &Value) -> Totals {
    let mut failures = Vec::new();
    let mut totals = Totals {
        endpoints: 0,
        fields: 0,
        limits: 0,
        enums: 0,
        commas: 0,
        windows: 0,
        paged: 0,
    };
    for platform in &api.platforms {
        for group in &platform.groups {
            for endpoint in &group.endpoints {
                let mut checker = Checker {
                    document,
                    endpoint,
                    failures: Vec::new(),
                    fields: 0,
                    limits: 0,
                    enums: 0,
                    commas: 0,
                };
                check_endpoint(&mut checker, platform, group, &mut totals);
                totals.endpoints += 1;
                totals.fields += checker.fields;
                totals.limits += checker.limits;
                totals.enums += checker.enums;
                totals.commas += checker.commas;
                failures.extend(checker.failures);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    totals
}

/// The operation of an endpoint: at its path, or (when another host's
/// endpoint took the path and method) at `<path>#<operationId>`.
fn find_operation<'a>(
    document: &'a Value,
    path: &str,
    method: &str,
    id: &str,
) -> Option<&'a Value> {
    let direct = &document["paths"][path][method];
    if direct["operationId"] == id {
        return Some(direct);
    }
    let op = document["paths"].get(format!("{path}#{id}"))?.get(method)?;
    (op["x-oapi-path"] == path).then_some(op)
}

fn check_endpoint(
    c: &mut Checker<'_>,
    platform: &ir::Platform,
    group: &ir::Group,
    totals: &mut Totals,
) {
    let endpoint = c.endpoint;
    let document = c.document;
    let id = format!("{}.{}.{}", platform.module, group.module, endpoint.module);
    let lower = endpoint.method.as_str().to_lowercase();
    let method = lower.as_str();
    let at = format!("{id} ({method} {})", endpoint.path);
    let Some(op) = find_operation(document, &endpoint.path, method, &id) else {
        return c.fail(&at, "no operation".into());
    };
    let gateway = platform
        .gateways
        .iter()
        .find(|g| g.const_name == endpoint.gateway)
        .expect("the endpoint's gateway exists");

    // Identity, docs, host.
    c.expect_eq(&at, "summary", &op["summary"], &json!(endpoint.doc));
    if let Some(text) = &endpoint.description {
        if !op["description"]
            .as_str()
            .unwrap_or("")
            .contains(text.trim())
        {
            c.fail(&at, "description lacks the endpoint's description".into());
        }
    }
    let tag = format!("{}.{}", platform.module, group.module);
    c.expect_eq(&at, "tags", &op["tags"], &json!([tag]));
    let tag_listed = document["tags"]
        .as_array()
        .is_some_and(|tags| tags.iter().any(|t| t["name"] == tag.as_str()));
    if !tag_listed {
        c.fail(&at, format!("tag {tag} not declared"));
    }
    c.expect_eq(
        &at,
        "externalDocs",
        &op["externalDocs"]["url"],
        &endpoint.see.as_ref().map_or(Value::Null, |s| json!(s)),
    );
    c.expect_eq(
        &at,
        "server",
        &op["servers"][0]["url"],
        &json!(gateway.base_url),
    );
    let server_listed = document["servers"]
        .as_array()
        .is_some_and(|s| s.iter().any(|s| s["url"] == gateway.base_url.as_str()));
    if !server_listed {
        c.fail(&at, "base URL missing from the top-level servers".into());
    }

    // Security.
    let token_place = gateway
        .request
        .query
        .iter()
        .map(|(n, v)| ("query", n, v))
        .chain(
            gateway
                .request
                .headers
                .iter()
                .map(|(n, v)| ("header", n, v)),
        )
        .find(|(_, _, v)| matches!(v, Carried::Token { .. }));
    let expected_security = match token_place {
        Some((location, carrier, value)) if !endpoint.auth_none => {
            let name = format!("{}.{}.token", platform.module, gateway.key);
            let scheme = &document["components"]["securitySchemes"][&name];
            let bearer = matches!(value, Carried::Token { prefix, .. } if prefix.trim().eq_ignore_ascii_case("bearer"))
                && carrier.eq_ignore_ascii_case("authorization");
            if bearer {
                c.expect_eq(&at, "scheme type", &scheme["type"], &json!("http"));
                c.expect_eq(&at, "scheme", &scheme["scheme"], &json!("bearer"));
            } else {
                c.expect_eq(&at, "scheme type", &scheme["type"], &json!("apiKey"));
                c.expect_eq(&at, "scheme in", &scheme["in"], &json!(location));
                c.expect_eq(&at, "scheme name", &scheme["name"], &json!(carrier));
            }
            json!([{ name: [] }])
        }
        _ => json!([]),
    };
    c.expect_eq(&at, "security", &op["security"], &expected_security);

    // Extensions.
    c.expect_eq(
        &at,
        "x-oapi-idempotent",
        &op["x-oapi-idempotent"],
        &json!(endpoint.idempotent),
    );
    match &endpoint.paging {
        Some(paging) => {
            totals.paged += 1;
            let ext = &op["x-oapi-paging"];
            c.expect_eq(&at, "paging style", &ext["style"], &json!(paging.style));
            for (key, value) in [
                ("cursor", &paging.cursor),
                ("size", &paging.size),
                ("next", &paging.next),
                ("has_more", &paging.has_more),
                ("items", &paging.items),
                ("item_id", &paging.item_id),
                ("pages", &paging.pages),
                ("total", &paging.total),
            ] {
                let expected = value.as_ref().map_or(Value::Null, |v| json!(v));
                c.expect_eq(&at, &format!("paging {key}"), &ext[key], &expected);
            }
        }
        None => c.expect_eq(&at, "x-oapi-paging", &op["x-oapi-paging"], &Value::Null),
    }

    // Parameters.
    let parameters = op["parameters"].as_array().cloned().unwrap_or_default();
    let mut expected_parameters = 0;
    for field in &endpoint.request.fields {
        let location = match field.place {
            Place::Query => "query",
            Place::Header => "header",
            Place::Path => "path",
            Place::Body => continue,
        };
        expected_parameters += 1;
        let field_at = format!("{at} {location} {}", field.wire);
        let Some(p) = parameters
            .iter()
            .find(|p| p["name"] == field.wire.as_str() && p["in"] == location)
        else {
            c.fail(&field_at, "missing parameter".into());
            continue;
        };
        c.expect_eq(
            &field_at,
            "required",
            &p["required"],
            &json!(field.required),
        );
        // The parameter holds the description and example; view them on the schema.
        let mut view = p["schema"].clone();
        if let Some(object) = view.as_object_mut() {
            if let Some(d) = p.get("description") {
                object.insert("description".into(), d.clone());
            }
            if let Some(e) = p.get("example") {
                object.insert("examples".into(), json!([e]));
            }
        }
        c.field(&field_at, field, &view, false);
    }
    if parameters.len() != expected_parameters {
        c.fail(
            &at,
            format!(
                "{} parameters, expected {expected_parameters}",
                parameters.len()
            ),
        );
    }

    // Request body.
    let body_fields: Vec<&Field> = endpoint
        .request
        .fields
        .iter()
        .filter(|f| f.place == Place::Body)
        .collect();
    let media = match gateway.request.format {
        _ if endpoint.auth_none => "application/json",
        ir::BodyFormat::Form => "application/x-www-form-urlencoded",
        ir::BodyFormat::Json => "application/json",
    };
    let body = &op["requestBody"]["content"][media]["schema"];
    let wrapped = gateway
        .request
        .body
        .as_ref()
        .filter(|_| !endpoint.auth_none);
    let params = if let Some(shape) = wrapped {
        let mut params_key = None;
        for (name, value) in shape {
            if let Carried::Params { .. } = value {
                params_key = Some(name.as_str());
                continue;
            }
            if body["properties"].get(name).is_none() {
                c.fail(&at, format!("the gateway's body lacks {name}"));
            }
            if let Carried::Literal(text) = value {
                c.expect_eq(&at, name, &body["properties"][name]["const"], &json!(text));
            }
            if let Carried::Signature(rule) = value {
                let rule = platform
                    .signing
                    .iter()
                    .find(|s| &s.const_name == rule)
                    .map(|s| s.name.clone());
                let described = body["properties"][name]["description"]
                    .as_str()
                    .unwrap_or("");
                if !rule.is_some_and(|r| described.contains(&r)) {
                    c.fail(&at, "the signature's rule is not named".into());
                }
            }
        }
        if !op["description"]
            .as_str()
            .unwrap_or("")
            .contains("built by the gateway")
        {
            c.fail(
                &at,
                "the operation does not explain the gateway's body".into(),
            );
        }
        let params = &body["properties"][params_key.unwrap_or("")];
        // Parameters sent as a string holding their JSON: its content's schema.
        let params = if params["contentMediaType"] == "application/json" {
            &params["contentSchema"]
        } else {
            params
        };
        if body_fields.is_empty() != params.is_null() {
            c.fail(
                &at,
                "the parameters' field present iff the endpoint has body fields".into(),
            );
        }
        params
    } else {
        if body_fields.is_empty() != op["requestBody"].is_null() {
            c.fail(
                &at,
                "requestBody present iff the endpoint has body fields".into(),
            );
        }
        body
    };
    if !body_fields.is_empty() {
        c.object(&format!("{at} body"), &body_fields, params, false);
    }

    // Windows: on the body schema (its fields travel there) or the operation.
    for window in &endpoint.windows {
        totals.windows += 1;
        let wire = |ident: &str| {
            endpoint
                .request
                .fields
                .iter()
                .find(|f| f.ident == ident)
                .map(|f| f.wire.clone())
        };
        let list = if params["x-oapi-window"].is_array() {
            &params["x-oapi-window"]
        } else {
            &op["x-oapi-window"]
        };
        let found = list.as_array().into_iter().flatten().any(|w| {
            Some(w["start"].as_str().unwrap_or("").to_owned()) == wire(&window.start)
                && Some(w["end"].as_str().unwrap_or("").to_owned()) == wire(&window.end)
                && w["max_days"] == window.max_days
        });
        if !found {
            c.fail(&at, format!("window {window:?} missing from {list}"));
        }
    }
    if endpoint.windows.is_empty()
        && (!params["x-oapi-window"].is_null() || !op["x-oapi-window"].is_null())
    {
        c.fail(&at, "x-oapi-window without a window rule".into());
    }

    // Responses: the wire shape around the business fields.
    let response_fields: Vec<&Field> = endpoint.response.fields.iter().collect();
    let ok = &op["responses"]["200"]["content"]["application/json"]["schema"];
    let envelope = platform
        .envelopes
        .iter()
        .find(|e| e.const_name == gateway.envelope)
        .expect("the gateway's envelope is declared");
    let business = match envelope.success {
        Success::Code => {
            for name in [&envelope.code, &envelope.message, &envelope.request_id] {
                if !name.is_empty() && ok["properties"].get(name).is_none() {
                    c.fail(&at, format!("200 lacks envelope field {name}"));
                }
            }
            if envelope.data.is_empty() {
                ok
            } else {
                &ok["properties"][&envelope.data]
            }
        }
        Success::Http => {
            let error = &op["responses"]["default"]["content"]["application/json"]["schema"];
            for name in [&envelope.code, &envelope.message, &envelope.request_id] {
                if !name.is_empty() && error["properties"].get(name).is_none() {
                    c.fail(&at, format!("the error response lacks {name}"));
                }
            }
            ok
        }
    };
    c.object(&format!("{at} response"), &response_fields, business, true);
}

#[test]
fn every_endpoint_fact_round_trips() {
    let api = real_api();
    let document = export(&api);
    let totals = round_trip(&api, &document);
    let endpoints: usize = api.endpoints().count();
    assert_eq!(totals.endpoints, endpoints);
    assert!(totals.endpoints >= 23, "the seeds' endpoints at least");
    let operations: usize = document["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, item)| item.as_object().map_or(0, |i| i.len()))
        .sum();
    assert_eq!(operations, endpoints, "one operation per endpoint, no more");
    // Not vacuous: the real spec has all of these.
    assert!(totals.fields > 150, "{} fields checked", totals.fields);
    assert!(totals.limits >= 15, "{} limits checked", totals.limits);
    assert!(totals.enums >= 5, "{} enums checked", totals.enums);
    assert!(totals.commas >= 2, "{} comma lists checked", totals.commas);
    assert!(totals.windows >= 2, "{} windows checked", totals.windows);
    assert!(
        totals.paged >= 10,
        "{} paged endpoints checked",
        totals.paged
    );
}

/// A small spec covering what the real one does not: a header parameter,
/// a comma list in the query, a signed endpoint without parameters, and two
/// hosts sharing a path and method.
const EDGE_A: &str = "platform: alpha
doc: Alpha
tokens:
  app:
    gateway: main
    method: POST
    path: /token
    send: json
    params: {key: {credential: app_key}, secret: {credential: app_secret}}
    token: token
envelopes:
  http: {success: http, code: code, message: message, request_id: requestid}
gateways:
  main:
    base_url: https://a.example.com
    envelope: http
    request:
      headers: {x-token: {token: app}}
defaults: {gateway: main, method: GET}
groups:
  items:
    doc: Items
    endpoints:
      list:
        doc: List items
        path: /v1/items
        headers:
          x-trace: {type: string, max_length: 64, doc: Trace id}
        query:
          ids: {type: \"integer[]\", encoding: comma, min_items: 1, max_items: 3, example: [1, 2], doc: Ids}
          kind:
            type: string
            doc: Kind
            enum:
              - {value: a, name: a, doc: A}
              - {value: b, name: b, doc: B}
          when: {type: number, min: 0.5, max: 9.5, doc: When}
        response:
          secret: {type: string, secret: true, doc: Key}
          extra: {type: json, doc: Anything}
";

const EDGE_B: &str = "platform: beta
doc: Beta
envelopes:
  code_result: {code: code, ok: [\"0\"], message: msg, request_id: traceId, data: result}
  errcode: {code: errcode, ok: [0], message: errmsg}
signing:
  md5: {digest: md5, encoding: hex_upper, params: all, join: name_value, secret: {credential: app_secret, at: both}}
gateways:
  signed:
    base_url: https://b.example.com
    envelope: code_result
    request:
      body:
        appId: {credential: app_key}
        sign: {signature: md5}
        version: {value: \"2.0\"}
        timestamp: {timestamp: ms}
        paramContent: {params: object, omit_empty: true}
  plain: {base_url: https://c.example.com, envelope: errcode}
defaults: {gateway: signed, method: POST}
groups:
  items:
    doc: Items
    endpoints:
      ping:
        doc: Ping
        path: /v1/ping
        response:
          pong: {type: boolean, doc: Pong}
      list:
        doc: Same path and method as alpha, another host
        gateway: plain
        method: GET
        path: /v1/items
        response:
          n: {type: integer, doc: N}
";

#[test]
fn edge_cases_round_trip_and_validate() {
    let dir = std::env::temp_dir().join(format!("oapi-openapi-edge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let a = dir.join("a.yaml");
    let b = dir.join("b.yaml");
    std::fs::write(&a, EDGE_A).expect("write");
    std::fs::write(&b, EDGE_B).expect("write");
    let api = compile(&[a, b]);
    let document = export(&api);
    let _ = std::fs::remove_dir_all(&dir);
    assert_valid_document(&document);
    let totals = round_trip(&api, &document);
    assert_eq!(totals.endpoints, 3);
    // The later endpoint on a shared path and method keeps its real path aside.
    let moved = &document["paths"]["/v1/items#beta.items.list"]["get"];
    assert_eq!(moved["x-oapi-path"], "/v1/items");
    assert_eq!(moved["servers"][0]["url"], "https://c.example.com");
    assert_eq!(moved["security"], json!([]));
    // A signed endpoint without parameters sends no paramContent.
    let ping = &document["paths"]["/v1/ping"]["post"]["requestBody"]["content"]["application/json"]
        ["schema"];
    assert!(ping["properties"].get("paramContent").is_none());
    assert_eq!(ping["properties"]["version"]["const"], "2.0");
    // A bounded comma list: the pattern itself enforces 1..=3 items.
    let ids = &document["paths"]["/v1/items"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == "ids")
        .expect("ids")["schema"];
    let pattern = json!({"type": "string", "pattern": ids["pattern"]});
    for (text, ok) in [
        ("1", true),
        ("1,2,3", true),
        ("", false),
        ("1,2,3,4", false),
        ("1,x", false),
    ] {
        assert_eq!(
            jsonschema::is_valid(&pattern, &json!(text)),
            ok,
            "{text:?} against {pattern}"
        );
    }
}

/// Escapes a JSON Pointer token.
/// A JSON Pointer token as it goes in a URI fragment (`#/paths/...`):
/// `~` and `/` escaped, then what a fragment may not hold percent-encoded
/// (`{department_id}` in a path).
fn pointer_token(token: &str) -> String {
    let escaped = token.replace('~', "~0").replace('/', "~1");
    let mut out = String::with_capacity(escaped.len());
    for byte in escaped.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Every documented example in an operation, with the JSON Pointer of the
/// schema it illustrates: media `example`s, parameter `example`s, and the
/// `examples` of schemas.
fn examples_in(value: &Value, at: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            if let Some(example) = map.get("example") {
                if map.contains_key("schema") {
                    out.push((format!("{at}/schema"), example.clone()));
                }
            }
            let is_schema = ["type", "$ref", "anyOf", "properties"]
                .iter()
                .any(|k| map.contains_key(*k));
            if let (true, Some(Value::Array(examples))) = (is_schema, map.get("examples")) {
                out.extend(examples.iter().map(|e| (at.to_owned(), e.clone())));
            }
            for (key, v) in map {
                examples_in(v, &format!("{at}/{}", pointer_token(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                examples_in(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The document with open enums open: `enum` dropped where
/// `x-oapi-open-enum` is set (the client accepts any value of the type).
fn with_open_enums(document: &Value) -> Value {
    let mut open = document.clone();
    if let Some(schemas) = open["components"]["schemas"].as_object_mut() {
        for schema in schemas.values_mut() {
            if schema["x-oapi-open-enum"] == true {
                if let Some(object) = schema.as_object_mut() {
                    object.remove("enum");
                }
            }
        }
    }
    open
}

#[test]
fn documented_examples_fit_their_schemas() {
    let document = export(&real_api());
    let mut examples = Vec::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let at = format!("/paths/{}/{method}", pointer_token(path));
            examples_in(op, &at, &mut examples);
        }
    }
    assert!(examples.len() > 50, "{} examples", examples.len());
    // The whole document is the root schema, so `#/components/...` resolves;
    // its OpenAPI keys are unknown keywords, which JSON Schema ignores.
    let check = |root: &Value, pointer: &str, example: &Value| {
        let mut schema = root.clone();
        schema["$ref"] = json!(format!("#{pointer}"));
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .offline()
            .build(&schema)
            .expect("the document's schemas compile");
        validator
            .iter_errors(example)
            .map(|e| format!("{pointer}: {e} (at {})", e.instance_path()))
            .collect::<Vec<_>>()
    };
    let open = with_open_enums(&document);
    let problems: Vec<String> = examples
        .iter()
        .flat_map(|(pointer, example)| check(&open, pointer, example))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // With closed enums, documented values outside their tables (食亨's
    // `status: 6`…) are rejected: the reason the enums are marked open.
    let closed: Vec<String> = examples
        .iter()
        .flat_map(|(pointer, example)| check(&document, pointer, example))
        .collect();
    assert!(closed.iter().any(|p| p.contains("/status")), "{closed:?}");
}

// ---------------------------------------------------------------- test 3

/// A YAML document (read by yaml-rust2, independent of the writer) as JSON.
fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => json!(b),
        Yaml::Integer(n) => json!(n),
        Yaml::Real(text) => {
            let f: f64 = text.parse().unwrap_or_else(|_| panic!("bad float {text}"));
            json!(f)
        }
        Yaml::String(text) => json!(text),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .map(|(k, v)| match k {
                    Yaml::String(key) => (key.clone(), yaml_to_json(v)),
                    other => panic!("non-string key {other:?}"),
                })
                .collect(),
        ),
        other => panic!("unexpected YAML node {other:?}"),
    }
}

fn parse_yaml(text: &str) -> Value {
    let docs = yaml_rust2::YamlLoader::load_from_str(text).expect("the YAML parses");
    assert_eq!(docs.len(), 1, "one YAML document");
    yaml_to_json(&docs[0])
}

#[test]
fn json_and_yaml_outputs_read_back_the_same() {
    let document = export(&real_api());
    let json_text = render(&document, Format::Json).expect("JSON renders");
    let yaml_text = render(&document, Format::Yaml).expect("YAML renders");
    let from_json: Value = serde_json::from_str(&json_text).expect("the JSON parses");
    assert_eq!(from_json, document, "JSON round trip");
    let from_yaml = parse_yaml(&yaml_text);
    assert_eq!(from_yaml, document, "YAML round trip");
    assert!(
        yaml_text.contains("获取企业内部应用的access_token"),
        "Chinese kept as text"
    );
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_oapi-codegen"))
        .args(args)
        .output()
        .expect("the CLI runs")
}

#[test]
fn the_command_writes_json_to_stdout_and_yaml_to_a_file() {
    let spec = spec_dir();
    let spec = spec.to_str().expect("UTF-8 path");
    let document = export(&real_api());

    let out = cli(&["openapi", spec]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(stdout, document);

    let dir = std::env::temp_dir().join(format!("oapi-openapi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("openapi.yaml");
    let path = file.to_str().expect("UTF-8 path");
    let out = cli(&["openapi", spec, "--out", path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).expect("written");
    assert_eq!(parse_yaml(&text), document, ".yaml output is YAML");
    let out = cli(&["openapi", spec, "--format", "json", "--out", path]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&file).expect("written");
    assert_eq!(
        serde_json::from_str::<Value>(&text).expect("JSON"),
        document,
        "--format wins"
    );
    let _ = std::fs::remove_dir_all(&dir);

    for bad in [
        vec!["openapi"],
        vec!["openapi", spec, "--format", "xml"],
        vec!["openapi", spec, "--out"],
        vec!["openapi", spec, "--bogus"],
    ] {
        let out = cli(&bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage"),
            "{bad:?}"
        );
    }
    let out = cli(&["openapi", "/nonexistent/spec.yaml"]);
    assert_eq!(out.status.code(), Some(1));
}
