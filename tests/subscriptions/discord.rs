//! The whole bot — `briefbot run`, in this process or as a child process — against the
//! loopback Discord, with its subscriptions database in a temporary folder: `/subscribe` and
//! its permission checks, posts in exactly the subscribed channels, restarts, a SIGKILL in the
//! middle of a fanout, Discord's errors, and pruning when a channel or the server goes away.
//!
//! These tests use the real clock. They never sleep to guess: each waits for what it expects —
//! a request at the loopback, a callback, a log line the operator would read — with a bound
//! that only turns a hang into a failure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use briefbot::library::Library;
use briefbot::load::load_dir;
use briefbot::subscriptions::{ChannelId, DeliveryState, GuildId, LedgerCounts, Store, Story};
use briefbot::updates::{UpdateKey, detect};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::discord_support::bot::{Launch, RunningBot};
use crate::discord_support::loopback::{self, Fault, Invoker, Loopback, channel_option, payloads};
use crate::support::{briefing, briefing_toml};

/// The ephemeral message flag.
const EPHEMERAL: u64 = 1 << 6;

/// A loopback Discord, a briefings folder, a database folder and (while running) the bot.
struct Harness {
    discord: Loopback,
    briefings: TempDir,
    data: TempDir,
    bot: Option<RunningBot>,
}

impl Harness {
    /// The bot serving one briefing (`a`), on a fresh database.
    async fn start() -> Harness {
        logs::install();
        let briefings = tempfile::tempdir().unwrap();
        write_briefing(briefings.path(), "a", "2026-11-20");
        let mut harness = Harness {
            discord: Loopback::start().await,
            briefings,
            data: tempfile::tempdir().unwrap(),
            bot: None,
        };
        harness.launch().await;
        harness
    }

    fn database(&self) -> PathBuf {
        self.data.path().join("data").join("briefbot.sqlite3")
    }

    fn folder(&self) -> &Path {
        self.briefings.path()
    }

    async fn launch(&mut self) {
        let launch = Launch {
            database: Some(self.database()),
            ..Launch::new(self.folder())
        };
        let registered = self.discord.requests_to("PUT", "/commands").len();
        self.bot = Some(RunningBot::launch(&self.discord, launch).await);
        self.discord
            .wait_requests("PUT", "/commands", registered + 1)
            .await;
    }

    /// Stops the bot cleanly (as SIGTERM would).
    async fn stop(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await.expect("the bot stops cleanly");
        }
    }

    /// The message data of the bot's answer to a slash command.
    async fn ask(&self, invoker: &Invoker, command: &str, options: Value) -> Value {
        let interaction = self.discord.slash_as(command, options, invoker);
        let callback = self.discord.callback(&interaction).await;
        assert_eq!(callback.status, 204, "{}", self.discord.describe());
        assert_eq!(callback.body["type"], 4, "a message, not a deferral");
        let data = callback.body["data"].clone();
        assert_eq!(data["allowed_mentions"]["parse"], json!([]), "{data}");
        data
    }

    /// `/subscribe` by an admin in `from`, for `channel` (or `from` itself).
    async fn subscribe(&self, from: &str, channel: Option<&str>) -> Value {
        let options = match channel {
            Some(channel) => json!([channel_option("channel", channel)]),
            None => json!([]),
        };
        self.ask(&admin_in(from), "subscribe", options).await
    }

    /// What `/subscriptions` lists: (field name, field value) per subscription.
    async fn subscriptions(&self) -> Vec<(String, String)> {
        let listed = self
            .ask(
                &admin_in(payloads::GENERAL_CHANNEL_ID),
                "subscriptions",
                json!([]),
            )
            .await;
        assert!(is_ephemeral(&listed));
        fields(&listed)
    }

    /// The store, opened beside the running bot (WAL lets both use the file).
    fn store(&self) -> Store {
        Store::open(&self.database()).unwrap()
    }

    async fn finish(mut self) {
        self.stop().await;
        self.discord.assert_no_violations();
    }
}

/// A member of the server who may manage channels, running commands in `channel`.
fn admin_in(channel: &str) -> Invoker {
    Invoker {
        permissions: payloads::ALL_PERMISSIONS.to_owned(),
        channel_id: channel.to_owned(),
        ..Invoker::default()
    }
}

fn write_briefing(folder: &Path, id: &str, published: &str) {
    let file = folder.join(format!("{id}.toml"));
    std::fs::write(file, briefing_toml(id, published, None)).unwrap();
}

fn is_ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

