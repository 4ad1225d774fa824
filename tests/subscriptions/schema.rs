//! The store's file: created in WAL mode at the current schema, migrated from older schemas
//! with nothing lost, and refused with a clear error when it cannot be used.

use briefbot::subscriptions::{
    Mode, PauseReason, Store, StoreError, SubscriptionState, TargetKind,
};

use crate::support::{Db, channel, story};

fn due_pairs(store: &Store) -> Vec<(u64, String)> {
    store
        .due_deliveries(usize::MAX)
        .unwrap()
        .into_iter()
        .map(|due| (due.channel().get(), due.key.to_string()))
        .collect()
}

#[test]
fn a_version_1_database_keeps_everything_through_the_migration() {
    let db = Db::new();
    std::fs::create_dir_all(db.path().parent().unwrap()).unwrap();
    let connection = rusqlite::Connection::open(db.path()).unwrap();
    // What briefbot's schema version 1 wrote, verbatim, and rows an older bot left behind.
    connection
        .execute_batch(include_str!("../fixtures/schema-v1.sql"))
        .unwrap();
    drop(connection);

    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), 2);
    let paused = store.subscription(channel(10), &story()).unwrap().unwrap();
    let SubscriptionState::Paused { reason, .. } = &paused.state else {
        panic!("not paused: {paused:?}");
    };
    assert_eq!(
        *reason,
        PauseReason::Legacy("briefbot may not post here (Discord: Missing Permissions)".into())
    );
    assert_eq!(paused.settings.kind, TargetKind::Text);
    assert_eq!(paused.settings.mode, Mode::EachUpdate);
    assert_eq!(
        (
            paused.settings.mention.is_none(),
            paused.settings.filter.is_none()
        ),
        (true, true)
    );
    let active = store.subscription(channel(11), &story()).unwrap().unwrap();
    assert_eq!(active.state, SubscriptionState::Active);
    assert_eq!(
        due_pairs(&store),
        [(11, "a@2026-11-01T00:00:00Z".to_owned())]
    );
}

#[test]
fn opening_creates_the_file_in_wal_mode_at_the_current_schema() {
    let db = Db::new();
    let store = db.open();
    assert!(db.path().exists());
    assert_eq!(store.journal_mode().unwrap(), "wal");
    assert_eq!(store.schema_version().unwrap(), 2);
    drop(store);
    assert_eq!(db.open().schema_version().unwrap(), 2);
}

#[test]
fn a_database_from_a_newer_briefbot_is_refused_untouched() {
    let db = Db::new();
    drop(db.open());
    let connection = rusqlite::Connection::open(db.path()).unwrap();
    connection.pragma_update(None, "user_version", 7).unwrap();
    drop(connection);
    let error = Store::open(&db.path()).unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::TooNew {
                found: 7,
                known: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("newer than this briefbot knows"),
        "{error}"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_a_clear_error() {
    let db = Db::new();
    std::fs::create_dir_all(db.path().parent().unwrap()).unwrap();
    std::fs::write(
        db.path(),
        "this is not sqlite, just text that is long enough to fail",
    )
    .unwrap();
    let error = Store::open(&db.path()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("cannot open the subscriptions database"),
        "{error}"
    );
}

#[test]
fn a_folder_that_cannot_be_created_is_a_clear_error() {
    let db = Db::new();
    let blocker = db.dir.path().join("data");
    std::fs::write(&blocker, "a file where the folder should be").unwrap();
    let error = Store::open(&db.path()).unwrap_err();
    assert!(matches!(error, StoreError::CreateDir { .. }), "{error:?}");
}
