//! `oapi-fake <spec dir>`: the fake platform for your own tests, serving
//! every endpoint of the spec files named (see `oapi_fake::cli`).

fn main() -> std::process::ExitCode {
    oapi_fake::cli::main(std::env::args().skip(1))
}
