//! The store's file (and PostgreSQL database): created at the current schema (SQLite's in WAL
//! mode), migrated from older schemas with nothing lost, and refused with a clear error when it
//! cannot be used.

use briefbot::subscriptions::{
    Location, Mode, PauseReason, SqliteStore, Store, StoreError, SubscriptionState, Subscriptions,
    TargetKind,
};

use crate::support::{Db, channel, story};

fn due_pairs(store: &dyn Store) -> Vec<(u64, String)> {
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

    let store = db.open_sqlite();
    assert_eq!(store.schema_version().unwrap(), 3);
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
    let store = db.open_sqlite();
    assert!(db.path().exists());
    assert_eq!(store.journal_mode().unwrap(), "wal");
    assert_eq!(store.schema_version().unwrap(), 3);
    drop(store);
    assert_eq!(db.open_sqlite().schema_version().unwrap(), 3);
}

#[test]
fn a_database_from_a_newer_briefbot_is_refused_untouched() {
    let db = Db::new();
    drop(db.open_sqlite());
    let connection = rusqlite::Connection::open(db.path()).unwrap();
    connection.pragma_update(None, "user_version", 7).unwrap();
    drop(connection);
    let error = SqliteStore::open(&db.path()).unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::TooNew {
                found: 7,
                known: 3,
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
    let error = SqliteStore::open(&db.path()).unwrap_err();
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
    let error = SqliteStore::open(&db.path()).unwrap_err();
    assert!(matches!(error, StoreError::CreateDir { .. }), "{error:?}");
}

#[test]
fn a_postgres_database_is_migrated_once_even_by_replicas_starting_together() {
    let db = Db::postgres();
    let stores: Vec<_> = std::thread::scope(|scope| {
        let opening: Vec<_> = (0..3).map(|_| scope.spawn(|| db.open())).collect();
        opening
            .into_iter()
            .map(|open| open.join().unwrap())
            .collect()
    });
    for store in &stores {
        assert_eq!(store.schema_version().unwrap(), 3);
    }
    drop(stores);
    assert_eq!(db.open().schema_version().unwrap(), 3);
}

#[test]
fn a_postgres_database_from_a_newer_briefbot_is_refused_untouched() {
    let db = Db::postgres();
    let store = db.open();
    store
        .subscribe(
            crate::support::guild(1),
            channel(10),
            &story(),
            TargetKind::Text,
            &Default::default(),
        )
        .unwrap();
    drop(store);
    let Location::Postgres(url) = db.location() else {
        unreachable!("a PostgreSQL Db");
    };
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .execute("UPDATE briefbot_schema SET version = 7", &[])
        .unwrap();
    let error = briefbot::subscriptions::open(&db.location()).unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::TooNewDatabase {
                found: 7,
                known: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("newer than this briefbot knows"),
        "{error}"
    );
    let kept: i64 = client
        .query_one("SELECT COUNT(*) FROM subscriptions", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, 1);
}

#[test]
fn an_unreachable_postgres_server_is_a_clear_error_without_the_password() {
    // Nothing listens on port 1 of 127.0.0.1.
    let location = Location::parse("postgres://bot:hunter2@127.0.0.1:1/briefbot").unwrap();
    let error = briefbot::subscriptions::open(&location).unwrap_err();
    assert!(matches!(error, StoreError::Connect { .. }), "{error:?}");
    let shown = error.to_string();
    assert!(
        shown.starts_with(
            "cannot connect to the subscriptions database postgres://bot:***@127.0.0.1:1/briefbot"
        ),
        "{shown}"
    );
    assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
}
