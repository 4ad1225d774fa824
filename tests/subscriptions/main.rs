//! Subscriptions, the delivery ledger and update delivery, through the public API, on real
//! SQLite files in temporary folders and real PostgreSQL databases (`crates/pgtest`).
//!
//! New tests go in the module of the part they exercise: `store` for the database alone, run
//! on both backends (`schema` for its file and migrations, `claims` for replicas sharing one;
//! `replicas` and `shards` for several `briefbot run` processes on one), `shares` for replicas
//! dividing `delivery_rate`, `delivery` for the engine with a recording poster (`errors` for
//! Discord's errors there), `digests` for digests on tokio's paused clock,
//! `watch` for the folder watcher; against the loopback Discord (`harness`): `discord` for the
//! whole bot, `faults` for Discord's errors and a SIGKILL, `options` for `/subscribe`'s
//! options, `targets` for forums, threads and announcement channels.

mod claims;
mod delivery;
mod digests;
mod discord;
#[path = "../support/mod.rs"]
mod discord_support;
mod errors;
mod faults;
mod harness;
mod options;
mod replicas;
mod schema;
mod shards;
mod shares;
mod store;
mod support;
mod targets;
mod watch;
