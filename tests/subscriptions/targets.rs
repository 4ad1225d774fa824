//! Destinations beyond text channels, end to end against the loopback Discord: forum posts
//! (with the forum's matching tags, once across a SIGKILL), threads (reopened when archived,
//! paused when the bot may not), announcement channels (published to following servers), and
//! the refusals of each.

use briefbot::subscriptions::{
    ChannelId, LedgerCounts, PauseReason, SubscriptionState, TargetKind,
};
use serde_json::json;

use crate::discord_support::ledger::left_by_a_running_bot;
use crate::discord_support::loopback::{self, Fault, Loopback, channel_option, payloads};
use crate::harness::*;
use crate::support::{Db, off_runtime, on_both_backends_end_to_end};

fn channel_id(id: &str) -> ChannelId {
    ChannelId::new(id.parse().unwrap()).unwrap()
}

/// The pause reason of the subscription in `channel`, if it is paused.
fn paused(harness: &Harness, channel: &str) -> Option<PauseReason> {
    let subscription = harness
        .read(|store| store.subscription(channel_id(channel), &story()))
        .unwrap()?;
    match subscription.state {
        SubscriptionState::Paused { reason, .. } => Some(reason),
        SubscriptionState::Active => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_gets_one_forum_post_per_briefing_with_the_matching_tags() {
    let mut harness = Harness::start().await;
    let made = harness
        .subscribe_with(json!([channel_option(
            "channel",
            payloads::FORUM_CHANNEL_ID
        )]))
        .await;
    assert!(
        description(&made).contains("as one forum post per briefing"),
        "{made}"
    );
    write_tagged_briefing(
        harness.folder(),
        "b",
        "2026-11-27",
        &["nuclear", "union-state", "pinned", "economy"],
        None,
    );
    harness.discord.wait_channel_messages(1).await;
    harness.stop().await;
    let posts = harness.discord.forum_posts(payloads::FORUM_CHANNEL_ID);
    assert_eq!(posts.len(), 1);
    let post = &posts[0];
    assert_eq!(post["name"], "Title of b");
    assert_eq!(
        post["applied_tags"],
        json!([payloads::FORUM_TAG_NUCLEAR, payloads::FORUM_TAG_UNION_STATE]),
        "the forum's tags of the briefing's tags, not the moderated one"
    );
    assert_eq!(title(&post["message"]), "Title of b");
    let request = harness.discord.requests_to("POST", "/threads").remove(0);
    assert_eq!(
        request.body["message"]["allowed_mentions"],
        json!({ "parse": [] })
    );
    assert_eq!(
        harness
            .read(|store| store.ledger_counts())
            .unwrap()
            .delivered,
        1
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_where_the_bot_may_not_create_posts_is_refused_by_name() {
    let harness = Harness::start().await;
    let refused = harness
        .subscribe_with(json!([channel_option(
            "channel",
            payloads::LOCKED_FORUM_CHANNEL_ID
        )]))
        .await;
    assert!(is_ephemeral(&refused));
    assert_eq!(title(&refused), "I cannot post in #locked-forum");
    assert!(
        description(&refused).starts_with("I need Create Posts in #locked-forum"),
        "{refused}"
    );
    assert_eq!(harness.read(|store| store.subscription_count()).unwrap(), 0);
    harness.finish().await;
}

on_both_backends_end_to_end!(
    a_forum_post_is_made_once_across_a_sigkill,
    an_announcement_channels_posts_are_published_once,
);

/// The bot killed while Discord's answer to its forum post is on the way, then started again
/// on the same database (on PostgreSQL, as another replica once the two-second lease ran out).
async fn a_forum_post_is_made_once_across_a_sigkill(db: Db) {
    let discord = Loopback::start().await;
    let briefings = tempfile::tempdir().unwrap();
    write_briefing(briefings.path(), "a", "2026-11-20");
    let data = tempfile::tempdir().unwrap();
    let database = db.setting();
    let log = data.path().join("briefbot.log");
    let spawn = |discord: &Loopback| {
        briefbot_command_short_lease(discord, briefings.path(), &database, &log)
            .spawn()
            .unwrap()
    };
    off_runtime(|| {
        let forum = (
            payloads::GUILD_ID,
            payloads::FORUM_CHANNEL_ID,
            TargetKind::Forum,
        );
        left_by_a_running_bot(&*db.open(), briefings.path(), [forum]);
    });
    // Discord makes the forum post but its answer never arrives: killed, the bot cannot know.
    discord.stall_after("POST", "/threads", 0);
    let mut child = spawn(&discord);
    discord.wait_ready().await;
    write_briefing(briefings.path(), "b", "2026-11-27");
    discord.wait_stalled(1).await;
    child.kill().unwrap();
    assert_eq!(wait_exit(child).await, None, "killed by a signal");
    discord.unstall();
    assert_eq!(discord.forum_posts(payloads::FORUM_CHANNEL_ID).len(), 1);

    let child = spawn(&discord);
    discord
        .wait_request(
            "GET",
            &format!("/guilds/{}/threads/active", payloads::GUILD_ID),
        )
        .await;
    // The store, not the loopback: the loopback's `wait_for` looks again only when Discord
    // sees a request, and the bot may record the post after its last one.
    let deadline = tokio::time::Instant::now() + loopback::WAIT_LIMIT;
    let counts = loop {
        let counts = off_runtime(|| db.open().ledger_counts().unwrap());
        if counts.delivered == 1 {
            break counts;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the ledger never recorded the forum post: {counts:?}\n{}",
            discord.describe()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(
        counts,
        LedgerCounts {
            delivered: 1,
            ..LedgerCounts::default()
        }
    );
    terminate(child, &log).await;
    let posts = discord.forum_posts(payloads::FORUM_CHANNEL_ID);
    assert_eq!(
        posts.len(),
        1,
        "the restarted bot found the post instead of making another"
    );
    assert_eq!(discord.requests_to("POST", "/threads").len(), 1);
    discord.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_gets_the_post_and_an_archived_one_is_reopened_first() {
    let mut harness = Harness::start().await;
    for thread in [
        payloads::THREAD_CHANNEL_ID,
        payloads::ARCHIVED_THREAD_CHANNEL_ID,
    ] {
        let made = harness
            .subscribe_with(json!([channel_option("channel", thread)]))
            .await;
        assert_eq!(title(&made), "Subscribed", "{made}");
    }
    write_briefing(harness.folder(), "b", "2026-11-27");
    harness.discord.wait_channel_messages(2).await;
    harness.stop().await;
    for thread in [
        payloads::THREAD_CHANNEL_ID,
        payloads::ARCHIVED_THREAD_CHANNEL_ID,
    ] {
        let titles: Vec<String> = harness
            .discord
            .channel_messages(thread)
            .iter()
            .map(|message| title(message).to_owned())
            .collect();
        assert_eq!(titles, ["Title of b"], "in thread {thread}");
    }
    assert_eq!(
        harness.discord.reopened(),
        [payloads::ARCHIVED_THREAD_CHANNEL_ID]
    );
    assert_eq!(
        statuses(&harness.discord, payloads::ARCHIVED_THREAD_CHANNEL_ID),
        [400, 200],
        "refused while archived, then posted"
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_thread_the_bot_may_not_reopen_pauses_the_subscription_with_the_reason() {
    let harness = Harness::start().await;
    harness
        .subscribe_with(json!([channel_option(
            "channel",
            payloads::LOCKED_THREAD_CHANNEL_ID
        )]))
        .await;
    write_briefing(harness.folder(), "b", "2026-11-27");
    harness
        .discord
        .wait_request("PATCH", payloads::LOCKED_THREAD_CHANNEL_ID)
        .await;
    let listed = wait_for_paused(&harness, payloads::LOCKED_THREAD_CHANNEL_ID).await;
    assert_eq!(
        listed,
        PauseReason::ThreadArchived {
            needs: vec!["Manage Threads".into()]
        }
    );
    let shown = harness.subscriptions().await;
    assert!(
        shown[0].1.starts_with("Thread: Paused since ")
            && shown[0]
                .1
                .contains("the thread is archived and briefbot may not reopen it"),
        "{shown:?}"
    );
    assert!(
        harness
            .discord
            .channel_messages(payloads::LOCKED_THREAD_CHANNEL_ID)
            .is_empty()
    );
    harness.finish().await;
}

async fn an_announcement_channels_posts_are_published_once(db: Db) {
    let mut harness = Harness::start_on(db).await;
    let made = harness
        .subscribe_with(json!([channel_option(
            "channel",
            payloads::ANNOUNCEMENTS_CHANNEL_ID
        )]))
        .await;
    assert!(
        description(&made).contains("published to following servers"),
        "{made}"
    );
    // The first publish fails on Discord's side: the retry re-sends the post (recognised by
    // its nonce) and publishes it, once.
    harness
        .discord
        .inject("POST", "/crosspost", Fault::ServerError, 1);
    write_briefing(harness.folder(), "b", "2026-11-27");
    harness
        .discord
        .wait_for("a published post", |state| {
            (!state.crossposts.is_empty()).then_some(())
        })
        .await;
    harness.stop().await;
    let messages = harness
        .discord
        .channel_messages(payloads::ANNOUNCEMENTS_CHANNEL_ID);
    assert_eq!(messages.len(), 1, "one message despite the re-send");
    let id = messages[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        harness
            .discord
            .crossposts(payloads::ANNOUNCEMENTS_CHANNEL_ID),
        [id]
    );
    assert_eq!(
        harness
            .read(|store| store.ledger_counts())
            .unwrap()
            .delivered,
        1
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_publish_pauses_the_subscription_naming_the_permission() {
    let harness = Harness::start().await;
    harness
        .subscribe_with(json!([channel_option(
            "channel",
            payloads::ANNOUNCEMENTS_CHANNEL_ID
        )]))
        .await;
    harness
        .discord
        .inject("POST", "/crosspost", Fault::MissingPermissions, 1);
    write_briefing(harness.folder(), "b", "2026-11-27");
    let reason = wait_for_paused(&harness, payloads::ANNOUNCEMENTS_CHANNEL_ID).await;
    assert_eq!(
        reason,
        PauseReason::CannotPublish {
            needs: vec!["Manage Messages".into()]
        }
    );
    assert!(
        reason
            .to_string()
            .contains("it needs Manage Messages there"),
        "{reason}"
    );
    harness.finish().await;
}

/// Waits until the bot logs that it paused the subscription of `channel`, and returns why.
async fn wait_for_paused(harness: &Harness, channel: &str) -> PauseReason {
    logs::wait_for(&["paused subscriptions", channel]).await;
    paused(harness, channel).expect("the store says paused too")
}
