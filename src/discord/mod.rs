//! The Discord adapter: slash commands over poise and serenity, thin handlers around
//! [`crate::answer::answer`]. The only module that names `serenity` or `poise`.
//!
//! - [`bot`]: the start-up check, the client, registration and shutdown of `briefbot run`.
//! - `commands`: one poise command per slash command (parse options → answer → send).
//! - `autocomplete`: choices for the `briefing` and `story` options.
//! - `send`: a reply rendered by [`crate::render::embed`] sent as messages.
//! - `buttons`: the buttons under `/summary` and their clicks.
//! - `errors`: what a user sees when something fails, and what is logged.
//! - `registration`: the bulk overwrite of the commands, in a guild or globally.
//! - `shutdown`: SIGINT and SIGTERM.

mod autocomplete;
pub mod bot;
mod buttons;
mod commands;
mod errors;
mod events;
mod registration;
mod send;
mod shutdown;

use std::sync::{Arc, RwLock};

use crate::library::Library;

pub use bot::{Bot, RunError};
pub use shutdown::signal as shutdown_signal;

/// The library the bot answers from; a reload swaps the inner `Arc` in one step.
pub type SharedLibrary = Arc<RwLock<Arc<Library>>>;

/// What every handler can reach.
pub struct Data {
    /// The current snapshot of the briefings.
    library: SharedLibrary,
}

impl Data {
    /// The current library snapshot; the lock is held only to clone the `Arc`.
    fn library(&self) -> Arc<Library> {
        match self.library.read() {
            Ok(library) => Arc::clone(&library),
            // A writer that panicked left a whole snapshot behind; keep answering from it.
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }
}

/// Why a handler failed: always something on Discord's side of the wire, since user mistakes
/// are answered as replies, not errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A request to Discord failed.
    #[error("discord request failed: {0}")]
    Discord(#[from] poise::serenity_prelude::Error),
}

/// The poise context of our commands.
type Context<'a> = poise::Context<'a, Data, Error>;
