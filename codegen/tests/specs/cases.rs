//! The spec corpus of `codegen/tests/specs/`, read for the tests that run
//! it through each entry point (`check`, `build.rs`, `include_spec!`):
//!
//! - `malformed/*.yaml`: each a spec mistake, with the diagnostics it must
//!   give, as `# expect: LINE:COLUMN fragment` lines at its top (or, for
//!   files that are not UTF-8 text, in `<name>.yaml.expect` beside it);
//! - `accepted/*.yaml`: hostile but valid specs, whose generated code must
//!   compile.
//!
//! Shared with other crates' tests through `#[path]`.

#![allow(dead_code)] // each test uses the parts it needs

use std::path::{Path, PathBuf};

/// One diagnostic a malformed case must give.
#[derive(Debug, Clone)]
pub struct Expected {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Text the diagnostic's message contains.
    pub fragment: String,
}

/// A malformed case and what it must give, in order.
#[derive(Debug, Clone)]
pub struct Case {
    /// The spec file.
    pub path: PathBuf,
    /// Every diagnostic it must give (no more, no fewer).
    pub expected: Vec<Expected>,
}

impl Case {
    /// The file name, e.g. `load_gbk.yaml`.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// `codegen/tests/specs`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codegen/tests/specs")
        .canonicalize()
        .expect("codegen/tests/specs exists")
}

/// The spec files of a corpus directory, in name order.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read a corpus directory")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Every malformed case with its expectations.
pub fn malformed() -> Vec<Case> {
    yaml_files(&root().join("malformed"))
        .into_iter()
        .map(|path| {
            let sidecar = PathBuf::from(format!("{}.expect", path.display()));
            let source = if sidecar.exists() { &sidecar } else { &path };
            let bytes = std::fs::read(source).expect("read a case");
            let expected = expectations(&String::from_utf8_lossy(&bytes));
            assert!(
                !expected.is_empty(),
                "{} says no `# expect: LINE:COLUMN fragment`",
                source.display()
            );
            Case { path, expected }
        })
        .collect()
}

/// Every accepted spec.
pub fn accepted() -> Vec<PathBuf> {
    yaml_files(&root().join("accepted"))
}

/// The `# expect: LINE:COLUMN fragment` lines of a case.
fn expectations(text: &str) -> Vec<Expected> {
    text.lines()
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(|rest| {
            let (place, fragment) = rest.split_once(' ').expect("`LINE:COLUMN fragment`");
            let (line, column) = place.split_once(':').expect("`LINE:COLUMN`");
            Expected {
                line: line.parse().expect("a line number"),
                column: column.parse().expect("a column number"),
                fragment: fragment.to_owned(),
            }
        })
        .collect()
}
