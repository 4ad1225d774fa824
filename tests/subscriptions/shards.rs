//! Two `briefbot run` processes splitting the gateway, `shards = "0-0/2"` and `"1-1/2"`, on one
//! PostgreSQL database, against one loopback Discord that routes each guild's events to the
//! session of the shard that owns it (`(guild_id >> 22) % 2`): each process answers its own
//! guilds only, prunes what its shard sees for both, and when one dies only its guilds go
//! unanswered — until a replacement started with the same range answers them again.

use std::process::Child;
use std::time::Duration;

use briefbot::subscriptions::{GuildId, LedgerCounts, Location, TargetKind};
use serde_json::{Value, json};

use crate::discord_support::ledger::left_by_a_running_bot;
use crate::discord_support::loopback::{Interaction, Invoker, Loopback, WAIT_LIMIT, payloads};
use crate::harness::*;
use crate::support::{Db, off_runtime};

/// The guild's shard out of two, by Discord's rule.
fn shard_of(guild: &str) -> u64 {
    (guild.parse::<u64>().unwrap() >> 22) % 2
}

fn guild(id: &str) -> GuildId {
    GuildId::new(id.parse().unwrap()).unwrap()
}

/// An admin running a command in `channel_id` of `guild_id`.
fn admin_of(guild_id: &str, channel_id: &str) -> Invoker {
    Invoker {
        guild_id: guild_id.to_owned(),
        ..admin_in(channel_id)
    }
}

/// Dispatches `/subscriptions` as `invoker` and returns the interaction.
fn list(discord: &Loopback, invoker: &Invoker) -> Interaction {
    discord.slash_as("subscriptions", json!([]), invoker)
}

/// The listing the bot answered `interaction` with.
async fn listing(discord: &Loopback, interaction: &Interaction) -> Value {
    let callback = discord.callback(interaction).await;
    assert_eq!(callback.status, 204, "{}", discord.describe());
    assert_eq!(callback.body["type"], 4, "a message, not a deferral");
    callback.body["data"].clone()
}

