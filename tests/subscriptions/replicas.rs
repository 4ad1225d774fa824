//! Three `briefbot run` processes on one PostgreSQL database, against the loopback Discord:
//! one update fans out to 1,000 channels, one replica is killed with SIGKILL in the middle, and
//! every channel still gets exactly one post.

use std::process::Command;

use briefbot::library::Library;
use briefbot::load::load_dir;
use briefbot::subscriptions::{Changes, TargetKind};
use briefbot::subscriptions::{ChannelId, GuildId, LedgerCounts, Location};
use briefbot::updates::detect;

use crate::discord_support::loopback::{Loopback, payloads};
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
    off_runtime(|| {
        let store = db.open();
        let library = Library::new(load_dir(briefings.path()).library.briefings().to_vec());
        store
            .record_updates(&detect(&store.known().unwrap(), library.briefings()))
            .unwrap();
        let guild = GuildId::new(payloads::GUILD_ID.parse().unwrap()).unwrap();
        for channel in &channels {
            let channel = ChannelId::new(channel.parse().unwrap()).unwrap();
            store
                .subscribe(
                    guild,
                    channel,
                    &crate::support::story(),
                    TargetKind::Text,
                    &Changes::default(),
                )
                .unwrap();
        }
    });

    // Each replica posts 80 a second, so the fanout takes seconds and the kill lands in it.
    let mut children: Vec<_> = (0..REPLICAS)
        .map(|_| {
            briefbot_command(&discord, briefings.path(), &url, &log)
                .env("BRIEFBOT_DELIVERY_LEASE", "2")
                .env("BRIEFBOT_DELIVERY_RATE", "80")
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
