//! Temporary: writes an empty generated module until the codegen pipeline lands.
fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&out).join("generated.rs"), "")
        .expect("write generated.rs");
    println!("cargo:rerun-if-changed=build.rs");
}
