//! Replicas sharing one store: claims with leases, what a dead replica leaves, heartbeats,
//! and two replicas recording the same reload — on both backends.

use std::collections::HashSet;
use std::time::Duration;

use briefbot::subscriptions::{
    Changes, Claimant, DeliveryOutcome, DeliveryResult, MessageId, Store, TargetKind,
};
use briefbot::updates::detect;

use crate::support::{Db, briefing, channel, guild, on_both_backends, story};

on_both_backends!(
    a_row_claimed_by_one_replica_is_not_claimed_by_another,
    a_dead_replicas_rows_go_to_another_once_its_lease_ran_out,
    a_heartbeat_renews_the_leases_of_the_rows_a_live_replica_holds,
    replicas_claiming_at_once_split_the_rows_without_overlap,
    a_delivered_row_is_never_claimed_again,
    heartbeats_count_the_live_replicas,
    a_replica_that_leaves_frees_its_rows_and_stops_counting_at_once,
    two_replicas_recording_the_same_reload_queue_each_post_once,
);

const HOUR: Duration = Duration::from_secs(3600);

/// `channels` subscribed channels (ids 1..=channels) and one update queued for each.
fn queue_one_update(store: &dyn Store, channels: u64) {
    for id in 1..=channels {
        store
            .subscribe(
                guild(1),
                channel(id),
                &story(),
                TargetKind::Text,
                &Changes::default(),
            )
            .unwrap();
    }
    let recorded = store
        .record_updates(&detect(
            &store.known().unwrap(),
            &[briefing("a", "2026-11-01", None)],
        ))
        .unwrap();
    assert_eq!(recorded[0].queued, usize::try_from(channels).unwrap());
}

fn channels_of(claimed: &[briefbot::subscriptions::DueDelivery]) -> Vec<u64> {
    claimed.iter().map(|due| due.channel().get()).collect()
}

fn a_row_claimed_by_one_replica_is_not_claimed_by_another(db: &Db) {
    let store = db.open();
    queue_one_update(&*store, 3);
    let first = Claimant::named("first", HOUR);
    let second = Claimant::named("second", HOUR);
    assert_eq!(
        channels_of(&store.claim_deliveries(&first, 2).unwrap()),
        [1, 2]
    );
    assert_eq!(
        channels_of(&store.claim_deliveries(&second, 10).unwrap()),
        [3]
    );
    // A replica may claim again what it holds (its next pass after a partial one).
    assert_eq!(
        channels_of(&store.claim_deliveries(&first, 10).unwrap()),
        [1, 2]
    );
    // The claims survive a restart of the store: they are rows, not memory.
    drop(store);
    let store = db.open();
    assert!(
        store
            .claim_deliveries(&Claimant::named("third", HOUR), 10)
            .unwrap()
            .is_empty()
    );
}

fn a_dead_replicas_rows_go_to_another_once_its_lease_ran_out(db: &Db) {
    let store = db.open();
    queue_one_update(&*store, 2);
    // A lease of zero has run out as soon as it is taken: the replica that took it "died".
    let dead = Claimant::named("dead", Duration::ZERO);
    assert_eq!(
        channels_of(&store.claim_deliveries(&dead, 10).unwrap()),
        [1, 2]
    );
    let alive = Claimant::named("alive", HOUR);
    assert_eq!(
        channels_of(&store.claim_deliveries(&alive, 10).unwrap()),
        [1, 2]
    );
    assert!(
        store
            .claim_deliveries(&Claimant::named("late", HOUR), 10)
            .unwrap()
            .is_empty()
    );
}

fn a_heartbeat_renews_the_leases_of_the_rows_a_live_replica_holds(db: &Db) {
    let store = db.open();
    queue_one_update(&*store, 3);
    // "busy" claims with a lease that has run out by the time anyone looks (a batch that
    // took longer than its lease: its share shrank as replicas joined) ...
    let expiring = Claimant::named("busy", Duration::ZERO);
    assert_eq!(
        channels_of(&store.claim_deliveries(&expiring, 2).unwrap()),
        [1, 2]
    );
    // ... but it is alive: its heartbeat renews the lease of every pending row it holds.
    store.heartbeat(&Claimant::named("busy", HOUR)).unwrap();
    let other = Claimant::named("other", HOUR);
    assert_eq!(
        channels_of(&store.claim_deliveries(&other, 10).unwrap()),
        [3],
        "rows held by a live replica are not sent by another"
    );
    // The renewal takes no one else's rows: "other" still holds row 3.
    store.heartbeat(&Claimant::named("busy", HOUR)).unwrap();
    assert_eq!(
        channels_of(&store.claim_deliveries(&other, 10).unwrap()),
        [3]
    );
}

