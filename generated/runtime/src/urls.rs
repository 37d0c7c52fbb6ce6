//! Endpoint URLs, parsed once per client.
//!
//! Parsing `https://host/path` into a [`reqwest::Url`] (WHATWG parsing, host
//! and IP checks) costs ~7,800 instructions, about a thirtieth of a whole
//! local call; reqwest repeats it on every request given a string. A client
//! calls a fixed set of endpoints, so each URL is parsed on its first call and
//! cloned afterwards (one allocation).

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use reqwest::Url;

use super::endpoint::Params;
use super::error::Error;

/// Base URLs per gateway and the endpoint URLs built from them so far.
pub(crate) struct EndpointUrls {
    /// The platform's name, for errors.
    platform: &'static str,
    /// Resolved base URL per gateway name, without a trailing `/`.
    bases: Vec<(&'static str, String)>,
    /// `(gateway, path)` → parsed URL. Bounded by the number of endpoints
    /// (keys are the spec's static strings).
    parsed: RwLock<HashMap<(&'static str, &'static str), Url>>,
}

impl EndpointUrls {
    pub(crate) fn new(platform: &'static str, bases: Vec<(&'static str, String)>) -> Self {
        EndpointUrls {
            platform,
            bases,
            parsed: RwLock::default(),
        }
    }

    /// The base URLs, for `Debug`.
    pub(crate) fn bases(&self) -> &[(&'static str, String)] {
        &self.bases
    }

    /// `{base of gateway}{path}`, parsed, with each `{name}` segment of the
    /// path replaced by the value of `path_params` named so, percent-encoded
    /// as one segment (a `/` in a value cannot add a segment).
    ///
    /// Errors: `gateway` is not one of this client's platform (an endpoint of
    /// another platform), the joined URL does not parse, a placeholder has no value.
    pub(crate) fn with_params(
        &self,
        endpoint: &'static str,
        gateway: &'static str,
        path: &'static str,
        path_params: &Params,
    ) -> Result<Url, Error> {
        if !path.contains('{') {
            return self.get(endpoint, gateway, path);
        }
        let mut url = self.get(endpoint, gateway, "")?;
        let not_a_base = || Error::Config {
            endpoint: Some(endpoint),
            message: format!("the base URL of gateway `{gateway}` cannot take a path"),
        };
        let mut segments = url.path_segments_mut().map_err(|()| not_a_base())?;
        segments.pop_if_empty();
        for segment in path.split('/').skip(1) {
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => {
                    let value = path_params
                        .pairs
                        .iter()
                        .find(|(param, _)| *param == name)
                        .ok_or_else(|| Error::Config {
                            endpoint: Some(endpoint),
                            message: format!("the path parameter `{name}` has no value"),
                        })?;
                    segments.push(&value.1);
                }
                None => {
                    segments.push(segment);
                }
            }
        }
        drop(segments);
        Ok(url)
    }

    /// `{base of gateway}{path}`, parsed (once per client and path).
    pub(crate) fn get(
        &self,
        endpoint: &'static str,
        gateway: &'static str,
        path: &'static str,
    ) -> Result<Url, Error> {
        // Entries are only ever inserted whole, so a poisoned lock still
        // holds a consistent map.
        if let Some(url) = self
            .parsed
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(gateway, path))
        {
            return Ok(url.clone());
        }
        let base = self.base(endpoint, gateway)?;
        let joined = format!("{base}{path}");
        let url = Url::parse(&joined).map_err(|e| Error::Config {
            endpoint: Some(endpoint),
            message: format!("invalid URL `{joined}`: {e}"),
        })?;
        self.parsed
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((gateway, path), url.clone());
        Ok(url)
    }

    fn base(&self, endpoint: &'static str, gateway: &str) -> Result<&str, Error> {
        self.bases
            .iter()
            .find(|(name, _)| *name == gateway)
            .map(|(_, url)| url.as_str())
            .ok_or_else(|| Error::Config {
                endpoint: Some(endpoint),
                message: format!(
                    "gateway `{gateway}` is not a gateway of platform {}: \
                     the endpoint belongs to another platform's client",
                    self.platform
                ),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> EndpointUrls {
        EndpointUrls::new(
            "p",
            vec![
                ("web", "https://web.example.com".to_owned()),
                ("api", "http://127.0.0.1:8080/prefix".to_owned()),
            ],
        )
    }

    #[test]
    fn joins_base_and_path_and_reuses_the_parsed_url() {
        let urls = urls();
        let first = urls.get("e", "api", "/v1.0/x").ok();
        assert_eq!(
            first.as_ref().map(Url::as_str),
            Some("http://127.0.0.1:8080/prefix/v1.0/x")
        );
        assert_eq!(urls.parsed.read().map(|m| m.len()).ok(), Some(1));
        assert_eq!(urls.get("e", "api", "/v1.0/x").ok(), first);
        assert_eq!(
            urls.get("e", "web", "/v1.0/x").ok().map(String::from),
            Some("https://web.example.com/v1.0/x".to_owned())
        );
        assert_eq!(urls.parsed.read().map(|m| m.len()).ok(), Some(2));
    }

    #[test]
    fn path_parameters_fill_their_segment_encoded() {
        let urls = urls();
        let mut params = Params::default();
        params.push("unionId", "a/b c?");
        params.push("taskId", &7_i64);
        let url = urls
            .with_params("e", "api", "/v1.0/users/{unionId}/tasks/{taskId}", &params)
            .map(String::from)
            .ok();
        assert_eq!(
            url.as_deref(),
            Some("http://127.0.0.1:8080/prefix/v1.0/users/a%2Fb%20c%3F/tasks/7")
        );
        let error = urls.with_params("e", "api", "/v1.0/users/{missing}", &params);
        assert!(error.is_err());
    }

    #[test]
    fn an_unknown_gateway_is_a_config_error_naming_the_endpoint() {
        let error = urls().get("hrm.x", "other", "/x").err();
        let text = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.contains("hrm.x") && text.contains("`other`") && text.contains("platform p"),
            "{text}"
        );
    }

    #[test]
    fn a_path_that_does_not_parse_is_a_config_error() {
        let urls = EndpointUrls::new("p", vec![("g", "http://127.0.0.1:1".to_owned())]);
        let error = urls.get("e", "g", ":99999/x").err();
        let text = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.contains("invalid URL"), "{text}");
    }
}
