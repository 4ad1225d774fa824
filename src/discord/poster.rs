//! The [`Poster`] that sends update posts to Discord: `POST /channels/{id}/messages` with the
//! update embed, the message nonce with `enforce_nonce`, and mentions off.
//!
//! The request is built by serenity (URL, proxy, token, user agent) and sent through the same
//! reqwest client serenity uses, but the answer is read here: serenity's own error type drops
//! a 429's `retry_after` when its rate limiter is off (proxy mode, the tests), and delivery
//! must honour it. With the rate limiter on, serenity's per-route buckets still apply.

use std::sync::Arc;

use poise::serenity_prelude::{
    self as serenity, CreateAllowedMentions, CreateMessage, Http, LightMethod, Request, Route,
};
use reqwest::header::HeaderMap;
use serde::Deserialize;

use crate::ops::Metrics;
use crate::render::embed;
use crate::reply::Reply;
use crate::subscriptions::{ChannelId, MessageId};
use crate::updates::{Nonce, PostError, Poster};

use super::send;

/// Posts update embeds in channels through serenity's `Http`.
#[derive(Clone)]
pub struct DiscordPoster {
    /// The bot's REST client: token, proxy and (outside proxy mode) per-route rate limits.
    http: Arc<Http>,
    /// The reqwest client inside `http`, which serenity keeps private; sends in proxy mode.
    client: reqwest::Client,
    /// Counts each post's answer.
    metrics: Arc<Metrics>,
}

impl DiscordPoster {
    /// A poster over `http`, whose requests `client` (the one `http` was built with) sends.
    pub(super) fn new(http: Arc<Http>, client: reqwest::Client, metrics: Arc<Metrics>) -> Self {
        Self {
            http,
            client,
            metrics,
        }
    }

    async fn send(&self, request: Request<'_>) -> Result<reqwest::Response, PostError> {
        match &self.http.ratelimiter {
            Some(limiter) => limiter.perform(request).await.map_err(transport_error),
            None => {
                let built = request
                    .build(&self.client, self.http.token(), self.http.proxy.as_deref())
                    .map_err(transport_error)?;
                built.send().await.map_err(network_error)
            }
        }
    }
}

impl Poster for DiscordPoster {
    async fn post(
        &self,
        channel: ChannelId,
        post: &Reply,
        nonce: &Nonce,
    ) -> Result<MessageId, PostError> {
        let body = serde_json::to_vec(&message(post, nonce))
            .map_err(|error| PostError::Other(format!("cannot encode the post: {error}")))?;
        let route = Route::ChannelMessages {
            channel_id: serenity::ChannelId::new(channel.get()),
        };
        let sent = self
            .send(Request::new(route, LightMethod::Post).body(Some(body)))
            .await;
        let response = sent.inspect_err(|_| self.metrics.discord_response(None))?;
        let status = response.status().as_u16();
        self.metrics.discord_response(Some(status));
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(network_error)?;
        outcome(status, &headers, &body)
    }
}

/// The message of an update post: its first page of embeds (an update post fits one), the
/// nonce Discord checks with `enforce_nonce`, and `allowed_mentions` that parse nothing.
fn message(post: &Reply, nonce: &Nonce) -> CreateMessage {
    let mut pages = embed::render(post).into_iter();
    let page = pages.next().unwrap_or_default();
    if pages.next().is_some() {
        tracing::warn!(title = %post.title, "an update post needs more than one message; only the first is posted");
    }
    CreateMessage::new()
        .embeds(send::embeds(&page))
        .allowed_mentions(CreateAllowedMentions::new())
        .nonce(serenity::Nonce::String(nonce.as_str().to_owned()))
        .enforce_nonce(true)
}

/// What Discord's answer means for the post: the message it created (or found by nonce), or
/// the error delivery must act on.
fn outcome(status: u16, headers: &HeaderMap, body: &[u8]) -> Result<MessageId, PostError> {
    if (200..300).contains(&status) {
        #[derive(Deserialize)]
        struct Created {
            id: serenity::MessageId,
        }
        let created: Created = serde_json::from_slice(body).map_err(|error| {
            PostError::Other(format!("Discord's answer is not a message: {error}"))
        })?;
        return MessageId::new(created.id.get())
            .ok_or_else(|| PostError::Other("Discord answered with message id 0".to_owned()));
    }
    /// Discord's error body; a 429 carries `retry_after` (seconds) and `global`.
    #[derive(Deserialize, Default)]
    struct Failure {
        code: Option<u64>,
        retry_after: Option<f64>,
        global: Option<bool>,
    }
    let failure: Failure = serde_json::from_slice(body).unwrap_or_default();
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let retry_after = failure
        .retry_after
        .or_else(|| header("retry-after").and_then(|value| value.trim().parse().ok()));
    let global = failure.global.unwrap_or(false)
        || header("x-ratelimit-global").is_some_and(|value| value.eq_ignore_ascii_case("true"))
        || header("x-ratelimit-scope").is_some_and(|value| value.eq_ignore_ascii_case("global"));
    Err(PostError::from_response(
        status,
        failure.code,
        retry_after,
        global,
    ))
}

