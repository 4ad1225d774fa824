//! The store on its own: schema, subscriptions, update recording and the ledger, across
//! restarts (a `Store` dropped and the same database opened again), on both backends.

use std::sync::Arc;

use briefbot::subscriptions::{Changes, TargetKind};
use briefbot::subscriptions::{
    DeliveryOutcome, DeliveryResult, DeliveryState, MessageId, PauseReason, Store, Subscribed,
    SubscriptionState,
};
use briefbot::updates::{Known, UpdateKey, detect};

use crate::support::{Db, briefing, channel, follow, guild, on_both_backends, story};

on_both_backends!(
    subscribing_twice_is_not_a_second_subscription,
    subscriptions_survive_a_restart,
    a_new_subscription_gets_only_updates_that_appear_after_it,
    recording_the_same_updates_again_changes_nothing_even_after_a_restart,
    what_appeared_while_the_bot_was_down_is_found_from_the_ledger,
    an_update_that_goes_back_in_time_is_not_recorded,
    updates_of_other_stories_are_not_queued,
    outcomes_are_kept_and_failed_deliveries_come_back_after_a_restart,
    pausing_a_channel_skips_its_posts_and_resuming_does_not_backfill,
    removing_a_channel_or_a_guild_drops_its_subscriptions_and_undelivered_posts,
    unsubscribing_drops_undelivered_posts_and_is_reported_once,
    each_channel_gets_its_updates_in_the_order_they_were_noticed,
    the_store_can_be_shared_by_threads,
    a_second_connection_sees_committed_changes,
    pending_deliveries_count_what_waits_and_due_rows_say_when_they_were_noticed,
);

fn message(value: u64) -> MessageId {
    MessageId::new(value).unwrap()
}

fn due_pairs(store: &dyn Store) -> Vec<(u64, String)> {
    store
        .due_deliveries(usize::MAX)
        .unwrap()
        .into_iter()
        .map(|due| (due.channel().get(), due.key.to_string()))
        .collect()
}

/// The reason the adapter gives when Discord refuses a post for lack of Send Messages.
fn refused() -> PauseReason {
    PauseReason::CannotPost {
        needs: vec!["Send Messages".to_owned()],
    }
}

fn subscribing_twice_is_not_a_second_subscription(db: &Db) {
    let store = db.open();
    assert_eq!(
        store
            .subscribe(
                guild(1),
                channel(10),
                &story(),
                TargetKind::Text,
                &Changes::default()
            )
            .unwrap(),
        Subscribed::Created
    );
    assert_eq!(
        store
            .subscribe(
                guild(1),
                channel(10),
                &story(),
                TargetKind::Text,
                &Changes::default()
            )
            .unwrap(),
        Subscribed::AlreadyActive
    );
    assert_eq!(store.subscription_count().unwrap(), 1);
}

fn subscriptions_survive_a_restart(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    follow(&*store, 1, 11);
    follow(&*store, 2, 20);
    drop(store);

    let store = db.open();
    let listed: Vec<u64> = store
        .subscriptions_in_guild(guild(1))
        .unwrap()
        .iter()
        .map(|subscription| subscription.channel.get())
        .collect();
    assert_eq!(listed, [10, 11]);
    let subscription = store.subscription(channel(20), &story()).unwrap().unwrap();
    assert_eq!(subscription.guild, guild(2));
    assert_eq!(subscription.state, SubscriptionState::Active);
}

fn a_new_subscription_gets_only_updates_that_appear_after_it(db: &Db) {
    let store = db.open();
    let before = [
        briefing("old-one", "2026-11-01", None),
        briefing("old-two", "2026-11-02", None),
    ];
    store
        .record_updates(&detect(&Known::new(), &before))
        .unwrap();

    follow(&*store, 1, 10);
    assert!(due_pairs(&*store).is_empty(), "no back catalogue");

    let after = [briefing("fresh", "2026-10-01", None)];
    let recorded = store
        .record_updates(&detect(&store.known().unwrap(), &after))
        .unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].queued, 1);
    // Published earlier than the others, but it appeared after the subscription: delivered.
    assert_eq!(
        due_pairs(&*store),
        [(10, "fresh@2026-10-01T00:00:00Z".to_owned())]
    );
}

fn recording_the_same_updates_again_changes_nothing_even_after_a_restart(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    let library = [
        briefing("a", "2026-11-01", None),
        briefing("b", "2026-11-02", Some("2026-11-03")),
    ];
    let events = detect(&Known::new(), &library);
    assert_eq!(store.record_updates(&events).unwrap().len(), 2);
    assert!(store.record_updates(&events).unwrap().is_empty());
    drop(store);

    let store = db.open();
    assert!(store.record_updates(&events).unwrap().is_empty());
    assert!(
        detect(&store.known().unwrap(), &library).is_empty(),
        "the ledger knows the library"
    );
    assert_eq!(store.ledger_counts().unwrap().pending, 2);
}

