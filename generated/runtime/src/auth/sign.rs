//! Request signatures, computed by the spec's signing rules
//! ([`Signing`]): which parameters take part, their order, how they are
//! joined, where the secret goes, the digest and its text form. A
//! [`Signer`] replaces a rule for what YAML cannot say.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use md5::{Digest as _, Md5};
use sha1::Sha1;
use sha2::Sha256;

use crate::secret::Secret;
use crate::spec::{Digest, DigestEncoding, Join, SecretAt, Signing};

/// Computes a signature where a spec's rule cannot say how.
pub trait Signer: Send + Sync + 'static {
    /// `params` holds every non-empty query and body parameter of the request
    /// but the signature itself, as sent (objects as their compact JSON), in
    /// the order they are sent; `secret` is the rule's credential.
    fn sign(&self, params: &[(&str, &str)], secret: &Secret<String>) -> String;
}

/// The text a rule signs: the selected parameters in the rule's order,
/// joined, with the secret placed (not for `SecretAt::Key`, where it is
/// the HMAC key only).
pub fn canonical(rule: &Signing, params: &[(&str, &str)], secret: &str) -> String {
    let mut selected: Vec<(&str, &str)> = match rule.params {
        Some(names) => names
            .iter()
            .filter_map(|name| params.iter().find(|(n, _)| n == name).copied())
            .collect(),
        None => params
            .iter()
            .copied()
            .filter(|(_, v)| !v.is_empty())
            .collect(),
    };
    if rule.sorted {
        selected.sort_by(|a, b| a.0.cmp(b.0));
    }
    if let SecretAt::Param(name) = rule.secret_at {
        selected.push((name, secret));
    }
    let mut text = String::new();
    for (index, (name, value)) in selected.iter().enumerate() {
        match rule.join {
            Join::NameValue => {
                text.push_str(name);
                text.push_str(value);
            }
            Join::Query => {
                if index > 0 {
                    text.push('&');
                }
                text.push_str(name);
                text.push('=');
                text.push_str(value);
            }
            Join::Values => text.push_str(value),
        }
    }
    match rule.secret_at {
        SecretAt::Prefix => format!("{secret}{text}"),
        SecretAt::Suffix => format!("{text}{secret}"),
        SecretAt::Both => format!("{secret}{text}{secret}"),
        SecretAt::Param(_) | SecretAt::Key => text,
    }
}

/// The signature of `params` by `rule` with `secret`.
pub fn sign(rule: &Signing, params: &[(&str, &str)], secret: &Secret<String>) -> String {
    let text = canonical(rule, params, secret.expose());
    let key = secret.expose().as_bytes();
    let bytes: Vec<u8> = match rule.digest {
        Digest::Md5 => Md5::digest(text.as_bytes()).to_vec(),
        Digest::Sha1 => Sha1::digest(text.as_bytes()).to_vec(),
        Digest::Sha256 => Sha256::digest(text.as_bytes()).to_vec(),
        Digest::HmacSha256 => match Hmac::<Sha256>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(text.as_bytes());
                mac.finalize().into_bytes().to_vec()
            }
            // ok: HMAC accepts keys of any length; kept total anyway.
            Err(_) => Vec::new(),
        },
        Digest::HmacMd5 => match Hmac::<Md5>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(text.as_bytes());
                mac.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        },
    };
    encode(&bytes, rule.encoding)
}

fn encode(bytes: &[u8], encoding: DigestEncoding) -> String {
    match encoding {
        DigestEncoding::Hex => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        DigestEncoding::HexUpper => bytes.iter().map(|b| format!("{b:02X}")).collect(),
        DigestEncoding::Base64 => base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SORTED_MD5: Signing = Signing {
        name: "t",
        digest: Digest::Md5,
        encoding: DigestEncoding::HexUpper,
        params: None,
        sorted: true,
        join: Join::NameValue,
        secret: "secret",
        secret_at: SecretAt::Both,
    };

    #[test]
    fn sorted_name_value_md5_with_the_secret_at_both_ends() {
        // printf '%s' 'sk-123appapp-1payload{"pageNum":1,"pageSize":20}timestamp1700000000000version1.0sk-123' \
        //   | md5sum | tr a-f A-F
        let params = [
            ("app", "app-1"),
            ("version", "1.0"),
            ("timestamp", "1700000000000"),
            ("payload", r#"{"pageNum":1,"pageSize":20}"#),
        ];
        let secret = Secret::new("sk-123".to_owned());
        assert_eq!(
            sign(&SORTED_MD5, &params, &secret),
            "667DC5994AC551093DF4AE1B7F7D822E"
        );
    }

    #[test]
    fn listed_query_join_with_the_secret_as_a_last_parameter() {
        let rule = Signing {
            params: Some(&["timestamp", "data"]),
            sorted: false,
            join: Join::Query,
            secret_at: SecretAt::Param("sign_key"),
            encoding: DigestEncoding::Hex,
            ..SORTED_MD5
        };
        let params = [("data", "{}"), ("timestamp", "1"), ("access_token", "t")];
        assert_eq!(
            canonical(&rule, &params, "k"),
            "timestamp=1&data={}&sign_key=k"
        );
        // printf '%s' 'timestamp=1&data={}&sign_key=k' | md5sum
        assert_eq!(
            sign(&rule, &params, &Secret::new("k".to_owned())),
            "b6c1ddd46db61770f4a3898cecf47b91"
        );
    }

    #[test]
    fn hmac_and_encodings() {
        let rule = Signing {
            digest: Digest::HmacSha256,
            encoding: DigestEncoding::Base64,
            join: Join::Values,
            secret_at: SecretAt::Key,
            ..SORTED_MD5
        };
        // printf '%s' '12' | openssl dgst -sha256 -hmac key -binary | base64
        let signature = sign(
            &rule,
            &[("b", "2"), ("a", "1")],
            &Secret::new("key".to_owned()),
        );
        assert_eq!(signature, "nb1O3Rbw/2DYQh3aegdOTLAmTSnm+7UdY9eUmP1HxZ4=");
        let sha1 = Signing {
            digest: Digest::Sha1,
            encoding: DigestEncoding::Hex,
            ..SORTED_MD5
        };
        // printf '%s' 'kakk' | sha1sum
        assert_eq!(
            sign(&sha1, &[("a", "")], &Secret::new("k".to_owned())),
            sign(&sha1, &[], &Secret::new("k".to_owned())),
            "empty values take no part"
        );
    }
}
