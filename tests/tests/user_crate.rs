//! A user's own crate with its own spec, the build-script route (#20): a
//! fresh crate outside the workspace generates a platform that is not
//! DingTalk through `oapi_codegen::Builder` in its `build.rs`, depends on
//! `oapi-runtime` (not `oapi-client`), and calls its client against the
//! fake platform served from the same YAML. An edit of one endpoint
//! rewrites one generated file; a spec mistake fails its build at the
//! user's `file:line:column`; its API groups are cargo features.
//!
//! And `oapi-client`'s own groups: built with one group, a call to another
//! is a compile error naming the feature to enable (#19).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPEC: &str = r#"platform: acme
doc: Acme 开放平台
credentials:
  app_id: {doc: 应用ID。}
  app_key: {secret: true, doc: 应用密钥。}
tokens:
  login:
    gateway: open
    path: /auth/login
    send: json
    params: {appId: {credential: app_id}, appKey: {credential: app_key}}
    token: data.token
    expires_in: data.expiresIn
envelopes:
  acme: {code: code, ok: [0], message: msg, request_id: traceId, data: data, codes: {token: [40001], invalid: [40000]}}
signing:
  md5_sorted: {digest: md5, encoding: hex_upper, params: all, order: sorted, join: name_value, secret: {credential: app_key, at: suffix}}
gateways:
  open:
    base_url: https://open.acme.example
    envelope: acme
    request:
      headers: {token: {token: login}}
      query: {timestamp: {timestamp: ms}, sign: {signature: md5_sorted}}
groups:
  order:
    doc: 订单
    endpoints:
      list:
        doc: 订单列表
        path: /order/list
        idempotent: true
        body:
          pageNo: {type: int32, required: true, min: 1, doc: 页码。}
          pageSize: {type: int32, required: true, min: 1, max: 100, doc: 每页条数。}
        response:
          total: {type: integer, doc: 总数。}
          orders:
            type: "object[]"
            doc: 订单。
            fields:
              orderId: {type: string, doc: 订单号。}
              extra: {type: json, doc: 扩展信息（任意 JSON）。}
        paging: {style: page, page: pageNo, size: pageSize, total: total, items: orders}
      get:
        doc: 订单详情
        method: GET
        path: /orders/{orderId}
        path_params:
          orderId: {type: string, doc: 订单号。}
        response:
          orderId: {type: string, doc: 订单号。}
  shop:
    doc: 门店
    endpoints:
      list:
        doc: 门店列表
        path: /shop/list
        response:
          names: {type: "string[]", doc: 门店名。}
"#;

const BUILD_RS: &str = r#"fn main() -> Result<(), oapi_codegen::BuildError> {
    oapi_codegen::Builder::new().spec("spec").group_features(true).generate()?;
    Ok(())
}
"#;

const MAIN: &str = r#"mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}

use api::acme::order;
use futures::TryStreamExt;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let fake = oapi_fake::FakePlatform::from_dir("spec").await.unwrap();
        fake.set_items("acme.order.list", 23);
        let client = fake.configure(api::acme::Client::builder()).build().unwrap();
        let page = client.order().list(&order::list::Request::new(1, 10)).await.unwrap();
        println!("total {:?}, first page {}", page.total, page.orders.unwrap_or_default().len());
        let all: Vec<_> = client.order().list_items(order::list::Request::new(1, 10)).try_collect().await.unwrap();
        println!("streamed {}", all.len());
        let one = client.order().get(&order::get::Request::new("A/1")).await.unwrap();
        println!("got {:?}", one.order_id.is_some());
        let refused = client.order().list(&order::list::Request::new(1, 101)).await.unwrap_err();
        println!("refused: {refused}");
        println!("verdicts ok: {}", fake.verdicts().iter().all(|v| v.verdict == "ok"));
    });
    println!("OUT_DIR={}", env!("OUT_DIR"));
}
"#;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn target_dir() -> PathBuf {
    workspace().join("target/tests/trybuild")
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .unwrap()
}

