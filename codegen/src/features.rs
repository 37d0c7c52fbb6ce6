//! The cargo features of a generated crate, one per platform and per API
//! group, kept in its `Cargo.toml` between two marker lines and rewritten
//! from the specs (`oapi-codegen features`): `full` enables every platform,
//! a platform every group of it, a group (`dingtalk-blackboard`) itself.

use crate::emit::group_feature;
use crate::ir::Api;

/// The line before the generated features.
pub const BEGIN: &str = "# BEGIN generated features: `oapi-codegen features <specs> --cargo <Cargo.toml>` rewrites them";
/// The line after them.
pub const END: &str = "# END generated features";

/// The features of `api`, as `Cargo.toml` lines between the markers.
pub fn block(api: &Api) -> String {
    let mut lines = vec![BEGIN.to_owned()];
    let platforms: Vec<String> = api
        .platforms
        .iter()
        .map(|p| format!("{:?}", p.module))
        .collect();
    lines.push(format!("full = [{}]", platforms.join(", ")));
    for platform in &api.platforms {
        let groups: Vec<String> = platform
            .groups
            .iter()
            .map(|g| format!("{:?}", group_feature(&platform.module, &g.module)))
            .collect();
        lines.push(format!("{} = [{}]", platform.module, groups.join(", ")));
        for group in &platform.groups {
            lines.push(format!(
                "{} = []",
                group_feature(&platform.module, &group.module)
            ));
        }
    }
    lines.push(END.to_owned());
    lines.join("\n")
}

/// `cargo_toml` with its feature block replaced by `block` (appended to its
/// `[features]` table, or as a new one, where it has none yet).
pub fn update(cargo_toml: &str, block: &str) -> String {
    if let (Some(start), Some(end)) = (cargo_toml.find(BEGIN), cargo_toml.find(END)) {
        if start < end {
            let mut out = String::with_capacity(cargo_toml.len() + block.len());
            out.push_str(&cargo_toml[..start]);
            out.push_str(block);
            out.push_str(&cargo_toml[end + END.len()..]);
            return out;
        }
    }
    match cargo_toml.find("[features]\n") {
        Some(at) => {
            let insert = at + "[features]\n".len();
            format!(
                "{}{block}\n{}",
                &cargo_toml[..insert],
                &cargo_toml[insert..]
            )
        }
        None => format!("{}\n[features]\n{block}\n", cargo_toml.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_is_replaced_or_added() {
        let block = format!("{BEGIN}\nfull = []\n{END}");
        let with = format!(
            "[package]\nname = \"x\"\n\n[features]\ndefault = []\n{BEGIN}\nold = []\n{END}\n\n[dependencies]\n"
        );
        let updated = update(&with, &block);
        assert!(
            updated.contains("full = []") && !updated.contains("old = []"),
            "{updated}"
        );
        assert!(updated.contains("default = []") && updated.ends_with("[dependencies]\n"));
        assert_eq!(update(&updated, &block), updated, "idempotent");
        let without = "[package]\nname = \"x\"\n\n[features]\ndefault = []\n";
        assert!(update(without, &block).contains(&format!("[features]\n{BEGIN}")));
        let none = "[package]\nname = \"x\"\n";
        assert!(update(none, &block).ends_with(&format!("[features]\n{block}\n")));
    }
}
