//! Response bytes → the runtime's envelope and decoding, for the response
//! type of every generated endpoint behind its own gateway's envelope, with
//! any status and content type, leniently or not; the error, if any, is
//! formatted both ways (its redaction and snippets run too). Must never
//! panic.
//!
//! Input: byte 0 picks the endpoint, byte 1 the status, byte 2 the content
//! type and the decoding mode; the rest is the body.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oapi_client::Endpoint;
use oapi_client::runtime::envelope::{self, Answer};

type Decoder = fn(Answer<'_>, bool) -> String;

fn decode<E: Endpoint>(answer: Answer<'_>, lenient: bool) -> String
where
    E::Response: std::fmt::Debug,
{
    let result =
        envelope::unwrap(E::INFO.name, E::INFO.gateway.envelope, answer).and_then(|payload| {
            envelope::read::<E::Response>(E::INFO.name, answer.body, &payload, lenient)
        });
    match result {
        Ok(response) => format!("{response:?}"),
        Err(error) => format!("{error} {error:?} {:?}", error.effective_code()),
    }
}

macro_rules! decoders {
    ($(($platform:ident, $group:ident, $endpoint:ident, $name:literal))*) => {
        const DECODERS: &[Decoder] = &[
            $(decode::<oapi_client::$platform::$group::$endpoint::Request>,)*
        ];
    };
}
oapi_client::for_each_endpoint!(decoders);

const STATUSES: &[u16] = &[
    200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 429, 500, 502, 503, 0, 999,
];
const CONTENT_TYPES: &[Option<&str>] = &[
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("text/html"),
    Some("text/plain"),
    None,
    Some(""),
    Some("TEXT/HTML; charset=gbk"),
    Some("application/\u{202e}json"),
];

fuzz_target!(|data: &[u8]| {
    let [pick, status, kind, body @ ..] = data else {
        return;
    };
    let decoder = DECODERS[usize::from(*pick) % DECODERS.len()];
    let answer = Answer {
        status: STATUSES[usize::from(*status) % STATUSES.len()],
        content_type: CONTENT_TYPES[usize::from(*kind & 7)],
        body,
    };
    let _ = decoder(answer, kind & 8 == 0);
});