/// Writes the user's crate: its spec, build script, main and manifest (the
/// features block written from its spec, as `oapi-codegen features` would).
fn user_crate() -> PathBuf {
    let dir = workspace().join("target/tests/user-crate/acme_user");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(dir.join("spec/acme.yaml"), SPEC).unwrap();
    std::fs::write(dir.join("build.rs"), BUILD_RS).unwrap();
    std::fs::write(dir.join("src/main.rs"), MAIN).unwrap();
    let path = |p: &str| format!("{:?}", workspace().join(p).display().to_string());
    let api = oapi_codegen::compile(&[dir.join("spec")]).unwrap_or_else(|d| panic!("{d}"));
    let manifest = format!(
        "[package]\nname = \"acme_user\"\nedition = \"2021\"\nversion = \"0.0.0\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\noapi-runtime = {{ path = {} }}\noapi-fake = {{ path = {} }}\nserde = \"1\"\n\
         tokio = {{ version = \"1\", features = [\"rt\"] }}\nfutures = \"0.3\"\n\n\
         [build-dependencies]\noapi-codegen = {{ path = {}, default-features = false }}\n\n\
         [features]\ndefault = [\"full\"]\n",
        path("generated/runtime"),
        path("fake"),
        path("codegen")
    );
    let manifest = oapi_codegen::features::update(&manifest, &oapi_codegen::features::block(&api));
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    dir
}

/// The `OUT_DIR` the crate's binary was built with (it prints it).
fn out_dir(stdout: &str) -> PathBuf {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("OUT_DIR="))
        .expect("the binary prints its OUT_DIR");
    PathBuf::from(line)
}

/// Every file under `dir`, with its content.
fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_users_own_spec_through_build_rs_depends_on_the_runtime_alone() {
    let dir = user_crate();
    let run = cargo(&dir, &["run", "--quiet"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "build or run failed:\n{stderr}");
    for expected in [
        "total Some(23), first page 10",
        "streamed 23",
        "got true",
        "refused: order.list: request not sent, 1 invalid field: `pageSize` must be at most 100",
        "verdicts ok: true",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing:\n{stdout}");
    }

    // Its dependency graph holds the runtime, never oapi-client.
    let tree = cargo(
        &dir,
        &["tree", "--edges", "normal,build", "--prefix", "none"],
    );
    let tree = String::from_utf8_lossy(&tree.stdout);
    assert!(tree.contains("oapi-runtime"), "{tree}");
    assert!(!tree.contains("oapi-client"), "{tree}");

    // Editing one endpoint rewrites one generated file.
    let out = out_dir(&stdout);
    let before = snapshot(&out);
    let spec = dir.join("spec/acme.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(
        &spec,
        text.replace("doc: 订单详情", "doc: 订单详情（按订单号）"),
    )
    .unwrap();
    let build = cargo(&dir, &["build", "--quiet"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let after = snapshot(&out);
    assert_eq!(before.len(), after.len());
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(_, (path, _))| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(changed, ["get.rs"], "one file changes");

    // A spec mistake fails its build at the user's file:line:column.
    let broken = text.replace("pageSize: {type: int32", "pageSize: {type: int23");
    std::fs::write(&spec, &broken).unwrap();
    let build = cargo(&dir, &["build", "--quiet"]);
    let stderr = String::from_utf8_lossy(&build.stderr);
    let line = broken.lines().position(|l| l.contains("int23")).unwrap() + 1;
    assert!(!build.status.success());
    assert!(
        stderr.contains(&format!("spec/acme.yaml:{line}:"))
            && stderr.contains("unknown type `int23`"),
        "{stderr}"
    );
    std::fs::write(&spec, &text).unwrap();

    // Its groups are features: with one, only that group is generated.
    let one = cargo(
        &dir,
        &[
            "run",
            "--quiet",
            "--no-default-features",
            "--features",
            "acme-order",
        ],
    );
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let out = out_dir(&String::from_utf8_lossy(&one.stdout));
    assert!(out.join("acme/order.rs").is_file());
    assert!(
        !out.join("acme/shop.rs").exists(),
        "a disabled group is not generated"
    );
}

#[test]
fn a_call_to_a_group_that_is_not_enabled_names_its_feature() {
    let dir = workspace().join("target/tests/user-crate/oapi_one_group");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let client = format!("{:?}", workspace().join("generated").display().to_string());
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"oapi_one_group\"\nedition = \"2021\"\nversion = \"0.0.0\"\npublish = false\n\n[workspace]\n\n\
             [dependencies]\noapi-client = {{ path = {client}, default-features = false, features = [\"dingtalk-hrm\"] }}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "fn main() {\n    let client = oapi_client::dingtalk::Client::builder().build().unwrap();\n    \
         let _ = client.hrm();\n    let _ = client.blackboard();\n}\n",
    )
    .unwrap();
    let build = cargo(&dir, &["build", "--quiet"]);
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!build.status.success());
    assert!(
        stderr.contains(
            "the `blackboard` group of `dingtalk` is not compiled: enable the cargo feature `dingtalk-blackboard`"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("hrm"),
        "the enabled group compiles:\n{stderr}"
    );
}
