//! The story across briefings at scale: an actor's dossier and a speaker's quotes across the
//! story over 10,000 briefings (p50/p99 per answer, after the cast is built once), and the
//! timeline picture of the shipped story and of the 10,000-briefing one.
//!
//! Run: `cargo bench --bench story`. Figures are wall-clock on whatever machine runs it;
//! compare them with each other, within one run.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use briefbot::answer::{Command, answer};
use briefbot::briefing::{
    Actor, ActorKind, Briefing, BriefingId, Date, Quote, Source, Summary, TimelineEvent, Timestamp,
};
use briefbot::library::Library;
use briefbot::render::picture;

const BRIEFINGS: usize = 10_000;
const REQUESTS: usize = 2_000;

const PEOPLE: &[(&str, &str, &str)] = &[
    ("lukashenko", "Alexander Lukashenko", "President of Belarus"),
    ("putin", "Vladimir Putin", "President of Russia"),
    ("peskov", "Dmitry Peskov", "Kremlin spokesman"),
    ("lavrov", "Sergei Lavrov", "Russian Foreign Minister"),
    ("prigozhin", "Yevgeny Prigozhin", "Wagner chief"),
    (
        "oreshkin",
        "Maksim Oreshkin",
        "Minister for Economic Development",
    ),
];

/// A small deterministic generator (xorshift), so every run measures the same story.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

/// 10,000 briefings over 27 years, each naming three people (one of them quoted twice) and two
/// dated events.
fn story() -> Library {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let briefings = (0..BRIEFINGS).map(|number| {
        let year = 2000 + (number * 27 / BRIEFINGS) as u16;
        let date = Date::new(year, 1 + random.below(12) as u8, 1 + random.below(28) as u8)
            .expect("a real day");
        let people: Vec<&(&str, &str, &str)> =
            (0..3).map(|_| &PEOPLE[random.below(PEOPLE.len())]).collect();
        let mut actors: Vec<Actor> = Vec::new();
        for (id, name, role) in people {
            if actors.iter().all(|actor| actor.id != *id) {
                actors.push(Actor {
                    id: (*id).to_owned(),
                    name: (*name).to_owned(),
                    aliases: if *id == "lukashenko" {
                        vec!["Lukashenka".to_owned()]
                    } else {
                        Vec::new()
                    },
                    kind: ActorKind::Person,
                    // Roles change now and then, as they do across real briefings.
                    role: format!("{role}{}", if random.below(10) == 0 { ", again" } else { "" }),
                    position: None,
                });
            }
        }
        let speaker = actors[0].id.clone();
        let quotes = (0..2)
            .map(|line| Quote {
                text: format!("Statement {line} of briefing {number}, on the union and its terms."),
                speaker: Some(speaker.clone()),
                context: Some("At a press conference.".to_owned()),
                key: line == 0,
            })
            .collect();
        let id = format!("{date}-generated-briefing-{number}");
        Arc::new(Briefing {
            id: BriefingId::parse(&id).expect("a slug"),
            story: "belarus-russia".to_owned(),
            title: format!("Generated briefing number {number}"),
            published: Timestamp::from_date(date),
            updated: None,
            update_note: None,
            tags: Vec::new(),
            summary: Summary {
                tldr: "A generated development.".to_owned(),
                body: "Generated for the benchmark.".to_owned(),
                why_it_matters: None,
            },
            quotes,
            actors,
            questions: Vec::new(),
            sources: vec![Source {
                title: "Generated".to_owned(),
                outlet: Some("Bench Daily".to_owned()),
                original_outlet: None,
                url: None,
                published: None,
                note: None,
            }],
            timeline: (0..2)
                .map(|event| TimelineEvent {
                    date,
                    text: format!("Event {event} of briefing {number}: talks on the union continue in Minsk and Moscow."),
                })
                .collect(),
        })
    });
    Library::new(briefings)
}

/// p50, p99 and max of `samples`.
fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort_unstable();
    let at = |fraction: f64| {
        samples[((samples.len() as f64 * fraction) as usize).min(samples.len() - 1)]
    };
    (at(0.50), at(0.99), samples[samples.len() - 1])
}

fn report(label: &str, samples: Vec<Duration>) {
    let (p50, p99, max) = percentiles(samples);
    println!("{label:<44} p50 {p50:>10.1?}  p99 {p99:>10.1?}  max {max:>10.1?}");
}

fn measure(library: &Library, commands: &[Command]) -> Vec<Duration> {
    (0..REQUESTS)
        .map(|request| {
            let command = &commands[request % commands.len()];
            let start = Instant::now();
            black_box(answer(library, black_box(command)));
            start.elapsed()
        })
        .collect()
}

fn main() {
    let library = story();
    let start = Instant::now();
    black_box(library.cast());
    println!(
        "cast of {BRIEFINGS} briefings built once in {:.1?}",
        start.elapsed()
    );

    let dossiers: Vec<Command> = PEOPLE
        .iter()
        .flat_map(|(id, name, _)| {
            [
                Command::Actor {
                    name: (*id).to_owned(),
                },
                Command::Actor {
                    name: (*name).to_owned(),
                },
            ]
        })
        .chain([Command::Actor {
            name: "Lukashenka".to_owned(),
        }])
        .collect();
    report(
        "actor (dossier), 10,000 briefings",
        measure(&library, &dossiers),
    );
    let speakers: Vec<Command> = PEOPLE
        .iter()
        .map(|(id, _, _)| Command::Quote {
            briefing: None,
            all: false,
            speaker: Some((*id).to_owned()),
        })
        .collect();
    report(
        "quote --speaker across the story, 10,000",
        measure(&library, &speakers),
    );
    report(
        "quote --speaker in one briefing (before)",
        measure(
            &library,
            &[Command::Quote {
                briefing: library.newest(None).map(|briefing| briefing.id.to_string()),
                all: false,
                speaker: Some("peskov".to_owned()),
            }],
        ),
    );
    report(
        "timeline (text + picture data), 10,000",
        measure(
            &library,
            &[Command::Timeline {
                story: None,
                from: None,
                to: None,
            }],
        ),
    );

    let shipped =
        briefbot::load::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"));
    for (label, library) in [
        ("shipped story", &shipped.library),
        ("10,000 briefings", &library),
    ] {
        let reply = answer(
            library,
            &Command::Timeline {
                story: None,
                from: None,
                to: None,
            },
        );
        let Some(drawn) = reply.picture else {
            panic!("the {label} has a timeline picture");
        };
        let samples: Vec<Duration> = (0..50)
            .map(|_| {
                let start = Instant::now();
                black_box(picture::png(&drawn).expect("a picture"));
                start.elapsed()
            })
            .collect();
        let bytes = picture::png(&drawn).expect("a picture").len();
        report(
            &format!("timeline picture, {label} ({} KB)", bytes / 1024),
            samples,
        );
    }
}
