//! What the admin commands decide — which story is meant, what the store does — and the reply
//! that says what happened. No Discord types: the adapter checks permissions, names the
//! channel, calls these through `spawn_blocking` and sends the reply.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::library::Library;
use crate::reply::{Field, Reply};
use crate::text::fold;
use crate::updates::ChangedAt;

use super::error::StoreError;
use super::ids::{ChannelId, GuildId, Story};
use super::store::{Store, Subscribed, Subscription, SubscriptionState};

/// The channel a command is about, as the admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The server the channel belongs to.
    pub guild: GuildId,
    /// The channel.
    pub channel: ChannelId,
    /// How to name it in a reply, e.g. `#news`.
    pub label: String,
    /// True when the command was run in that channel ("here" rather than "there").
    pub current: bool,
}

/// What a command did: the reply, and whether anything changed (a change is worth showing the
/// whole channel; a refusal or a no-op only the admin who asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What to tell the admin.
    pub reply: Reply,
    /// True when a subscription was made, resumed or removed.
    pub changed: bool,
}

impl Outcome {
    fn changed(reply: Reply) -> Self {
        Self {
            reply,
            changed: true,
        }
    }

    fn unchanged(reply: Reply) -> Self {
        Self {
            reply,
            changed: false,
        }
    }
}

impl Target {
    fn here_or_there(&self) -> &'static str {
        if self.current { "here" } else { "there" }
    }
}

/// Makes the channel follow a story: the one asked for, else the story of the newest briefing.
/// Subscribing twice changes nothing; subscribing a paused subscription resumes it.
pub fn subscribe(
    store: &Store,
    library: &Library,
    target: &Target,
    asked: Option<&str>,
) -> Result<Outcome, StoreError> {
    let story = match choose_story(library, asked) {
        Ok(story) => story,
        Err(reply) => return Ok(Outcome::unchanged(*reply)),
    };
    let label = &target.label;
    let next = format!(
        "The next new or updated briefing will be posted {}; earlier briefings are not posted.",
        target.here_or_there()
    );
    let outcome = match store.subscribe(target.guild, target.channel, &story)? {
        Subscribed::Created => Outcome::changed(Reply::info(
            "Subscribed",
            format!("{label} now gets {story} updates. {next}"),
        )),
        Subscribed::AlreadyActive => Outcome::unchanged(Reply::info(
            "Already subscribed",
            format!("{label} already gets {story} updates; nothing changed. {next}"),
        )),
        Subscribed::Resumed { reason } => Outcome::changed(Reply::info(
            "Subscription resumed",
            format!(
                "{label} gets {story} updates again. It was paused because: {} \
                 Briefings from while it was paused are not posted. {next}",
                sentence(&reason)
            ),
        )),
    };
    Ok(outcome)
}

/// Stops the channel following a story: the one asked for, else its only subscription (or
/// the story of the newest briefing). Its posts not yet sent are dropped.
pub fn unsubscribe(
    store: &Store,
    library: &Library,
    target: &Target,
    asked: Option<&str>,
) -> Result<Outcome, StoreError> {
    let label = &target.label;
    let followed: Vec<Story> = store
        .subscriptions_in_guild(target.guild)?
        .into_iter()
        .filter(|subscription| subscription.channel == target.channel)
        .map(|subscription| subscription.story)
        .collect();
    let story = match asked.map(str::trim).filter(|asked| !asked.is_empty()) {
        Some(asked) => match Story::parse(asked) {
            Some(story) => story,
            None => return Ok(Outcome::unchanged(unknown_story(library, asked))),
        },
        None => match followed.as_slice() {
            [only] => only.clone(),
            [] => {
                return Ok(Outcome::unchanged(Reply::info(
                    "Not subscribed",
                    format!("{label} follows no story; nothing changed."),
                )));
            }
            several => {
                let names: Vec<&str> = several.iter().map(Story::as_str).collect();
                return Ok(Outcome::unchanged(Reply::error(
                    "Which story?",
                    format!(
                        "{label} follows {}: name the one to stop with the story option.",
                        join_and(&names)
                    ),
                )));
            }
        },
    };
    let outcome = if store.unsubscribe(target.channel, &story)? {
        Outcome::changed(Reply::info(
            "Unsubscribed",
            format!(
                "{label} no longer gets {story} updates; posts not yet sent there are dropped."
            ),
        ))
    } else {
        Outcome::unchanged(Reply::info(
            "Not subscribed",
            format!("{label} was not following {story}; nothing changed."),
        ))
    };
    Ok(outcome)
}

