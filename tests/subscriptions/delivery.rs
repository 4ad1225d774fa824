//! The delivery engine with a recording poster, on tokio's paused clock: what is posted where,
//! how often, and how each Discord error is handled — across restarts of the "process", the
//! restart and crash tests on both backends.

use std::num::{NonZeroU32, NonZeroUsize};
use std::sync::Arc;
use std::time::Duration;

use briefbot::library::Library;
use briefbot::subscriptions::{Changes, TargetKind};
use briefbot::subscriptions::{DeliveryState, MessageId};
use briefbot::updates::{
    Deliverer, DeliveryConfig, Nonce, Reload, SharedLibrary, Shutdown, UpdateKey,
};

use crate::support::{
    Bot, Db, Recorder, Scripted, briefing, channel, on_both_backends, paused_runtime, story,
};

/// Gaps between consecutive calls, in milliseconds.
fn gaps(calls: &[crate::support::Call]) -> Vec<u128> {
    calls
        .windows(2)
        .map(|pair| (pair[1].at - pair[0].at).as_millis())
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_new_briefing_reaches_each_subscribed_channel_once_and_no_other() {
    let db = Db::new();
    let recorder = Recorder::default();
    recorder.allow_only(&[10, 11]);
    let bot = Bot::start(&db, vec![briefing("a", "2026-11-20", None)], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.subscribe(11);
    let other = briefbot::subscriptions::Story::parse("another-story").unwrap();
    bot.store
        .subscribe(
            crate::support::guild(1),
            channel(12),
            &other,
            TargetKind::Text,
            &Changes::default(),
        )
        .unwrap();

    bot.reload(vec![
        briefing("a", "2026-11-20", None),
        briefing("b", "2026-11-27", None),
    ])
    .await;
    let report = bot.engine.deliver_pending().await.unwrap();

    assert_eq!(report.delivered, 2);
    assert_eq!(recorder.messages_in(10), 1);
    assert_eq!(recorder.messages_in(11), 1);
    let call = &recorder.calls_to(10)[0];
    assert_eq!(call.reply.title, "Title of b");
    assert_eq!(call.reply.fields[0].name, "Key quote");
    assert!(call.reply.fields[0].value.contains("We will not, said b."));
    let key = UpdateKey::of(&briefing("b", "2026-11-27", None));
    assert_eq!(call.nonce, Nonce::of(&key, channel(10)).to_string());

    let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Delivered);
    assert_eq!(row.attempts, 1);
    assert!(row.message_id.is_some());

    assert_eq!(bot.engine.deliver_pending().await.unwrap().delivered, 0);
    assert_eq!(recorder.calls().len(), 2, "nothing is posted twice");
}

#[tokio::test(start_paused = true)]
async fn a_subscription_gets_nothing_from_before_it() {
    let db = Db::new();
    let recorder = Recorder::default();
    recorder.allow_only(&[]);
    let bot = Bot::start(&db, vec![briefing("a", "2026-11-20", None)], &recorder);
    bot.engine.start().await.unwrap();
    bot.reload(vec![
        briefing("a", "2026-11-20", None),
        briefing("b", "2026-11-27", None),
    ])
    .await;
    bot.subscribe(10);
    bot.engine.deliver_pending().await.unwrap();
    assert!(recorder.calls().is_empty());
}

#[tokio::test(start_paused = true)]
async fn an_updated_briefing_is_posted_again_with_what_is_new() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![briefing("a", "2026-11-20", None)], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.reload(vec![briefing(
        "a",
        "2026-11-20",
        Some("2026-11-21T08:00:00Z"),
    )])
    .await;
    bot.engine.deliver_pending().await.unwrap();

    let calls = recorder.calls_to(10);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].reply.title, "Updated: Title of a");
    assert_eq!(calls[0].reply.fields[0].name, "What's new");
    assert_eq!(calls[0].reply.fields[0].value, "Moscow answered a.");
}

