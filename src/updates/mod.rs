//! Noticing new and updated briefings and delivering them to subscribed channels.
//!
//! - [`diff`]: old vs new library snapshot → update events (pure).
//! - [`event`]: update events and their stable keys (pure).
//! - [`update_post`]: the post a channel receives for an update (pure).

mod diff;
mod event;
mod post;
#[cfg(test)]
pub(crate) mod testing;

pub use diff::{Known, detect, diff, known_of};
pub use event::{ChangedAt, UpdateEvent, UpdateKey, UpdateKind};
pub use post::update_post;
