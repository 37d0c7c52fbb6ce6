//! What a new user does: copy the spec, add an endpoint to the YAML, embed it
//! in their own crate with `include_spec!`, build, and call it. Also: a spec
//! mistake in their YAML is a compile error that quotes `file:line:column`.
//!
//! Builds a real crate with cargo (sharing trybuild's target directory so the
//! dependencies compiled for the UI tests are reused).

use std::path::{Path, PathBuf};
use std::process::Command;

const NEW_ENDPOINT: &str = r#"
  staff:
    doc: 通讯录用户
    endpoints:
      get:
        doc: 查询用户详情
        path: /topapi/v2/user/get
        idempotent: true
        body:
          userid: {type: string, required: true, doc: 用户的userId。}
          language: {type: string, max_length: 5, default: zh_CN, doc: 通讯录语言。}
        response:
          result:
            type: object
            doc: 返回结果。
            fields:
              name: {type: string, doc: 员工名称。}
              dept_id_list: {type: "integer[]", doc: 所属部门ID列表。}
      move:
        doc: 移动文件
        gateway: api
        path: /v1.0/storage/files/{fileId}/move
        path_params:
          fileId: {type: string, doc: 文件ID。}
        body:
          type: {type: string, required: true, doc: 类型。}
        response:
          success: {type: boolean, doc: 是否成功。}
"#;

const MAIN: &str = r##"
oapi_client::include_spec!("spec/dingtalk.yaml");

use oapi_client::Validate;

fn main() {
    // The new endpoint is a typed request with a builder and validation.
    let ok = dingtalk::staff::get::Request::new("manager01").language("zh_CN");
    ok.validate().expect("valid request");
    let bad = dingtalk::staff::get::Request::new("manager01").language("zh_CN_long");
    let err = bad.validate().unwrap_err();
    println!("{err}");
    // The endpoints that were there are still generated.
    let size_51 = dingtalk::hrm::querypreentry::Request::new(0, 51);
    println!("{}", size_51.validate().unwrap_err());
    // And it is bound to the client: method, path, gateway.
    let info = <dingtalk::staff::get::Request as oapi_client::Endpoint>::INFO;
    println!("{} {} {}", info.name, info.method.as_str(), info.path);
    let response: dingtalk::staff::get::Response =
        serde_json::from_str(r#"{"result":{"name":"张三","dept_id_list":[1,2]},"extra":true}"#).unwrap();
    println!("{:?}", response.result.and_then(|r| r.name));

    // The fake platform serves the new endpoint from the same YAML, and the
    // typed method calls it.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let fake = oapi_client::fake::FakePlatform::from_dir("spec").await.unwrap();
        let client = fake.configure(dingtalk::Client::builder()).build().unwrap();
        let got = client.staff().get(&dingtalk::staff::get::Request::new("manager01")).await.unwrap();
        let ids = got.result.and_then(|r| r.dept_id_list).unwrap_or_default();
        println!("served {} {:?}", fake.requests("/topapi/v2/user/get"), ids);
        let refused = dingtalk::staff::get::Request::new("manager01").language("zh_CN_long");
        let probe = fake.configure(dingtalk::Client::builder()).validate_requests(false).build().unwrap();
        println!("refused: {}", probe.staff().get(&refused).await.unwrap_err());
        // An endpoint named like a keyword, with a path parameter holding a slash.
        let moved = client.staff().r#move(&dingtalk::staff::r#move::Request::new("a/b", "file")).await.unwrap();
        println!("moved {:?} {}", moved.success, fake.verdicts().last().unwrap().path);
    });
}
"##;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes a user crate whose spec is ours plus `extra` YAML appended.
/// Edition 2021: `include_spec!` must work in crates of the older edition
/// too (the workspace itself uses 2024).
fn user_crate(name: &str, spec_edit: impl Fn(String) -> String) -> PathBuf {
    let dir = workspace().join("target/tests/new-user").join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    let spec = std::fs::read_to_string(workspace().join("spec/dingtalk.yaml")).unwrap();
    std::fs::write(dir.join("spec/dingtalk.yaml"), spec_edit(spec)).unwrap();
    let client = workspace().join("generated");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nedition = \"2021\"\nversion = \"0.0.0\"\npublish = false\n\n[workspace]\n\n\
             [dependencies]\noapi-client = {{ path = {client:?}, features = [\"fake-server\"] }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
             tokio = {{ version = \"1\", features = [\"rt\"] }}\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), MAIN).unwrap();
    dir
}

fn cargo(dir: &Path, command: &str) -> std::process::Output {
    Command::new(env!("CARGO"))
        .arg(command)
        .arg("--quiet")
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/tests/trybuild"),
        )
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .unwrap()
}

#[test]
fn a_new_endpoint_in_yaml_is_a_typed_method_after_cargo_build() {
    let dir = user_crate("oapi_new_user", |spec| {
        spec.replace("\n  hrm:\n", &format!("{NEW_ENDPOINT}\n  hrm:\n"))
    });
    let output = cargo(&dir, "run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "build or run failed:\n{stderr}");
    assert!(
        stdout.contains(
            "`language` must have at most 5 characters (max_length = 5), got 10 characters"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("`size` must be at most 50 (max = 50), got 51"),
        "{stdout}"
    );
    assert!(
        stdout.contains("staff.get POST /topapi/v2/user/get"),
        "{stdout}"
    );
    assert!(stdout.contains("Some(\"张三\")"), "{stdout}");
    // Served by the fake from the user's YAML: one request, an answer
    // synthesised from the response types (items numbered 1, 2).
    assert!(stdout.contains("served 1 [1, 2]"), "{stdout}");
    assert!(
        stdout.contains("moved Some(true) /dingtalk/api/v1.0/storage/files/a%2Fb/move"),
        "{stdout}"
    );
    assert!(
        stdout.contains("refused: staff.get: platform error 40035: `language`"),
        "the fake checks the new endpoint's limits too:\n{stdout}"
    );
}

#[test]
fn a_spec_mistake_is_a_compile_error_quoting_the_yaml_location() {
    let dir = user_crate("oapi_new_user_typo", |spec| {
        spec.replace(
            "\n  hrm:\n",
            &format!(
                "{}\n  hrm:\n",
                NEW_ENDPOINT.replace("type: string, max_length", "type: Sting, max_length")
            ),
        )
    });
    let output = cargo(&dir, "build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let spec = std::fs::read_to_string(dir.join("spec/dingtalk.yaml")).unwrap();
    let line = spec
        .lines()
        .position(|l| l.contains("type: Sting"))
        .unwrap()
        + 1;
    let expected = format!("spec/dingtalk.yaml:{line}:");
    assert!(
        stderr.contains(&expected) && stderr.contains("unknown type `Sting`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `string`?"), "{stderr}");
    assert!(
        stderr.contains("include_spec!(\"spec/dingtalk.yaml\")"),
        "the error points at the path literal:\n{stderr}"
    );
}
