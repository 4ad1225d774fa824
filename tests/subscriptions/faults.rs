//! The whole bot against Discord's failures: injected errors, refusals, pruning when a
//! channel or the server goes away, and `briefbot run` killed in the middle of a fanout.

use std::time::Duration;

use briefbot::subscriptions::{ChannelId, DeliveryState, LedgerCounts};
use briefbot::updates::UpdateKey;
use serde_json::json;

use crate::discord_support::ledger::{left_by_a_running_bot, text_channels};
use crate::discord_support::loopback::{Fault, Invoker, Loopback, payloads};
use crate::harness::*;
use crate::support::{Db, briefing, off_runtime, on_both_backends_end_to_end};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_errors_are_each_handled_as_they_should_be() {
    let mut harness = Harness::start().await;
    let channels = harness.discord.add_channels(5);
    let [limited, failing, gone, forbidden, control] = [0, 1, 2, 3, 4].map(|n| &channels[n]);
    for channel in &channels {
        harness
            .subscribe(payloads::GENERAL_CHANNEL_ID, Some(channel))
            .await;
    }
    let path = |channel: &str| format!("/channels/{channel}/messages");
    let rate_limited = Fault::RateLimited {
        retry_after: 0.5,
        global: false,
    };
    harness
        .discord
        .inject("POST", &path(limited), rate_limited, 1);
    harness
        .discord
        .inject("POST", &path(failing), Fault::ServerError, 1);
    harness
        .discord
        .inject("POST", &path(gone), Fault::UnknownChannel, 1);
    harness
        .discord
        .inject("POST", &path(forbidden), Fault::MissingPermissions, 1);
    write_briefing(harness.folder(), "b", "2026-11-27");
    // The 429 and the 500 are retried, the others are not: three messages in the end.
    harness.discord.wait_channel_messages(3).await;

    assert_eq!(statuses(&harness.discord, limited), [429, 200]);
    let limited_requests = harness.discord.requests_to("POST", &path(limited));
    let waited = limited_requests[1].at - limited_requests[0].at;
    assert!(
        waited >= Duration::from_millis(500),
        "waited retry_after: {waited:?}"
    );
    assert_eq!(statuses(&harness.discord, failing), [500, 200]);
    assert_eq!(statuses(&harness.discord, gone), [404]);
    assert_eq!(
        statuses(&harness.discord, forbidden),
        [403],
        "a 403 is never retried"
    );
    assert_eq!(statuses(&harness.discord, control), [200]);

    // 10003 removed the subscription; 50013 paused it, with the reason, until /subscribe.
    let listed = harness.subscriptions().await;
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(
        !listed
            .iter()
            .any(|(name, _)| name.starts_with("#channel-2 "))
    );
    let (_, paused) = listed
        .iter()
        .find(|(name, _)| name == "#channel-3 · belarus-russia")
        .expect("the paused subscription is listed");
    assert!(
        paused.starts_with("Text channel: Paused since ")
            && paused.contains("briefbot may not post here; it needs View Channel, Send Messages and Embed Links there"),
        "{paused}"
    );
    let paused_channel = ChannelId::new(forbidden.parse().unwrap()).unwrap();
    let gone_channel = ChannelId::new(gone.parse().unwrap()).unwrap();
    let (paused_kept, gone_kept) = harness.read(|store| {
        (
            store.subscription(paused_channel, &story()).unwrap(),
            store.subscription(gone_channel, &story()).unwrap(),
        )
    });
    assert!(paused_kept.is_some());
    assert!(gone_kept.is_none());

    // A paused channel gets nothing, even from the next briefing; /subscribe resumes it.
    write_briefing(harness.folder(), "c", "2026-11-28");
    harness.discord.wait_channel_messages(6).await;
    assert_eq!(statuses(&harness.discord, forbidden), [403]);
    let resumed = harness
        .subscribe(payloads::GENERAL_CHANNEL_ID, Some(forbidden))
        .await;
    assert_eq!(title(&resumed), "Subscription resumed");
    assert!(
        description(&resumed).contains("It was paused because: briefbot may not post here"),
        "{}",
        description(&resumed)
    );
    write_briefing(harness.folder(), "e", "2026-11-29");
    harness.discord.wait_channel_messages(10).await;
    harness.stop().await;
    assert_eq!(statuses(&harness.discord, forbidden), [403, 200]);
    let titles: Vec<String> = harness
        .discord
        .channel_messages(forbidden)
        .iter()
        .map(|message| title(message).to_owned())
        .collect();
    assert_eq!(
        titles,
        ["Title of e"],
        "no backfill of what came while paused"
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_that_persists_backs_off_fails_and_is_retried_at_the_next_start() {
    let mut harness = Harness::start().await;
    harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;
    let path = format!("/channels/{}/messages", payloads::GENERAL_CHANNEL_ID);
    harness.discord.inject("POST", &path, Fault::ServerError, 5);
    // An id of its own, so the log line waited for below is this test's.
    let id = "persistent-server-errors";
    write_briefing(harness.folder(), id, "2026-11-27");
    // One wait per send: together they take longer than any single wait may.
    for sent in 1..=5 {
        harness.discord.wait_requests("POST", &path, sent).await;
    }
    logs::wait_for(&["delivery failed until the next start", id]).await;

    // Five sends, each after a longer wait (1 s, 2 s, 4 s, 8 s), then the post is failed.
    let sends = harness.discord.requests_to("POST", &path);
    assert_eq!(
        sends.iter().map(|send| send.status).collect::<Vec<_>>(),
        [500; 5]
    );
    for (gap, at_least) in sends.windows(2).zip([1, 2, 4, 8]) {
        let waited = gap[1].at - gap[0].at;
        assert!(
            waited >= Duration::from_secs(at_least),
            "waited {waited:?}, not {at_least} s"
        );
    }

    // The next update goes out; the failed post is not sent again in this run.
    write_briefing(harness.folder(), "c", "2026-11-28");
    harness.discord.wait_channel_messages(1).await;
    assert_eq!(
        statuses(&harness.discord, payloads::GENERAL_CHANNEL_ID),
        [500, 500, 500, 500, 500, 200]
    );
    // That pass began after the failed one had written its outcomes.
    let key = UpdateKey::of(&briefing(id, "2026-11-27", None));
    let general = ChannelId::new(payloads::GENERAL_CHANNEL_ID.parse().unwrap()).unwrap();
    let row = harness
        .read(|store| store.delivery(general, &key))
        .unwrap()
        .unwrap();
    assert_eq!((row.state, row.attempts), (DeliveryState::Failed, 5));
    assert_eq!(row.last_error.as_deref(), Some("Discord server error 500"));

    // The next start sends it once more, and it is delivered.
    harness.stop().await;
    harness.launch().await;
    harness.discord.wait_channel_messages(2).await;
    harness.stop().await;
    let titles: Vec<String> = harness
        .discord
        .channel_messages(payloads::GENERAL_CHANNEL_ID)
        .iter()
        .map(|message| title(message).to_owned())
        .collect();
    assert_eq!(titles, ["Title of c", &format!("Title of {id}")]);
    assert_eq!(
        statuses(&harness.discord, payloads::GENERAL_CHANNEL_ID).len(),
        7
    );
    let row = harness
        .read(|store| store.delivery(general, &key))
        .unwrap()
        .unwrap();
    assert_eq!((row.state, row.attempts), (DeliveryState::Delivered, 6));
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribe_refuses_members_without_manage_channels_and_channels_the_bot_cannot_post_in() {
    let harness = Harness::start().await;
    let member = harness
        .ask(&Invoker::default(), "subscribe", json!([]))
        .await;
    assert!(is_ephemeral(&member));
    assert_eq!(title(&member), "You lack a permission here");
    assert_eq!(description(&member), "This command needs Manage Channels.");

    // Here: Discord says with the interaction that the bot may only view this channel.
    let mut view_only = admin_in(payloads::GENERAL_CHANNEL_ID);
    view_only.app_permissions = "1024".to_owned();
    let here = harness.ask(&view_only, "subscribe", json!([])).await;
    assert!(is_ephemeral(&here));
    assert_eq!(title(&here), "I cannot post in #general");
    assert!(
        description(&here).starts_with("I need Send Messages and Embed Links in #general"),
        "{}",
        description(&here)
    );

    // There: the channel's overwrites deny the bot what it needs; computed from the lookups.
    let there = harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::LOCKED_CHANNEL_ID),
        )
        .await;
    assert!(is_ephemeral(&there));
    assert_eq!(title(&there), "I cannot post in #locked");
    assert!(
        description(&there).starts_with("I need Send Messages and Embed Links in #locked"),
        "{}",
        description(&there)
    );
    // A voice channel's chat cannot follow a story.
    let mut in_voice = admin_in(payloads::GENERAL_CHANNEL_ID);
    in_voice.channel_type = 2;
    let voice = harness.ask(&in_voice, "subscribe", json!([])).await;
    assert!(is_ephemeral(&voice));
    assert_eq!(title(&voice), "Not in this kind of channel");
    assert_eq!(harness.read(|store| store.subscription_count()).unwrap(), 0);
    assert!(
        harness
            .discord
            .requests_to("GET", &format!("/guilds/{}/members/", payloads::GUILD_ID))
            .iter()
            .all(|request| request.path.ends_with(payloads::APPLICATION_ID)),
        "the bot looks up its own member only"
    );
    harness.finish().await;
}

on_both_backends_end_to_end!(
    a_deleted_channel_and_a_server_that_removed_the_bot_lose_their_subscriptions,
    a_fanout_killed_midway_reaches_every_channel_exactly_once_after_a_restart,
);

async fn a_deleted_channel_and_a_server_that_removed_the_bot_lose_their_subscriptions(db: Db) {
    let harness = Harness::start_on(db).await;
    let here = harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;
    assert_eq!(title(&here), "Subscribed");
    let there = harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::NEWS_CHANNEL_ID),
        )
        .await;
    assert_eq!(title(&there), "Subscribed");
    assert_eq!(harness.subscriptions().await.len(), 2);
    // An outage of the server is not a removal: nothing is pruned for it.
    harness.discord.dispatch(
        "GUILD_DELETE",
        json!({ "id": payloads::GUILD_ID, "unavailable": true }),
    );
    harness.discord.delete_channel(payloads::NEWS_CHANNEL_ID);
    let listed = wait_for_listing(&harness, 1).await;
    assert_eq!(listed[0].0, "#general · belarus-russia");
    assert_eq!(
        harness.subscriptions().await,
        listed,
        "the outage pruned nothing"
    );

    let unsubscribed = harness
        .ask(
            &admin_in(payloads::GENERAL_CHANNEL_ID),
            "unsubscribe",
            json!([]),
        )
        .await;
    assert_eq!(title(&unsubscribed), "Unsubscribed");
    let again = harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;
    assert_eq!(title(&again), "Subscribed");

    // The bot was removed from the server (no `unavailable`): everything there goes.
    harness
        .discord
        .dispatch("GUILD_DELETE", json!({ "id": payloads::GUILD_ID }));
    wait_for_listing(&harness, 0).await;

    write_briefing(harness.folder(), "b", "2026-11-27");
    // The next reload is swapped in; nothing is posted anywhere.
    logs::wait_for(&[
        "briefings reloaded",
        &harness.folder().display().to_string(),
    ])
    .await;
    let summary = harness.ask(&Invoker::default(), "summary", json!([])).await;
    assert_eq!(title(&summary), "Title of b");
    assert!(harness.discord.requests_to("POST", "/channels/").is_empty());
    harness.finish().await;
}