/// A failure before Discord answered, as serenity reports it.
fn transport_error(error: serenity::Error) -> PostError {
    match error {
        serenity::Error::Http(serenity::HttpError::Request(error)) => network_error(error),
        other => PostError::Other(other.to_string()),
    }
}

/// A failure of the connection: a timeout, or a request that did not get through.
fn network_error(error: reqwest::Error) -> PostError {
    if error.is_timeout() {
        PostError::Timeout
    } else {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        PostError::Network(text)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use reqwest::header::HeaderValue;

    use super::*;
    use crate::updates::{UpdateKey, update_post};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn a_created_message_gives_its_id() {
        let body = br#"{"id": "1500000000000000001", "channel_id": "1"}"#;
        assert_eq!(
            outcome(200, &HeaderMap::new(), body),
            Ok(MessageId::new(1_500_000_000_000_000_001).unwrap())
        );
        assert!(matches!(
            outcome(200, &HeaderMap::new(), b"{}"),
            Err(PostError::Other(_))
        ));
    }

    #[test]
    fn a_429_waits_what_the_body_says_else_what_the_header_says() {
        let body =
            br#"{"message": "You are being rate limited.", "retry_after": 0.25, "global": false}"#;
        assert_eq!(
            outcome(429, &headers(&[("retry-after", "1")]), body),
            Err(PostError::RateLimited {
                retry_after: Duration::from_millis(250),
                global: false
            })
        );
        assert_eq!(
            outcome(
                429,
                &headers(&[("retry-after", "3"), ("x-ratelimit-scope", "global")]),
                b""
            ),
            Err(PostError::RateLimited {
                retry_after: Duration::from_secs(3),
                global: true
            })
        );
        let global = br#"{"retry_after": 2.5, "global": true}"#;
        assert_eq!(
            outcome(429, &HeaderMap::new(), global),
            Err(PostError::RateLimited {
                retry_after: Duration::from_millis(2500),
                global: true
            })
        );
    }

    #[test]
    fn discord_error_codes_are_told_apart() {
        let error = |status, code: u64| {
            let body = format!(r#"{{"code": {code}, "message": "x"}}"#);
            outcome(status, &HeaderMap::new(), body.as_bytes()).unwrap_err()
        };
        assert_eq!(error(404, 10003), PostError::UnknownChannel);
        assert_eq!(error(404, 10004), PostError::UnknownGuild);
        assert_eq!(error(403, 50001), PostError::MissingAccess);
        assert_eq!(error(403, 50013), PostError::MissingPermissions);
        assert_eq!(error(401, 0), PostError::Unauthorized);
        assert_eq!(error(500, 0), PostError::ServerError { status: 500 });
        assert_eq!(
            outcome(502, &HeaderMap::new(), b"<html>bad gateway</html>"),
            Err(PostError::ServerError { status: 502 })
        );
    }

    #[test]
    fn the_post_carries_the_nonce_the_embed_and_no_mentions() {
        let briefing = crate::updates::testing::briefing("a", "2026-11-27", None);
        let post = update_post(&briefing, crate::updates::UpdateKind::New);
        let nonce = Nonce::of(
            &UpdateKey::of(&briefing),
            ChannelId::new(1_300_000_000_000_000_004).unwrap(),
        );
        let json = serde_json::to_value(message(&post, &nonce)).unwrap();
        assert_eq!(json["nonce"], nonce.as_str());
        assert_eq!(json["enforce_nonce"], true);
        assert_eq!(json["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(json["embeds"][0]["title"], "Title of a");
        assert_eq!(json["embeds"][0]["url"], "https://example.com/a");
        assert!(
            json["embeds"][0]["fields"]
                .to_string()
                .contains("We will not, said a.")
        );
    }
}
