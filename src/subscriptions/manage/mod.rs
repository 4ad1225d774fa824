//! What the admin commands decide — which story is meant, what the store does — and the reply
//! that says what happened. No Discord types: the adapter checks permissions, names the
//! channel, parses the options into [`Changes`], calls these through `spawn_blocking` and sends
//! the reply. `list` is `/subscriptions`; `words` holds the refusals and the shared wording.

mod list;
mod words;

use crate::library::Library;
use crate::reply::Reply;
use crate::text::fold;

use super::error::StoreError;
use super::ids::{ChannelId, GuildId, Story};
use super::model::{Changes, Settings, Subscribed, TargetKind};
use super::store::Store;

pub use list::list;
pub use words::{
    cannot_mention, cannot_post, filter_error, member_cannot_manage, no_briefing_to_test,
    not_a_channel_for, test_failed, test_posted,
};
use words::{describe, join_and, sentence};

/// The channel a command is about, as the admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The server the channel belongs to.
    pub guild: GuildId,
    /// The channel.
    pub channel: ChannelId,
    /// What kind of channel it is.
    pub kind: TargetKind,
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
    store: &dyn Store,
    library: &Library,
    target: &Target,
    asked: Option<&str>,
    changes: &Changes,
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
    let done = store.subscribe(target.guild, target.channel, &story, target.kind, changes)?;
    let settings = store
        .subscription(target.channel, &story)?
        .map_or_else(|| Settings::plain(target.kind), |found| found.settings);
    let how = describe(&settings);
    let outcome = match done {
        Subscribed::Created => Outcome::changed(Reply::info(
            "Subscribed",
            format!("{label} now gets {story} updates{how}. {next}"),
        )),
        Subscribed::AlreadyActive => Outcome::unchanged(Reply::info(
            "Already subscribed",
            format!("{label} already gets {story} updates{how}; nothing changed. {next}"),
        )),
        Subscribed::Changed => Outcome::changed(Reply::info(
            "Subscription changed",
            format!("{label} now gets {story} updates{how}."),
        )),
        Subscribed::Resumed { reason } => Outcome::changed(Reply::info(
            "Subscription resumed",
            format!(
                "{label} gets {story} updates again{how}. It was paused because: {} \
                 Briefings from while it was paused are not posted. {next}",
                sentence(&reason.to_string())
            ),
        )),
    };
    Ok(outcome)
}

