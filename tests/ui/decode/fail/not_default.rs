use oapi_client::Decode;

// Decoding starts from `Default`: a type without it is rejected by the compiler.
#[derive(Decode)]
struct NoDefault {
    value: Option<i64>,
}

fn main() {}
