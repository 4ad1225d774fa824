//! Three `briefbot run` processes on one PostgreSQL database, against the loopback Discord:
//! one update fans out to 1,000 channels, one replica is killed with SIGKILL in the middle, and
//! every channel still gets exactly one post. And three replicas with `delivery_rate` set to
//! the loopback's global limit divide it among them: not one 429.

use briefbot::subscriptions::{LedgerCounts, Location};

use crate::discord_support::ledger::{left_by_a_running_bot, text_channels};
use crate::discord_support::loopback::{Loopback, payloads};
use crate::discord_support::metrics::{free_addr, scrape, wait_metric};
use crate::harness::*;
use crate::support::{Db, off_runtime};

/// How many channels follow the story.
const FANOUT: usize = 1000;

/// How many processes share the database.
const REPLICAS: usize = 3;

/// Pending rows each replica holds a lease on right now, by its pid.
fn leases_by_pid(url: &str, pids: &[u32]) -> Vec<i64> {
    off_runtime(|| leases_of(url, pids))
}

fn leases_of(url: &str, pids: &[u32]) -> Vec<i64> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    pids.iter()
        .map(|pid| {
            client
                .query_one(
                    "SELECT COUNT(*) FROM deliveries
                     WHERE state = 'pending' AND lease_owner LIKE '%:' || $1 || ':%'",
                    &[&pid.to_string()],
                )
                .unwrap()
                .get(0)
        })
        .collect()
}

