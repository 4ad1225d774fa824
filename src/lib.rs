//! briefbot briefs a Discord community on one running news story.
//!
//! Data flows one way: files → domain → renderers → transports.
//!
//! - [`briefing`]: the model, parsing and validation of one briefing file (pure).
//! - [`diagnostic`]: located problems, printed `path:line:col: error: what — how to fix`.
//! - [`library`]: the loaded set of briefings — lookup, order, search, suggestions (pure).
//! - [`load`]: reads a briefings folder from disk into a library plus diagnostics (I/O).
//! - [`answer`]: one function from a library and a [`answer::Command`] to a [`reply::Reply`].
//! - [`render`]: a reply as terminal text, or as embeds that honour Discord's limits.
//! - [`verify`]: quotes checked against the article text they come from (pure).
//! - [`text`]: folding, edit distance and truncation shared by the layers.
//! - [`config`]: `config/briefbot.toml` plus environment overrides; the token only from the
//!   environment.
//! - [`discord`]: the Discord adapter (poise + serenity), the only module that names them.
//! - [`derive`]: drafts a briefing from an article's text (quotes, speakers, actors, questions; pure).
//! - [`subscriptions`]: the SQLite store of subscriptions and the delivery ledger (I/O).
//! - [`updates`]: update events from library snapshots, and their delivery to channels.
//! - [`ops`]: operating the running bot — Prometheus metrics, health and readiness probes, logs.
//! - [`service`]: `briefbot run` as a whole — briefings, watcher, store, delivery, gateway —
//!   under one shutdown signal.

#![warn(missing_docs, rust_2018_idioms)]

pub mod answer;
pub mod briefing;
pub mod config;
pub mod derive;
pub mod diagnostic;
pub mod discord;
pub mod library;
pub mod load;
pub mod ops;
pub mod render;
pub mod reply;
pub mod service;
pub mod subscriptions;
pub mod text;
pub mod updates;
pub mod verify;
