//! Digests on tokio's paused clock: the engine's clock starts at a chosen UTC instant and moves
//! as tokio's does, so days pass in milliseconds and every digest's hour can be checked. The
//! restart and filter tests run on both backends.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use briefbot::render::embed;
use briefbot::subscriptions::{Changes, DeliveryState, Hour, Mode, Period, TargetKind, UpdateKind};
use briefbot::updates::{Clock, DeliveryConfig, UpdateKey, digest_post};
use tokio::runtime::Runtime;
use tokio::sync::mpsc;

use crate::support::{
    Bot, Db, Recorder, briefing, channel, guild, on_both_backends, paused_runtime, story,
};

/// 2026-12-03 at `hour`:`minute` UTC.
fn december_3(hour: u64, minute: u64) -> SystemTime {
    // 2026-12-03T00:00:00Z.
    UNIX_EPOCH + Duration::from_secs(1_796_256_000 + hour * 3600 + minute * 60)
}

/// An engine whose clock reads `at` now on `runtime`'s paused clock. The store is opened
/// outside the runtime: the PostgreSQL store blocks its caller on a runtime of its own.
fn bot_at(db: &Db, runtime: &Runtime, at: SystemTime, recorder: &Recorder) -> Bot {
    let config = DeliveryConfig {
        clock: runtime.block_on(async { Clock::starting_at(at) }),
        ..DeliveryConfig::default()
    };
    Bot::start_with(db, Vec::new(), recorder, config)
}

fn daily_at_8() -> Changes {
    Changes {
        mode: Some(Mode::Digest {
            period: Period::Daily,
            hour: Hour::new(8).unwrap(),
        }),
        ..Changes::default()
    }
}

fn subscribe_daily(bot: &Bot, channel_id: u64) {
    bot.store
        .subscribe(
            guild(1),
            channel(channel_id),
            &story(),
            TargetKind::Text,
            &daily_at_8(),
        )
        .unwrap();
}

#[tokio::test(start_paused = true)]
async fn the_clock_starts_where_the_test_says() {
    let clock = Clock::starting_at(december_3(6, 0));
    tokio::time::sleep(Duration::from_secs(7200)).await;
    assert_eq!(clock.now(), december_3(8, 0));
}

on_both_backends!(
    a_daily_digest_is_one_post_per_period_never_doubled_across_a_restart,
    a_digest_whose_hour_passed_while_the_bot_was_down_is_sent_at_start_once,
    a_digest_leaves_out_what_the_filter_rejects_and_records_it_as_skipped,
);

fn a_daily_digest_is_one_post_per_period_never_doubled_across_a_restart(db: &Db) {
    let runtime = paused_runtime();
    let recorder = Recorder::default();
    recorder.allow_only(&[10]);
    let bot = bot_at(db, &runtime, december_3(6, 0), &recorder);
    runtime.block_on(async { bot.engine.start().await.unwrap() });
    subscribe_daily(&bot, 10);
    runtime.block_on(async {
        bot.engine.deliver_pending().await.unwrap();
        bot.reload(vec![
            briefing("b", "2026-12-02", None),
            briefing("c", "2026-12-03", None),
        ])
        .await;
        let before = bot.engine.deliver_pending().await.unwrap();
        assert_eq!(before.requests, 0, "nothing before the hour");

        // The running loop's timer fires at 08:00 by itself.
        let (_reloads, reloaded) = mpsc::channel(1);
        let running = tokio::spawn(bot.engine.clone().run(reloaded));
        recorder.wait_for_messages(1).await;
        bot.shutdown.trigger();
        running.await.unwrap();
    });
    let calls = recorder.calls_to(10);
    assert_eq!(calls.len(), 1, "one post for the period");
    let digest = &calls[0].reply;
    assert_eq!(digest.title, "Daily digest — 2026-12-03");
    let names: Vec<&str> = digest
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect();
    assert_eq!(names, ["Title of b", "Title of c"]);
    assert_eq!(
        digest.fields[0].value,
        "The tl;dr of b.\nhttps://example.com/b"
    );
    let key = UpdateKey::of(&briefing("b", "2026-12-02", None));
    let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Delivered);
    assert_eq!(row.digest.as_deref(), Some("daily@2026-12-03T08:00:00Z"));
    drop(bot);

    // A restart at 08:30 sends nothing again; an update at 09:00 waits for the next day.
    let bot = bot_at(db, &runtime, december_3(8, 30), &recorder);
    bot.library
        .replace(Arc::new(briefbot::library::Library::new(vec![
            briefing("b", "2026-12-02", None),
            briefing("c", "2026-12-03", None),
        ])));
    runtime.block_on(async {
        bot.engine.start().await.unwrap();
        assert_eq!(recorder.calls().len(), 1, "no digest twice");
        tokio::time::sleep(Duration::from_secs(1800)).await;
        bot.reload(vec![
            briefing("b", "2026-12-02", None),
            briefing("c", "2026-12-03", None),
            briefing("d", "2026-12-03", None),
        ])
        .await;
        assert_eq!(bot.engine.deliver_pending().await.unwrap().requests, 0);
        tokio::time::sleep(Duration::from_secs(23 * 3600)).await;
        let report = bot.engine.deliver_pending().await.unwrap();
        assert_eq!((report.digests, report.delivered), (1, 1));
    });
    let calls = recorder.calls_to(10);
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[1].reply.title, "Daily digest — 2026-12-04");
    assert_eq!(calls[1].reply.fields.len(), 1);
    assert_eq!(calls[1].reply.fields[0].name, "Title of d");
    assert_ne!(calls[0].nonce, calls[1].nonce);
    assert_eq!(
        bot.store.digests_delivered(channel(10)).unwrap(),
        ["daily@2026-12-03T08:00:00Z", "daily@2026-12-04T08:00:00Z"]
    );
    let again = runtime.block_on(async { bot.engine.deliver_pending().await.unwrap() });
    assert_eq!(again.requests, 0);
    drop(bot);
}

