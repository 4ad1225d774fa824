//! The foundation at scale: the shipped briefings, and the same plus 1,000 and 10,000
//! synthetic ones (generated here, never committed).
//!
//! First a table, size by size: the cold load of the folder, a reload after one file changed,
//! autocomplete p50/p99 for a broad, a narrow and a non-matching prefix, and the wall time and
//! peak RSS of `briefbot ask summary`. Then, at the largest size, criterion measures the load,
//! `answer` for every command and search, and a second pass prints p50/p99 per command
//! (criterion reports means).
//!
//! Run: `cargo bench --bench foundation` (add `-- --quick` for a shorter run). Set
//! `BRIEFBOT_BENCH_KEEP=DIR` to keep a copy of the largest folder for measuring by
//! hand (heaptrack, perf).

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use briefbot::answer::{Command, answer};
use briefbot::library::Library;
use briefbot::load::{Folder, load_dir};
use briefbot::updates::{SharedLibrary, reload};
use criterion::{Criterion, criterion_group, criterion_main};

/// The synthetic briefings of the largest folder (the shipped ones come on top).
const BRIEFINGS: usize = 10_000;
/// The prefixes autocomplete is measured with: one that begins a word of every briefing (the
/// date), one of a few (a word of some titles), one that matches nothing.
const PREFIXES: [(&str, &str); 3] = [("broad", "2"), ("narrow", "vass"), ("none", "qqq")];

fn commands(library: &Library) -> Vec<(&'static str, Command)> {
    let id = library.briefings()[BRIEFINGS / 2].id.to_string();
    vec![
        ("summary", Command::Summary { briefing: None }),
        (
            "summary_by_id",
            Command::Summary {
                briefing: Some(id.clone()),
            },
        ),
        (
            "quote",
            Command::Quote {
                briefing: None,
                all: false,
                speaker: None,
            },
        ),
        (
            "quote_all",
            Command::Quote {
                briefing: Some(id.clone()),
                all: true,
                speaker: None,
            },
        ),
        (
            "quote_speaker",
            Command::Quote {
                briefing: Some(id.clone()),
                all: false,
                speaker: Some("lukashenko".into()),
            },
        ),
        (
            "actors",
            Command::Actors {
                briefing: Some(id.clone()),
                name: None,
            },
        ),
        (
            "questions",
            Command::Questions {
                briefing: Some(id.clone()),
            },
        ),
        ("briefings", Command::Briefings { story: None }),
        (
            "timeline",
            Command::Timeline {
                story: None,
                from: None,
                to: None,
            },
        ),
        ("sources", Command::Sources { briefing: Some(id) }),
        ("help", Command::Help),
    ]
}

fn benches(criterion: &mut Criterion) {
    report_scaling();
    let temp = corpus::folder(BRIEFINGS);
    // To measure the binary by hand (heaptrack, perf), keep a copy of the folder.
    if let Some(keep) = std::env::var_os("BRIEFBOT_BENCH_KEEP") {
        let keep = Path::new(&keep);
        std::fs::create_dir_all(keep).expect("create BRIEFBOT_BENCH_KEEP");
        for entry in std::fs::read_dir(temp.path())
            .expect("read the generated folder")
            .flatten()
        {
            std::fs::copy(entry.path(), keep.join(entry.file_name()))
                .expect("copy a generated briefing");
        }
    }
    let loaded = load_dir(temp.path());
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        &loaded.diagnostics[..loaded.diagnostics.len().min(3)]
    );
    assert_eq!(loaded.library.len(), BRIEFINGS + corpus::shipped());

    let mut group = criterion.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("10k_briefings", |bench| {
        bench.iter(|| black_box(load_dir(temp.path())))
    });
    group.finish();

    let library = loaded.library;
    // Build the lazy search index and timelines once, as the first request would.
    black_box(library.search("gas", 10));
    black_box(answer(
        &library,
        &Command::Timeline {
            story: None,
            from: None,
            to: None,
        },
    ));

    let mut group = criterion.benchmark_group("answer");
    for (name, command) in commands(&library) {
        group.bench_function(name, |bench| {
            bench.iter(|| black_box(answer(&library, &command)))
        });
    }
    group.finish();

    let mut group = criterion.benchmark_group("search");
    for query in ["vassal", "lukashenko gas", "sovereign", "zzzz"] {
        group.bench_function(query, |bench| {
            bench.iter(|| black_box(library.search(query, 10)))
        });
    }
    group.bench_function("answer_search_vassal", |bench| {
        let command = Command::Search {
            query: "vassal".into(),
        };
        bench.iter(|| black_box(answer(&library, &command)))
    });
    group.finish();

    report_percentiles(&library);
    report_index_build(temp.path());
}