fn what_appeared_while_the_bot_was_down_is_found_from_the_ledger(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    let yesterday = [briefing("a", "2026-11-01", None)];
    store
        .record_updates(&detect(&store.known().unwrap(), &yesterday))
        .unwrap();
    drop(store);

    // While down: a new briefing appeared and `a` was updated.
    let today = [
        briefing("a", "2026-11-01", Some("2026-11-05T12:00:00Z")),
        briefing("b", "2026-11-04", None),
    ];
    let store = db.open();
    let missed = detect(&store.known().unwrap(), &today);
    let keys: Vec<_> = missed.iter().map(|event| event.key.to_string()).collect();
    assert_eq!(keys, ["b@2026-11-04T00:00:00Z", "a@2026-11-05T12:00:00Z"]);
    store.record_updates(&missed).unwrap();
    assert_eq!(
        due_pairs(&*store),
        [
            (10, "b@2026-11-04T00:00:00Z".to_owned()),
            (10, "a@2026-11-05T12:00:00Z".to_owned())
        ],
        "a@2026-11-01 was superseded by its update"
    );
    let superseded = store
        .delivery(channel(10), &UpdateKey::of(&yesterday[0]))
        .unwrap()
        .unwrap();
    assert_eq!(superseded.state, DeliveryState::Skipped);
    assert_eq!(
        superseded.last_error.as_deref(),
        Some("superseded by a@2026-11-05T12:00:00Z")
    );
}

fn an_update_that_goes_back_in_time_is_not_recorded(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    let updated = [briefing("a", "2026-11-01", Some("2026-11-09"))];
    store
        .record_updates(&detect(&Known::new(), &updated))
        .unwrap();
    // A detector that forgot the later change offers the earlier one again.
    let earlier = [briefing("a", "2026-11-01", Some("2026-11-05"))];
    assert!(
        store
            .record_updates(&detect(&Known::new(), &earlier))
            .unwrap()
            .is_empty()
    );
}

fn updates_of_other_stories_are_not_queued(db: &Db) {
    let store = db.open();
    let other = briefbot::subscriptions::Story::parse("another-story").unwrap();
    store
        .subscribe(
            guild(1),
            channel(10),
            &other,
            TargetKind::Text,
            &Changes::default(),
        )
        .unwrap();
    follow(&*store, 1, 11);
    store
        .record_updates(&detect(&Known::new(), &[briefing("a", "2026-11-01", None)]))
        .unwrap();
    assert_eq!(
        due_pairs(&*store),
        [(11, "a@2026-11-01T00:00:00Z".to_owned())]
    );
}

fn outcomes_are_kept_and_failed_deliveries_come_back_after_a_restart(db: &Db) {
    let store = db.open();
    for id in [10, 11, 12] {
        follow(&*store, 1, id);
    }
    let library = [briefing("a", "2026-11-01", None)];
    store
        .record_updates(&detect(&Known::new(), &library))
        .unwrap();
    let key = UpdateKey::of(&library[0]);
    store
        .record_outcomes(&[
            DeliveryOutcome {
                channel: channel(10),
                key: key.clone(),
                attempts: 1,
                result: DeliveryResult::Delivered(message(900)),
            },
            DeliveryOutcome {
                channel: channel(11),
                key: key.clone(),
                attempts: 5,
                result: DeliveryResult::Failed("server error 502".to_owned()),
            },
        ])
        .unwrap();
    assert_eq!(due_pairs(&*store), [(12, key.to_string())]);
    drop(store);

    let store = db.open();
    let delivered = store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!(delivered.state, DeliveryState::Delivered);
    assert_eq!(delivered.message_id, Some(message(900)));
    assert_eq!(delivered.attempts, 1);
    let failed = store.delivery(channel(11), &key).unwrap().unwrap();
    assert_eq!(failed.state, DeliveryState::Failed);
    assert_eq!(failed.attempts, 5);
    assert_eq!(failed.last_error.as_deref(), Some("server error 502"));

    assert_eq!(store.requeue_failed().unwrap(), 1);
    assert_eq!(
        due_pairs(&*store),
        [(11, key.to_string()), (12, key.to_string())]
    );
}

fn pausing_a_channel_skips_its_posts_and_resuming_does_not_backfill(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    store
        .record_updates(&detect(&Known::new(), &[briefing("a", "2026-11-01", None)]))
        .unwrap();

    assert_eq!(store.pause_channel(channel(10), &refused()).unwrap(), 1);
    assert!(due_pairs(&*store).is_empty());
    store
        .record_updates(&detect(
            &store.known().unwrap(),
            &[briefing("b", "2026-11-02", None)],
        ))
        .unwrap();
    assert!(
        due_pairs(&*store).is_empty(),
        "a paused channel gets nothing queued"
    );
    drop(store);

    let store = db.open();
    let paused = store.subscription(channel(10), &story()).unwrap().unwrap();
    assert!(
        matches!(&paused.state, SubscriptionState::Paused { reason, .. } if *reason == refused()),
        "{paused:?}"
    );
    assert_eq!(
        store
            .subscribe(
                guild(1),
                channel(10),
                &story(),
                TargetKind::Text,
                &Changes::default()
            )
            .unwrap(),
        Subscribed::Resumed { reason: refused() }
    );
    assert!(
        due_pairs(&*store).is_empty(),
        "nothing from before the resume"
    );
    store
        .record_updates(&detect(
            &store.known().unwrap(),
            &[briefing("c", "2026-11-03", None)],
        ))
        .unwrap();
    assert_eq!(
        due_pairs(&*store),
        [(10, "c@2026-11-03T00:00:00Z".to_owned())]
    );
}

