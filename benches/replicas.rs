//! Fanout of one update to many channels through 1, 2 and 3 `briefbot run` processes sharing
//! one PostgreSQL database (`crates/pgtest`), and through one process on SQLite, against the
//! loopback Discord — all in one run, side by side.
//!
//! First with the loopback enforcing a global limit (Discord's 50/s scaled up) and every
//! replica given that limit as `delivery_rate`, which they divide among themselves: the
//! achieved rate as a share of the allowed one, duplicates, and 429s per 10,000 posts. Then
//! with no limit on either side: posts per second by replica count (is the ledger the
//! bottleneck?). The issue's goals: ≥ 95 % of the allowed rate, 0 duplicates, ≤ 1 × 429 per
//! 10,000 posts.
//!
//! ```text
//! cargo bench --bench replicas                      # 5,000 channels, limit 250/s
//! cargo bench --bench replicas -- --channels 2000 --limit 100 --replicas 1,3
//! ```

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use briefbot::subscriptions::Location;
use briefbot_pgtest::Postgres;
use support::ledger::{left_by_a_running_bot, text_channels};
use support::loopback::{Loopback, Options, payloads};
use support::metrics::{free_addr, wait_metric};

#[path = "../tests/support/mod.rs"]
mod support;

/// Seconds each replica holds a claim (`--lease`); it beats every third of it.
const LEASE: u32 = 6;

/// How long the loopback may see no request before a run is declared stuck.
const STUCK: Duration = Duration::from_secs(30);

fn briefing_toml(id: &str) -> String {
    // The minimal briefing the tests use.
    include_str!("../tests/fixtures/minimal-briefing.toml.in")
        .replace("{id}", id)
        .replace("{published}", "2026-11-27")
        .replace("{updated}", "")
}

/// What one fanout did, as the loopback saw it.
struct Run {
    store: &'static str,
    replicas: usize,
    limit: Option<u32>,
    channels: usize,
    /// Posts Discord created (2xx), duplicates included.
    created: usize,
    /// Channels that got at least one post.
    reached: usize,
    /// 429 answers to any request during the fanout.
    limited: usize,
    /// From the first post to the last created one.
    span: Duration,
}

impl Run {
    fn row(&self) -> String {
        let achieved = self.created.saturating_sub(1) as f64 / self.span.as_secs_f64().max(1e-9);
        let duplicates = self.created - self.reached;
        let per_10k = self.limited as f64 * 10_000.0 / self.created.max(1) as f64;
        let (limit, share) = match self.limit {
            Some(limit) => (
                format!("{limit}/s"),
                format!("{:.1} %", achieved / f64::from(limit) * 100.0),
            ),
            None => ("off".to_owned(), "–".to_owned()),
        };
        let missing = self.channels - self.reached;
        format!(
            "| {} | {} | {limit} | {}{} | {:.2} s | {achieved:.0} | {share} | {duplicates} | {} | {per_10k:.2} |",
            self.store,
            self.replicas,
            self.reached,
            if missing > 0 {
                format!(" ({missing} missing)")
            } else {
                String::new()
            },
            self.span.as_secs_f64(),
            self.limited,
        )
    }
}

fn main() {
    let mut channels = 5000usize;
    let mut limit = 250u32;
    let mut replicas = vec![1usize, 2, 3];
    let mut lease = LEASE;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--channels" => channels = args.next().and_then(|v| v.parse().ok()).unwrap_or(channels),
            "--limit" => limit = args.next().and_then(|v| v.parse().ok()).unwrap_or(limit),
            "--lease" => lease = args.next().and_then(|v| v.parse().ok()).unwrap_or(lease),
            "--replicas" => {
                replicas = args
                    .next()
                    .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
                    .unwrap_or(replicas)
            }
            _ => {} // cargo bench passes --bench
        }
    }
    let server = Postgres::start().expect("PostgreSQL starts (crates/pgtest)");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut runs = Vec::new();
    for limit in [Some(limit), None] {
        for &count in &replicas {
            let database = server.create_database().expect("a fresh database");
            let location = Location::Postgres(database.clone());
            runs.push(runtime.block_on(fanout(
                "PostgreSQL",
                &location,
                &database,
                count,
                channels,
                limit,
                lease,
            )));
            eprintln!("{}", runs.last().map(Run::row).unwrap_or_default());
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bench.sqlite3");
        let location = Location::Sqlite(file.clone());
        let database = file.to_string_lossy().into_owned();
        runs.push(runtime.block_on(fanout(
            "SQLite", &location, &database, 1, channels, limit, lease,
        )));
        eprintln!("{}", runs.last().map(Run::row).unwrap_or_default());
    }
    println!(
        "\nfanout of one update to {channels} channels, every replica given the limit as delivery_rate, delivery_lease {lease} s:\n"
    );
    println!(
        "| store | replicas | Discord limit | channels reached | first → last post | posts/s | % of allowed | duplicates | 429s | 429s per 10,000 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for run in &runs {
        println!("{}", run.row());
    }
}

