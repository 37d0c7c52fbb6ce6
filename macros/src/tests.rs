//! Every derive over odd inputs: each must answer with `compile_error!`s or
//! an impl, never a panic (a panicking proc-macro gives the user no span).

use proc_macro2::TokenStream;
use syn::{DeriveInput, parse_quote};

fn errors(output: &TokenStream) -> usize {
    output.to_string().matches("compile_error").count()
}

fn derive_all(input: &DeriveInput) -> [TokenStream; 4] {
    let or_error =
        |result: syn::Result<TokenStream>| result.unwrap_or_else(syn::Error::into_compile_error);
    [
        crate::validate::derive(input),
        or_error(crate::endpoint::derive(input)),
        or_error(crate::builder::derive(input)),
        or_error(crate::open_enum::derive(input)),
    ]
}

#[test]
fn odd_inputs_never_panic() {
    let inputs: Vec<DeriveInput> = vec![
        parse_quote!(
            struct Unit;
        ),
        parse_quote!(
            struct Tuple(i64, Option<i64>);
        ),
        parse_quote!(
            enum Empty {}
        ),
        parse_quote!(union U { a: u8 }),
        parse_quote!(
            struct Empty {}
        ),
        parse_quote! {
            #[validate] #[validate = 1] #[validate()] #[validate(window())]
            #[endpoint] #[endpoint = "x"] #[endpoint()] #[param]
            struct Bare {
                #[validate] #[validate(max = )] #[validate(range())] #[validate(length(min))]
                #[param] #[param = 1] #[param(query(x))]
                #[value]
                a: i64,
            }
        },
        parse_quote! {
            #[endpoint(method = , path = 1, gateway = 1 + 1, response = , auth, name)]
            #[validate(window(start = 1, end = a::b, max_days = -1))]
            struct Values<'a, T: Clone> where T: Default {
                #[validate(max = 99999999999999999999999999999999999999999, min = 1e400)]
                #[validate(max_items = 99999999999999999999999999999999999999)]
                r#type: &'a T,
                #[serde(rename = 5, rename(serialize = 1), skip = 3)]
                #[serde(rename_all = "nonsense")]
                b: Option<Option<T>>,
            }
        },
        parse_quote! {
            enum Values {
                #[value] A,
                #[value()] B,
                #[value(1, 2)] C,
                #[value(-)] D,
                #[value(--1)] E,
                #[value(-"x")] F,
                G { x: i64 },
                H(),
            }
        },
        parse_quote!(
            enum OnlyOther {
                Other(i64),
            }
        ),
        parse_quote!(
            enum OnlyOtherUnknown {
                Other(u8),
            }
        ),
    ];
    for input in &inputs {
        for output in derive_all(input) {
            assert!(!output.is_empty(), "every input gets an answer");
        }
    }
}

#[test]
fn a_derive_reports_every_error_at_once() {
    let input: DeriveInput = parse_quote! {
        #[validate(window(start = nope, end = b, max_days = 1))]
        struct S {
            #[validate(max_item = 1, min = "1", max_length = 1, max_length = 2)]
            a: Vec<i64>,
            #[validate(min = 5, max = 1)]
            b: i64,
        }
    };
    assert_eq!(errors(&crate::validate::derive(&input)), 5);

    let input: DeriveInput = parse_quote! {
        #[endpoint(method = PUSH, path = "x", gateway = G, response = R, colour = red)]
        struct S {
            #[param(query)] a: String,
            #[param(body)] #[serde(skip)] b: String,
        }
    };
    let output = crate::endpoint::derive(&input).unwrap_or_else(syn::Error::into_compile_error);
    assert_eq!(errors(&output), 5);
}

#[test]
fn malformed_endpoint_attribute_is_one_error() {
    let input: DeriveInput = parse_quote!(
        #[endpoint]
        struct S {}
    );
    let output = crate::endpoint::derive(&input).unwrap_or_else(syn::Error::into_compile_error);
    assert_eq!(errors(&output), 1, "{output}");
}

#[test]
fn valid_inputs_expand_without_errors() {
    let input: DeriveInput = parse_quote! {
        #[validate(window(start = a, end = b, max_days = 180))]
        struct S { #[validate(min = -1, max = 1.5, nested)] a: i64, b: Option<i64> }
    };
    let output = crate::validate::derive(&input).to_string();
    assert_eq!(errors(&crate::validate::derive(&input)), 0, "{output}");
    assert!(output.contains(":: oapi_client :: runtime :: validation :: window"));
    assert!(output.contains("path . field (\"a\")"), "{output}");

    let input: DeriveInput = parse_quote!(
        enum E {
            #[value("a")]
            A,
            Other(String),
        }
    );
    let output = crate::open_enum::derive(&input).map(|tokens| tokens.to_string());
    assert!(
        output
            .is_ok_and(|text| text.contains("open_enum :: deserialize_str (deserializer , \"E\")")),
        "a string enum deserializes through the runtime's string visitor"
    );
}

#[test]
fn builder_setters_take_text_as_into_and_other_types_as_they_are() {
    let input: DeriveInput = parse_quote! {
        struct R {
            title: String,
            key: Secret<String>,
            size: i64,
            author: Option<String>,
            ids: Option<Vec<i64>>,
        }
    };
    let output = crate::builder::derive(&input).map(|tokens| tokens.to_string());
    let text = output.unwrap_or_else(|error| error.to_string());
    for expected in [
        "title : impl :: core :: convert :: Into < String >",
        "key : impl :: core :: convert :: Into < Secret < String > >",
        "size : i64",
        "pub fn author (mut self , value : impl :: core :: convert :: Into < String >)",
        "pub fn ids (mut self , value : Vec < i64 >)",
        "ids = :: core :: option :: Option :: Some (value)",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in {text}");
    }
}
