//! The Discord adapter: slash commands over poise and serenity, thin handlers around
//! [`crate::answer::answer`] and [`crate::subscriptions::manage`]. The only module that names
//! `serenity` or `poise`.
//!
//! - [`bot`]: the start-up check, the client, registration and shutdown of `briefbot run`.
//! - `commands`: one poise command per slash command (parse options → answer → send).
//! - `subscribe`: `/subscribe`, `/unsubscribe` and `/subscriptions`, with their permission checks.
//! - `permissions`: what the bot may do in a channel, and which of the permissions posts need
//!   it lacks.
//! - [`poster`]: the [`crate::updates::Poster`] that sends posts over serenity's `Http`, to
//!   channels, threads, forums and announcement channels.
//! - `answers`: Discord's answers to those posts decoded into what they mean for delivery (the
//!   only place that knows Discord's error codes).
//! - `autocomplete`: choices for the `briefing` and `story` options.
//! - `send`: a reply rendered by [`crate::render::embed`] sent as messages.
//! - `buttons`: the buttons under `/summary` and their clicks.
//! - `events`: button clicks, and pruning subscriptions when a channel or server goes away.
//! - `instrument`: what the metrics count — commands, autocomplete, REST answers — and the
//!   shards the probes read.
//! - `errors`: what a user sees when something fails, and what is logged.
//! - `registration`: the bulk overwrite of the commands, in a guild or globally.

mod answers;
mod autocomplete;
pub mod bot;
mod buttons;
mod commands;
mod errors;
mod events;
mod instrument;
mod permissions;
pub mod poster;
mod registration;
mod send;
mod subscribe;

use std::sync::Arc;

use crate::library::Library;
use crate::ops::Metrics;
use crate::subscriptions::{Store, StoreError};
use crate::updates::SharedLibrary;

pub use bot::{Bot, Gateway, RunError};
pub use poster::DiscordPoster;

/// What every handler can reach.
pub struct Data {
    /// The current snapshot of the briefings, swapped by the folder watcher.
    library: SharedLibrary,
    /// Subscriptions, changed by the admin commands and pruned by gateway events.
    store: Arc<dyn Store>,
    /// What the commands, autocomplete and replies count.
    metrics: Arc<Metrics>,
    /// Sends `/subscribe test:true`'s test post the way deliveries are sent.
    poster: DiscordPoster,
}

impl Data {
    /// The current library snapshot; the lock is held only to clone the `Arc`.
    fn library(&self) -> Arc<Library> {
        self.library.current()
    }

    /// Runs a store call on the blocking pool, so SQLite never stalls the gateway's workers.
    async fn store<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, Error> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || call(store.as_ref()))
            .await
            .map_err(|error| Error::Task(error.to_string()))?
            .map_err(Error::Store)
    }
}

/// Why a handler failed: always something on our side or Discord's side of the wire, since
/// user mistakes are answered as replies, not errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A request to Discord failed.
    #[error("discord request failed: {0}")]
    Discord(#[from] poise::serenity_prelude::Error),
    /// The subscriptions database failed.
    #[error("subscriptions store: {0}")]
    Store(#[source] StoreError),
    /// A blocking task panicked or was cancelled.
    #[error("store task failed: {0}")]
    Task(String),
    /// Discord did not answer a permission lookup in time.
    #[error("discord did not answer in time")]
    Timeout,
}

/// The poise context of our commands.
type Context<'a> = poise::Context<'a, Data, Error>;
