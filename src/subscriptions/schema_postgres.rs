//! PostgreSQL's schema: the same versions as SQLite's (`schema.rs`, side by side — version N
//! here holds what version N there holds), in PostgreSQL's dialect, applied at connect under
//! an advisory lock so that replicas starting together migrate once.

use tokio_postgres::Client;

/// Each script moves the schema one version up; index 0 makes version 1. Released scripts are
/// never edited — a change is a new script here and in `schema.rs`.
const MIGRATIONS: &[&str] = &[
    // Version 1: subscriptions, the updates the bot has noticed, and the delivery ledger.
    r#"
    CREATE TABLE subscriptions (
        channel_id    BIGINT  NOT NULL,
        story         TEXT    NOT NULL,
        guild_id      BIGINT  NOT NULL,
        created_at    BIGINT  NOT NULL,           -- Unix milliseconds
        state         TEXT    NOT NULL CHECK (state IN ('active', 'paused')),
        paused_reason TEXT,
        paused_at     BIGINT,
        cursor        BIGINT  NOT NULL,
        PRIMARY KEY (channel_id, story),
        CHECK ((state = 'paused') = (paused_reason IS NOT NULL))
    );
    CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id);
    CREATE INDEX subscriptions_by_story ON subscriptions (story, state, cursor);

    CREATE TABLE updates (
        seq           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key           TEXT    NOT NULL UNIQUE,
        briefing_id   TEXT    NOT NULL,
        story         TEXT    NOT NULL,
        kind          TEXT    NOT NULL CHECK (kind IN ('new', 'updated')),
        changed_secs  BIGINT  NOT NULL,
        changed_nanos BIGINT  NOT NULL,
        noticed_at    BIGINT  NOT NULL
    );
    CREATE INDEX updates_by_briefing ON updates (briefing_id, changed_secs, changed_nanos);

    CREATE TABLE deliveries (
        channel_id    BIGINT  NOT NULL,
        update_key    TEXT    NOT NULL REFERENCES updates (key),
        state         TEXT    NOT NULL
                      CHECK (state IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts      BIGINT  NOT NULL DEFAULT 0,
        last_error    TEXT,
        created_at    BIGINT  NOT NULL,
        updated_at    BIGINT  NOT NULL,
        message_id    BIGINT,
        PRIMARY KEY (channel_id, update_key),
        CHECK ((state = 'delivered') = (message_id IS NOT NULL))
    );
    CREATE INDEX deliveries_pending ON deliveries (channel_id, update_key)
        WHERE state = 'pending';
    CREATE INDEX deliveries_by_update ON deliveries (update_key);
    "#,
    // Version 2: how each subscription posts, pause reasons as codes, digests in the ledger.
    r#"
    ALTER TABLE subscriptions ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'text'
        CHECK (target_kind IN ('text', 'announcement', 'forum', 'thread'));
    ALTER TABLE subscriptions ADD COLUMN mention_role BIGINT;
    ALTER TABLE subscriptions ADD COLUMN filter TEXT;
    ALTER TABLE subscriptions ADD COLUMN mode TEXT NOT NULL DEFAULT 'each'
        CHECK (mode IN ('each', 'daily', 'weekly'));
    ALTER TABLE subscriptions ADD COLUMN digest_hour BIGINT
        CHECK (digest_hour BETWEEN 0 AND 23);
    ALTER TABLE subscriptions ADD COLUMN paused_needs TEXT;

    ALTER TABLE deliveries ADD COLUMN digest TEXT;
    CREATE INDEX deliveries_by_digest ON deliveries (channel_id, digest) WHERE digest IS NOT NULL;

    CREATE TABLE digests (
        channel_id    BIGINT  NOT NULL,
        story         TEXT    NOT NULL,
        period        TEXT    NOT NULL,
        state         TEXT    NOT NULL
                      CHECK (state IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts      BIGINT  NOT NULL DEFAULT 0,
        last_error    TEXT,
        created_at    BIGINT  NOT NULL,
        updated_at    BIGINT  NOT NULL,
        message_id    BIGINT,
        PRIMARY KEY (channel_id, story, period),
        CHECK ((state = 'delivered') = (message_id IS NOT NULL))
    );
    "#,
    // Version 3: leases on pending deliveries and the replicas' heartbeats.
    r#"
    ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
    ALTER TABLE deliveries ADD COLUMN lease_until BIGINT;
    CREATE TABLE replicas (
        id            TEXT    PRIMARY KEY,
        alive_until   BIGINT  NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub(super) const CURRENT: i64 = MIGRATIONS.len() as i64;

/// The advisory lock key under which the schema is migrated ("brfbot" in ASCII).
const MIGRATION_LOCK: i64 = 0x6272_6662_6f74;

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub(super) enum MigrateError {
    /// The database was written by a newer briefbot.
    TooNew(i64),
    /// PostgreSQL refused a step.
    Postgres(i64, tokio_postgres::Error),
}

/// Applies every migration past the database's version, all in one transaction.
pub(super) async fn migrate(client: &mut Client) -> Result<(), MigrateError> {
    let at = |version| move |error| MigrateError::Postgres(version, error);
    let transaction = client.transaction().await.map_err(at(0))?;
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(at(0))?;
    transaction
        .batch_execute("CREATE TABLE IF NOT EXISTS briefbot_schema (version BIGINT NOT NULL)")
        .await
        .map_err(at(0))?;
    let found: i64 = transaction
        .query_opt("SELECT version FROM briefbot_schema", &[])
        .await
        .map_err(at(0))?
        .map_or(Ok(0), |row| row.try_get(0))
        .map_err(at(0))?;
    if found > CURRENT {
        return Err(MigrateError::TooNew(found));
    }
    for (index, script) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let version = index as i64 + 1;
        transaction
            .batch_execute(script)
            .await
            .map_err(at(version))?;
    }
    transaction
        .execute("DELETE FROM briefbot_schema", &[])
        .await
        .map_err(at(CURRENT))?;
    transaction
        .execute(
            "INSERT INTO briefbot_schema (version) VALUES ($1)",
            &[&CURRENT],
        )
        .await
        .map_err(at(CURRENT))?;
    transaction.commit().await.map_err(at(CURRENT))
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_backends_know_the_same_versions() {
        assert_eq!(super::CURRENT, super::super::schema::CURRENT);
    }
}
