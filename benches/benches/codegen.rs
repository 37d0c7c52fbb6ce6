//! Generation time: the whole pipeline (`generate_files`: read → load →
//! check → lower → emit → format) and each stage alone, on the real spec
//! (23 endpoints) and on synthetic specs of 230 and 2,300 endpoints.
//! Throughput is in endpoints, so criterion prints endpoints per second.
//!
//! ```text
//! cargo bench -p oapi-benches --bench codegen
//! cargo bench -p oapi-benches --bench codegen -- 'pipeline/'   # one group
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use oapi_codegen::{check, emit, format, load, lower};

/// A spec set: its name in the report, directory, endpoint count.
struct SpecSet {
    name: String,
    dir: PathBuf,
    endpoints: usize,
}

fn spec_sets() -> Vec<SpecSet> {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let sources = oapi_benches::read_sources(&real).unwrap();
    let real_endpoints = count_endpoints(&real);
    let mut sets = vec![SpecSet {
        name: "real".into(),
        dir: real,
        endpoints: real_endpoints,
    }];
    for n in [230, 2300] {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("synth-{n}"));
        let files = oapi_benches::synthesize(&sources, n).unwrap();
        oapi_benches::write_dir(&dir, &files).unwrap();
        sets.push(SpecSet {
            name: format!("synth{n}"),
            dir,
            endpoints: n,
        });
    }
    sets
}

fn count_endpoints(dir: &Path) -> usize {
    let api = oapi_codegen::compile(&[dir.to_path_buf()]).unwrap();
    api.platforms
        .iter()
        .flat_map(|p| &p.groups)
        .map(|g| g.endpoints.len())
        .sum()
}

fn texts(dir: &Path) -> Vec<(PathBuf, String)> {
    oapi_codegen::spec_files(&[dir.to_path_buf()])
        .unwrap()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

fn load_all(texts: &[(PathBuf, String)]) -> Vec<load::Loaded> {
    texts
        .iter()
        .map(|(path, text)| load::load_str(path, text.clone()).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    for set in spec_sets() {
        assert_eq!(count_endpoints(&set.dir), set.endpoints);
        let texts = texts(&set.dir);
        let loaded = load_all(&texts);
        let api = lower::lower(&loaded);
        let files = emit::files(&api, &emit::Options::oapi_client());

        let mut group = c.benchmark_group(format!("codegen/{}", set.name));
        group.throughput(Throughput::Elements(set.endpoints as u64));
        if set.endpoints > 1000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        } else {
            group.sample_size(20);
        }
        group.bench_function("pipeline", |b| {
            b.iter(|| {
                oapi_codegen::generate_files(black_box(std::slice::from_ref(&set.dir))).unwrap()
            })
        });
        group.bench_function("load", |b| b.iter(|| load_all(black_box(&texts))));
        group.bench_function("check", |b| {
            b.iter(|| assert!(check::check_all(black_box(&loaded)).is_empty()))
        });
        group.bench_function("lower", |b| b.iter(|| lower::lower(black_box(&loaded))));
        group.bench_function("emit", |b| {
            b.iter(|| emit::files(black_box(&api), &emit::Options::oapi_client()))
        });
        group.bench_function("format", |b| {
            b.iter(|| {
                black_box(&files)
                    .iter()
                    .map(|f| format::format(&f.tokens, &f.path).unwrap())
                    .collect::<Vec<_>>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