/// Stops the channel following a story: the one asked for, else its only subscription (or
/// the story of the newest briefing). Its posts not yet sent are dropped.
pub fn unsubscribe(
    store: &dyn Store,
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

/// The story `/subscribe test:true` posts from: the one asked for, else the newest briefing's.
pub fn story_for_test(library: &Library, asked: Option<&str>) -> Result<Story, Box<Reply>> {
    choose_story(library, asked)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subscriptions::{
        Edit, Filter, Hour, Mode, PauseReason, Period, RoleId, Subscriptions,
    };
    use crate::updates::testing::briefing;

    fn store() -> (tempfile::TempDir, crate::subscriptions::SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let store =
            crate::subscriptions::SqliteStore::open(&dir.path().join("db.sqlite3")).unwrap();
        (dir, store)
    }

    fn news(current: bool) -> Target {
        Target {
            guild: GuildId::new(1).unwrap(),
            channel: ChannelId::new(10).unwrap(),
            kind: TargetKind::Text,
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
        let outcome =
            subscribe(&store, &library(), &news(true), None, &Changes::default()).unwrap();
        assert!(outcome.changed);
        let reply = outcome.reply;
        assert!(!reply.is_error());
        assert_eq!(reply.title, "Subscribed");
        assert_eq!(
            reply.text,
            "#news now gets belarus-russia updates. The next new or updated briefing will be \
             posted here; earlier briefings are not posted."
        );
        let again = subscribe(
            &store,
            &library(),
            &news(false),
            Some("Belarus-Russia"),
            &Changes::default(),
        )
        .unwrap();
        assert!(!again.changed);
        let again = again.reply;
        assert_eq!(again.title, "Already subscribed");
        assert!(again.text.contains("posted there"), "{}", again.text);
        assert_eq!(store.subscription_count().unwrap(), 1);
    }

    #[test]
    fn subscribing_a_paused_subscription_resumes_it_and_names_the_reason() {
        let (_dir, store) = store();
        subscribe(&store, &library(), &news(true), None, &Changes::default()).unwrap();
        store
            .pause_channel(
                ChannelId::new(10).unwrap(),
                &PauseReason::CannotPost {
                    needs: vec!["Send Messages".into()],
                },
            )
            .unwrap();
        let outcome =
            subscribe(&store, &library(), &news(true), None, &Changes::default()).unwrap();
        assert!(outcome.changed);
        let reply = outcome.reply;
        assert_eq!(reply.title, "Subscription resumed");
        assert!(
            reply
                .text
                .contains("paused because: briefbot may not post here; it needs Send Messages there, then run /subscribe again."),
            "{}",
            reply.text
        );
    }

    #[test]
    fn an_unknown_story_is_refused_with_the_known_ones() {
        let (_dir, store) = store();
        let reply = subscribe(
            &store,
            &library(),
            &news(true),
            Some("belarus-ukraine"),
            &Changes::default(),
        )
        .unwrap()
        .reply;
        assert!(reply.is_error());
        assert_eq!(
            reply.text,
            "There is no story called \"belarus-ukraine\". Stories: belarus-russia."
        );
        assert_eq!(store.subscription_count().unwrap(), 0);
        let empty = subscribe(
            &store,
            &Library::new(Vec::new()),
            &news(true),
            None,
            &Changes::default(),
        )
        .unwrap()
        .reply;
        assert_eq!(empty.title, "No story yet");
    }

    #[test]
    fn unsubscribing_removes_the_only_subscription_and_twice_is_harmless() {
        let (_dir, store) = store();
        subscribe(&store, &library(), &news(true), None, &Changes::default()).unwrap();
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
        subscribe(&store, &library(), &news(true), None, &Changes::default()).unwrap();
        let general = Target {
            channel: ChannelId::new(11).unwrap(),
            label: "#general".to_owned(),
            ..news(true)
        };
        subscribe(&store, &library(), &general, None, &Changes::default()).unwrap();
        store
            .pause_channel(
                ChannelId::new(11).unwrap(),
                &PauseReason::CannotSee {
                    needs: vec!["View Channel".into()],
                },
            )
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
        assert!(
            reply.fields[0]
                .value
                .starts_with("Text channel: Active since 20"),
            "{}",
            reply.fields[0].value
        );
        assert!(
            reply.fields[0]
                .value
                .ends_with("\nMention: none\nFilter: none (every briefing)\nPosts: each update"),
            "{}",
            reply.fields[0].value
        );
        assert_eq!(reply.fields[1].name, "#11 · belarus-russia");
        assert!(
            reply.fields[1].value.starts_with("Text channel: Paused since ")
                && reply.fields[1].value.contains(": briefbot cannot see this channel; give it View Channel there, then run /subscribe again.\n"),
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

    #[test]
    fn changing_settings_says_how_the_subscription_now_posts_and_keeps_the_rest() {
        let (_dir, store) = store();
        let forum = Target {
            kind: TargetKind::Forum,
            ..news(true)
        };
        let mention = Changes {
            mention: Edit::Set(RoleId::new(7).unwrap()),
            ..Changes::default()
        };
        let made = subscribe(&store, &library(), &forum, None, &mention).unwrap();
        assert_eq!(
            made.reply.text,
            "#news now gets belarus-russia updates (as one forum post per briefing, mentioning \
             <@&7>). The next new or updated briefing will be posted here; earlier briefings \
             are not posted."
        );
        let digest = Changes {
            filter: Edit::Set(Filter::parse("tag:nuclear").unwrap()),
            mode: Some(Mode::Digest {
                period: Period::Daily,
                hour: Hour::new(8).unwrap(),
            }),
            ..Changes::default()
        };
        let changed = subscribe(&store, &library(), &forum, None, &digest).unwrap();
        assert!(changed.changed);
        assert_eq!(changed.reply.title, "Subscription changed");
        assert_eq!(
            changed.reply.text,
            "#news now gets belarus-russia updates (as one forum post per briefing, as a daily \
             digest at 08:00 UTC, mentioning <@&7>, only those matching `tag:nuclear`)."
        );
        let cleared = Changes {
            mention: Edit::Clear,
            filter: Edit::Clear,
            mode: Some(Mode::EachUpdate),
        };
        subscribe(&store, &library(), &forum, None, &cleared).unwrap();
        let again = subscribe(&store, &library(), &forum, None, &Changes::default()).unwrap();
        assert_eq!(again.reply.title, "Already subscribed");
        assert!(again.reply.text.starts_with("#news already gets belarus-russia updates (as one forum post per briefing); nothing changed."), "{}", again.reply.text);
    }
}