#[tokio::test(start_paused = true)]
async fn reloading_the_same_content_posts_nothing() {
    let db = Db::new();
    let recorder = Recorder::default();
    recorder.allow_only(&[]);
    let set = || vec![briefing("a", "2026-11-20", Some("2026-11-22"))];
    let bot = Bot::start(&db, set(), &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    for _ in 0..3 {
        bot.reload(set()).await;
        bot.engine.deliver_pending().await.unwrap();
    }
    assert!(recorder.calls().is_empty());
}

#[tokio::test(start_paused = true)]
async fn what_appeared_while_the_bot_was_down_is_posted_at_start_once() {
    let db = Db::new();
    let recorder = Recorder::default();
    {
        let bot = Bot::start(&db, vec![briefing("a", "2026-11-20", None)], &recorder);
        bot.engine.start().await.unwrap();
        bot.subscribe(10);
        bot.subscribe(11);
    }
    let while_down = || {
        vec![
            briefing("a", "2026-11-20", Some("2026-11-23")),
            briefing("b", "2026-11-22", None),
        ]
    };
    let bot = Bot::start(&db, while_down(), &recorder);
    let report = bot.engine.start().await.unwrap();
    assert_eq!(report.delivered, 4);
    let titles: Vec<String> = recorder
        .calls_to(10)
        .into_iter()
        .map(|call| call.reply.title)
        .collect();
    assert_eq!(
        titles,
        ["Title of b", "Updated: Title of a"],
        "oldest first"
    );
    drop(bot);

    let bot = Bot::start(&db, while_down(), &recorder);
    bot.engine.start().await.unwrap();
    assert_eq!(recorder.calls().len(), 4, "a second restart posts nothing");
}

on_both_backends!(
    pending_deliveries_are_delivered_once_after_a_restart,
    a_post_discord_created_before_a_crash_is_not_doubled_by_the_resend,
);

fn pending_deliveries_are_delivered_once_after_a_restart(db: &Db) {
    let recorder = Recorder::default();
    let runtime = paused_runtime();
    {
        let bot = Bot::start(db, vec![briefing("a", "2026-11-20", None)], &recorder);
        runtime.block_on(async { bot.engine.start().await.unwrap() });
        for id in 10..15 {
            bot.subscribe(id);
        }
        // Recorded as pending, then the process stops before sending anything.
        runtime.block_on(bot.reload(vec![briefing("b", "2026-11-27", None)]));
        assert_eq!(bot.store.ledger_counts().unwrap().pending, 5);
    }
    let set = || vec![briefing("b", "2026-11-27", None)];
    let bot = Bot::start(db, set(), &recorder);
    let delivered = runtime.block_on(async { bot.engine.start().await.unwrap().delivered });
    assert_eq!(delivered, 5);
    drop(bot);
    let bot = Bot::start(db, set(), &recorder);
    let delivered = runtime.block_on(async { bot.engine.start().await.unwrap().delivered });
    assert_eq!(delivered, 0, "a second restart posts nothing");
    for id in 10..15 {
        assert_eq!(recorder.calls_to(id).len(), 1, "channel {id}");
    }
    drop(bot);
}

fn a_post_discord_created_before_a_crash_is_not_doubled_by_the_resend(db: &Db) {
    // A short lease: on PostgreSQL the restarted process is another replica, which sends the
    // dead one's claim once its lease ran out (SQLite drops a dead run's leases at start).
    let lease = Duration::from_millis(200);
    let config = || DeliveryConfig {
        lease,
        ..DeliveryConfig::default()
    };
    let recorder = Recorder::default();
    let runtime = paused_runtime();
    let first_message;
    {
        let bot = Bot::start_with(
            db,
            vec![briefing("a", "2026-11-20", None)],
            &recorder,
            config(),
        );
        runtime.block_on(async { bot.engine.start().await.unwrap() });
        bot.subscribe(10);
        recorder.script(10, [Scripted::CreateThenHang]);
        let report = runtime.block_on(async {
            bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
            let engine = bot.engine.clone();
            let pass = tokio::spawn(async move { engine.deliver_pending().await });
            recorder.wait_for_calls(1).await;
            // The process dies while Discord's answer is on its way.
            bot.shutdown.trigger();
            pass.await.unwrap().unwrap()
        });
        assert_eq!(report.delivered, 0);
        assert_eq!(bot.store.ledger_counts().unwrap().pending, 1);
        first_message = recorder.messages_in(10);
    }
    assert_eq!(first_message, 1, "Discord has the message");
    // Leases are wall-clock time, not tokio's paused clock.
    std::thread::sleep(lease);

    let bot = Bot::start_with(
        db,
        vec![briefing("b", "2026-11-27", None)],
        &recorder,
        config(),
    );
    let delivered = runtime.block_on(async { bot.engine.start().await.unwrap().delivered });
    assert_eq!(delivered, 1);
    let calls = recorder.calls_to(10);
    assert_eq!(calls.len(), 2, "sent again after the restart");
    assert_eq!(calls[0].nonce, calls[1].nonce, "with the same nonce");
    assert_eq!(recorder.messages_in(10), 1, "so the channel shows it once");
    let key = UpdateKey::of(&briefing("b", "2026-11-27", None));
    let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!(row.message_id, MessageId::new(1));
    drop(bot);
}

#[tokio::test(start_paused = true)]
async fn posts_are_paced_by_the_client_side_rate_limit() {
    let db = Db::new();
    let recorder = Recorder::default();
    let config = DeliveryConfig {
        rate_per_second: NonZeroU32::new(10).unwrap(),
        ..DeliveryConfig::default()
    };
    let bot = Bot::start_with(&db, vec![], &recorder, config);
    bot.engine.start().await.unwrap();
    for id in 100..130 {
        bot.subscribe(id);
    }
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    let start = tokio::time::Instant::now();
    assert_eq!(bot.engine.deliver_pending().await.unwrap().delivered, 30);
    let calls = recorder.calls();
    assert!(
        gaps(&calls).iter().all(|&gap| gap == 100),
        "{:?}",
        gaps(&calls)
    );
    assert_eq!(
        calls.last().unwrap().at - start,
        Duration::from_millis(2900)
    );
}

#[tokio::test(start_paused = true)]
async fn concurrency_is_bounded() {
    let db = Db::new();
    let recorder = Recorder::default();
    recorder.set_latency(Duration::from_millis(500));
    let config = DeliveryConfig {
        concurrency: NonZeroUsize::new(4).unwrap(),
        rate_per_second: NonZeroU32::new(1000).unwrap(),
        ..DeliveryConfig::default()
    };
    let bot = Bot::start_with(&db, vec![], &recorder, config);
    bot.engine.start().await.unwrap();
    for id in 100..120 {
        bot.subscribe(id);
    }
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    assert_eq!(bot.engine.deliver_pending().await.unwrap().delivered, 20);
    assert_eq!(recorder.max_in_flight(), 4);
}

#[tokio::test(start_paused = true)]
async fn an_update_superseded_before_it_was_sent_is_skipped() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    bot.reload(vec![briefing("b", "2026-11-27", Some("2026-11-28"))])
        .await;
    let report = bot.engine.deliver_pending().await.unwrap();
    assert_eq!(report.delivered, 1);
    let titles: Vec<String> = recorder
        .calls()
        .into_iter()
        .map(|call| call.reply.title)
        .collect();
    assert_eq!(titles, ["Updated: Title of b"]);
}