/// Waits until the shared store holds no subscription in `guild_id`.
async fn wait_pruned(db: &Db, guild_id: &str, channel_id: Option<&str>) {
    let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
    loop {
        let left = off_runtime(|| db.open().subscriptions_in_guild(guild(guild_id)).unwrap());
        let left: Vec<String> = left
            .iter()
            .map(|subscription| subscription.channel.to_string())
            .filter(|left| channel_id.is_none_or(|channel_id| channel_id == left))
            .collect();
        if left.is_empty() {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still subscribed in guild {guild_id}: {left:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until the shared store's ledger reads `expected`: a process records a post only
/// after Discord answered it, so the loopback sees the post first.
async fn wait_ledger(db: &Db, expected: LedgerCounts) {
    let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
    loop {
        let counts = off_runtime(|| db.open().ledger_counts().unwrap());
        if counts == expected {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the ledger reads {counts:?}, not {expected:?}: one delivery per remaining channel, \
             none to the deleted one"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_shard_ranges_each_answer_their_own_guilds_and_prune_for_both() {
    let (first, second) = (payloads::GUILD_ID, payloads::SECOND_GUILD_ID);
    assert_eq!(
        (shard_of(first), shard_of(second)),
        (1, 0),
        "one guild per shard"
    );
    let db = Db::postgres();
    let Location::Postgres(url) = db.location() else {
        unreachable!("a PostgreSQL Db");
    };
    let discord = Loopback::start().await;
    discord.join_second_guild();
    let briefings = tempfile::tempdir().unwrap();
    write_briefing(briefings.path(), "a", "2026-11-20");
    let data = tempfile::tempdir().unwrap();
    let subscribed = [
        (first, payloads::GENERAL_CHANNEL_ID),
        (first, payloads::NEWS_CHANNEL_ID),
        (second, payloads::SECOND_GENERAL_CHANNEL_ID),
    ];
    off_runtime(|| {
        let text = subscribed.map(|(guild, channel)| (guild, channel, TargetKind::Text));
        left_by_a_running_bot(&*db.open(), briefings.path(), text);
    });

    let logs = [0, 1].map(|shard| data.path().join(format!("shard-{shard}.log")));
    let mut processes: Vec<Child> = [0, 1]
        .into_iter()
        .map(|shard| {
            briefbot_command(&discord, briefings.path(), &url, &logs[shard])
                .env("BRIEFBOT_SHARDS", format!("{shard}-{shard}/2"))
                .spawn()
                .unwrap()
        })
        .collect();
    discord.wait_shards_ready(&[0, 1], 2).await;
    assert_eq!(discord.session_shards(), [[0, 2], [1, 2]]);

    // Each guild's interaction reaches only its shard's process, which answers from the
    // shared store: the first guild's two channels, the second guild's one.
    let in_first = list(&discord, &admin_of(first, payloads::GENERAL_CHANNEL_ID));
    let in_second = list(
        &discord,
        &admin_of(second, payloads::SECOND_GENERAL_CHANNEL_ID),
    );
    assert_eq!(in_first.shards, [1], "dispatched to shard 1's session only");
    assert_eq!(
        in_second.shards,
        [0],
        "dispatched to shard 0's session only"
    );
    let first_listing = listing(&discord, &in_first).await.to_string();
    let second_listing = listing(&discord, &in_second).await.to_string();
    for (own, other, name) in [
        (&first_listing, &second_listing, "#general"),
        (&first_listing, &second_listing, "#news"),
        (&second_listing, &first_listing, "#second-general"),
    ] {
        let field = format!("\"{name} · belarus-russia\"");
        assert!(own.contains(&field), "{name} in {own}");
        assert!(!other.contains(&field), "{name} not in {other}");
    }

    // A channel of shard 1's guild is deleted: shard 1's process prunes it in the shared store,
    // and neither process posts the next update there.
    discord.delete_channel(payloads::NEWS_CHANNEL_ID);
    wait_pruned(&db, first, Some(payloads::NEWS_CHANNEL_ID)).await;
    write_briefing(briefings.path(), "b", "2026-11-27");
    discord.wait_channel_messages(2).await;
    let posted = discord.messages_per_channel();
    assert_eq!(
        posted.get(payloads::GENERAL_CHANNEL_ID),
        Some(&1),
        "{posted:?}"
    );
    assert_eq!(
        posted.get(payloads::SECOND_GENERAL_CHANNEL_ID),
        Some(&1),
        "{posted:?}"
    );
    wait_ledger(
        &db,
        LedgerCounts {
            delivered: 2,
            ..LedgerCounts::default()
        },
    )
    .await;
    assert!(
        discord
            .requests_to("POST", &format!("/channels/{}/", payloads::NEWS_CHANNEL_ID))
            .is_empty()
    );

    // The bot is removed from the second guild: shard 0's process prunes it.
    discord.dispatch("GUILD_DELETE", json!({ "id": second }));
    wait_pruned(&db, second, None).await;
    let delete = discord
        .dispatched()
        .into_iter()
        .find(|(event, _, _)| event == "GUILD_DELETE")
        .unwrap();
    assert_eq!(delete.2, [0], "only shard 0 heard of it");

    // Shard 0's process dies: its guild gets no answer, the other guild still does.
    let mut killed = processes.remove(0);
    killed.kill().unwrap();
    assert_eq!(wait_exit(killed).await, None, "killed by a signal");
    let unanswered = list(
        &discord,
        &admin_of(second, payloads::SECOND_GENERAL_CHANNEL_ID),
    );
    let answered = list(&discord, &admin_of(first, payloads::GENERAL_CHANNEL_ID));
    listing(&discord, &answered).await;
    let callback = format!("/interactions/{}/", unanswered.id);
    assert!(
        discord.requests_to("POST", &callback).is_empty(),
        "no process runs shard 0 now"
    );

    // Its replacement, started with the same range, answers that guild again.
    let started = discord.sessions_started();
    let replacement = briefbot_command(&discord, briefings.path(), &url, &logs[0])
        .env("BRIEFBOT_SHARDS", "0-0/2")
        .spawn()
        .unwrap();
    discord
        .wait_for("shard 0 identified again", |state| {
            (state.gateway.sessions_started > started).then_some(())
        })
        .await;
    discord.wait_shards_ready(&[0], 2).await;
    let again = list(
        &discord,
        &admin_of(second, payloads::SECOND_GENERAL_CHANNEL_ID),
    );
    assert_eq!(again.shards, [0], "dispatched to the new shard 0 session");
    listing(&discord, &again).await;

    terminate(replacement, &logs[0]).await;
    terminate(processes.remove(0), &logs[1]).await;
    discord.assert_no_violations();
}