/// Records the updates of the briefings in `briefings` and subscribes every channel of
/// `channels` to the story, as a bot running before would have left the database.
fn subscribe_all(db: &Db, briefings: &std::path::Path, channels: &[String]) {
    off_runtime(|| {
        left_by_a_running_bot(
            &*db.open(),
            briefings,
            text_channels(payloads::GUILD_ID, channels),
        );
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_one_killed_midway_post_to_every_channel_exactly_once() {
    let db = Db::postgres();
    let Location::Postgres(url) = db.location() else {
        unreachable!("a PostgreSQL Db");
    };
    let discord = Loopback::start().await;
    let briefings = tempfile::tempdir().unwrap();
    write_briefing(briefings.path(), "a", "2026-11-20");
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("briefbot.log");
    let channels = discord.add_channels(FANOUT);
    subscribe_all(&db, briefings.path(), &channels);

    // Each replica posts 80 a second (240 divided among 3), so the fanout takes seconds and
    // the kill lands in it.
    let mut children: Vec<_> = (0..REPLICAS)
        .map(|_| {
            briefbot_command_short_lease(&discord, briefings.path(), &url, &log)
                .env("BRIEFBOT_DELIVERY_RATE", "240")
                .spawn()
                .unwrap()
        })
        .collect();
    discord.wait_ready().await;
    write_briefing(briefings.path(), "b", "2026-11-27");
    discord.wait_channel_messages(FANOUT / 4).await;
    // Kill the replica holding the most claims, so its rows must be finished by the others.
    let pids: Vec<u32> = children.iter().map(std::process::Child::id).collect();
    let held = leases_by_pid(&url, &pids);
    let victim = (0..REPLICAS).max_by_key(|&index| held[index]).unwrap();
    assert!(held[victim] > 0, "some replica holds claims: {held:?}");
    let mut killed = children.remove(victim);
    killed.kill().unwrap(); // SIGKILL: its claims stay until their lease runs out
    assert_eq!(wait_exit(killed).await, None, "killed by a signal");
    let before = discord.messages_per_channel().len();
    assert!(
        before < FANOUT,
        "killed in the middle of the fanout ({before} posted)"
    );

    discord.wait_channel_messages(FANOUT).await;
    for child in children {
        terminate(child, &log).await;
    }

    let posted = discord.messages_per_channel();
    assert_eq!(posted.len(), FANOUT, "every channel got the update");
    let doubled: Vec<_> = posted.iter().filter(|(_, count)| **count != 1).collect();
    assert!(doubled.is_empty(), "posted more than once: {doubled:?}");
    println!(
        "the killed replica held {} claims; {} POSTs for {FANOUT} channels",
        held[victim],
        discord.requests_to("POST", "/messages").len()
    );
    assert_eq!(
        off_runtime(|| db.open().ledger_counts().unwrap()),
        LedgerCounts {
            delivered: FANOUT,
            ..LedgerCounts::default()
        }
    );
}

/// Discord's global limit as the loopback enforces it in [`replicas_share_the_global_limit`]:
/// a token bucket of this many requests a second, one second's worth at most.
const LIMIT: u32 = 60;

/// Channels of that fanout: four seconds at the limit, so the bucket's one second of slack
/// cannot hide three replicas each posting at the whole rate.
const LIMITED_FANOUT: usize = 240;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_share_the_global_limit() {
    use crate::discord_support::loopback::Options;

    let db = Db::postgres();
    let Location::Postgres(url) = db.location() else {
        unreachable!("a PostgreSQL Db");
    };
    let discord = Loopback::start_with(Options {
        global_limit: Some(LIMIT),
        ..Options::default()
    })
    .await;
    let briefings = tempfile::tempdir().unwrap();
    write_briefing(briefings.path(), "a", "2026-11-20");
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("briefbot.log");
    let channels = discord.add_channels(LIMITED_FANOUT);
    subscribe_all(&db, briefings.path(), &channels);

    // Every replica is told the bot's whole allowance, as an operator sets it.
    let addrs: Vec<_> = (0..REPLICAS).map(|_| free_addr()).collect();
    let children: Vec<_> = addrs
        .iter()
        .map(|addr| {
            briefbot_command_short_lease(&discord, briefings.path(), &url, &log)
                .env("BRIEFBOT_DELIVERY_RATE", LIMIT.to_string())
                .env("BRIEFBOT_METRICS_ADDR", addr.to_string())
                .spawn()
                .unwrap()
        })
        .collect();
    discord.wait_ready().await;
    // Each has heard of the other two (a heartbeat every 2/3 s) before the update appears.
    for addr in &addrs {
        let text = wait_metric(*addr, "briefbot_replicas_live", REPLICAS as f64).await;
        let share = briefbot::ops::metrics::sample(&text, "briefbot_delivery_rate_per_second", "");
        assert_eq!(share, Some(f64::from(LIMIT) / REPLICAS as f64), "{text}");
    }
    write_briefing(briefings.path(), "b", "2026-11-27");
    // Until every channel has its post, or Discord refused one: replicas each at the whole
    // rate are refused within the first second, and give up on a post after ten refusals.
    discord
        .wait_for("every post, or a 429", |state| {
            let refused = state.requests.iter().any(|request| request.status == 429);
            (refused || state.channel_messages.len() >= LIMITED_FANOUT).then_some(())
        })
        .await;

    let limited = discord
        .requests()
        .iter()
        .filter(|request| request.status == 429)
        .count();
    let posts = discord.requests_to("POST", "/messages").len();
    let posted = discord.messages_per_channel();
    let mut invalid = Vec::new();
    for (child, addr) in children.into_iter().zip(&addrs) {
        let text = scrape(*addr).await.unwrap_or_default();
        invalid.push(briefbot::ops::metrics::sample(
            &text,
            "briefbot_discord_invalid_requests_total",
            "",
        ));
        terminate(child, &log).await;
    }
    assert_eq!(
        limited, 0,
        "{REPLICAS} replicas at {LIMIT}/s in all were refused {limited} times in {posts} POSTs"
    );
    // What each replica's operator sees: no request Discord counts toward a ban.
    assert_eq!(invalid, vec![Some(0.0); REPLICAS]);
    assert_eq!(posted.len(), LIMITED_FANOUT, "every channel got the update");
    let doubled: Vec<_> = posted.iter().filter(|(_, count)| **count != 1).collect();
    assert!(doubled.is_empty(), "posted more than once: {doubled:?}");
    assert_eq!(
        off_runtime(|| db.open().ledger_counts().unwrap()),
        LedgerCounts {
            delivered: LIMITED_FANOUT,
            ..LedgerCounts::default()
        }
    );
}