/// The table of figures by folder size.
fn report_scaling() {
    println!(
        "\n{:>9} {:>10} {:>10} {:>10} {:>21} {:>21} {:>21} {:>11} {:>9}",
        "briefings",
        "cold load",
        "reload 1",
        "ac index",
        "ac broad p50/p99",
        "ac narrow p50/p99",
        "ac none p50/p99",
        "ask wall",
        "ask RSS"
    );
    for extra in [0, 1_000, BRIEFINGS] {
        let dir = corpus::folder(extra);
        let runs = if extra == 0 { 50 } else { 5 };
        let cold = median(
            (0..runs)
                .map(|_| timed(|| load_dir(dir.path())).1)
                .collect(),
        );
        let reloaded = one_file_reload(dir.path());
        let library = load_dir(dir.path()).library;
        let (_, index) = timed(|| library.autocomplete("", 25));
        let latencies: Vec<String> = PREFIXES
            .iter()
            .map(|(_, prefix)| {
                let (p50, p99) = percentiles(20_000, || {
                    black_box(library.autocomplete(prefix, 25));
                });
                format!("{p50:>9.2?} / {p99:>9.2?}")
            })
            .collect();
        let (wall, rss) = ask_summary(dir.path());
        println!(
            "{:>9} {:>10.1?} {:>10.1?} {:>10.1?} {:>21} {:>21} {:>21} {:>11.1?} {:>5.1} MiB",
            library.len(),
            cold,
            reloaded,
            index,
            latencies[0],
            latencies[1],
            latencies[2],
            wall,
            rss
        );
    }
    println!(
        "(prefixes: {}; reload 1: the median reload, through the watcher's step, after one file changed)\n",
        PREFIXES
            .iter()
            .map(|(name, prefix)| format!("{name} {prefix:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// The median time of [`reload`] after one file of the folder changed, over 20 changes.
fn one_file_reload(dir: &Path) -> Duration {
    let mut folder = Folder::new(dir);
    let shared = SharedLibrary::new(std::sync::Arc::new(folder.load().library), true);
    let victim = dir.join("2026-11-27-lukashenko-vassal-warning.toml");
    let original = std::fs::read_to_string(&victim).expect("the newest shipped briefing");
    let samples = (0..20)
        .map(|round| {
            let edited = original.replacen("title = \"", &format!("title = \"Rev {round}: "), 1);
            std::fs::write(&victim, edited).expect("edit a briefing");
            let parses = folder.parses();
            let (outcome, took) = timed(|| reload(&mut folder, &shared));
            assert!(matches!(outcome, briefbot::updates::Reload::Swapped { .. }));
            assert_eq!(folder.parses(), parses + 1, "one file parsed");
            took
        })
        .collect();
    std::fs::write(&victim, original).expect("restore the briefing");
    median(samples)
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let done = work();
    (done, start.elapsed())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// p50 and p99 of `calls` calls of `work`.
fn percentiles(calls: usize, mut work: impl FnMut()) -> (Duration, Duration) {
    let mut samples: Vec<Duration> = (0..calls).map(|_| timed(&mut work).1).collect();
    samples.sort();
    (samples[calls / 2], samples[calls * 99 / 100])
}

/// p50 and p99 of single calls: criterion reports means, the goal is stated as a p99.
fn report_percentiles(library: &Library) {
    println!(
        "\nanswer latency over {} briefings (20,000 calls each; 50 for unknown_id):",
        library.len()
    );
    println!("{:<16} {:>10} {:>10}", "command", "p50", "p99");
    let mut all = commands(library);
    all.push((
        "search_vassal",
        Command::Search {
            query: "vassal".into(),
        },
    ));
    all.push((
        "unknown_id",
        Command::Summary {
            briefing: Some("2026-11-27-no-such-briefing".into()),
        },
    ));
    for (name, command) in all {
        // An unknown id compares against every id (edit distance): an error path, sampled less.
        let calls = if name == "unknown_id" { 50 } else { 20_000 };
        let mut samples: Vec<Duration> = (0..calls)
            .map(|_| {
                let start = Instant::now();
                black_box(answer(library, &command));
                start.elapsed()
            })
            .collect();
        samples.sort();
        println!(
            "{name:<16} {:>10.2?} {:>10.2?}",
            samples[samples.len() / 2],
            samples[samples.len() * 99 / 100]
        );
    }
}

/// The one-off cost the first search after a (re)load pays.
fn report_index_build(dir: &Path) {
    let library = load_dir(dir).library;
    let start = Instant::now();
    black_box(library.search("vassal", 10));
    println!(
        "\nsearch index build on first search: {:.1?}",
        start.elapsed()
    );
}

/// The wall time (median of three runs) and peak resident memory (the highest) of the real
/// binary answering `ask summary` over `dir`: a cold start, but for the page cache.
///
/// `getrusage` would count the pages the child shared with this (large) bench process before
/// `exec`, so this reads the child's own high-water mark, `VmHWM`, until it exits. The mark
/// only grows, so the last reading is the peak but for the final millisecond.
fn ask_summary(dir: &Path) -> (Duration, f64) {
    let mut walls = Vec::new();
    let mut peak_kib = 0u64;
    for _ in 0..3 {
        let start = Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_briefbot"))
            .args(["ask", "summary", "--briefings"])
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("briefbot runs");
        let status_path = format!("/proc/{}/status", child.id());
        loop {
            if let Some(kib) = std::fs::read_to_string(&status_path)
                .ok()
                .and_then(|status| high_water_kib(&status))
            {
                peak_kib = peak_kib.max(kib);
            }
            if let Some(status) = child.try_wait().expect("wait for briefbot") {
                assert!(status.success());
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        walls.push(start.elapsed());
    }
    (median(walls), peak_kib as f64 / 1024.0)
}

fn high_water_kib(status: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

criterion_group!(foundation, benches);
criterion_main!(foundation);
