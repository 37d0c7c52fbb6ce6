//! State for endpoints that declare a `fake:` store: records created,
//! read, listed, updated and deleted by the requests, shared by every
//! endpoint naming the same store. Records are kept as the requests sent
//! them and shaped as each response declares when read back.

use oapi_codegen::ir::{Endpoint, FakeStore, Ty};
use serde_json::{Value, json};

use super::answer::{Refusal, put};
use super::paging::Items;
use super::state::{Shared, Store};
use super::synth;

/// Applies the store operation; puts its outcome at the declared result
/// path of `business`, or returns the records a paged list pages over.
pub(crate) fn apply(
    shared: &Shared,
    endpoint: &Endpoint,
    fake: &FakeStore,
    request: &dyn Fn(&str) -> Option<Value>,
    params: &Value,
    business: &mut Value,
) -> Result<Option<Items>, Refusal> {
    let result_ty =
        synth::field_at(endpoint, &endpoint.response.fields, &fake.result).map(|f| f.ty.clone());
    let record_in_request = || -> Result<Value, Refusal> {
        let record = if fake.record.is_empty() {
            Some(params.clone())
        } else {
            request(&fake.record)
        };
        record
            .filter(Value::is_object)
            .ok_or_else(|| Refusal::Invalid(format!("`{}` must be an object", fake.record)))
    };
    let id_in_request = || -> Result<String, Refusal> {
        request(&fake.id)
            .map(|v| text(&v))
            .filter(|t| !t.is_empty())
            .ok_or_else(|| Refusal::Invalid(format!("`{}` is required", fake.id)))
    };
    let outcome = shared.with(|d| -> Result<Option<(String, Value)>, Refusal> {
        let store: &mut Store = d.stores.entry(fake.store.clone()).or_default();
        match fake.op.as_str() {
            "create" => Ok(Some(store.add(&fake.id, record_in_request()?))),
            "get" => {
                let id = id_in_request()?;
                let record = Store::key(&id)
                    .and_then(|k| store.records.get(&k).cloned())
                    .ok_or_else(|| not_found(&id))?;
                Ok(Some((id, record)))
            }
            "update" => {
                let id = id_in_request()?;
                let patch = record_in_request()?;
                let record = Store::key(&id)
                    .and_then(|k| store.records.get_mut(&k))
                    .ok_or_else(|| not_found(&id))?;
                if let (Value::Object(fields), Value::Object(changes)) = (&mut *record, patch) {
                    fields.extend(changes.into_iter().filter(|(_, v)| !v.is_null()));
                }
                Ok(Some((id, record.clone())))
            }
            "delete" => {
                let id = id_in_request()?;
                let record = Store::key(&id)
                    .and_then(|k| store.records.remove(&k))
                    .ok_or_else(|| not_found(&id))?;
                Ok(Some((id, record)))
            }
            _ => Ok(None),
        }
    })?;
    if let Some((id, record)) = outcome {
        if !fake.result.is_empty() {
            put(
                business,
                &fake.result,
                shaped(endpoint, result_ty.as_ref(), &id, &record),
            );
        }
        return Ok(None);
    }
    // `list`: every record, as the result's item type says.
    let records = shared.with(|d| {
        d.stores
            .get(&fake.store)
            .map(Store::list)
            .unwrap_or_default()
    });
    let item_ty = match &result_ty {
        Some(Ty::List(inner)) => Some((**inner).clone()),
        other => other.clone(),
    };
    let items: Vec<Value> = records
        .iter()
        .map(|(id, record)| shaped(endpoint, item_ty.as_ref(), id, record))
        .collect();
    let paged = endpoint
        .paging
        .as_ref()
        .is_some_and(|p| p.items.as_deref() == Some(fake.result.as_str()));
    if paged {
        return Ok(Some(Items::Stored(items)));
    }
    if !fake.result.is_empty() {
        put(business, &fake.result, Value::Array(items));
    }
    Ok(None)
}

fn not_found(id: &str) -> Refusal {
    Refusal::NotFound(format!("record `{id}`"))
}

/// A record as the response type `ty` wants it: the record shaped as an
/// object type, its id as text or number, or `true` for a flag.
fn shaped(endpoint: &Endpoint, ty: Option<&Ty>, id: &str, record: &Value) -> Value {
    match ty {
        Some(Ty::Boolean) => json!(true),
        Some(Ty::Integer | Ty::Int32) => id.parse::<i64>().map_or_else(|_| json!(id), |n| json!(n)),
        Some(ty @ Ty::Named { .. }) => match synth::named_struct(endpoint, ty) {
            Some(s) => synth::project(endpoint, s, record),
            None => json!(id),
        },
        _ => json!(id),
    }
}

/// A value as text (`"7"` for `7`).
pub(crate) fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