/// The database a running bot leaves: briefing `a`'s update known, `channels` subscribed.
fn subscribe_all(location: &Location, folder: &Path, channels: &[String]) {
    let store = briefbot::subscriptions::open(location).expect("the store opens");
    left_by_a_running_bot(&*store, folder, text_channels(payloads::GUILD_ID, channels));
}

/// One update to `channels` channels through `count` `briefbot run` processes on `database`.
async fn fanout(
    store: &'static str,
    location: &Location,
    database: &str,
    count: usize,
    channels: usize,
    limit: Option<u32>,
    lease: u32,
) -> Run {
    // Bodies are neither kept nor validated: the figures should measure the bot.
    let discord = Loopback::start_with(Options {
        validate: false,
        keep_bodies: false,
        global_limit: limit,
        ..Options::default()
    })
    .await;
    let ids = discord.add_channels(channels);
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("a.toml"), briefing_toml("a")).unwrap();
    let data = tempfile::tempdir().unwrap();
    {
        let (location, path) = (location.clone(), folder.path().to_path_buf());
        tokio::task::spawn_blocking(move || subscribe_all(&location, &path, &ids))
            .await
            .unwrap();
    }
    // The limit off: a rate far above what the machine reaches.
    let rate = limit.unwrap_or(1_000_000);
    let addrs: Vec<SocketAddr> = (0..count).map(|_| free_addr()).collect();
    let children: Vec<Child> = addrs
        .iter()
        .map(|addr| {
            spawn(
                &discord,
                folder.path(),
                database,
                data.path(),
                rate,
                lease,
                *addr,
            )
        })
        .collect();
    // Every replica has counted the others before the update appears, as in a steady state.
    for addr in &addrs {
        wait_metric(*addr, "briefbot_replicas_live", count as f64).await;
    }

    let mut requests = discord.subscribe();
    std::fs::write(folder.path().join("b.toml"), briefing_toml("b")).unwrap();
    let (mut first, mut last) = (None, None);
    let (mut created, mut limited) = (0usize, 0usize);
    let mut per_channel: HashMap<String, usize> = HashMap::new();
    while per_channel.len() < channels {
        let Ok(Some(request)) = tokio::time::timeout(STUCK, requests.recv()).await else {
            eprintln!("stuck: no request for {STUCK:?}");
            break;
        };
        if request.status == 429 {
            limited += 1;
        }
        if !request.is("POST", "/messages") {
            continue;
        }
        first.get_or_insert(request.at);
        if (200..300).contains(&request.status) {
            created += 1;
            last = Some(request.at);
            *per_channel.entry(request.path.clone()).or_default() += 1;
        }
    }
    for child in children {
        stop(child).await;
    }
    let span = match (first, last) {
        (Some(first), Some(last)) => last.duration_since(first),
        _ => Duration::ZERO,
    };
    Run {
        store,
        replicas: count,
        limit,
        channels,
        created,
        reached: per_channel.len(),
        limited,
        span,
    }
}

/// `briefbot run` against the loopback, its log in `data/briefbot-PORT.log`.
fn spawn(
    discord: &Loopback,
    folder: &Path,
    database: &str,
    data: &Path,
    rate: u32,
    lease: u32,
    metrics: SocketAddr,
) -> Child {
    let log = std::fs::File::create(data.join(format!("briefbot-{}.log", metrics.port()))).unwrap();
    Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .arg("run")
        .current_dir(data)
        .env_clear()
        .env("DISCORD_TOKEN", payloads::TOKEN)
        .env("BRIEFBOT_API_URL", discord.api_url())
        .env("BRIEFBOT_BRIEFINGS", folder)
        .env("BRIEFBOT_DB", database)
        .env("BRIEFBOT_GUILD_ID", payloads::GUILD_ID)
        .env("BRIEFBOT_DELIVERY_RATE", rate.to_string())
        .env("BRIEFBOT_DELIVERY_LEASE", lease.to_string())
        .env("BRIEFBOT_METRICS_ADDR", metrics.to_string())
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("briefbot starts")
}

/// SIGTERM, then waits for the exit.
async fn stop(child: Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let mut child = child;
    let _ = tokio::task::spawn_blocking(move || child.wait()).await;
}
