//! The [`Poster`] that sends posts to Discord, as each kind of destination needs:
//!
//! - a text channel or a thread: `POST /channels/{id}/messages`, one message per page, each
//!   with its nonce and `enforce_nonce`; an archived thread is reopened (`PATCH
//!   /channels/{id}`) if the bot may, else the subscription pauses;
//! - an announcement channel: the same, then each message is published to following servers
//!   (`POST …/messages/{id}/crosspost`; one published already counts as done);
//! - a forum: a new forum post (`POST /channels/{id}/threads`) named after the post's title,
//!   the first page as its message, the forum's tags that match the briefing's; later pages
//!   go into it. A forum post takes no nonce, so before making one the bot looks among the
//!   forum's active posts for one it made since the delivery was queued — the one a crash
//!   left unrecorded.
//!
//! Mentions: none (`parse: []`) unless the subscription names a role; then exactly that role
//! (`{"roles": [id]}`), whatever the briefing's text contains.
//!
//! Requests are built by serenity (URL, proxy, token, user agent) and sent through the same
//! reqwest client serenity uses, but answers are read here ([`super::answers`]): serenity's
//! own error type drops a 429's `retry_after` when its rate limiter is off (proxy mode, the
//! tests), and delivery must honour it.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use poise::serenity_prelude::{self as serenity, CreateMessage, Http, LightMethod, Request, Route};
use serde_json::{Value, json};
use tokio::sync::OnceCell;

use crate::ops::Metrics;
use crate::render::embed::{self, Page};
use crate::subscriptions::{MessageId, PauseReason, TargetKind};
use crate::text::{fold, truncate};
use crate::updates::{Outgoing, PostError, Poster};

use super::answers::{self, ALREADY_CROSSPOSTED, Failure, THREAD_ARCHIVED};
use super::{instrument, permissions, send};

/// Discord's limit on a thread's name.
const THREAD_NAME_MAX: usize = 100;
/// Discord's limit on the tags of one forum post.
const APPLIED_TAGS_MAX: usize = 5;
/// The fields of a forum post's first message that Discord takes.
const FORUM_MESSAGE_FIELDS: [&str; 5] = [
    "content",
    "embeds",
    "allowed_mentions",
    "components",
    "flags",
];
/// Discord's epoch, in Unix milliseconds: a snowflake's top bits count from it.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Posts in channels, threads and forums through serenity's `Http`.
#[derive(Clone)]
pub struct DiscordPoster {
    /// The bot's REST client: token, proxy and (outside proxy mode) per-route rate limits.
    http: Arc<Http>,
    /// The reqwest client inside `http`, which serenity keeps private; sends in proxy mode.
    client: reqwest::Client,
    /// The bot's user id, looked up once: forum posts it made are found by it.
    bot: Arc<OnceCell<u64>>,
    /// Counts each request's answer.
    metrics: Arc<Metrics>,
}

impl DiscordPoster {
    /// A poster over `http`, whose requests `client` (the one `http` was built with) sends.
    pub(super) fn new(http: Arc<Http>, client: reqwest::Client, metrics: Arc<Metrics>) -> Self {
        Self {
            http,
            client,
            bot: Arc::new(OnceCell::new()),
            metrics,
        }
    }

