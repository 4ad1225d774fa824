//! The one thing delivery needs from a chat service: post a reply in a channel.
//!
//! Discord implements [`Poster`] in `src/discord`; tests implement it with a recorder. The
//! errors are the ones delivery must tell apart, and [`PostError::from_response`] classifies a
//! Discord HTTP response so the adapter stays a thin translation.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use crate::reply::Reply;
use crate::subscriptions::{ChannelId, MessageId};

use super::event::UpdateKey;

/// Sends update posts.
pub trait Poster: Send + Sync + 'static {
    /// Posts `post` in `channel`, carrying `nonce` with `enforce_nonce` so that a repeat of the
    /// same post within Discord's window returns the first message instead of a second one.
    fn post(
        &self,
        channel: ChannelId,
        post: &Reply,
        nonce: &Nonce,
    ) -> impl Future<Output = Result<MessageId, PostError>> + Send;
}

/// A shared poster posts like the one it shares, so the caller can keep a handle on it.
impl<P: Poster> Poster for std::sync::Arc<P> {
    fn post(
        &self,
        channel: ChannelId,
        post: &Reply,
        nonce: &Nonce,
    ) -> impl Future<Output = Result<MessageId, PostError>> + Send {
        P::post(self, channel, post, nonce)
    }
}

/// Why a post was not created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostError {
    /// HTTP 429: wait `retry_after`, then send again.
    #[error("rate limited{}; retry after {retry_after:?}", if *global { " (global)" } else { "" })]
    RateLimited {
        /// How long Discord asked us to wait.
        retry_after: Duration,
        /// True when the bot as a whole is limited, not just this channel's route.
        global: bool,
    },
    /// HTTP 5xx: Discord had a problem; retry with backoff.
    #[error("Discord server error {status}")]
    ServerError {
        /// The status code.
        status: u16,
    },
    /// No answer in time; the post may or may not exist (the nonce settles it on retry).
    #[error("no answer from Discord in time")]
    Timeout,
    /// The request did not get through (connection refused or reset): retried with backoff
    /// like a 5xx, since the next attempt may well succeed.
    #[error("cannot reach Discord: {0}")]
    Network(String),
    /// Discord code 10003: the channel is gone; its subscriptions are removed.
    #[error("unknown channel (Discord 10003)")]
    UnknownChannel,
    /// Discord code 10004: the server is gone or the bot was removed; its subscriptions go.
    #[error("unknown guild (Discord 10004)")]
    UnknownGuild,
    /// Discord code 50001: the bot cannot see the channel; the subscription is paused.
    #[error("missing access (Discord 50001)")]
    MissingAccess,
    /// Discord code 50013: the bot lacks a permission there; the subscription is paused.
    #[error("missing permissions (Discord 50013)")]
    MissingPermissions,
    /// HTTP 401: the token is wrong or was reset. Every further post would fail the same way
    /// and count toward Discord's ban on invalid requests, so delivery halts.
    #[error("Discord rejected the token (401)")]
    Unauthorized,
    /// Anything else (a 400 for a malformed post, an answer that cannot be read): not retried
    /// in this run.
    #[error("post failed: {0}")]
    Other(String),
}

impl PostError {
    /// Classifies a Discord error response: the HTTP status, the JSON error `code` if the body
    /// had one, and for a 429 the body's `retry_after` (seconds) and `global` flag.
    pub fn from_response(
        status: u16,
        code: Option<u64>,
        retry_after: Option<f64>,
        global: bool,
    ) -> Self {
        match (status, code) {
            (429, _) => Self::RateLimited {
                // A missing or nonsensical value still waits a little rather than hammering.
                retry_after: retry_after
                    .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
                    .map_or(Duration::from_secs(1), |seconds| {
                        Duration::from_secs_f64(seconds.min(3600.0))
                    }),
                global,
            },
            (401, _) => Self::Unauthorized,
            (_, Some(10003)) => Self::UnknownChannel,
            (_, Some(10004)) => Self::UnknownGuild,
            (_, Some(50001)) => Self::MissingAccess,
            (_, Some(50013)) => Self::MissingPermissions,
            (500..=599, _) => Self::ServerError { status },
            (_, Some(code)) => Self::Other(format!("HTTP {status}, Discord code {code}")),
            (_, None) => Self::Other(format!("HTTP {status}")),
        }
    }
}

