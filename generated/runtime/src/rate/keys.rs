//! Which counters a call takes its turn under, and their keys.

use std::time::Duration;

use crate::spec::{Platform, RateLimit, Scope};

use super::{Limited, interval};

/// Builds the [`Limited`] list of each call of one client: the platform's,
/// the gateway's and the endpoint's declared limits, keyed by platform,
/// app (the first non-secret credential's value, never a secret), scope
/// and limit:
///
/// - `<platform>:<app>:app:<limit>/<window>ms` — [`Scope::App`];
/// - `<platform>:<app>:gw:<gateway>:<limit>/<window>ms` — [`Scope::AppGateway`];
/// - `<platform>:<app>:ep:<endpoint>:<limit>/<window>ms` — [`Scope::AppEndpoint`]
///   (a token request's endpoint is `token.<name>`).
#[derive(Debug, Clone)]
pub struct Keys {
    platform: &'static Platform,
    app: String,
    margin: Duration,
}

impl Keys {
    /// Keys of `platform`'s calls made as `app`, windows stretched by `margin`.
    pub fn new(platform: &'static Platform, app: impl Into<String>, margin: Duration) -> Self {
        Keys {
            platform,
            app: app.into(),
            margin,
        }
    }

    /// The limits of a call of `endpoint` through gateway `gateway` (by
    /// name), given the endpoint's own; a limit declared twice counts once.
    pub fn limits(
        &self,
        gateway: &str,
        endpoint: &str,
        endpoint_limits: &[RateLimit],
    ) -> Vec<Limited> {
        let gateway_limits = self
            .platform
            .gateways
            .iter()
            .find(|g| g.name == gateway)
            .map_or(&[][..], |g| g.rate_limits);
        let mut out: Vec<Limited> = Vec::new();
        for limit in self
            .platform
            .rate_limits
            .iter()
            .chain(gateway_limits)
            .chain(endpoint_limits)
        {
            let key = self.key(limit, gateway, endpoint);
            if out.iter().all(|l| l.key != key) {
                out.push(Limited {
                    key,
                    limit: *limit,
                    interval: interval(limit, self.margin),
                });
            }
        }
        out
    }

    fn key(&self, limit: &RateLimit, gateway: &str, endpoint: &str) -> String {
        let platform = self.platform.name;
        let app = &self.app;
        let (count, window) = (limit.limit, limit.window_ms);
        match limit.per {
            Scope::App => format!("{platform}:{app}:app:{count}/{window}ms"),
            Scope::AppGateway => format!("{platform}:{app}:gw:{gateway}:{count}/{window}ms"),
            Scope::AppEndpoint => format!("{platform}:{app}:ep:{endpoint}:{count}/{window}ms"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Envelope, Gateway};

    static ENVELOPE: Envelope = Envelope::HTTP;
    static GW: Gateway = Gateway {
        rate_limits: &[RateLimit {
            per: Scope::AppGateway,
            limit: 100,
            window_ms: 1000,
        }],
        ..Gateway::new("oapi", "https://example.com", &ENVELOPE)
    };
    static PLATFORM: Platform = Platform {
        name: "p",
        gateways: &[&GW],
        credentials: &[],
        tokens: &[],
        rate_limits: &[
            RateLimit {
                per: Scope::AppEndpoint,
                limit: 40,
                window_ms: 1000,
            },
            RateLimit {
                per: Scope::App,
                limit: 1500,
                window_ms: 60_000,
            },
        ],
        lenient: true,
    };

    #[test]
    fn every_level_counts_once_under_its_key() {
        let keys = Keys::new(&PLATFORM, "key1", Duration::ZERO);
        let own = [RateLimit {
            per: Scope::AppEndpoint,
            limit: 40,
            window_ms: 1000,
        }];
        let limits = keys.limits("oapi", "user.get", &own);
        let names: Vec<&str> = limits.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(
            names,
            [
                "p:key1:ep:user.get:40/1000ms",
                "p:key1:app:1500/60000ms",
                "p:key1:gw:oapi:100/1000ms",
            ]
        );
        assert_eq!(limits[1].interval, Duration::from_millis(40));
    }
}
