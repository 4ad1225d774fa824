//! Subscriptions, the delivery ledger and update delivery, through the public API, on real
//! SQLite files in temporary folders.
//!
//! New tests go in the module of the part they exercise: `store` for the database alone,
//! `delivery` for the engine with a recording poster, `watch` for the folder watcher, `discord`
//! for the whole bot against the loopback Discord (shared with `tests/discord.rs`).

mod delivery;
mod discord;
#[path = "../support/mod.rs"]
mod discord_support;
mod store;
mod support;
mod watch;
