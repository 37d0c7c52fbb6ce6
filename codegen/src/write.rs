//! Writing generated files so that unchanged ones keep their bytes and
//! timestamps: cargo and rustc then see nothing new for untouched endpoints.

use std::io;
use std::path::Path;

use crate::GeneratedFile;

/// What a write did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files whose content changed (or were new).
    pub written: Vec<String>,
    /// Files left untouched because their content was already right.
    pub unchanged: usize,
    /// Stale `.rs` files removed (endpoints that left the spec).
    pub removed: Vec<String>,
}

/// Writes `files` below `out_dir`, each only if its content differs, and
/// removes generated `.rs` files that are no longer produced.
pub fn write_files(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for file in files {
        let target = out_dir.join(&file.path);
        if std::fs::read(&target).is_ok_and(|old| old == file.contents.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &file.contents)?;
        report.written.push(file.path.clone());
    }
    let keep: std::collections::BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    remove_stale(out_dir, out_dir, &keep, &mut report)?;
    Ok(report)
}

fn remove_stale(
    root: &Path,
    dir: &Path,
    keep: &std::collections::BTreeSet<&str>,
    report: &mut WriteReport,
) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            remove_stale(root, &path, keep, report)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if !keep.contains(relative.as_str()) && is_generated(&path) {
                std::fs::remove_file(&path)?;
                report.removed.push(relative);
            }
        }
    }
    Ok(())
}

/// Only files this generator wrote are removed: they live in platform
/// folders or are `generated.rs`; anything else in the directory is left alone.
fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains("::oapi_client::"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn rewrites_only_changed_files_and_removes_stale_ones() {
        let dir = std::env::temp_dir().join(format!("oapi-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = write_files(
            &dir,
            &[
                file("a/x.rs", "::oapi_client::x"),
                file("a/y.rs", "::oapi_client::y"),
            ],
        )
        .unwrap();
        assert_eq!(first.written.len(), 2);
        let second = write_files(
            &dir,
            &[
                file("a/x.rs", "::oapi_client::x"),
                file("a/z.rs", "::oapi_client::z"),
            ],
        )
        .unwrap();
        assert_eq!(second.written, vec!["a/z.rs".to_string()]);
        assert_eq!(second.unchanged, 1);
        assert_eq!(second.removed, vec!["a/y.rs".to_string()]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
