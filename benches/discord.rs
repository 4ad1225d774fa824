//! Throughput and dispatch-to-callback latency of `/summary` through the loopback Discord,
//! briefbot against a bare poise bot that answers a fixed string (the ceiling of the stack) and
//! the same bare bot answering with briefbot's summary embed built once (the ceiling for a reply
//! of that size).
//!
//! `cargo bench --bench discord` sends 5,000 measured interactions per round (after 500 to warm
//! up), keeping a fixed number in flight (`BRIEFBOT_BENCH_WINDOW`, default 32), in five rounds
//! that rotate the order of the bots, and prints each round and the medians; then it runs the
//! three side by side for four seconds, which shares any background load alike. Under `cargo test` it
//! runs one short round of each, as a smoke test.
//!
//! briefbot runs twice: over the shipped briefings (`Briefbot`) and over the same plus 10,000
//! synthetic ones (`Briefbot10k`), in the same rounds and side by side, so that the cost of a
//! larger library is measured, not inferred. Then both answer autocomplete for the `briefing`
//! option of `/summary` (typed: "vass"), in rounds and side by side.
//!
//! `BRIEFBOT_BENCH_COMMAND` sends another command to briefbot (the bare bot knows only
//! `/summary`); `BRIEFBOT_BENCH_ONLY=bare|briefbot|briefbot10k` runs one side, for profiling.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use support::bare_bot::{BareBot, summary_reply};
use support::bot::RunningBot;
use support::loopback::{Loopback, Options, payloads};

/// Which bot a round measures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    /// The bare poise bot answering a fixed string: the ceiling of the stack.
    Bare,
    /// The bare poise bot answering with briefbot's summary embed, built once: the ceiling
    /// for a reply of this size.
    BareEmbed,
    /// briefbot.
    Briefbot,
    /// briefbot over the shipped briefings plus 10,000 synthetic ones.
    Briefbot10k,
}