/// The server's subscriptions, paused ones with their reason. `label` names a channel.
pub fn list(
    store: &Store,
    guild: GuildId,
    label: impl Fn(ChannelId) -> String,
) -> Result<Reply, StoreError> {
    let subscriptions = store.subscriptions_in_guild(guild)?;
    if subscriptions.is_empty() {
        return Ok(Reply::info(
            "No subscriptions",
            "No channel of this server follows a story. Run /subscribe in a channel to start.",
        ));
    }
    let paused = subscriptions
        .iter()
        .filter(|subscription| matches!(subscription.state, SubscriptionState::Paused { .. }))
        .count();
    let mut text = format!(
        "{} in this server, {} paused.",
        plural(subscriptions.len(), "subscription"),
        paused
    );
    if paused > 0 {
        text.push_str(" Fix what a paused one names, then run /subscribe in its channel again.");
    }
    let mut reply = Reply::info("Subscriptions", text);
    reply.fields = subscriptions
        .iter()
        .map(|subscription| field(subscription, &label))
        .collect();
    Ok(reply)
}

/// The refusal when the bot lacks permissions it needs to post in the channel. `missing` names
/// them as Discord's settings do ("Send Messages").
pub fn cannot_post(target: &Target, missing: &[&str]) -> Reply {
    let label = &target.label;
    Reply::error(
        format!("I cannot post in {label}"),
        format!(
            "I need {} in {label} to post updates there. A server admin can grant {} in the \
             channel's settings (Permissions), then run /subscribe again.",
            join_and(missing),
            if missing.len() == 1 { "it" } else { "them" }
        ),
    )
}

/// The refusal when the member may not manage the named channel.
pub fn member_cannot_manage(target: &Target) -> Reply {
    Reply::error(
        "You lack a permission there",
        format!(
            "Changing what {} follows needs Manage Channels in that channel.",
            target.label
        ),
    )
}

fn field(subscription: &Subscription, label: &impl Fn(ChannelId) -> String) -> Field {
    let name = format!("{} · {}", label(subscription.channel), subscription.story);
    let value = match &subscription.state {
        SubscriptionState::Active => {
            format!("Active since {}.", date(subscription.created_at))
        }
        SubscriptionState::Paused { reason, since } => {
            format!("Paused since {}: {}", date(*since), sentence(reason))
        }
    };
    Field::new(name, value)
}

/// The story a command means, or the reply that says why none fits.
fn choose_story(library: &Library, asked: Option<&str>) -> Result<Story, Box<Reply>> {
    let asked = asked.map(str::trim).filter(|asked| !asked.is_empty());
    let Some(asked) = asked else {
        return library
            .newest(None)
            .and_then(|briefing| Story::parse(&briefing.story))
            .ok_or_else(|| {
                Box::new(Reply::error(
                    "No story yet",
                    "There are no briefings yet, so there is no story to follow; try again once the first one is published.",
                ))
            });
    };
    let known = library.stories();
    let wanted = fold(asked);
    match known.iter().find(|story| fold(story) == wanted) {
        Some(story) => Story::parse(story).ok_or_else(|| Box::new(unknown_story(library, asked))),
        None => Err(Box::new(unknown_story(library, asked))),
    }
}

