//! Fanout of one update to many subscribed channels.
//!
//! First through the delivery engine alone, with a poster that answers at once (no network):
//! what the engine and the SQLite ledger sustain, and how closely the client-side rate limit is
//! met. Then through the whole bot (`briefbot run` in this process) and the loopback Discord,
//! over HTTP: once with the loopback enforcing a global limit (Discord's 50/s scaled up) and
//! briefbot configured just under it, once with no limit on either side.
//!
//! ```text
//! cargo bench --bench fanout                       # 5,000 channels: engine, then loopback
//! cargo bench --bench fanout -- --channels 20000 --rates 0,1000 --limit 1000 --under 980
//! ```
//! A rate of 0 means "limit off" (the limiter set far above what the engine can reach).

use std::num::{NonZeroU32, NonZeroUsize};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

#[path = "../tests/support/mod.rs"]
mod support;

use briefbot::briefing::parse;
use briefbot::library::Library;
use briefbot::subscriptions::{Changes, TargetKind};
use briefbot::subscriptions::{ChannelId, GuildId, MessageId, SqliteStore, Store, Story};
use briefbot::updates::{
    Deliverer, DeliveryConfig, Outgoing, PostError, Poster, SharedLibrary, Shutdown, detect,
};

/// Answers every post at once and notes when it was called.
#[derive(Default)]
struct NullPoster {
    next: AtomicU64,
    times: Mutex<Vec<Instant>>,
}

impl Poster for NullPoster {
    async fn post(&self, _: &Outgoing<'_>) -> Result<MessageId, PostError> {
        self.times.lock().unwrap().push(Instant::now());
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        MessageId::new(id).ok_or_else(|| PostError::Other("id overflow".into()))
    }
}

fn briefing_toml(id: &str) -> String {
    // The minimal briefing the tests use.
    include_str!("../tests/fixtures/minimal-briefing.toml.in")
        .replace("{id}", id)
        .replace("{published}", "2026-11-27")
        .replace("{updated}", "")
}

fn main() {
    let mut channels = 5000usize;
    let mut rates = vec![0u32, 500];
    let mut concurrency = 16usize;
    let mut limit = 500u32;
    let mut under = 490u32;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--channels" => channels = args.next().and_then(|v| v.parse().ok()).unwrap_or(channels),
            "--concurrency" => {
                concurrency = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(concurrency)
            }
            "--limit" => limit = args.next().and_then(|v| v.parse().ok()).unwrap_or(limit),
            "--under" => under = args.next().and_then(|v| v.parse().ok()).unwrap_or(under),
            "--rates" => {
                rates = args
                    .next()
                    .map(|v| v.split(',').filter_map(|r| r.parse().ok()).collect())
                    .unwrap_or(rates)
            }
            _ => {} // cargo bench passes --bench
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for rate in rates {
        runtime.block_on(run(channels, rate, concurrency));
    }
    runtime.block_on(through_loopback(channels, Some(limit), under));
    runtime.block_on(through_loopback(channels, None, 1_000_000));
}

