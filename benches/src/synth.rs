//! Synthetic specs: the real endpoints' shapes, cycled under new names.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::Path;

/// One real spec file, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// File name, e.g. `dingtalk.yaml`.
    pub file_name: String,
    /// The YAML text.
    pub text: String,
}

/// One synthetic spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticFile {
    /// File name (the real file's).
    pub file_name: String,
    /// The YAML text.
    pub text: String,
    /// Endpoints in it.
    pub endpoints: usize,
}

/// A spec whose layout [`synthesize`] does not understand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError {
    /// The file.
    pub file_name: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file_name, self.line, self.message)
    }
}

impl std::error::Error for LayoutError {}

impl From<LayoutError> for io::Error {
    fn from(err: LayoutError) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, err)
    }
}

/// The `*.yaml` files of `dir`, in name order (the order the generator reads them).
pub fn read_sources(dir: &Path) -> io::Result<Vec<Source>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|file_name| {
            let text = std::fs::read_to_string(dir.join(&file_name))?;
            Ok(Source { file_name, text })
        })
        .collect()
}

/// How many endpoints `sources` hold (one copy of [`synthesize`]'s cycle).
pub fn endpoint_count(sources: &[Source]) -> Result<usize, LayoutError> {
    let parsed: Vec<Parsed<'_>> = sources.iter().map(parse).collect::<Result<_, _>>()?;
    Ok(parsed
        .iter()
        .flat_map(|spec| &spec.groups)
        .map(|group| group.endpoints.len())
        .sum())
}

/// `n` endpoints cycling the endpoints of `sources` (in file order, then
/// spec order): endpoint `i` is real endpoint `i % R` of copy `i / R`.
/// Files that receive no endpoint are left out.
pub fn synthesize(sources: &[Source], n: usize) -> Result<Vec<SyntheticFile>, LayoutError> {
    let parsed: Vec<Parsed<'_>> = sources.iter().map(parse).collect::<Result<_, _>>()?;
    // (file, group, endpoint) of every real endpoint, in order.
    let real: Vec<(usize, usize, usize)> = parsed
        .iter()
        .enumerate()
        .flat_map(|(f, spec)| {
            spec.groups
                .iter()
                .enumerate()
                .flat_map(move |(g, group)| (0..group.endpoints.len()).map(move |e| (f, g, e)))
        })
        .collect();
    if real.is_empty() {
        return Err(LayoutError {
            file_name: sources
                .first()
                .map_or_else(String::new, |s| s.file_name.clone()),
            line: 0,
            message: "no endpoints found".into(),
        });
    }
    // Per file: (copy, group) → endpoints, in (copy, group) order.
    let mut buckets: Vec<BTreeMap<(usize, usize), Vec<usize>>> =
        vec![BTreeMap::new(); parsed.len()];
    for i in 0..n {
        let (f, g, e) = real[i % real.len()];
        let copy = i / real.len();
        buckets[f].entry((copy, g)).or_default().push(e);
    }
    Ok(parsed
        .iter()
        .zip(&buckets)
        .filter(|(_, groups)| !groups.is_empty())
        .map(|(spec, groups)| {
            let mut text =
                String::with_capacity(spec.header.len() + spec.body_len * (n / real.len() + 1));
            text.push_str(spec.header);
            let mut endpoints = 0;
            for (&(copy, g), picked) in groups {
                let group = &spec.groups[g];
                push_line(&mut text, &renamed_group(group, copy));
                for line in &group.preamble {
                    push_line(&mut text, line);
                }
                for &e in picked {
                    let endpoint = &group.endpoints[e];
                    push_line(&mut text, endpoint.name_line);
                    for line in &endpoint.lines {
                        match path_line(line) {
                            Some(path) if copy > 0 => {
                                push_line(&mut text, &format!("        path: /c{copy}{path}"));
                            }
                            _ => push_line(&mut text, line),
                        }
                    }
                    endpoints += 1;
                }
            }
            SyntheticFile {
                file_name: spec.file_name.to_owned(),
                text,
                endpoints,
            }
        })
        .collect())
}

/// Writes `files` into `dir` (created if needed), each only if its content
/// changed, and removes the other spec files there, so `dir` is exactly
/// that spec set and cargo sees no change when nothing changed.
pub fn write_dir(dir: &Path, files: &[SyntheticFile]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for file in files {
        let path = dir.join(&file.file_name);
        if std::fs::read(&path).is_ok_and(|old| old == file.text.as_bytes()) {
            continue;
        }
        std::fs::write(&path, &file.text)?;
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let spec = name.ends_with(".yaml") || name.ends_with(".yml");
        if spec && !files.iter().any(|f| f.file_name == name) {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

struct Parsed<'a> {
    file_name: &'a str,
    /// Everything up to and including `groups:`.
    header: &'a str,
    groups: Vec<Group<'a>>,
    /// Bytes of all groups, to size the output.
    body_len: usize,
}

struct Group<'a> {
    /// The group's key.
    name: &'a str,
    /// Lines between the group key and its first endpoint (`doc:`, `endpoints:`).
    preamble: Vec<&'a str>,
    endpoints: Vec<EndpointText<'a>>,
}

struct EndpointText<'a> {
    /// `      create:`
    name_line: &'a str,
    /// Everything below it, comments and blank lines included.
    lines: Vec<&'a str>,
}