/// A message nonce: at most 25 characters, the same for the same (update, channel) in every
/// run and every process, so a post re-sent after a crash is recognised by Discord.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nonce(String);

/// Discord's limit on a nonce's length.
pub const NONCE_MAX: usize = 25;

impl Nonce {
    /// The nonce of posting `key` in `channel`: 12 base-36 digits of a 60-bit FNV-1a hash of
    /// the key, then the channel id in base 36 (at most 13 digits). Distinct channels never
    /// share a nonce; two keys in one channel collide with odds of 2⁻⁶⁰.
    pub fn of(key: &UpdateKey, channel: ChannelId) -> Self {
        let hash = fnv1a(key.as_str().as_bytes()) >> 4;
        let mut nonce = base36(hash);
        while nonce.len() < 12 {
            nonce.insert(0, '0');
        }
        nonce.push_str(&base36(channel.get()));
        Self(nonce)
    }

    /// The nonce as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Nonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// FNV-1a, 64 bits: tiny, and unlike std's hasher its output is fixed forever.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn base36(mut value: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[(value % 36) as usize]);
        value /= 36;
        if value == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::BriefingId;
    use crate::updates::ChangedAt;

    fn key(id: &str, secs: i64) -> UpdateKey {
        UpdateKey::from_parts(
            &BriefingId::parse(id).unwrap(),
            ChangedAt { secs, nanos: 0 },
        )
    }

    #[test]
    fn nonces_fit_discord_even_for_the_largest_ids() {
        let long_id = "a".repeat(80);
        let nonce = Nonce::of(&key(&long_id, i64::MAX), ChannelId::new(u64::MAX).unwrap());
        assert!(
            nonce.as_str().len() <= NONCE_MAX,
            "{nonce} is {} long",
            nonce.as_str().len()
        );
        assert!(
            nonce
                .as_str()
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric())
        );
    }

    #[test]
    fn nonces_are_stable_across_runs_and_releases() {
        // Fixed output: a change here would re-post after an upgrade that crashed mid-fanout.
        let channel = ChannelId::new(1_234_567_890_123_456_789).unwrap();
        assert_eq!(
            Nonce::of(&key("a", 0), channel).as_str(),
            "4wnv9s0wjg1p9do1sj396nf9"
        );
    }

    #[test]
    fn nonces_differ_by_channel_and_by_update() {
        let first = ChannelId::new(10).unwrap();
        let second = ChannelId::new(11).unwrap();
        assert_ne!(
            Nonce::of(&key("a", 0), first),
            Nonce::of(&key("a", 0), second)
        );
        assert_ne!(
            Nonce::of(&key("a", 0), first),
            Nonce::of(&key("a", 1), first)
        );
        assert_eq!(
            Nonce::of(&key("a", 0), first),
            Nonce::of(&key("a", 0), first)
        );
    }

    #[test]
    fn discord_responses_are_classified() {
        let classify = |status, code| PostError::from_response(status, code, None, false);
        assert_eq!(classify(404, Some(10003)), PostError::UnknownChannel);
        assert_eq!(classify(404, Some(10004)), PostError::UnknownGuild);
        assert_eq!(classify(403, Some(50001)), PostError::MissingAccess);
        assert_eq!(classify(403, Some(50013)), PostError::MissingPermissions);
        assert_eq!(classify(502, None), PostError::ServerError { status: 502 });
        assert_eq!(
            classify(400, Some(50035)),
            PostError::Other("HTTP 400, Discord code 50035".into())
        );
        assert_eq!(classify(401, Some(0)), PostError::Unauthorized);
        assert_eq!(classify(403, None), PostError::Other("HTTP 403".into()));
    }

    #[test]
    fn a_429_carries_its_wait() {
        assert_eq!(
            PostError::from_response(429, None, Some(1.5), true),
            PostError::RateLimited {
                retry_after: Duration::from_millis(1500),
                global: true
            }
        );
        assert_eq!(
            PostError::from_response(429, None, Some(f64::NAN), false),
            PostError::RateLimited {
                retry_after: Duration::from_secs(1),
                global: false
            }
        );
    }
}
