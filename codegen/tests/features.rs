//! `oapi-client`'s cargo features are the specs' platforms and groups:
//! CI fails when `generated/Cargo.toml` and `spec/` disagree, naming the
//! command that fixes it.

use std::path::PathBuf;

#[test]
fn the_client_features_match_the_specs() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let api = oapi_codegen::compile(&[root.join("spec")]).unwrap_or_else(|d| panic!("{d}"));
    let cargo = std::fs::read_to_string(root.join("generated/Cargo.toml")).unwrap();
    let expected = oapi_codegen::features::update(&cargo, &oapi_codegen::features::block(&api));
    assert!(
        expected == cargo,
        "generated/Cargo.toml's features differ from spec/: run\n  \
         cargo run -p oapi-codegen -- features spec/ --cargo generated/Cargo.toml"
    );
    // Every group is a feature, in its platform's and so in `full`.
    for platform in &api.platforms {
        for group in &platform.groups {
            let feature = oapi_codegen::emit::group_feature(&platform.module, &group.module);
            assert!(cargo.contains(&format!("\n{feature} = []")), "{feature}");
        }
    }
}