fn parse(source: &Source) -> Result<Parsed<'_>, LayoutError> {
    let text = source.text.as_str();
    let error = |line: usize, message: &str| LayoutError {
        file_name: source.file_name.clone(),
        line,
        message: message.to_owned(),
    };
    let mut offset = 0;
    let mut header_end = None;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "groups:" {
            header_end = Some(offset);
            break;
        }
    }
    let header_end = header_end.ok_or_else(|| error(0, "no top-level `groups:` line"))?;
    let header = &text[..header_end];
    let first_line = header.matches('\n').count() + 1;
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (index, raw) in text[header_end..].split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let filler = trimmed.is_empty() || trimmed.starts_with('#');
        let here = first_line + index;
        if filler {
            // Comments and blank lines stay with what precedes them.
            if let Some(group) = groups.last_mut() {
                match group.endpoints.last_mut() {
                    Some(endpoint) => endpoint.lines.push(line),
                    None => group.preamble.push(line),
                }
            }
            continue;
        }
        match indent {
            2 => {
                let name = trimmed
                    .strip_suffix(':')
                    .ok_or_else(|| error(here, "a group is expected as `  name:`"))?;
                groups.push(Group {
                    name,
                    preamble: Vec::new(),
                    endpoints: Vec::new(),
                });
            }
            4 => {
                let group = groups
                    .last_mut()
                    .ok_or_else(|| error(here, "group key outside a group"))?;
                if !group.endpoints.is_empty() {
                    return Err(error(here, "group keys are expected before the endpoints"));
                }
                group.preamble.push(line);
            }
            6 => {
                let group = groups
                    .last_mut()
                    .ok_or_else(|| error(here, "endpoint outside a group"))?;
                group.endpoints.push(EndpointText {
                    name_line: line,
                    lines: Vec::new(),
                });
            }
            i if i >= 8 => {
                let endpoint = groups
                    .last_mut()
                    .and_then(|g| g.endpoints.last_mut())
                    .ok_or_else(|| error(here, "endpoint key outside an endpoint"))?;
                endpoint.lines.push(line);
            }
            _ => return Err(error(here, "unexpected indentation after `groups:`")),
        }
    }
    Ok(Parsed {
        file_name: &source.file_name,
        header,
        groups,
        body_len: text.len() - header_end,
    })
}

fn renamed_group(group: &Group<'_>, copy: usize) -> String {
    if copy == 0 {
        format!("  {}:", group.name)
    } else {
        format!("  {}_{copy}:", group.name)
    }
}

/// The path of an endpoint's `path:` line.
fn path_line(line: &str) -> Option<&str> {
    let path = line.strip_prefix("        path: ")?;
    path.starts_with('/').then_some(path)
}

fn push_line(text: &mut String, line: &str) {
    text.push_str(line);
    text.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real() -> Vec<Source> {
        read_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).unwrap()
    }

    fn count(text: &str, prefix: &str) -> usize {
        text.lines().filter(|l| l.starts_with(prefix)).count()
    }

    #[test]
    fn sizes_are_exact_and_deterministic() {
        let sources = real();
        let r = endpoint_count(&sources).unwrap();
        for n in [1, r - 1, r, r + 1, 10 * r, 100 * r] {
            let files = synthesize(&sources, n).unwrap();
            let total: usize = files.iter().map(|f| f.endpoints).sum();
            assert_eq!(total, n);
            assert_eq!(files, synthesize(&sources, n).unwrap());
            // Every path is distinct.
            let mut paths: Vec<&str> = files
                .iter()
                .flat_map(|f| f.text.lines())
                .filter(|l| l.starts_with("        path: "))
                .collect();
            let len = paths.len();
            paths.sort_unstable();
            paths.dedup();
            assert_eq!(paths.len(), len, "n = {n}");
        }
    }

    #[test]
    fn one_copy_is_the_real_spec() {
        let sources = real();
        let files = synthesize(&sources, endpoint_count(&sources).unwrap()).unwrap();
        assert_eq!(files.len(), sources.len());
        for (file, source) in files.iter().zip(&sources) {
            let strip = |t: &str| -> Vec<String> {
                t.lines()
                    .map(str::trim_end)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            assert_eq!(strip(&file.text), strip(&source.text), "{}", file.file_name);
        }
    }

    #[test]
    fn copies_rename_groups_and_prefix_paths() {
        let sources = real();
        let files = synthesize(&sources, 2 * endpoint_count(&sources).unwrap()).unwrap();
        let file = |name: &str| files.iter().find(|f| f.file_name == name).unwrap();
        let dingtalk = &file("dingtalk.yaml").text;
        assert_eq!(count(dingtalk, "  blackboard:"), 1);
        assert_eq!(count(dingtalk, "  blackboard_1:"), 1);
        assert!(dingtalk.contains("        path: /c1/topapi/blackboard/create\n"));
        let shiheng = file("shiheng.yaml");
        assert_eq!(shiheng.endpoints, 2);
        assert!(shiheng.text.contains("  employee_1:\n"));
    }

    #[test]
    fn small_sizes_leave_out_files_without_endpoints() {
        let files = synthesize(&real(), 5).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].file_name, "dingtalk.yaml");
    }

    #[test]
    fn layout_errors_are_located() {
        let bad = Source {
            file_name: "x.yaml".into(),
            text: "platform: x\ngroups:\n  a:\n   odd: 1\n".into(),
        };
        let err = synthesize(&[bad], 3).err().unwrap();
        assert_eq!(err.line, 4, "{err}");
    }
}