fn replicas_claiming_at_once_split_the_rows_without_overlap(db: &Db) {
    let store = db.open();
    queue_one_update(&*store, 300);
    let claimed: Vec<Vec<u64>> = std::thread::scope(|scope| {
        let replicas: Vec<_> = (0..3)
            .map(|replica| {
                let store = db.open();
                scope.spawn(move || {
                    let claimant = Claimant::named(format!("replica-{replica}"), HOUR);
                    let mut mine = Vec::new();
                    loop {
                        let batch = store.claim_deliveries(&claimant, 7).unwrap();
                        let new: Vec<u64> = channels_of(&batch)
                            .into_iter()
                            .filter(|id| !mine.contains(id))
                            .collect();
                        if new.is_empty() {
                            break mine;
                        }
                        // Deliver them, as the engine would, so the next claim moves on.
                        store
                            .record_outcomes(
                                &batch
                                    .iter()
                                    .map(|due| DeliveryOutcome {
                                        channel: due.channel(),
                                        key: due.key.clone(),
                                        attempts: 1,
                                        result: DeliveryResult::Delivered(
                                            MessageId::new(due.channel().get()).unwrap(),
                                        ),
                                    })
                                    .collect::<Vec<_>>(),
                            )
                            .unwrap();
                        mine.extend(new);
                    }
                })
            })
            .collect();
        replicas
            .into_iter()
            .map(|replica| replica.join().unwrap())
            .collect()
    });
    let all: Vec<u64> = claimed.iter().flatten().copied().collect();
    let distinct: HashSet<u64> = all.iter().copied().collect();
    assert_eq!(all.len(), 300, "every row claimed once: {claimed:?}");
    assert_eq!(distinct.len(), 300);
    assert_eq!(store.ledger_counts().unwrap().delivered, 300);
}

fn a_delivered_row_is_never_claimed_again(db: &Db) {
    let store = db.open();
    queue_one_update(&*store, 1);
    let dead = Claimant::named("dead", Duration::ZERO);
    let due = store.claim_deliveries(&dead, 10).unwrap();
    store
        .record_outcomes(&[DeliveryOutcome {
            channel: due[0].channel(),
            key: due[0].key.clone(),
            attempts: 1,
            result: DeliveryResult::Delivered(MessageId::new(99).unwrap()),
        }])
        .unwrap();
    assert!(
        store
            .claim_deliveries(&Claimant::named("other", HOUR), 10)
            .unwrap()
            .is_empty()
    );
}

fn heartbeats_count_the_live_replicas(db: &Db) {
    let store = db.open();
    let first = Claimant::named("first", HOUR);
    let second = Claimant::named("second", HOUR);
    assert_eq!(store.heartbeat(&first).unwrap(), 1);
    assert_eq!(store.heartbeat(&second).unwrap(), 2);
    assert_eq!(
        store.heartbeat(&first).unwrap(),
        2,
        "a beat is not a new replica"
    );
    store
        .heartbeat(&Claimant::named("dying", Duration::ZERO))
        .unwrap();
    assert_eq!(
        store.heartbeat(&first).unwrap(),
        2,
        "a replica whose beat ran out is gone"
    );
}

fn a_replica_that_leaves_frees_its_rows_and_stops_counting_at_once(db: &Db) {
    let store = db.open();
    queue_one_update(&*store, 3);
    let leaving = Claimant::named("leaving", HOUR);
    let staying = Claimant::named("staying", HOUR);
    assert_eq!(store.heartbeat(&leaving).unwrap(), 1);
    assert_eq!(store.heartbeat(&staying).unwrap(), 2);
    assert_eq!(
        channels_of(&store.claim_deliveries(&leaving, 2).unwrap()),
        [1, 2]
    );
    assert_eq!(
        channels_of(&store.claim_deliveries(&staying, 10).unwrap()),
        [3]
    );
    // A clean stop, an hour before its lease would run out.
    assert_eq!(store.leave(&leaving).unwrap(), 2, "the two rows it held");
    assert_eq!(
        store.heartbeat(&staying).unwrap(),
        1,
        "the one that stays posts at the whole rate"
    );
    assert_eq!(
        channels_of(&store.claim_deliveries(&staying, 10).unwrap()),
        [1, 2, 3],
        "the rows it held are free now, not in an hour"
    );
    // Leaving twice, or without ever beating, frees nothing more.
    assert_eq!(store.leave(&leaving).unwrap(), 0);
    assert_eq!(store.leave(&Claimant::named("stranger", HOUR)).unwrap(), 0);
    assert_eq!(store.heartbeat(&staying).unwrap(), 1);
}

fn two_replicas_recording_the_same_reload_queue_each_post_once(db: &Db) {
    let first = db.open();
    let second = db.open();
    for id in 1..=20 {
        first
            .subscribe(
                guild(1),
                channel(id),
                &story(),
                TargetKind::Text,
                &Changes::default(),
            )
            .unwrap();
    }
    let library = [
        briefing("a", "2026-11-01", None),
        briefing("b", "2026-11-02", None),
    ];
    let recorded: Vec<usize> = std::thread::scope(|scope| {
        [&first, &second]
            .map(|store| {
                let library = &library;
                scope.spawn(move || {
                    let events = detect(&store.known().unwrap(), library);
                    store.record_updates(&events).unwrap().len()
                })
            })
            .into_iter()
            .map(|recording| recording.join().unwrap())
            .collect()
    });
    // Whichever came second found the updates known and recorded nothing new.
    assert_eq!(recorded.iter().sum::<usize>(), 2, "{recorded:?}");
    assert_eq!(first.ledger_counts().unwrap().pending, 40);
}

#[test]
fn a_restarted_sqlite_process_sends_its_last_runs_claims_at_once() {
    let db = Db::new();
    let store = db.open();
    queue_one_update(&*store, 2);
    let last_run = Claimant::named("last-run", HOUR);
    assert_eq!(store.claim_deliveries(&last_run, 10).unwrap().len(), 2);
    drop(store);
    let store = db.open();
    store.requeue_failed().unwrap();
    let this_run = Claimant::named("this-run", HOUR);
    assert_eq!(
        channels_of(&store.claim_deliveries(&this_run, 10).unwrap()),
        [1, 2]
    );
}
