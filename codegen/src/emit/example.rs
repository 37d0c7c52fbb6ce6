//! A usage example for each endpoint method's rustdoc, built from the spec's
//! documented example values through the generated builder API, so
//! `cargo test --doc` compiles one call of every endpoint.

use crate::ir::{Endpoint, Field, Ty, TypeDef};

/// The example block: a hidden async fn around one call of the endpoint.
/// `runtime` is the path the crate names the runtime by (for `json` values).
pub fn method_example(
    root: &str,
    runtime: &str,
    platform: &str,
    group: &str,
    endpoint: &Endpoint,
) -> String {
    // Raw identifiers stay raw: `storage::r#move::*`, `.r#move(…)`.
    let module = &endpoint.module;
    let cx = Cx { endpoint, runtime };
    let request = constructor(&cx, "Request", &endpoint.request.fields);
    format!(
        "```no_run\n\
         # async fn example(client: {root}::{platform}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         use {root}::{platform}::{group}::{module}::*;\n\
         let response = client.{group}().{module}(&{request}).await?;\n\
         # Ok(()) }}\n\
         ```"
    )
}

/// What an example value is written against.
struct Cx<'a> {
    endpoint: &'a Endpoint,
    runtime: &'a str,
}

/// `Type::new(required…)` with each required field's example value.
fn constructor(cx: &Cx<'_>, type_name: &str, fields: &[Field]) -> String {
    let args: Vec<String> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| value(cx, &f.ty, f.example.as_ref(), true))
        .collect();
    format!("{type_name}::new({})", args.join(", "))
}

/// A Rust expression of type `ty` (an `impl Into<ty>` argument when `into`).
fn value(cx: &Cx<'_>, ty: &Ty, example: Option<&serde_json::Value>, into: bool) -> String {
    match ty {
        Ty::String | Ty::Secret(_) => {
            let text = example.and_then(|e| e.as_str()).unwrap_or("text");
            let literal = format!("{text:?}");
            if into {
                literal
            } else {
                format!("{literal}.into()")
            }
        }
        Ty::Integer => example.and_then(|e| e.as_i64()).unwrap_or(1).to_string(),
        Ty::Int32 => example
            .and_then(|e| e.as_i64())
            .and_then(|n| i32::try_from(n).ok())
            .unwrap_or(1)
            .to_string(),
        Ty::Number => format!("{:?}", example.and_then(|e| e.as_f64()).unwrap_or(1.0)),
        Ty::Boolean => example
            .and_then(|e| e.as_bool())
            .unwrap_or(true)
            .to_string(),
        Ty::Json => format!("{}::serde_json::Value::Null", cx.runtime),
        Ty::Map(_) => "Default::default()".into(),
        Ty::List(inner) => {
            let items: Vec<String> = match example {
                Some(serde_json::Value::Array(items)) if !items.is_empty() => items
                    .iter()
                    .map(|item| value(cx, inner, Some(item), false))
                    .collect(),
                _ => vec![value(cx, inner, None, false)],
            };
            format!("vec![{}]", items.join(", "))
        }
        Ty::Named { name, .. } => match cx.endpoint.types.iter().find(|t| type_name(t) == name) {
            Some(TypeDef::Struct(def)) => constructor(cx, name, &def.fields),
            Some(TypeDef::Enum(def)) => {
                let chosen = def
                    .variants
                    .iter()
                    .find(|v| Some(&v.value) == example)
                    .or(def.variants.first());
                match chosen {
                    Some(variant) => format!("{name}::{}", variant.ident),
                    None => format!("{name}::Other(Default::default())"),
                }
            }
            None => "Default::default()".into(),
        },
    }
}

fn type_name(def: &TypeDef) -> &str {
    match def {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
    }
}
