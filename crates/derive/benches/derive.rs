//! Throughput of `derive` in bytes of article text per second (criterion reports MiB/s).
//!
//! `cargo bench --bench derive`. The articles are the real ones in the folder
//! `BRIEFBOT_ARTICLES` names (the written test articles when it is unset): each drafted on its own, as
//! `briefbot derive` does, with and without the shipped briefings as a gazetteer; and all of
//! them concatenated four times into one long text, to show the cost does not grow faster than
//! the text.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use briefbot_derive::{BriefingActors, Gazetteer, KnownActor, Options, derive};
use briefbot_format::{ActorKind, BriefingId};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn articles() -> Vec<String> {
    let dir = std::env::var_os("BRIEFBOT_ARTICLES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/set"),
        PathBuf::from,
    );
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("an articles folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| fs::read_to_string(path).expect("a readable article"))
        .collect()
}

/// The actors of the shipped briefings, read straight from their `[[actors]]` tables: the
/// crate cannot use the bot's loader, and the bench needs only names, kinds and roles.
fn shipped_gazetteer() -> Gazetteer {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../briefings");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the shipped briefings")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    // Newest first, as the library orders them (ids start with the date).
    paths.sort();
    paths.reverse();
    let briefings: Vec<BriefingActors> = paths
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).expect("a readable briefing");
            let table: toml::Table = toml::from_str(&text).expect("a valid briefing");
            let text_of = |value: &toml::Value, key: &str| {
                value
                    .get(key)
                    .and_then(toml::Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            let actors = table
                .get("actors")
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
                .map(|actor| KnownActor {
                    id: text_of(actor, "id"),
                    name: text_of(actor, "name"),
                    aliases: actor
                        .get("aliases")
                        .and_then(toml::Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|alias| alias.as_str().map(str::to_owned))
                        .collect(),
                    kind: ActorKind::parse(&text_of(actor, "kind")).expect("a valid kind"),
                    role: text_of(actor, "role"),
                })
                .collect();
            BriefingActors {
                briefing: text_of(&toml::Value::Table(table.clone()), "id"),
                actors,
            }
        })
        .collect();
    Gazetteer::from_briefings(&briefings)
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let options = Options::new(BriefingId::parse("bench").expect("a valid id"));
    let bytes: usize = articles.iter().map(String::len).sum();
    let empty = Gazetteer::new();
    let shipped = shipped_gazetteer();

    let mut group = c.benchmark_group("derive");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("{} articles, one by one", articles.len()), |b| {
        b.iter(|| {
            for article in &articles {
                black_box(derive(black_box(article), &options, &empty).expect("a draft"));
            }
        });
    });
    group.bench_function(
        format!(
            "{} articles, one by one, with the shipped briefings",
            articles.len()
        ),
        |b| {
            b.iter(|| {
                for article in &articles {
                    black_box(derive(black_box(article), &options, &shipped).expect("a draft"));
                }
            });
        },
    );
    let long = articles.join("\n").repeat(4);
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function(
        format!(
            "one text of {} KB (all articles, four times)",
            long.len() / 1000
        ),
        |b| {
            b.iter(|| black_box(derive(black_box(&long), &options, &empty).expect("a draft")));
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