#[tokio::test(start_paused = true)]
async fn a_briefing_removed_before_it_was_sent_is_skipped() {
    let db = Db::new();
    let recorder = Recorder::default();
    recorder.allow_only(&[]);
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    bot.reload(vec![]).await;
    let report = bot.engine.deliver_pending().await.unwrap();
    assert_eq!((report.skipped, report.requests), (1, 0));
    let key = UpdateKey::of(&briefing("b", "2026-11-27", None));
    let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Skipped);
    assert_eq!(
        row.last_error.as_deref(),
        Some("briefing b is no longer in the library")
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_is_posted_while_the_library_has_never_loaded_cleanly() {
    let db = Db::new();
    let recorder = Recorder::default();
    {
        let bot = Bot::start(&db, vec![briefing("a", "2026-11-20", None)], &recorder);
        bot.engine.start().await.unwrap();
        bot.subscribe(10);
    }
    // Restart with a broken file beside a new valid one: serve, record, but do not post.
    let store = db.open();
    let partial = vec![
        briefing("a", "2026-11-20", None),
        briefing("b", "2026-11-27", None),
    ];
    let library = SharedLibrary::new(Arc::new(Library::new(partial.clone())), false);
    recorder.allow_only(&[]);
    let engine = Deliverer::new(
        Arc::clone(&store),
        recorder.clone(),
        library.clone(),
        DeliveryConfig::default(),
        Shutdown::never(),
    );
    let report = engine.start().await.unwrap();
    assert!(report.held);
    assert!(engine.try_deliver_one().await.unwrap().is_none());
    assert_eq!(
        store.ledger_counts().unwrap().pending,
        1,
        "b was noticed, not posted"
    );

    // The editor fixes the file: the clean set is posted from.
    recorder.allow_only(&[10]);
    library.replace(Arc::new(Library::new(partial)));
    engine.notice(library.current()).await.unwrap();
    assert_eq!(engine.deliver_pending().await.unwrap().delivered, 1);
}

#[tokio::test(start_paused = true)]
async fn try_deliver_one_sends_exactly_the_oldest_due_post() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    bot.reload(vec![
        briefing("b", "2026-11-27", None),
        briefing("c", "2026-11-20", None),
    ])
    .await;

    let report = bot.engine.try_deliver_one().await.unwrap().unwrap();
    assert_eq!(report.delivered, 1);
    assert_eq!(
        recorder.calls()[0].reply.title,
        "Title of b",
        "noticed first, sent first"
    );
    assert_eq!(bot.store.ledger_counts().unwrap().pending, 1);
    bot.engine.try_deliver_one().await.unwrap().unwrap();
    assert!(bot.engine.try_deliver_one().await.unwrap().is_none());
    assert_eq!(recorder.calls().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn the_running_loop_delivers_each_reload_and_stops_on_shutdown() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![briefing("a", "2026-11-20", None)], &recorder);
    bot.engine.prepare().await.unwrap();
    bot.subscribe(10);
    let (libraries, receiver) = tokio::sync::mpsc::channel(4);
    let running = tokio::spawn(bot.engine.clone().run(receiver));

    bot.library.replace(Arc::new(Library::new(vec![
        briefing("a", "2026-11-20", None),
        briefing("b", "2026-11-27", None),
    ])));
    libraries
        .send(Reload::Swapped {
            library: bot.library.current(),
            warnings: vec![],
        })
        .await
        .unwrap();
    recorder.wait_for_calls(1).await;

    bot.shutdown.trigger();
    running.await.unwrap();
    let titles: Vec<String> = recorder
        .calls()
        .into_iter()
        .map(|call| call.reply.title)
        .collect();
    assert_eq!(titles, ["Title of b"]);
}

