//! The one thing delivery needs from a chat service: send a post to a destination.
//!
//! Discord implements [`Poster`] in `src/discord`; tests implement it with a recorder. A
//! [`PostError`] says what a failure *means* for delivery — retry later, the channel is gone,
//! the subscription must pause for a reason — and never which Discord code said so: the
//! adapter decodes Discord's answers.

use std::fmt;
use std::future::Future;
use std::time::{Duration, SystemTime};

use crate::reply::Reply;
use crate::subscriptions::{ChannelId, Destination, MessageId, PauseReason, RoleId, UpdateKey};

/// Sends posts.
pub trait Poster: Send + Sync + 'static {
    /// Sends `outgoing` (every page of its reply) and returns the first message Discord made.
    /// A repeat with the same nonce within Discord's window returns the first message instead
    /// of a second one.
    fn post(
        &self,
        outgoing: &Outgoing<'_>,
    ) -> impl Future<Output = Result<MessageId, PostError>> + Send;
}

/// A shared poster posts like the one it shares, so the caller can keep a handle on it.
impl<P: Poster> Poster for std::sync::Arc<P> {
    fn post(
        &self,
        outgoing: &Outgoing<'_>,
    ) -> impl Future<Output = Result<MessageId, PostError>> + Send {
        P::post(self, outgoing)
    }
}

/// One post to send, and how.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    /// Where it goes, and what kind of channel that is.
    pub destination: Destination,
    /// What it says; every page of its rendering is posted.
    pub reply: &'a Reply,
    /// The same for the same (update, channel) in every run.
    pub nonce: &'a Nonce,
    /// The role the post mentions, if any.
    pub mention: Option<RoleId>,
    /// Whether the mention notifies the role (false for a test post, which only shows it).
    pub ping: bool,
    /// Whether a post in an announcement channel is published to following servers.
    pub publish: bool,
    /// The briefing's tags: a forum post gets the forum's tags of the same names.
    pub tags: &'a [String],
    /// When the post was queued: a forum post found made since then is this one, re-sent.
    pub since: SystemTime,
}

/// Why a post was not created, as what delivery must do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostError {
    /// Too many requests: wait `retry_after`, then send again.
    #[error("rate limited{}; retry after {retry_after:?}", if *global { " (global)" } else { "" })]
    RateLimited {
        /// How long Discord asked us to wait.
        retry_after: Duration,
        /// True when the bot as a whole is limited, not just this channel's route.
        global: bool,
    },
    /// Discord had a problem (HTTP 5xx); retry with backoff.
    #[error("Discord server error {status}")]
    ServerError {
        /// The status code.
        status: u16,
    },
    /// No answer in time; the post may or may not exist (the nonce settles it on retry).
    #[error("no answer from Discord in time")]
    Timeout,
    /// The request did not get through (connection refused or reset): retried with backoff
    /// like a server error, since the next attempt may well succeed.
    #[error("cannot reach Discord: {0}")]
    Network(String),
    /// The channel (or thread) no longer exists: its subscriptions are removed.
    #[error("the channel is gone")]
    ChannelGone,
    /// The server is gone or removed the bot: its subscriptions are removed.
    #[error("the server is gone")]
    GuildGone,
    /// Discord refuses the bot here: the subscription pauses with this reason, and the post
    /// is never retried (refusals count toward Discord's ban on invalid requests).
    #[error("refused: {0}")]
    Refused(PauseReason),
    /// The token is wrong or was reset. Every further post would fail the same way and count
    /// toward Discord's ban on invalid requests, so delivery halts.
    #[error("Discord rejected the token")]
    Unauthorized,
    /// Anything else (a post Discord found malformed, an answer that cannot be read): not
    /// retried in this run.
    #[error("post failed: {0}")]
    Other(String),
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
        Self::named(key.as_str(), channel)
    }

    /// The nonce of posting what `name` names (a digest's period, a test post) in `channel`,
    /// built as [`Nonce::of`] builds an update's.
    pub fn named(name: &str, channel: ChannelId) -> Self {
        let mut nonce = digits(name);
        nonce.push_str(&base36(channel.get()));
        Self(nonce)
    }

    /// The nonce of the `page`-th message (from 0) of a post that takes several: the first
    /// page keeps the post's nonce, each later one gets its own in the same channel.
    pub fn page(&self, page: usize) -> Self {
        if page == 0 {
            return self.clone();
        }
        let channel = self.0.get(12..).unwrap_or_default();
        Self(format!(
            "{}{channel}",
            digits(&format!("{}#{page}", self.0))
        ))
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

/// 12 base-36 digits of a 60-bit FNV-1a hash of `text`.
fn digits(text: &str) -> String {
    let mut digits = base36(fnv1a(text.as_bytes()) >> 4);
    while digits.len() < 12 {
        digits.insert(0, '0');
    }
    digits
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
    use crate::subscriptions::ChangedAt;

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
    fn each_page_of_a_post_has_its_own_nonce_in_the_same_channel() {
        let channel = ChannelId::new(10).unwrap();
        let first = Nonce::of(&key("a", 0), channel);
        assert_eq!(first.page(0), first);
        let second = first.page(1);
        assert_ne!(second, first);
        assert_ne!(second, first.page(2));
        assert_eq!(second, first.page(1), "stable");
        assert!(second.as_str().ends_with("a") && second.as_str().len() <= NONCE_MAX);
    }
}