fn removing_a_channel_or_a_guild_drops_its_subscriptions_and_undelivered_posts(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    follow(&*store, 1, 11);
    follow(&*store, 2, 20);
    follow(&*store, 2, 21);
    store
        .record_updates(&detect(&Known::new(), &[briefing("a", "2026-11-01", None)]))
        .unwrap();

    assert_eq!(store.remove_channel(channel(10)).unwrap(), 1);
    assert_eq!(store.remove_guild_of(channel(20)).unwrap(), 2);
    assert_eq!(store.remove_guild(guild(2)).unwrap(), 0, "already gone");
    drop(store);

    let store = db.open();
    assert_eq!(store.subscription_count().unwrap(), 1);
    assert_eq!(
        due_pairs(&*store),
        [(11, "a@2026-11-01T00:00:00Z".to_owned())]
    );
    assert!(store.deliveries_to(channel(20)).unwrap().is_empty());
}

fn unsubscribing_drops_undelivered_posts_and_is_reported_once(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    store
        .record_updates(&detect(&Known::new(), &[briefing("a", "2026-11-01", None)]))
        .unwrap();
    assert!(store.unsubscribe(channel(10), &story()).unwrap());
    assert!(!store.unsubscribe(channel(10), &story()).unwrap());
    assert!(due_pairs(&*store).is_empty());
    assert_eq!(store.ledger_counts().unwrap().pending, 0);
}

fn each_channel_gets_its_updates_in_the_order_they_were_noticed(db: &Db) {
    let store = db.open();
    follow(&*store, 1, 10);
    for id in ["x", "y", "z"] {
        store
            .record_updates(&detect(
                &store.known().unwrap(),
                &[briefing(id, "2026-11-01", None)],
            ))
            .unwrap();
    }
    let order: Vec<String> = due_pairs(&*store).into_iter().map(|(_, key)| key).collect();
    assert_eq!(
        order,
        [
            "x@2026-11-01T00:00:00Z",
            "y@2026-11-01T00:00:00Z",
            "z@2026-11-01T00:00:00Z"
        ]
    );
}

fn the_store_can_be_shared_by_threads(db: &Db) {
    let store = db.open();
    let threads: Vec<_> = (0..8u64)
        .map(|thread| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                for offset in 0..50 {
                    let id = 1000 + thread * 100 + offset;
                    follow(&*store, thread + 1, id);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(store.subscription_count().unwrap(), 400);
    let recorded = store
        .record_updates(&detect(&Known::new(), &[briefing("a", "2026-11-01", None)]))
        .unwrap();
    assert_eq!(recorded[0].queued, 400);
}

fn a_second_connection_sees_committed_changes(db: &Db) {
    let first = db.open();
    let second = db.open();
    follow(&*first, 1, 10);
    assert_eq!(second.subscription_count().unwrap(), 1);
}

fn pending_deliveries_count_what_waits_and_due_rows_say_when_they_were_noticed(db: &Db) {
    let store = db.open();
    assert_eq!(store.pending_deliveries().unwrap(), 0);
    for id in [20, 21, 22] {
        follow(&*store, 1, id);
    }
    let library = [briefing("a", "2026-11-01", None)];
    // The store keeps milliseconds: widen the window to whole ones.
    let before = std::time::SystemTime::now() - std::time::Duration::from_millis(1);
    store
        .record_updates(&detect(&Known::new(), &library))
        .unwrap();
    let after = std::time::SystemTime::now() + std::time::Duration::from_millis(1);
    assert_eq!(store.pending_deliveries().unwrap(), 3);
    let due = store.due_deliveries(10).unwrap();
    assert_eq!(due.len(), 3);
    for row in &due {
        assert!(
            (before..=after).contains(&row.noticed_at),
            "noticed at {:?}, recorded between {before:?} and {after:?}",
            row.noticed_at
        );
    }
    let key = UpdateKey::of(&library[0]);
    store
        .record_outcomes(&[
            DeliveryOutcome {
                channel: channel(20),
                key: key.clone(),
                attempts: 1,
                result: DeliveryResult::Delivered(message(901)),
            },
            DeliveryOutcome {
                channel: channel(21),
                key,
                attempts: 5,
                result: DeliveryResult::Failed("server error 502".to_owned()),
            },
        ])
        .unwrap();
    assert_eq!(store.pending_deliveries().unwrap(), 1);
}