async fn run(channels: usize, rate: u32, concurrency: usize) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("bench.sqlite3")).unwrap());
    let story = Story::parse("belarus-russia").unwrap();
    let guild = GuildId::new(1).unwrap();

    let first = Arc::new(parse(Path::new("a.toml"), &briefing_toml("a")).unwrap());
    let library = SharedLibrary::new(Arc::new(Library::new(vec![first.clone()])), true);
    store
        .record_updates(&detect(&Default::default(), library.current().briefings()))
        .unwrap();

    let started = Instant::now();
    for id in 0..channels {
        let channel = ChannelId::new(1_000_000 + id as u64).unwrap();
        store
            .subscribe(
                guild,
                channel,
                &story,
                TargetKind::Text,
                &Changes::default(),
            )
            .unwrap();
    }
    let subscribe = started.elapsed();

    let second = Arc::new(parse(Path::new("b.toml"), &briefing_toml("b")).unwrap());
    library.replace(Arc::new(Library::new(vec![first, second])));
    let started = Instant::now();
    let events = detect(&store.known().unwrap(), library.current().briefings());
    let recorded = store.record_updates(&events).unwrap();
    let enqueue = started.elapsed();
    assert_eq!(recorded[0].queued, channels);

    let poster = Arc::new(NullPoster::default());
    let config = DeliveryConfig {
        concurrency: NonZeroUsize::new(concurrency).unwrap(),
        rate_per_second: NonZeroU32::new(if rate == 0 { 1_000_000_000 } else { rate }).unwrap(),
        ..DeliveryConfig::default()
    };
    let engine = Deliverer::new(
        Arc::clone(&store),
        Arc::clone(&poster),
        library,
        config,
        Shutdown::never(),
    );
    let started = Instant::now();
    let report = engine.deliver_pending().await.unwrap();
    let deliver = started.elapsed();
    assert_eq!(report.delivered, channels);
    assert_eq!(store.ledger_counts().unwrap().delivered, channels);

    let times = poster.times.lock().unwrap();
    let span = times.last().unwrap().duration_since(times[0]);
    // n posts spaced 1/rate apart span (n-1)/rate.
    let achieved = (times.len() - 1) as f64 / span.as_secs_f64().max(f64::EPSILON);
    let limit = if rate == 0 {
        "off".to_owned()
    } else {
        format!("{rate}/s")
    };
    println!(
        "fanout to {channels} channels, limit {limit}, concurrency {concurrency}: \
         subscribe {} ms ({:.0}/s), enqueue {} ms, deliver {} ms → {:.0} posts/s{}",
        subscribe.as_millis(),
        channels as f64 / subscribe.as_secs_f64(),
        enqueue.as_millis(),
        deliver.as_millis(),
        channels as f64 / deliver.as_secs_f64(),
        if rate == 0 {
            String::new()
        } else {
            format!(
                ", first-to-last post rate {achieved:.1}/s = {:.1}% of the limit",
                achieved / f64::from(rate) * 100.0
            )
        }
    );
}

/// One update to `channels` channels through `briefbot run` and the loopback Discord, which
/// enforces `limit` requests/s when given; briefbot posts at `rate` per second.
async fn through_loopback(channels: usize, limit: Option<u32>, rate: u32) {
    use support::bot::{Launch, RunningBot};
    use support::loopback::{Loopback, Options};

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
    let database = data.path().join("bench.sqlite3");
    // The database a running bot leaves: the library's updates known, the channels subscribed.
    support::ledger::left_by_a_running_bot(
        &SqliteStore::open(&database).unwrap(),
        folder.path(),
        support::ledger::text_channels(support::loopback::payloads::GUILD_ID, &ids),
    );
    let launch = Launch {
        database: Some(database.to_string_lossy().into_owned()),
        config: format!("delivery_rate = {rate}\nlog = \"warn\"\n"),
        ..Launch::new(folder.path())
    };
    let bot = RunningBot::launch(&discord, launch).await;
    discord.wait_request("PUT", "/commands").await;

    let mut requests = discord.subscribe();
    std::fs::write(folder.path().join("b.toml"), briefing_toml("b")).unwrap();
    let (mut first, mut last) = (None, None);
    let (mut created, mut limited) = (0usize, 0usize);
    while created < channels {
        let request = requests.recv().await.expect("the loopback runs");
        if !request.is("POST", "/messages") {
            continue;
        }
        first.get_or_insert(request.at);
        match request.status {
            200 => {
                created += 1;
                last = Some(request.at);
            }
            429 => limited += 1,
            other => panic!("post answered {other}"),
        }
    }
    bot.stop().await.expect("briefbot stops");
    let span = last.unwrap().duration_since(first.unwrap());
    let achieved = (created - 1) as f64 / span.as_secs_f64().max(f64::EPSILON);
    let per_10k = limited as f64 * 10_000.0 / created as f64;
    match limit {
        Some(limit) => println!(
            "through the loopback to {channels} channels, Discord limit {limit}/s, briefbot at \
             {rate}/s: {:.2} s from first to last post → {achieved:.1} posts/s = {:.1}% of the \
             allowed rate; {limited} × 429 ({per_10k:.2} per 10,000 posts)",
            span.as_secs_f64(),
            achieved / f64::from(limit) * 100.0
        ),
        None => println!(
            "through the loopback to {channels} channels, no limit on either side: {:.2} s from \
             first to last post → {achieved:.0} posts/s; {limited} × 429",
            span.as_secs_f64()
        ),
    }
}
