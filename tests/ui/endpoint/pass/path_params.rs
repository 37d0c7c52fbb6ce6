// Path parameters fill their `{name}` segments; PUT, PATCH and DELETE are
// methods like the others (PUT and DELETE idempotent by default).
#![deny(warnings)]

use oapi_client::{Endpoint, Gateway, Method, Params, Validate};
use serde::{Deserialize, Serialize};

const API: Gateway = Gateway::new("api", "https://api.example.com", &oapi_client::runtime::spec::Envelope::HTTP);

#[derive(Deserialize)]
struct Done {}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = PUT, path = "/v1.0/users/{unionId}/tasks/{taskId}", gateway = API, response = Done)]
struct UpdateTask {
    #[param(path)]
    #[serde(skip, rename = "unionId")]
    union_id: String,
    #[param(path)]
    #[serde(skip, rename = "taskId")]
    task_id: i64,
    subject: String,
}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = DELETE, path = "/v1.0/tasks/{id}", gateway = API, response = Done)]
struct DeleteTask {
    #[param(path)]
    #[serde(skip)]
    id: i64,
}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = PATCH, path = "/v1.0/tasks", gateway = API, response = Done)]
struct PatchTasks {
    done: bool,
}

fn main() {
    let request = UpdateTask {
        union_id: "u/1".into(),
        task_id: 7,
        subject: "s".into(),
    };
    let mut path = Params::default();
    request.write_path(&mut path);
    assert_eq!(path.pairs, [("unionId", "u/1".to_owned()), ("taskId", "7".to_owned())]);
    assert_eq!(serde_json::to_value(&request).unwrap(), serde_json::json!({"subject": "s"}));
    assert_eq!(UpdateTask::INFO.method, Method::Put);
    assert!(UpdateTask::INFO.idempotent);
    assert_eq!(DeleteTask::INFO.method, Method::Delete);
    assert!(DeleteTask::INFO.idempotent && !DeleteTask::HAS_BODY);
    assert_eq!(PatchTasks::INFO.method, Method::Patch);
    assert!(!PatchTasks::INFO.idempotent);
    let _ = (DeleteTask { id: 1 }, PatchTasks { done: true });
}