// ---------------------------------------------------------------------------------------------
// The `briefbot run` process, killed in the middle of a fanout
// ---------------------------------------------------------------------------------------------

/// How many channels follow the story in the SIGKILL test.
const FANOUT: usize = 1000;

/// One process killed with SIGKILL in the middle of a fanout, then started again on the same
/// database. On PostgreSQL the second process is another replica as far as the ledger knows:
/// it sends the dead one's claims once their lease (two seconds here) has run out.
async fn a_fanout_killed_midway_reaches_every_channel_exactly_once_after_a_restart(db: Db) {
    let discord = Loopback::start().await;
    let briefings = tempfile::tempdir().unwrap();
    write_briefing(briefings.path(), "a", "2026-11-20");
    let data = tempfile::tempdir().unwrap();
    let database = db.setting();
    let log = data.path().join("briefbot.log");
    let channels = discord.add_channels(FANOUT);
    let spawn = |discord: &Loopback| {
        briefbot_command_short_lease(discord, briefings.path(), &database, &log)
            .spawn()
            .unwrap()
    };

    // A database as a running bot leaves it: the library's updates known, 1,000 subscriptions.
    off_runtime(|| {
        left_by_a_running_bot(
            &*db.open(),
            briefings.path(),
            text_channels(payloads::GUILD_ID, &channels),
        );
    });

    // A quarter of the posts are answered; after that Discord creates each message but its
    // answer never arrives, so the bot is caught with posts that exist but are not recorded.
    discord.stall_after("POST", "/messages", FANOUT / 4);
    let child = spawn(&discord);
    discord.wait_ready().await;
    write_briefing(briefings.path(), "b", "2026-11-27");
    discord.wait_stalled(1).await;
    let mut child = child;
    child.kill().unwrap(); // SIGKILL: no chance to record what was in flight
    assert_eq!(wait_exit(child).await, None, "killed by a signal");
    discord.unstall();
    let before_restart = discord.messages_per_channel().len();
    assert!(
        before_restart < FANOUT,
        "killed in the middle of the fanout ({before_restart} channels had the post)"
    );
    let stalled = discord.stalled();

    let child = spawn(&discord);
    discord.wait_channel_messages(FANOUT).await;
    terminate(child, &log).await;

    let posted = discord.messages_per_channel();
    assert_eq!(posted.len(), FANOUT, "every channel got the update");
    let doubled: Vec<_> = posted.iter().filter(|(_, count)| **count != 1).collect();
    assert!(doubled.is_empty(), "posted more than once: {doubled:?}");
    let requests = discord.requests_to("POST", "/messages");
    assert!(
        requests
            .iter()
            .all(|request| [0, 200].contains(&request.status)),
        "only successes and withheld answers"
    );
    // Every request beyond one per channel was a re-send Discord recognised by its nonce; the
    // posts whose answer never came are among them.
    let recognised = requests.len() - FANOUT;
    assert!(
        recognised >= stalled && stalled >= 1,
        "{stalled} posts were created unanswered, {recognised} re-sends were recognised"
    );
    println!(
        "{before_restart} channels had the post when the bot was killed ({stalled} of them \
         unanswered); after the restart {recognised} post(s) were re-sent and recognised by \
         their nonce"
    );
    let counts = off_runtime(|| db.open().ledger_counts().unwrap());
    assert_eq!(
        counts,
        LedgerCounts {
            delivered: FANOUT,
            ..LedgerCounts::default()
        }
    );
    discord.assert_no_violations();
}