fn unknown_story(library: &Library, asked: &str) -> Reply {
    let known = library.stories();
    let text = if known.is_empty() {
        format!("There is no story called {asked:?}, and no briefings yet.")
    } else {
        format!(
            "There is no story called {asked:?}. Stories: {}.",
            join_and(&known)
        )
    };
    Reply::error("Unknown story", text)
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The text as a sentence: ends with a full stop unless it ends with punctuation already.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The UTC date of an instant, `2026-11-28`.
fn date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |since| {
        i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
    });
    let instant = ChangedAt { secs, nanos: 0 }.to_string();
    instant.split('T').next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::updates::testing::briefing;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        (dir, store)
    }

    fn news(current: bool) -> Target {
        Target {
            guild: GuildId::new(1).unwrap(),
            channel: ChannelId::new(10).unwrap(),
            label: "#news".to_owned(),
            current,
        }
    }

    fn library() -> Library {
        Library::new(vec![briefing("a", "2026-11-27", None)])
    }

    #[test]
    fn subscribing_says_what_happened_and_that_there_is_no_backfill() {
        let (_dir, store) = store();
        let outcome = subscribe(&store, &library(), &news(true), None).unwrap();
        assert!(outcome.changed);
        let reply = outcome.reply;
        assert!(!reply.is_error());
        assert_eq!(reply.title, "Subscribed");
        assert_eq!(
            reply.text,
            "#news now gets belarus-russia updates. The next new or updated briefing will be \
             posted here; earlier briefings are not posted."
        );
        let again = subscribe(&store, &library(), &news(false), Some("Belarus-Russia")).unwrap();
        assert!(!again.changed);
        let again = again.reply;
        assert_eq!(again.title, "Already subscribed");
        assert!(again.text.contains("posted there"), "{}", again.text);
        assert_eq!(store.subscription_count().unwrap(), 1);
    }

    #[test]
    fn subscribing_a_paused_subscription_resumes_it_and_names_the_reason() {
        let (_dir, store) = store();
        subscribe(&store, &library(), &news(true), None).unwrap();
        store
            .pause_channel(ChannelId::new(10).unwrap(), "briefbot may not post here")
            .unwrap();
        let outcome = subscribe(&store, &library(), &news(true), None).unwrap();
        assert!(outcome.changed);
        let reply = outcome.reply;
        assert_eq!(reply.title, "Subscription resumed");
        assert!(
            reply
                .text
                .contains("paused because: briefbot may not post here."),
            "{}",
            reply.text
        );
    }

    #[test]
    fn an_unknown_story_is_refused_with_the_known_ones() {
        let (_dir, store) = store();
        let reply = subscribe(&store, &library(), &news(true), Some("belarus-ukraine"))
            .unwrap()
            .reply;
        assert!(reply.is_error());
        assert_eq!(
            reply.text,
            "There is no story called \"belarus-ukraine\". Stories: belarus-russia."
        );
        assert_eq!(store.subscription_count().unwrap(), 0);
        let empty = subscribe(&store, &Library::new(Vec::new()), &news(true), None)
            .unwrap()
            .reply;
        assert_eq!(empty.title, "No story yet");
    }

    #[test]
    fn unsubscribing_removes_the_only_subscription_and_twice_is_harmless() {
        let (_dir, store) = store();
        subscribe(&store, &library(), &news(true), None).unwrap();
        let outcome = unsubscribe(&store, &library(), &news(true), None).unwrap();
        assert!(outcome.changed);
        let reply = outcome.reply;
        assert_eq!(reply.title, "Unsubscribed");
        assert_eq!(
            reply.text,
            "#news no longer gets belarus-russia updates; posts not yet sent there are dropped."
        );
        let again = unsubscribe(&store, &library(), &news(true), None).unwrap();
        assert!(!again.changed);
        assert_eq!(again.reply.title, "Not subscribed");
        assert!(!again.reply.is_error());
        let named = unsubscribe(&store, &library(), &news(true), Some("belarus-russia"))
            .unwrap()
            .reply;
        assert_eq!(
            named.text,
            "#news was not following belarus-russia; nothing changed."
        );
    }

    #[test]
    fn the_list_shows_paused_subscriptions_with_their_reason() {
        let (_dir, store) = store();
        subscribe(&store, &library(), &news(true), None).unwrap();
        let general = Target {
            channel: ChannelId::new(11).unwrap(),
            label: "#general".to_owned(),
            ..news(true)
        };
        subscribe(&store, &library(), &general, None).unwrap();
        store
            .pause_channel(ChannelId::new(11).unwrap(), "give it Send Messages.")
            .unwrap();
        let reply = list(&store, GuildId::new(1).unwrap(), |channel| {
            format!("#{channel}")
        })
        .unwrap();
        assert!(
            reply
                .text
                .starts_with("2 subscriptions in this server, 1 paused.")
        );
        assert_eq!(reply.fields.len(), 2);
        assert_eq!(reply.fields[0].name, "#10 · belarus-russia");
        assert!(reply.fields[0].value.starts_with("Active since 20"));
        assert_eq!(reply.fields[1].name, "#11 · belarus-russia");
        assert!(
            reply.fields[1].value.starts_with("Paused since ")
                && reply.fields[1].value.ends_with(": give it Send Messages."),
            "{}",
            reply.fields[1].value
        );
        let other = list(&store, GuildId::new(2).unwrap(), |_| String::new()).unwrap();
        assert_eq!(other.title, "No subscriptions");
    }

    #[test]
    fn a_refusal_names_exactly_the_missing_permissions() {
        let reply = cannot_post(&news(true), &["Send Messages", "Embed Links"]);
        assert!(reply.is_error());
        assert_eq!(reply.title, "I cannot post in #news");
        assert!(
            reply
                .text
                .starts_with("I need Send Messages and Embed Links in #news")
        );
        let one = cannot_post(&news(true), &["View Channel"]);
        assert!(one.text.contains("grant it"), "{}", one.text);
    }
}
