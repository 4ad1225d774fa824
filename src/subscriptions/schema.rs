//! The store's schema: an ordered list of migrations, applied at open under `user_version`.
//!
//! Hand-rolled rather than rusqlite_migration: that crate pins one exact rusqlite release per
//! version (and its current release needs a newer Rust than ours), while all we need is the
//! loop below — apply the scripts past `PRAGMA user_version` in one immediate transaction and
//! refuse a database written by a newer briefbot.

use rusqlite::{Connection, TransactionBehavior};

/// Each script moves the schema one version up; index 0 makes version 1. Released scripts are
/// never edited — a change is a new script appended here.
const MIGRATIONS: &[&str] = &[
    // Version 1: subscriptions, the updates the bot has noticed, and the delivery ledger.
    r#"
    -- One row per (channel, story) that follows a story.
    CREATE TABLE subscriptions (
        channel_id    INTEGER NOT NULL,
        story         TEXT    NOT NULL,
        guild_id      INTEGER NOT NULL,
        created_at    INTEGER NOT NULL,           -- Unix milliseconds
        state         TEXT    NOT NULL CHECK (state IN ('active', 'paused')),
        paused_reason TEXT,
        paused_at     INTEGER,
        -- The newest update seq that existed when the subscription was made or resumed:
        -- only later updates are delivered, so a subscription never gets the back catalogue.
        cursor        INTEGER NOT NULL,
        PRIMARY KEY (channel_id, story),
        CHECK ((state = 'paused') = (paused_reason IS NOT NULL))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id);
    CREATE INDEX subscriptions_by_story ON subscriptions (story, state, cursor);

    -- Every update event the bot has noticed, in the order it noticed them.
    CREATE TABLE updates (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so cursors stay true
        key           TEXT    NOT NULL UNIQUE,
        briefing_id   TEXT    NOT NULL,
        story         TEXT    NOT NULL,
        kind          TEXT    NOT NULL CHECK (kind IN ('new', 'updated')),
        changed_secs  INTEGER NOT NULL,            -- the briefing's last change, UTC
        changed_nanos INTEGER NOT NULL,
        noticed_at    INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX updates_by_briefing ON updates (briefing_id, changed_secs, changed_nanos);

    -- The delivery ledger: one row per (channel, update), written as pending before the post.
    CREATE TABLE deliveries (
        channel_id    INTEGER NOT NULL,
        update_key    TEXT    NOT NULL REFERENCES updates (key),
        state         TEXT    NOT NULL
                      CHECK (state IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        message_id    INTEGER,
        PRIMARY KEY (channel_id, update_key),
        CHECK ((state = 'delivered') = (message_id IS NOT NULL))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX deliveries_pending ON deliveries (channel_id, update_key)
        WHERE state = 'pending';
    CREATE INDEX deliveries_by_update ON deliveries (update_key);
    "#,
    // Version 2: how each subscription posts (target kind, mention, filter, digest), pause
    // reasons as codes with the permissions they name, and digests in the ledger.
    r#"
    ALTER TABLE subscriptions ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'text'
        CHECK (target_kind IN ('text', 'announcement', 'forum', 'thread'));
    ALTER TABLE subscriptions ADD COLUMN mention_role INTEGER;
    ALTER TABLE subscriptions ADD COLUMN filter TEXT;       -- canonical filter text
    ALTER TABLE subscriptions ADD COLUMN mode TEXT NOT NULL DEFAULT 'each'
        CHECK (mode IN ('each', 'daily', 'weekly'));
    ALTER TABLE subscriptions ADD COLUMN digest_hour INTEGER
        CHECK (digest_hour BETWEEN 0 AND 23);
    -- paused_reason now holds a code (version 1 rows keep their words); these are the
    -- permissions the reason names, one per line.
    ALTER TABLE subscriptions ADD COLUMN paused_needs TEXT;

    -- The digest a ledger row goes out in (its period key), once one claimed it.
    ALTER TABLE deliveries ADD COLUMN digest TEXT;
    CREATE INDEX deliveries_by_digest ON deliveries (channel_id, digest) WHERE digest IS NOT NULL;

    -- One row per (subscription, period) whose digest was claimed: written as pending, with
    -- its ledger rows assigned, before anything is posted.
    CREATE TABLE digests (
        channel_id    INTEGER NOT NULL,
        story         TEXT    NOT NULL,
        period        TEXT    NOT NULL,            -- e.g. daily@2026-12-03T08:00:00Z
        state         TEXT    NOT NULL
                      CHECK (state IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        message_id    INTEGER,
        PRIMARY KEY (channel_id, story, period),
        CHECK ((state = 'delivered') = (message_id IS NOT NULL))
    ) STRICT, WITHOUT ROWID;
    "#,
    // Version 3: leases on pending deliveries (which replica holds a row, until when) and the
    // replicas' heartbeats, so that several processes can share one database.
    r#"
    ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
    ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;    -- Unix milliseconds
    CREATE TABLE replicas (
        id            TEXT    PRIMARY KEY,
        alive_until   INTEGER NOT NULL              -- Unix milliseconds
    ) STRICT, WITHOUT ROWID;
    "#,
];

/// The schema version this build writes.
pub(super) const CURRENT: i64 = MIGRATIONS.len() as i64;

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub(super) enum MigrateError {
    /// The file was written by a newer briefbot.
    TooNew(i64),
    /// SQLite refused a step.
    Sqlite(i64, rusqlite::Error),
}

/// Applies every migration past the file's `user_version`, all in one transaction.
pub(super) fn migrate(connection: &mut Connection) -> Result<(), MigrateError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|error| MigrateError::Sqlite(0, error))?;
    let found: i64 = transaction
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|error| MigrateError::Sqlite(0, error))?;
    if found > CURRENT {
        return Err(MigrateError::TooNew(found));
    }
    for (index, script) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let version = index as i64 + 1;
        transaction
            .execute_batch(script)
            .map_err(|error| MigrateError::Sqlite(version, error))?;
    }
    transaction
        .pragma_update(None, "user_version", CURRENT)
        .and_then(|()| transaction.commit())
        .map_err(|error| MigrateError::Sqlite(CURRENT, error))
}
