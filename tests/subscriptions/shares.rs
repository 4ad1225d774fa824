//! The engine's share of `delivery_rate`: one engine alone posts at the whole rate, two
//! engines on one PostgreSQL database post at half each once their heartbeats counted each
//! other, and a heartbeat that fails (the database is down) keeps the last share.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use briefbot::library::Library;
use briefbot::subscriptions::Location;
use briefbot::updates::{Deliverer, DeliveryConfig, SharedLibrary, Shutdown};

use crate::support::{Bot, Db, Recorder, briefing, paused_runtime};

/// The bot's total in these tests, posts per second.
const TOTAL: u32 = 40;

fn config() -> DeliveryConfig {
    DeliveryConfig {
        rate_per_second: NonZeroU32::new(TOTAL).unwrap(),
        ..DeliveryConfig::default()
    }
}

/// Milliseconds between consecutive posts.
fn gaps(recorder: &Recorder) -> Vec<u128> {
    recorder
        .calls()
        .windows(2)
        .map(|pair| (pair[1].at - pair[0].at).as_millis())
        .collect()
}

#[test]
fn an_engine_alone_on_sqlite_posts_at_the_whole_rate() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start_with(
        &db,
        vec![briefing("a", "2026-11-20", None)],
        &recorder,
        config(),
    );
    paused_runtime().block_on(async {
        bot.engine.start().await.unwrap();
        for id in 1..=4 {
            bot.subscribe(id);
        }
        assert_eq!(bot.engine.heartbeat().await.unwrap(), 1);
        assert_eq!(bot.engine.share().per_second(), f64::from(TOTAL));
        bot.reload(vec![
            briefing("a", "2026-11-20", None),
            briefing("b", "2026-11-27", None),
        ])
        .await;
        assert_eq!(bot.engine.deliver_pending().await.unwrap().delivered, 4);
    });
    // 40 a second: 25 ms apart.
    assert_eq!(gaps(&recorder), vec![25, 25, 25]);
}

#[test]
fn two_engines_on_one_postgresql_database_post_at_half_the_rate_each() {
    let db = Db::postgres();
    let recorder = Recorder::default();
    let briefings = vec![briefing("a", "2026-11-20", None)];
    let first = Bot::start_with(&db, briefings.clone(), &recorder, config());
    let second = Bot::start_with(&db, briefings, &Recorder::default(), config());
    let runtime = paused_runtime();
    runtime.block_on(async { first.engine.start().await.unwrap() });
    for id in 1..=4 {
        first.subscribe(id);
    }
    runtime.block_on(async {
        // The first to beat is alone until the other has beaten too.
        assert_eq!(first.engine.heartbeat().await.unwrap(), 1);
        assert_eq!(first.engine.share().per_second(), 40.0);
        assert_eq!(second.engine.heartbeat().await.unwrap(), 2);
        assert_eq!(second.engine.share().per_second(), 20.0);
        assert_eq!(first.engine.heartbeat().await.unwrap(), 2);
        assert_eq!(first.engine.share().per_second(), 20.0);
        first
            .reload(vec![
                briefing("a", "2026-11-20", None),
                briefing("b", "2026-11-27", None),
            ])
            .await;
        assert_eq!(first.engine.deliver_pending().await.unwrap().delivered, 4);
    });
    drop(runtime);
    // 20 a second: 50 ms apart.
    assert_eq!(gaps(&recorder), vec![50, 50, 50]);
}

#[test]
fn a_heartbeat_that_fails_keeps_the_last_share() {
    let server = briefbot_pgtest::Postgres::start().unwrap();
    let location = Location::Postgres(server.create_database().unwrap());
    let engine = |recorder: &Recorder| {
        let store = briefbot::subscriptions::open(&location).unwrap();
        let library = SharedLibrary::new(Arc::new(Library::new(Vec::new())), true);
        Deliverer::new(
            store,
            recorder.clone(),
            library,
            config(),
            Shutdown::never(),
        )
    };
    let (first, second) = (engine(&Recorder::default()), engine(&Recorder::default()));
    let runtime = paused_runtime();
    runtime.block_on(async {
        second.heartbeat().await.unwrap();
        assert_eq!(first.heartbeat().await.unwrap(), 2);
    });
    drop(server); // the database goes away under both
    runtime.block_on(async {
        let failed = first.heartbeat().await;
        assert!(failed.is_err(), "{failed:?}");
        assert_eq!(first.share().live.get(), 2);
        assert_eq!(first.share().per_second(), 20.0);
        // It is still a share of the total, not the whole: no burst when the database is back.
        assert!(first.share().interval() >= Duration::from_millis(50));
    });
    drop(runtime);
}
