//! The foundation at scale: 10,000 synthetic briefings, generated here (never committed).
//!
//! Criterion measures the cold load of the folder, `answer` for every command and search; a
//! second pass prints p50/p99 per command (criterion reports means), and the peak RSS of
//! `briefbot ask summary` over the folder.
//!
//! Run: `cargo bench --bench foundation` (add `-- --quick` for a shorter run). Set
//! `BRIEFBOT_BENCH_KEEP=DIR` to keep a copy of the generated folder for measuring by hand.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use briefbot::answer::{Command, answer};
use briefbot::library::Library;
use briefbot::load::load_dir;
use criterion::{Criterion, criterion_group, criterion_main};

const BRIEFINGS: usize = 10_000;

/// A small deterministic generator (xorshift), so every run measures the same folder.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn words(&mut self, vocabulary: &[String], count: usize) -> String {
        (0..count)
            .map(|_| vocabulary[self.below(vocabulary.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const PEOPLE: &[(&str, &str, &str)] = &[
    ("lukashenko", "Alexander Lukashenko", "President of Belarus"),
    ("putin", "Vladimir Putin", "President of Russia"),
    ("peskov", "Dmitry Peskov", "Kremlin spokesman"),
    ("lavrov", "Sergei Lavrov", "Russian Foreign Minister"),
    ("prigozhin", "Yevgeny Prigozhin", "Wagner chief"),
    (
        "oreshkin",
        "Maksim Oreshkin",
        "Russian Minister for Economic Development",
    ),
];

/// Writes `count` briefings of realistic size (about 3 KB each) into `dir`.
fn generate(dir: &Path, count: usize) {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    // A vocabulary of made-up words plus the story's real ones, so search has work to do.
    let mut vocabulary: Vec<String> = (0..3000)
        .map(|_| {
            let length = 3 + random.below(8);
            (0..length)
                .map(|_| (b'a' + random.below(26) as u8) as char)
                .collect()
        })
        .collect();
    for word in [
        "gas",
        "transit",
        "sovereignty",
        "union",
        "state",
        "vassal",
        "oreshnik",
        "minsk",
        "moscow",
    ] {
        vocabulary.push(word.to_owned());
    }
    for number in 0..count {
        let year = 2000 + number % 26;
        let month = 1 + random.below(12);
        let day = 1 + random.below(28);
        let id = format!("{year}-{month:02}-{day:02}-synthetic-{number:05}");
        let speaker = PEOPLE[random.below(PEOPLE.len())];
        let mut text = format!(
            "schema = 1\nid = \"{id}\"\nstory = \"belarus-russia\"\ntitle = \"{}\"\npublished = {year}-{month:02}-{day:02}\ntags = [\"gas\", \"synthetic\"]\n\n[summary]\ntldr = \"{}\"\nbody = \"\"\"\n{}\n\n{}\n\"\"\"\nwhy_it_matters = \"{}\"\n",
            random.words(&vocabulary, 9),
            random.words(&vocabulary, 30),
            random.words(&vocabulary, 120),
            random.words(&vocabulary, 80),
            random.words(&vocabulary, 40),
        );
        for quote in 0..3 {
            text.push_str(&format!(
                "\n[[quotes]]\ntext = \"{}\"\nspeaker = \"{}\"\ncontext = \"{}\"\nkey = {}\n",
                random.words(&vocabulary, 25),
                speaker.0,
                random.words(&vocabulary, 12),
                quote == 0
            ));
        }
        for (actor_id, name, role) in [
            speaker,
            PEOPLE[(PEOPLE.iter().position(|p| p.0 == speaker.0).unwrap_or(0) + 1) % PEOPLE.len()],
        ] {
            text.push_str(&format!(
                "\n[[actors]]\nid = \"{actor_id}\"\nname = \"{name}\"\naliases = [\"{name} Jr\"]\nkind = \"person\"\nrole = \"{role}\"\nposition = \"{}\"\n",
                random.words(&vocabulary, 20)
            ));
        }
        for _ in 0..2 {
            text.push_str(&format!(
                "\n[[questions]]\ntext = \"{}?\"\ncontext = \"{}\"\n",
                random.words(&vocabulary, 10),
                random.words(&vocabulary, 15)
            ));
        }
        text.push_str(&format!(
            "\n[[sources]]\ntitle = \"{}\"\noutlet = \"Synthetic Wire\"\nurl = \"https://example.com/{id}\"\npublished = {year}-{month:02}-{day:02}\n",
            random.words(&vocabulary, 8)
        ));
        for _ in 0..3 {
            text.push_str(&format!(
                "\n[[timeline]]\ndate = {year}-{:02}-{:02}\ntext = \"{}\"\n",
                1 + random.below(12),
                1 + random.below(28),
                random.words(&vocabulary, 12)
            ));
        }
        std::fs::write(dir.join(format!("{id}.toml")), text).expect("write a synthetic briefing");
    }
}

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
        ("timeline", Command::Timeline { story: None }),
        ("sources", Command::Sources { briefing: Some(id) }),
        ("help", Command::Help),
    ]
}

fn benches(criterion: &mut Criterion) {
    let temp = tempfile::tempdir().expect("temp dir");
    generate(temp.path(), BRIEFINGS);
    // To measure the binary by hand (hyperfine, valgrind), keep a copy of the folder.
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
    assert_eq!(loaded.library.len(), BRIEFINGS);

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
    black_box(answer(&library, &Command::Timeline { story: None }));

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
    report_peak_rss(temp.path());
}

/// p50 and p99 of single calls: criterion reports means, the goal is stated as a p99.
fn report_percentiles(library: &Library) {
    println!("\nanswer latency over {BRIEFINGS} briefings (20,000 calls each; 50 for unknown_id):");
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

/// Peak resident memory of the real binary answering over the generated folder.
///
/// `getrusage` would count the pages the child shared with this (large) bench process before
/// `exec`, so this reads the child's own high-water mark, `VmHWM`, until it exits. The mark
/// only grows, so the last reading is the peak but for the final millisecond.
fn report_peak_rss(dir: &Path) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .args(["ask", "summary", "--briefings"])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("briefbot runs");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            if let Some(kib) = status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
            {
                peak_kib = peak_kib.max(kib);
            }
        }
        if let Some(status) = child.try_wait().expect("wait for briefbot") {
            assert!(status.success());
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    println!(
        "peak RSS of `briefbot ask summary` over {BRIEFINGS} briefings: {:.1} MiB\n",
        peak_kib as f64 / 1024.0
    );
}

criterion_group!(foundation, benches);
criterion_main!(foundation);
