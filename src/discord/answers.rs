//! Discord's answers to the requests of update posts, decoded into what they mean for
//! delivery. The only place that knows Discord's JSON error codes.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde_json::Value;

use crate::subscriptions::{PauseReason, TargetKind};
use crate::updates::PostError;

use super::permissions;

/// Unknown Channel: the channel or thread was deleted.
const UNKNOWN_CHANNEL: u64 = 10003;
/// Unknown Guild: the server is gone, or removed the bot.
const UNKNOWN_GUILD: u64 = 10004;
/// Missing Access: the bot cannot see the channel.
const MISSING_ACCESS: u64 = 50001;
/// Missing Permissions.
const MISSING_PERMISSIONS: u64 = 50013;
/// Thread is archived (a post to it is refused until it is reopened).
pub const THREAD_ARCHIVED: u64 = 50083;
/// This message has already been crossposted.
pub const ALREADY_CROSSPOSTED: u64 = 40033;

/// A response that was not a success: its status, Discord's error code, and a 429's wait.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The HTTP status.
    pub status: u16,
    /// The JSON error `code`, if the body had one.
    pub code: Option<u64>,
    /// A 429's `retry_after`, in seconds (body first, else the header).
    pub retry_after: Option<f64>,
    /// Whether a 429 is for the whole bot.
    pub global: bool,
}

/// Splits a response into its JSON body (on success) or what went wrong.
pub fn decode(status: u16, headers: &HeaderMap, body: &[u8]) -> Result<Value, Failure> {
    if (200..300).contains(&status) {
        return Ok(serde_json::from_slice(body).unwrap_or(Value::Null));
    }
    /// Discord's error body; a 429 carries `retry_after` (seconds) and `global`.
    #[derive(Deserialize, Default)]
    struct Body {
        code: Option<u64>,
        retry_after: Option<f64>,
        global: Option<bool>,
    }
    let failure: Body = serde_json::from_slice(body).unwrap_or_default();
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let retry_after = failure
        .retry_after
        .or_else(|| header("retry-after").and_then(|value| value.trim().parse().ok()));
    let global = failure.global.unwrap_or(false)
        || header("x-ratelimit-global").is_some_and(|value| value.eq_ignore_ascii_case("true"))
        || header("x-ratelimit-scope").is_some_and(|value| value.eq_ignore_ascii_case("global"));
    Err(Failure {
        status,
        code: failure.code,
        retry_after,
        global,
    })
}

/// What a failure means when posting to a channel of `kind`: a refusal becomes the reason to
/// pause with, naming what posting there needs.
pub fn meaning(failure: &Failure, kind: TargetKind) -> PostError {
    refusal(failure, || PauseReason::CannotPost {
        needs: permissions::names_for_posting(kind),
    })
}

/// What a failure means, with `refused` the pause reason for Missing Permissions.
pub fn refusal(failure: &Failure, refused: impl FnOnce() -> PauseReason) -> PostError {
    match (failure.status, failure.code) {
        (429, _) => PostError::RateLimited {
            // A missing or nonsensical value still waits a little rather than hammering.
            retry_after: failure
                .retry_after
                .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
                .map_or(Duration::from_secs(1), |seconds| {
                    Duration::from_secs_f64(seconds.min(3600.0))
                }),
            global: failure.global,
        },
        (401, _) => PostError::Unauthorized,
        (_, Some(UNKNOWN_CHANNEL)) => PostError::ChannelGone,
        (_, Some(UNKNOWN_GUILD)) => PostError::GuildGone,
        (_, Some(MISSING_ACCESS)) => PostError::Refused(PauseReason::CannotSee {
            needs: vec![permissions::FOR_POSTING[0].1.to_owned()],
        }),
        (_, Some(MISSING_PERMISSIONS)) => PostError::Refused(refused()),
        (status @ 500..=599, _) => PostError::ServerError { status },
        (status, Some(code)) => PostError::Other(format!("HTTP {status}, Discord code {code}")),
        (status, None) => PostError::Other(format!("HTTP {status}")),
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn error(status: u16, headers: &HeaderMap, body: &[u8]) -> PostError {
        meaning(
            &decode(status, headers, body).unwrap_err(),
            TargetKind::Text,
        )
    }

    #[test]
    fn a_429_waits_what_the_body_says_else_what_the_header_says() {
        let body =
            br#"{"message": "You are being rate limited.", "retry_after": 0.25, "global": false}"#;
        assert_eq!(
            error(429, &headers(&[("retry-after", "1")]), body),
            PostError::RateLimited {
                retry_after: Duration::from_millis(250),
                global: false
            }
        );
        assert_eq!(
            error(
                429,
                &headers(&[("retry-after", "3"), ("x-ratelimit-scope", "global")]),
                b""
            ),
            PostError::RateLimited {
                retry_after: Duration::from_secs(3),
                global: true
            }
        );
        assert_eq!(
            error(429, &HeaderMap::new(), br#"{"retry_after": "NaN"}"#),
            PostError::RateLimited {
                retry_after: Duration::from_secs(1),
                global: false
            }
        );
    }

    #[test]
    fn discord_error_codes_become_what_delivery_must_do() {
        let coded = |status, code: u64| {
            let body = format!(r#"{{"code": {code}, "message": "x"}}"#);
            error(status, &HeaderMap::new(), body.as_bytes())
        };
        assert_eq!(coded(404, 10003), PostError::ChannelGone);
        assert_eq!(coded(404, 10004), PostError::GuildGone);
        assert_eq!(
            coded(403, 50001),
            PostError::Refused(PauseReason::CannotSee {
                needs: vec!["View Channel".into()]
            })
        );
        assert_eq!(
            coded(403, 50013),
            PostError::Refused(PauseReason::CannotPost {
                needs: vec![
                    "View Channel".into(),
                    "Send Messages".into(),
                    "Embed Links".into()
                ]
            })
        );
        assert_eq!(coded(401, 0), PostError::Unauthorized);
        assert_eq!(coded(500, 0), PostError::ServerError { status: 500 });
        assert_eq!(
            coded(400, 50035),
            PostError::Other("HTTP 400, Discord code 50035".into())
        );
        assert_eq!(
            error(502, &HeaderMap::new(), b"<html>bad gateway</html>"),
            PostError::ServerError { status: 502 }
        );
        assert_eq!(
            error(403, &HeaderMap::new(), b""),
            PostError::Other("HTTP 403".into())
        );
    }
}