    /// Sends one request; the JSON of a success, or the failure Discord answered with.
    async fn request(
        &self,
        route: Route<'_>,
        method: LightMethod,
        body: Option<&Value>,
    ) -> Result<Result<Value, Failure>, PostError> {
        let mut request = Request::new(route, method);
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body)
                .map_err(|error| PostError::Other(format!("cannot encode the post: {error}")))?;
            request = request.body(Some(bytes));
        }
        let sent = match &self.http.ratelimiter {
            Some(limiter) => limiter.perform(request).await.map_err(transport_error),
            None => {
                match request.build(&self.client, self.http.token(), self.http.proxy.as_deref()) {
                    Ok(built) => built.send().await.map_err(network_error),
                    Err(error) => Err(transport_error(error)),
                }
            }
        };
        let response = sent.inspect_err(|_| self.metrics.discord_response(None))?;
        let status = response.status().as_u16();
        self.metrics.discord_response(Some(status));
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(network_error)?;
        Ok(answers::decode(status, &headers, &bytes))
    }

    /// Posts every page as a message in a channel or thread; returns the first message.
    async fn messages(
        &self,
        outgoing: &Outgoing<'_>,
        pages: &[Page],
    ) -> Result<MessageId, PostError> {
        let channel = serenity::ChannelId::new(outgoing.destination.channel.get());
        let kind = outgoing.destination.kind;
        let mut first = None;
        for (number, page) in pages.iter().enumerate() {
            let body = message(outgoing, page, number, true);
            let route = || Route::ChannelMessages {
                channel_id: channel,
            };
            let mut answer = self
                .request(route(), LightMethod::Post, Some(&body))
                .await?;
            if kind == TargetKind::Thread
                && matches!(&answer, Err(failure) if failure.code == Some(THREAD_ARCHIVED))
            {
                self.reopen(channel).await?;
                answer = self
                    .request(route(), LightMethod::Post, Some(&body))
                    .await?;
            }
            let created = answer.map_err(|failure| answers::meaning(&failure, kind))?;
            let id = snowflake(&created)?;
            if kind == TargetKind::Announcement && outgoing.publish {
                self.publish(channel, id).await?;
            }
            first.get_or_insert(id);
        }
        message_id(first)
    }

    /// Reopens an archived thread, or says why the subscription must pause.
    async fn reopen(&self, thread: serenity::ChannelId) -> Result<(), PostError> {
        let route = Route::Channel { channel_id: thread };
        let body = json!({ "archived": false });
        self.request(route, LightMethod::Patch, Some(&body))
            .await?
            .map(|_| tracing::info!(%thread, "reopened an archived thread to post in it"))
            .map_err(|failure| {
                answers::refusal(&failure, || PauseReason::ThreadArchived {
                    needs: vec![permissions::MANAGE_THREADS.1.to_owned()],
                })
            })
    }

    /// Publishes a message of an announcement channel to the servers following it.
    async fn publish(&self, channel: serenity::ChannelId, message: u64) -> Result<(), PostError> {
        let route = Route::ChannelMessageCrosspost {
            channel_id: channel,
            message_id: serenity::MessageId::new(message),
        };
        match self.request(route, LightMethod::Post, None).await? {
            Ok(_) => Ok(()),
            // A re-sent post that Discord recognised by its nonce was published the first time.
            Err(failure) if failure.code == Some(ALREADY_CROSSPOSTED) => Ok(()),
            Err(failure) => Err(answers::refusal(&failure, || PauseReason::CannotPublish {
                needs: vec![permissions::MANAGE_MESSAGES.1.to_owned()],
            })),
        }
    }

    /// Makes a forum post of the first page (unless a crash left one made already) and posts
    /// the other pages in it; returns its first message (whose id is the post's).
    async fn forum_post(
        &self,
        outgoing: &Outgoing<'_>,
        pages: &[Page],
    ) -> Result<MessageId, PostError> {
        let forum = serenity::ChannelId::new(outgoing.destination.channel.get());
        let name = truncate(&outgoing.reply.title, THREAD_NAME_MAX);
        let thread = match self.made_since(outgoing, &name).await? {
            Some(thread) => {
                tracing::info!(%forum, thread, "found the forum post a crash left unrecorded");
                thread
            }
            None => {
                let tags = self.matching_tags(forum, outgoing.tags).await?;
                let first = pages.first().cloned().unwrap_or_default();
                let mut starter = message(outgoing, &first, 0, false);
                if let Value::Object(fields) = &mut starter {
                    // A forum post's message takes fewer fields than a channel message.
                    fields.retain(|key, _| FORUM_MESSAGE_FIELDS.contains(&key.as_str()));
                }
                let body = json!({
                    "name": name,
                    "message": starter,
                    "applied_tags": tags,
                });
                let route = Route::ChannelForumPosts { channel_id: forum };
                let created = self
                    .request(route, LightMethod::Post, Some(&body))
                    .await?
                    .map_err(|failure| answers::meaning(&failure, TargetKind::Forum))?;
                snowflake(&created)?
            }
        };
        let channel = serenity::ChannelId::new(thread);
        for (number, page) in pages.iter().enumerate().skip(1) {
            let body = message(outgoing, page, number, true);
            let route = Route::ChannelMessages {
                channel_id: channel,
            };
            self.request(route, LightMethod::Post, Some(&body))
                .await?
                .map_err(|failure| answers::meaning(&failure, TargetKind::Thread))?;
        }
        message_id(Some(thread))
    }

    /// The active forum post named `name` that the bot made in this forum since the delivery
    /// was queued, if any.
    async fn made_since(
        &self,
        outgoing: &Outgoing<'_>,
        name: &str,
    ) -> Result<Option<u64>, PostError> {
        let bot = self.bot_id().await?;
        let guild = serenity::GuildId::new(outgoing.destination.guild.get());
        let forum = outgoing.destination.channel.get().to_string();
        let since = millis(outgoing.since).saturating_sub(1000);
        let active = self
            .request(
                Route::GuildThreadsActive { guild_id: guild },
                LightMethod::Get,
                None,
            )
            .await?
            .map_err(|failure| answers::meaning(&failure, TargetKind::Forum))?;
        let bot = bot.to_string();
        let found = active["threads"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|thread| thread["parent_id"] == forum.as_str())
            .filter(|thread| thread["owner_id"] == bot.as_str() && thread["name"] == name)
            .filter_map(|thread| thread["id"].as_str()?.parse::<u64>().ok())
            .find(|id| (id >> 22) + DISCORD_EPOCH_MS >= since);
        Ok(found)
    }

    /// The forum's tags whose names are the briefing's tags (folded: `Union State` is
    /// `union-state`), leaving out moderated ones, which only moderators may apply.
    async fn matching_tags(
        &self,
        forum: serenity::ChannelId,
        tags: &[String],
    ) -> Result<Vec<String>, PostError> {
        if tags.is_empty() {
            return Ok(Vec::new());
        }
        let channel = self
            .request(Route::Channel { channel_id: forum }, LightMethod::Get, None)
            .await?
            .map_err(|failure| answers::meaning(&failure, TargetKind::Forum))?;
        let wanted: Vec<String> = tags
            .iter()
            .map(|tag| fold(tag).split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        Ok(channel["available_tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|tag| tag["moderated"] != true)
            .filter(|tag| {
                let name = fold(tag["name"].as_str().unwrap_or_default());
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                wanted.contains(&name)
            })
            .filter_map(|tag| tag["id"].as_str().map(str::to_owned))
            .take(APPLIED_TAGS_MAX)
            .collect())
    }

    async fn bot_id(&self) -> Result<u64, PostError> {
        self.bot
            .get_or_try_init(|| async {
                let user = self.http.get_current_user().await;
                instrument::response(&self.metrics, &user);
                Ok(user.map_err(transport_error)?.id.get())
            })
            .await
            .copied()
    }
}

impl Poster for DiscordPoster {
    async fn post(&self, outgoing: &Outgoing<'_>) -> Result<MessageId, PostError> {
        let pages = embed::render(outgoing.reply);
        match outgoing.destination.kind {
            TargetKind::Forum => self.forum_post(outgoing, &pages).await,
            TargetKind::Text | TargetKind::Announcement | TargetKind::Thread => {
                self.messages(outgoing, &pages).await
            }
        }
    }
}

/// The message of one page: its embeds, the mention on the first page, the allowed mentions,
/// and (where Discord takes one, `with_nonce`) the page's nonce with `enforce_nonce`.
fn message(outgoing: &Outgoing<'_>, page: &Page, number: usize, with_nonce: bool) -> Value {
    let mut builder = CreateMessage::new().embeds(send::embeds(page));
    if with_nonce {
        builder = builder
            .nonce(serenity::Nonce::String(
                outgoing.nonce.page(number).as_str().to_owned(),
            ))
            .enforce_nonce(true);
    }
    let mut body = serde_json::to_value(builder).unwrap_or_else(|_| json!({}));
    let mention = outgoing.mention.filter(|_| number == 0);
    if let Some(role) = mention {
        body["content"] = json!(format!("<@&{role}>"));
    }
    // Exactly the subscription's role may be pinged, and only by a real post; never anyone
    // the briefing's text names.
    body["allowed_mentions"] = match mention.filter(|_| outgoing.ping) {
        Some(role) => json!({ "roles": [role.to_string()] }),
        None => json!({ "parse": [] }),
    };
    body
}

/// The id of a created message or channel.
fn snowflake(created: &Value) -> Result<u64, PostError> {
    created["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| PostError::Other("Discord's answer has no id".to_owned()))
}

fn message_id(id: Option<u64>) -> Result<MessageId, PostError> {
    id.and_then(MessageId::new)
        .ok_or_else(|| PostError::Other("Discord answered with message id 0".to_owned()))
}

fn millis(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |since| {
        u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
    })
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
    use super::*;
    use crate::subscriptions::{ChannelId, Destination, GuildId, RoleId};
    use crate::updates::Nonce;
    use crate::updates::{UpdateKey, UpdateKind, update_post};

    fn outgoing<'a>(
        post: &'a crate::reply::Reply,
        nonce: &'a Nonce,
        mention: Option<RoleId>,
        ping: bool,
    ) -> Outgoing<'a> {
        Outgoing {
            destination: Destination {
                guild: GuildId::new(1).unwrap(),
                channel: ChannelId::new(1_300_000_000_000_000_004).unwrap(),
                kind: TargetKind::Text,
            },
            reply: post,
            nonce,
            mention,
            ping,
            publish: true,
            tags: &[],
            since: SystemTime::now(),
        }
    }

    #[test]
    fn the_post_carries_the_nonce_the_embed_and_no_mentions() {
        let briefing = crate::updates::testing::briefing("a", "2026-11-27", None);
        let post = update_post(&briefing, UpdateKind::New);
        let nonce = Nonce::of(
            &UpdateKey::of(&briefing),
            ChannelId::new(1_300_000_000_000_000_004).unwrap(),
        );
        let page = embed::render(&post).remove(0);
        let json = message(&outgoing(&post, &nonce, None, true), &page, 0, true);
        assert_eq!(json["nonce"], nonce.as_str());
        assert_eq!(json["enforce_nonce"], true);
        assert_eq!(json["allowed_mentions"], json!({ "parse": [] }));
        assert!(json.get("content").is_none_or(|content| content.is_null()));
        assert_eq!(json["embeds"][0]["title"], "Title of a");
        assert_eq!(json["embeds"][0]["url"], "https://example.com/a");
        let second = message(&outgoing(&post, &nonce, None, true), &page, 1, true);
        assert_eq!(second["nonce"], nonce.page(1).as_str());
        let forum = message(&outgoing(&post, &nonce, None, true), &page, 0, false);
        assert!(
            forum.get("nonce").is_none(),
            "a forum post's message takes no nonce"
        );
    }

    #[test]
    fn a_mention_pings_exactly_its_role_and_a_test_pings_nobody() {
        let briefing = crate::updates::testing::briefing("a", "2026-11-27", None);
        let post = update_post(&briefing, UpdateKind::New);
        let nonce = Nonce::named("x", ChannelId::new(1).unwrap());
        let page = embed::render(&post).remove(0);
        let role = RoleId::new(1_250_000_000_000_000_001);
        let json = message(&outgoing(&post, &nonce, role, true), &page, 0, true);
        assert_eq!(json["content"], "<@&1250000000000000001>");
        assert_eq!(
            json["allowed_mentions"],
            json!({ "roles": ["1250000000000000001"] })
        );
        let test = message(&outgoing(&post, &nonce, role, false), &page, 0, true);
        assert_eq!(test["content"], "<@&1250000000000000001>");
        assert_eq!(test["allowed_mentions"], json!({ "parse": [] }));
        let later = message(&outgoing(&post, &nonce, role, true), &page, 1, true);
        assert!(later.get("content").is_none_or(|content| content.is_null()));
    }
}
