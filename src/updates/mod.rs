//! Noticing new and updated briefings and delivering them to subscribed channels.
//!
//! - [`diff`]: old vs new library snapshot → update events (pure).
//! - [`event`]: update events and their stable keys (pure).

mod diff;
mod event;
#[cfg(test)]
pub(crate) mod testing;

pub use diff::{Known, detect, diff, known_of};
pub use event::{ChangedAt, UpdateEvent, UpdateKey, UpdateKind};