fn title(message: &Value) -> &str {
    message["embeds"][0]["title"].as_str().unwrap_or_default()
}

fn description(message: &Value) -> &str {
    message["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
}

fn fields(message: &Value) -> Vec<(String, String)> {
    message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|embed| embed["fields"].as_array().cloned().unwrap_or_default())
        .map(|field| {
            (
                field["name"].as_str().unwrap().to_owned(),
                field["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The posts the loopback received for a channel, in order: (status, body).
fn posts_to(discord: &Loopback, channel: &str) -> Vec<(u16, Value)> {
    discord
        .requests_to("POST", &format!("/channels/{channel}/messages"))
        .into_iter()
        .map(|request| (request.status, request.body))
        .collect()
}

/// The statuses the loopback answered a channel's posts with, in order.
fn statuses(discord: &Loopback, channel: &str) -> Vec<u16> {
    posts_to(discord, channel)
        .into_iter()
        .map(|(status, _)| status)
        .collect()
}

fn story() -> Story {
    Story::parse("belarus-russia").unwrap()
}

// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribed_channels_get_a_new_briefing_once_and_no_other_channel_gets_it() {
    let mut harness = Harness::start().await;
    let here = harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;
    assert!(
        !is_ephemeral(&here),
        "the channel sees that it now follows the story"
    );
    assert_eq!(title(&here), "Subscribed");
    assert_eq!(
        description(&here),
        "#general now gets belarus-russia updates. The next new or updated briefing will be \
         posted here; earlier briefings are not posted."
    );
    let there = harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::NEWS_CHANNEL_ID),
        )
        .await;
    assert_eq!(
        description(&there),
        "#news now gets belarus-russia updates. The next new or updated briefing will be \
         posted there; earlier briefings are not posted."
    );
    let again = harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::NEWS_CHANNEL_ID),
        )
        .await;
    assert_eq!(title(&again), "Already subscribed");
    assert!(is_ephemeral(&again), "a no-op is for the admin alone");
    assert_eq!(harness.store().subscription_count().unwrap(), 2);
    assert!(
        harness
            .discord
            .channel_messages(payloads::GENERAL_CHANNEL_ID)
            .is_empty(),
        "no back catalogue"
    );

    write_briefing(harness.folder(), "b", "2026-11-27");
    harness.discord.wait_channel_messages(2).await;
    harness.stop().await;

    let posted = harness.discord.messages_per_channel();
    assert_eq!(
        posted,
        HashMap::from([
            (payloads::GENERAL_CHANNEL_ID.to_owned(), 1),
            (payloads::NEWS_CHANNEL_ID.to_owned(), 1),
        ])
    );
    for channel in [payloads::GENERAL_CHANNEL_ID, payloads::NEWS_CHANNEL_ID] {
        let posts = posts_to(&harness.discord, channel);
        assert_eq!(posts.len(), 1, "one request per channel");
        let (status, body) = &posts[0];
        assert_eq!(*status, 200);
        assert_eq!(title(body), "Title of b");
        assert_eq!(description(body), "The tl;dr of b.");
        let key_quote = fields(body)
            .into_iter()
            .find(|(name, _)| name == "Key quote")
            .expect("a key quote field");
        assert!(
            key_quote.1.contains("We will not, said b."),
            "{key_quote:?}"
        );
        assert_eq!(body["allowed_mentions"]["parse"], json!([]));
        assert_eq!(body["enforce_nonce"], true);
        assert!(
            body["nonce"]
                .as_str()
                .is_some_and(|nonce| nonce.len() <= 25)
        );
    }
    assert_eq!(harness.store().ledger_counts().unwrap().delivered, 2);
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_briefing_posts_nothing_the_old_set_answers_and_the_fix_posts_once() {
    let mut harness = Harness::start().await;
    harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;

    // A broken briefing, then a valid new one beside it: every set holding the broken file is
    // rejected as a whole, however the watcher batches the two writes.
    std::fs::write(harness.folder().join("c.toml"), "schema = 1\nid = \"c\"\n").unwrap();
    write_briefing(harness.folder(), "d", "2026-11-28");
    logs::wait_for(&[
        "briefings not reloaded",
        &harness.folder().display().to_string(),
    ])
    .await;
    let summary = harness.ask(&Invoker::default(), "summary", json!([])).await;
    assert_eq!(title(&summary), "Title of a", "the old set still answers");
    assert!(harness.discord.requests_to("POST", "/channels/").is_empty());

    write_briefing(harness.folder(), "c", "2026-11-27");
    harness.discord.wait_channel_messages(2).await;
    let summary = harness.ask(&Invoker::default(), "summary", json!([])).await;
    assert_eq!(title(&summary), "Title of d", "the fixed set answers");
    harness.stop().await;
    let titles: Vec<String> = harness
        .discord
        .channel_messages(payloads::GENERAL_CHANNEL_ID)
        .iter()
        .map(|message| title(message).to_owned())
        .collect();
    assert_eq!(
        titles,
        ["Title of c", "Title of d"],
        "oldest first, each once"
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_deliveries_are_delivered_once_after_a_restart_and_never_again() {
    let mut harness = Harness::start().await;
    harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;
    harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::NEWS_CHANNEL_ID),
        )
        .await;
    // Discord holds each channel's post back for a minute: the bot stops with both pending.
    for channel in [payloads::GENERAL_CHANNEL_ID, payloads::NEWS_CHANNEL_ID] {
        let hold = Fault::RateLimited {
            retry_after: 60.0,
            global: false,
        };
        let path = format!("/channels/{channel}/messages");
        harness.discord.inject("POST", &path, hold, 1);
    }
    write_briefing(harness.folder(), "b", "2026-11-27");
    harness.discord.wait_requests("POST", "/messages", 2).await;
    harness.stop().await;
    assert!(harness.discord.messages_per_channel().is_empty());
    assert_eq!(
        harness.store().ledger_counts().unwrap(),
        LedgerCounts {
            pending: 2,
            ..LedgerCounts::default()
        }
    );

    harness.launch().await;
    harness.discord.wait_channel_messages(2).await;
    harness.stop().await;
    harness.launch().await;
    // The third run's pass over what is due has run (and found nothing) before it stops.
    let database = harness.database().display().to_string();
    logs::wait_for_count(&["delivered what was due at start", &database], 3).await;
    let summary = harness.ask(&Invoker::default(), "summary", json!([])).await;
    assert_eq!(title(&summary), "Title of b");
    harness.stop().await;

    assert_eq!(
        harness.discord.messages_per_channel(),
        HashMap::from([
            (payloads::GENERAL_CHANNEL_ID.to_owned(), 1),
            (payloads::NEWS_CHANNEL_ID.to_owned(), 1),
        ])
    );
    assert_eq!(
        harness.discord.requests_to("POST", "/messages").len(),
        4,
        "the two held posts, then one per channel; nothing after the second restart"
    );
    assert_eq!(
        harness.store().ledger_counts().unwrap(),
        LedgerCounts {
            delivered: 2,
            ..LedgerCounts::default()
        }
    );
    harness.finish().await;
}

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
        paused.starts_with("Paused since ") && paused.contains("Missing Permissions"),
        "{paused}"
    );
    let store = harness.store();
    let paused_channel = ChannelId::new(forbidden.parse().unwrap()).unwrap();
    assert!(
        store
            .subscription(paused_channel, &story())
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .subscription(ChannelId::new(gone.parse().unwrap()).unwrap(), &story())
            .unwrap()
            .is_none()
    );

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
    let row = harness.store().delivery(general, &key).unwrap().unwrap();
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
    let row = harness.store().delivery(general, &key).unwrap().unwrap();
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
    // A thread cannot follow a story.
    let mut in_a_thread = admin_in(payloads::GENERAL_CHANNEL_ID);
    in_a_thread.channel_type = 11;
    let thread = harness.ask(&in_a_thread, "subscribe", json!([])).await;
    assert!(is_ephemeral(&thread));
    assert_eq!(title(&thread), "Not in this kind of channel");
    assert_eq!(harness.store().subscription_count().unwrap(), 0);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_channel_and_a_server_that_removed_the_bot_lose_their_subscriptions() {
    let harness = Harness::start().await;
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

/// Asks `/subscriptions` until it lists `count` subscriptions: the gateway event that changes
/// them is handled apart from the interaction, so the first answers may come before it.
async fn wait_for_listing(harness: &Harness, count: usize) -> Vec<(String, String)> {
    let deadline = Instant::now() + loopback::WAIT_LIMIT;
    loop {
        let listed = harness.subscriptions().await;
        if listed.len() == count {
            return listed;
        }
        assert!(
            Instant::now() < deadline,
            "waited for {count} subscriptions; listed: {listed:?}"
        );
        tokio::task::yield_now().await;
    }
}

// ---------------------------------------------------------------------------------------------
// The `briefbot run` process, killed in the middle of a fanout
// ---------------------------------------------------------------------------------------------

/// How many channels follow the story in the SIGKILL test.
const FANOUT: usize = 1000;

/// `briefbot run` as a child process against the loopback, its log in `log`.
fn spawn_briefbot(discord: &Loopback, briefings: &Path, database: &Path, log: &Path) -> Child {
    let dir = log.parent().unwrap();
    let stderr = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .arg("run")
        .current_dir(dir)
        .env_clear()
        .env("DISCORD_TOKEN", payloads::TOKEN)
        .env("BRIEFBOT_API_URL", discord.api_url())
        .env("BRIEFBOT_BRIEFINGS", briefings)
        .env("BRIEFBOT_DB", database)
        .env("BRIEFBOT_GUILD_ID", payloads::GUILD_ID)
        .env("BRIEFBOT_DELIVERY_RATE", "400")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// Waits for the child to exit and returns its exit code.
async fn wait_exit(child: Child) -> Option<i32> {
    let waited = tokio::task::spawn_blocking(move || {
        let mut child = child;
        child.wait()
    });
    tokio::time::timeout(loopback::WAIT_LIMIT, waited)
        .await
        .expect("briefbot exits")
        .unwrap()
        .unwrap()
        .code()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fanout_killed_midway_reaches_every_channel_exactly_once_after_a_restart() {
    let discord = Loopback::start().await;
    let briefings = tempfile::tempdir().unwrap();
    write_briefing(briefings.path(), "a", "2026-11-20");
    let data = tempfile::tempdir().unwrap();
    let database = data.path().join("data").join("briefbot.sqlite3");
    let log = data.path().join("briefbot.log");
    let channels = discord.add_channels(FANOUT);

    // A database as a running bot leaves it: the library's updates known, 1,000 subscriptions.
    {
        let store = Store::open(&database).unwrap();
        let library = Library::new(load_dir(briefings.path()).library.briefings().to_vec());
        store
            .record_updates(&detect(&store.known().unwrap(), library.briefings()))
            .unwrap();
        let guild = GuildId::new(payloads::GUILD_ID.parse().unwrap()).unwrap();
        for channel in &channels {
            let channel = ChannelId::new(channel.parse().unwrap()).unwrap();
            store.subscribe(guild, channel, &story()).unwrap();
        }
    }

    // A quarter of the posts are answered; after that Discord creates each message but its
    // answer never arrives, so the bot is caught with posts that exist but are not recorded.
    discord.stall_after("POST", "/messages", FANOUT / 4);
    let child = spawn_briefbot(&discord, briefings.path(), &database, &log);
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

    let child = spawn_briefbot(&discord, briefings.path(), &database, &log);
    discord.wait_channel_messages(FANOUT).await;
    let terminate = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(terminate.success());
    assert_eq!(
        wait_exit(child).await,
        Some(0),
        "{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );

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
    let counts = Store::open(&database).unwrap().ledger_counts().unwrap();
    assert_eq!(
        counts,
        LedgerCounts {
            delivered: FANOUT,
            ..LedgerCounts::default()
        }
    );
    discord.assert_no_violations();
}

// ---------------------------------------------------------------------------------------------
// The bot's log, as the operator reads it
// ---------------------------------------------------------------------------------------------

mod logs {
    use std::io::Write;
    use std::sync::{Mutex, Once};

    use tokio::sync::Notify;

    use super::loopback::WAIT_LIMIT;

    static TEXT: Mutex<String> = Mutex::new(String::new());
    static CHANGED: Notify = Notify::const_new();

    /// Appends what the bot logs to [`TEXT`].
    struct Capture;

    impl Write for Capture {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            TEXT.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(bytes));
            CHANGED.notify_waiters();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Sends briefbot's log (info and up) of every test in this binary to the capture.
    pub fn install() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new("briefbot=info"))
                .with_ansi(false)
                .with_writer(|| Capture)
                .try_init();
        });
    }

    /// Waits for a log line that contains every one of `parts`.
    pub async fn wait_for(parts: &[&str]) {
        wait_for_count(parts, 1).await;
    }

    /// Waits until `count` log lines contain every one of `parts`.
    pub async fn wait_for_count(parts: &[&str], count: usize) {
        let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
        loop {
            let changed = CHANGED.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let found = TEXT
                .lock()
                .unwrap()
                .lines()
                .filter(|line| parts.iter().all(|part| line.contains(part)))
                .count();
            if found >= count {
                return;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                panic!("{found} of {count} log lines with {parts:?} within {WAIT_LIMIT:?}");
            }
        }
    }
}