fn a_digest_whose_hour_passed_while_the_bot_was_down_is_sent_at_start_once(db: &Db) {
    let runtime = paused_runtime();
    let recorder = Recorder::default();
    let bot = bot_at(db, &runtime, december_3(7, 0), &recorder);
    runtime.block_on(async { bot.engine.start().await.unwrap() });
    subscribe_daily(&bot, 10);
    runtime.block_on(async {
        bot.engine.deliver_pending().await.unwrap();
        bot.reload(vec![briefing("b", "2026-12-03", None)]).await;
        bot.engine.deliver_pending().await.unwrap();
    });
    drop(bot); // down from 07:00 until 09:30

    for minutes in [30, 45] {
        let bot = bot_at(db, &runtime, december_3(9, minutes), &recorder);
        bot.library
            .replace(Arc::new(briefbot::library::Library::new(vec![briefing(
                "b",
                "2026-12-03",
                None,
            )])));
        runtime.block_on(async { bot.engine.start().await.unwrap() });
        drop(bot);
    }
    let calls = recorder.calls_to(10);
    assert_eq!(
        calls.len(),
        1,
        "sent at the first start, not again at the second"
    );
    assert_eq!(calls[0].reply.title, "Daily digest — 2026-12-03");
}

fn a_digest_leaves_out_what_the_filter_rejects_and_records_it_as_skipped(db: &Db) {
    let runtime = paused_runtime();
    let recorder = Recorder::default();
    let bot = bot_at(db, &runtime, december_3(7, 0), &recorder);
    runtime.block_on(async { bot.engine.start().await.unwrap() });
    let changes = Changes {
        filter: briefbot::subscriptions::Edit::Set(
            briefbot::subscriptions::Filter::parse("-actor:lukashenko").unwrap(),
        ),
        ..daily_at_8()
    };
    bot.store
        .subscribe(guild(1), channel(10), &story(), TargetKind::Text, &changes)
        .unwrap();
    let report = runtime.block_on(async {
        bot.engine.deliver_pending().await.unwrap();
        bot.reload(vec![briefing("b", "2026-12-03", None)]).await;
        tokio::time::sleep(Duration::from_secs(3600)).await;
        bot.engine.deliver_pending().await.unwrap()
    });
    assert_eq!(
        (report.requests, report.digests),
        (0, 0),
        "every update was left out"
    );
    let key = UpdateKey::of(&briefing("b", "2026-12-03", None));
    let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Skipped);
    assert_eq!(
        row.last_error.as_deref(),
        Some("filtered out by `-actor:lukashenko`")
    );
    drop(bot);
}

#[test]
fn a_long_digest_is_paged_within_discords_limits() {
    let briefings: Vec<_> = (0..60)
        .map(|number| briefing(&format!("b{number}"), "2026-12-03", None))
        .collect();
    let entries: Vec<_> = briefings
        .iter()
        .map(|briefing| (briefing.as_ref(), UpdateKind::New))
        .collect();
    let post = digest_post("weekly@2026-12-07T00:00:00Z", &entries);
    let pages = embed::render(&post);
    assert!(!pages.is_empty());
    let listed: usize = pages
        .iter()
        .flat_map(|page| &page.embeds)
        .map(|embed| embed.fields.len())
        .sum();
    assert_eq!(listed, 60, "every briefing is listed once");
    for page in &pages {
        assert!(page.embeds.len() <= 10);
        assert!(page.chars() <= 6000, "{} characters", page.chars());
        assert!(page.embeds.iter().all(|embed| embed.fields.len() <= 25));
    }
    assert!(
        pages.iter().map(|page| page.embeds.len()).sum::<usize>() >= 3,
        "60 fields need at least three embeds"
    );
}
