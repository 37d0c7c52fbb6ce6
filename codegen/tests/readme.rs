//! The README's YAML is a spec that passes `check`: every whole platform
//! file it shows compiles, and the endpoint of "Adding an endpoint" added
//! to the real DingTalk spec does too. Documentation that cannot rot.

use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The ```yaml blocks of the README, each with its indentation removed.
fn yaml_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for line in readme.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match &mut current {
            None if trimmed == "```yaml" => current = Some((indent, String::new())),
            Some((_, text)) if trimmed == "```" => {
                blocks.push(std::mem::take(text));
                current = None;
            }
            Some((indent, text)) => {
                text.push_str(line.get(*indent..).unwrap_or_default());
                text.push('\n');
            }
            None => {}
        }
    }
    blocks
}

fn compiles(name: &str, text: &str) -> Result<usize, String> {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("oapi-readme-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join(name);
    std::fs::write(&file, text).map_err(|e| e.to_string())?;
    let result = oapi_codegen::compile(&[file])
        .map(|api| api.endpoints().count())
        .map_err(|d| d.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[test]
fn every_platform_file_in_the_readme_passes_check() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let blocks = yaml_blocks(&readme);
    let platforms: Vec<&String> = blocks
        .iter()
        .filter(|b| b.starts_with("platform:"))
        .collect();
    assert!(
        platforms.len() >= 2,
        "the walkthrough and the complete example"
    );
    for block in platforms {
        let endpoints = compiles("readme.yaml", block).unwrap_or_else(|e| panic!("{e}\n{block}"));
        assert!(endpoints >= 1);
    }
}

#[test]
fn the_readme_endpoint_added_to_the_real_spec_passes_check() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let section = &readme[readme.find("## Adding an endpoint").unwrap()..];
    let block = yaml_blocks(section).into_iter().next().unwrap();
    let groups = block.strip_prefix("groups:\n").expect("a groups: block");
    let spec = std::fs::read_to_string(workspace().join("spec/dingtalk.yaml")).unwrap();
    let before = compiles("dingtalk.yaml", &spec).unwrap();
    let added = spec.replacen("\ngroups:\n", &format!("\ngroups:\n{groups}"), 1);
    let after = compiles("dingtalk.yaml", &added).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after, before + 1);
}