/// What the bench sends.
#[derive(Debug, Clone, PartialEq)]
enum Ask {
    /// A slash command without options.
    Slash(String),
    /// Autocomplete of `/summary`'s `briefing` option, with this typed.
    Autocomplete(&'static str),
}

/// What autocomplete is measured with: a word of a few titles in both folders.
const TYPED: &str = "vass";

/// What one round measured.
struct Round {
    target: Target,
    throughput: f64,
    p50: Duration,
    p99: Duration,
    /// CPU time of the whole process (bot and loopback) per interaction: steadier than
    /// throughput on a machine shared with other work.
    cpu: Duration,
}

/// User plus system CPU time of this process so far, from `/proc/self/stat` (Linux only;
/// zero elsewhere).
fn process_cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the command name (which may contain spaces) start after the last ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |index: usize| {
        fields
            .get(index)
            .and_then(|field| field.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks a second.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let (warmup, count, rounds) = if full { (500, 5_000, 5) } else { (20, 100, 1) };
    let window: usize = std::env::var("BRIEFBOT_BENCH_WINDOW")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(32);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let results: Vec<Round> = runtime.block_on(async {
        let mut results = Vec::new();
        for number in 0..rounds {
            // Rotate the order, so no bot always runs first or last.
            let mut order = [
                Target::Bare,
                Target::BareEmbed,
                Target::Briefbot,
                Target::Briefbot10k,
            ];
            order.rotate_left(number % 4);
            for target in order {
                if selected(target) {
                    results.push(round(target, None, warmup, count, window).await);
                }
            }
        }
        results
    });
    let completions: Vec<Round> = runtime.block_on(async {
        let mut results = Vec::new();
        for number in 0..rounds {
            let mut order = [Target::Briefbot, Target::Briefbot10k];
            order.rotate_left(number % 2);
            for target in order {
                if selected(target) {
                    let ask = Some(Ask::Autocomplete(TYPED));
                    results.push(round(target, ask, warmup, count, window).await);
                }
            }
        }
        results
    });
    let side = if std::env::var("BRIEFBOT_BENCH_ONLY")
        .unwrap_or_default()
        .is_empty()
    {
        let duration = if full {
            Duration::from_secs(4)
        } else {
            Duration::from_millis(300)
        };
        let summary = runtime.block_on(side_by_side(
            &[
                Target::Bare,
                Target::BareEmbed,
                Target::Briefbot,
                Target::Briefbot10k,
            ],
            None,
            warmup,
            window,
            duration,
        ));
        let completion = runtime.block_on(side_by_side(
            &[Target::Briefbot, Target::Briefbot10k],
            Some(Ask::Autocomplete(TYPED)),
            warmup,
            window,
            duration,
        ));
        (summary, completion)
    } else {
        (Vec::new(), Vec::new())
    };
    let (side, side_completion) = side;
    println!(
        "/summary through the loopback Discord: {count} interactions a round, {window} in flight, {rounds} rounds"
    );
    for result in &results {
        print_round(result);
    }
    println!("autocomplete of /summary's briefing option, typed {TYPED:?}:");
    for result in &completions {
        print_round(result);
    }
    report_library_size(&results, &completions, &side, &side_completion);
    if results.iter().any(|result| result.target == Target::Bare)
        != results
            .iter()
            .any(|result| result.target == Target::Briefbot)
    {
        return;
    }
    let bare = median(&results, Target::Bare);
    let bare_embed = median(&results, Target::BareEmbed);
    let ours = median(&results, Target::Briefbot);
    println!("median of the rounds:");
    for result in [&bare, &bare_embed, &ours] {
        print_round(result);
    }
    println!(
        "briefbot / bare: throughput {:.3}× (goal ≥ 0.95), p99 {:.3}× (goal ≤ 1.10)",
        ours.throughput / bare.throughput,
        ours.p99.as_secs_f64() / bare.p99.as_secs_f64()
    );
    println!(
        "briefbot / bare with the same embed: throughput {:.3}×, p99 {:.3}×",
        ours.throughput / bare_embed.throughput,
        ours.p99.as_secs_f64() / bare_embed.p99.as_secs_f64()
    );
    if let [bare, embed, ours, _] = &side[..] {
        println!(
            "side by side, all four at once ({} in flight each):",
            window
        );
        for result in &side {
            println!(
                "  {:<10} {:>6.0} interactions/s   p50 {:>6.3} ms   p99 {:>6.3} ms",
                format!("{:?}", result.target),
                result.throughput,
                ms(result.p50),
                ms(result.p99)
            );
        }
        println!(
            "briefbot / bare: throughput {:.3}×, p99 {:.3}×; briefbot / bare with the same embed: throughput {:.3}×, p99 {:.3}×",
            ours.throughput / bare.throughput,
            ours.p99.as_secs_f64() / bare.p99.as_secs_f64(),
            ours.throughput / embed.throughput,
            ours.p99.as_secs_f64() / embed.p99.as_secs_f64()
        );
    }
}

/// Whether `BRIEFBOT_BENCH_ONLY` (if set) names this target.
fn selected(target: Target) -> bool {
    let only = std::env::var("BRIEFBOT_BENCH_ONLY").unwrap_or_default();
    only.is_empty() || format!("{target:?}").eq_ignore_ascii_case(&only)
}

/// briefbot over 10,000 more briefings against briefbot over the shipped ones: the same interactions should cost
/// the same whatever the size of the library.
fn report_library_size(
    summary: &[Round],
    completion: &[Round],
    side_summary: &[Round],
    side_completion: &[Round],
) {
    let of = |rounds: &[Round], target| {
        rounds
            .iter()
            .any(|round| round.target == target)
            .then(|| median(rounds, target))
    };
    for (what, rounds, side) in [
        ("/summary", summary, side_summary),
        ("autocomplete", completion, side_completion),
    ] {
        let (Some(small), Some(large)) = (
            of(rounds, Target::Briefbot),
            of(rounds, Target::Briefbot10k),
        ) else {
            continue;
        };
        println!(
            "{what}, shipped + 10,000 / shipped briefings, rounds: CPU {:.2}×, p99 {:.2}×, throughput {:.2}×",
            large.cpu.as_secs_f64() / small.cpu.as_secs_f64().max(1e-9),
            large.p99.as_secs_f64() / small.p99.as_secs_f64(),
            large.throughput / small.throughput
        );
        let find = |target| side.iter().find(|round| round.target == target);
        if let (Some(small), Some(large)) = (find(Target::Briefbot), find(Target::Briefbot10k)) {
            println!(
                "{what}, shipped + 10,000 / shipped briefings, side by side: p50 {:.2}×, p99 {:.2}×, throughput {:.2}× ({:.0}/s against {:.0}/s)",
                large.p50.as_secs_f64() / small.p50.as_secs_f64(),
                large.p99.as_secs_f64() / small.p99.as_secs_f64(),
                large.throughput / small.throughput,
                large.throughput,
                small.throughput
            );
        }
    }
}

fn print_round(result: &Round) {
    println!(
        "  {:<10} {:>6.0} interactions/s   p50 {:>6.3} ms   p99 {:>6.3} ms   CPU {:>4} µs/interaction",
        format!("{:?}", result.target),
        result.throughput,
        ms(result.p50),
        ms(result.p99),
        result.cpu.as_micros()
    );
}

/// The command sent (`BRIEFBOT_BENCH_COMMAND`, default `summary`; the bare bot knows only
/// `summary`, so others measure briefbot alone against it).
fn command() -> String {
    std::env::var("BRIEFBOT_BENCH_COMMAND").unwrap_or_else(|_| "summary".to_owned())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Each figure's median over a target's rounds.
fn median(results: &[Round], target: Target) -> Round {
    let rounds: Vec<&Round> = results
        .iter()
        .filter(|result| result.target == target)
        .collect();
    fn middle<T: Copy + PartialOrd>(mut values: Vec<T>) -> T {
        values.sort_by(|left, right| left.partial_cmp(right).expect("comparable figures"));
        values[values.len() / 2]
    }
    Round {
        target,
        throughput: middle(rounds.iter().map(|round| round.throughput).collect()),
        p50: middle(rounds.iter().map(|round| round.p50).collect()),
        p99: middle(rounds.iter().map(|round| round.p99).collect()),
        cpu: middle(rounds.iter().map(|round| round.cpu).collect()),
    }
}

/// Starts a loopback Discord and the target bot, warms up, measures, stops both.
/// A bot under test, connected to its own loopback Discord.
struct Subject {
    target: Target,
    discord: Loopback,
    bot: Running,
    ask: Ask,
    /// The folder with 10,000 synthetic briefings, deleted with the subject.
    _folder: Option<tempfile::TempDir>,
}

enum Running {
    Bare(BareBot),
    Briefbot(RunningBot),
}

impl Subject {
    async fn start(target: Target, ask: Option<Ask>) -> Subject {
        // Validating and keeping bodies would measure the loopback, not the bot; the tests
        // check the bodies.
        let options = Options {
            validate: false,
            keep_bodies: false,
            ..Options::default()
        };
        let discord = Loopback::start_with(options).await;
        let folder = (target == Target::Briefbot10k).then(|| corpus::folder(10_000));
        let briefings = match &folder {
            Some(folder) => folder.path().to_path_buf(),
            None => Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"),
        };
        let bot = match target {
            Target::Bare | Target::BareEmbed => {
                let reply = (target == Target::BareEmbed).then(|| summary_reply(&briefings));
                let bot = BareBot::start_with(&discord.api_url(), payloads::TOKEN, reply).await;
                discord.wait_ready().await;
                Running::Bare(bot)
            }
            Target::Briefbot | Target::Briefbot10k => {
                Running::Briefbot(RunningBot::start(&discord, &briefings, true).await)
            }
        };
        discord.wait_request("PUT", "/commands").await;
        let ask = ask.unwrap_or_else(|| match target {
            Target::Bare | Target::BareEmbed => Ask::Slash("summary".to_owned()),
            Target::Briefbot | Target::Briefbot10k => Ask::Slash(command()),
        });
        Subject {
            target,
            discord,
            bot,
            ask,
            _folder: folder,
        }
    }

    async fn stop(self) {
        match self.bot {
            Running::Bare(bot) => bot.stop().await,
            Running::Briefbot(bot) => bot.stop().await.expect("briefbot stops"),
        }
        let violations = self.discord.violations();
        assert!(violations.is_empty(), "{violations:?}");
    }
}

/// One bot alone on the machine: warm up, then `count` interactions.
async fn round(
    target: Target,
    ask: Option<Ask>,
    warmup: usize,
    count: usize,
    window: usize,
) -> Round {
    let subject = Subject::start(target, ask).await;
    let _ = drive(&subject.discord, &subject.ask, warmup, window, None).await;
    let started = Instant::now();
    let cpu_before = process_cpu();
    let latencies = drive(&subject.discord, &subject.ask, count, window, None).await;
    let elapsed = started.elapsed();
    let cpu = (process_cpu() - cpu_before) / count as u32;
    subject.stop().await;
    figures(target, latencies, elapsed, cpu)
}

/// The bots at once, each with its own loopback and the same window, for `duration`:
/// background load on a shared machine then hits them all alike, so their ratios hold better
/// than those of rounds run one after another.
async fn side_by_side(
    targets: &[Target],
    ask: Option<Ask>,
    warmup: usize,
    window: usize,
    duration: Duration,
) -> Vec<Round> {
    let mut subjects = Vec::new();
    for &target in targets {
        let subject = Subject::start(target, ask.clone()).await;
        let _ = drive(&subject.discord, &subject.ask, warmup, window, None).await;
        subjects.push(subject);
    }
    let deadline = Instant::now() + duration;
    let all = futures_util::future::join_all(subjects.iter().map(|subject| {
        drive(
            &subject.discord,
            &subject.ask,
            usize::MAX,
            window,
            Some(deadline),
        )
    }))
    .await;
    let rounds = subjects
        .iter()
        .zip(all)
        .map(|(subject, latencies)| figures(subject.target, latencies, duration, Duration::ZERO))
        .collect();
    for subject in subjects {
        subject.stop().await;
    }
    rounds
}

/// Throughput and percentiles of one measurement.
fn figures(
    target: Target,
    mut latencies: Vec<Duration>,
    elapsed: Duration,
    cpu: Duration,
) -> Round {
    latencies.sort();
    let at = |quantile: f64| {
        latencies[((latencies.len() as f64 * quantile) as usize).min(latencies.len() - 1)]
    };
    Round {
        target,
        throughput: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
        cpu,
    }
}

/// Sends up to `count` interactions (until `deadline`, if given), at most `window` unanswered
/// at a time, and returns each answered one's time from dispatch to the bot's callback (with a
/// deadline: those answered before it).
async fn drive(
    discord: &Loopback,
    ask: &Ask,
    count: usize,
    window: usize,
    deadline: Option<Instant>,
) -> Vec<Duration> {
    let mut recorded = discord.subscribe();
    let mut pending: HashMap<String, Instant> = HashMap::new();
    let mut latencies = Vec::new();
    let mut sent = 0;
    loop {
        let open = deadline.is_none_or(|deadline| Instant::now() < deadline);
        if !open || latencies.len() >= count {
            return latencies;
        }
        while pending.len() < window && sent < count {
            let interaction = match ask {
                Ask::Slash(command) => discord.slash(command, json!([])),
                Ask::Autocomplete(typed) => discord.autocomplete(
                    "summary",
                    json!([{ "type": 3, "name": "briefing", "value": typed, "focused": true }]),
                ),
            };
            pending.insert(interaction.id, interaction.dispatched_at);
            sent += 1;
        }
        let request = tokio::time::timeout(Duration::from_secs(10), recorded.recv())
            .await
            .expect("the bot keeps answering")
            .expect("the loopback is running");
        let mut segments = request.path.split('/').skip(1);
        if let (Some("interactions"), Some(id)) = (segments.next(), segments.next()) {
            assert_eq!(request.status, 204, "{}", discord.describe());
            if let Some(dispatched_at) = pending.remove(id) {
                if deadline.is_none_or(|deadline| request.at < deadline) {
                    latencies.push(request.at - dispatched_at);
                }
            }
        }
    }
}
