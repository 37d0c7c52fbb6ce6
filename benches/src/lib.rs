//! Benchmark support: deterministic synthetic specs of any size.
//!
//! The real specs (`spec/*.yaml`, 23 endpoints) are too small to show how
//! the generator and the generated crate scale. [`synthesize`] cycles their
//! endpoints under new names: endpoint `i` of a synthetic spec is real
//! endpoint `i % 23` in copy `i / 23`; copy 0 keeps the real names, copy `c`
//! renames group `g` to `g_c` and prefixes the endpoint's path with `/cN`.
//! No randomness: the same `n` always gives the same bytes.
//!
//! The specs are read as text (this crate does not depend on the generator,
//! so it measures nothing of its own): the layout of `spec/*.yaml` is
//! `groups:` at column 0, groups at 2 spaces, `endpoints:` at 4, endpoints at
//! 6 and endpoint keys at 8.

pub mod synth;

pub use synth::{Source, SyntheticFile, read_sources, synthesize, write_dir};