#[tokio::test(start_paused = true)]
async fn shutdown_during_an_unanswered_post_leaves_it_pending_for_the_next_start() {
    let db = Db::new();
    let recorder = Recorder::default();
    {
        let bot = Bot::start(&db, vec![], &recorder);
        bot.engine.start().await.unwrap();
        bot.subscribe(10);
        recorder.script(10, [Scripted::Hang]);
        bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
        let engine = bot.engine.clone();
        let pass = tokio::spawn(async move { engine.deliver_pending().await });
        recorder.wait_for_calls(1).await;
        bot.shutdown.trigger();
        let report = pass.await.unwrap().unwrap();
        assert_eq!((report.delivered, report.failed), (0, 0));
        assert_eq!(bot.store.ledger_counts().unwrap().pending, 1);
    }
    let bot = Bot::start(&db, vec![briefing("b", "2026-11-27", None)], &recorder);
    assert_eq!(bot.engine.start().await.unwrap().delivered, 1);
    assert_eq!(recorder.messages_in(10), 1);
}

#[tokio::test(start_paused = true)]
async fn the_poster_is_told_the_kind_of_channel_and_the_role_to_mention() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    let role = briefbot::subscriptions::RoleId::new(77).unwrap();
    let changes = Changes {
        mention: briefbot::subscriptions::Edit::Set(role),
        ..Changes::default()
    };
    bot.store
        .subscribe(
            crate::support::guild(1),
            channel(10),
            &story(),
            TargetKind::Forum,
            &changes,
        )
        .unwrap();
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    bot.engine.deliver_pending().await.unwrap();
    let calls = recorder.calls_to(10);
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].kind, calls[0].mention),
        (TargetKind::Forum, Some(role))
    );
}
