//! Noticing new and updated briefings and delivering them to subscribed channels.
//!
//! - [`diff`]/[`detect`]: a library snapshot against what was seen before → update events
//!   (pure), each named by a stable [`UpdateKey`] (the ledger's vocabulary, re-exported from
//!   [`crate::subscriptions`], on which this layer builds and which never imports it).
//! - [`update_post`], [`digest_post`], [`test_post`]: what a channel receives (pure).
//! - [`Poster`]: the one call delivery needs from Discord; tests record instead.
//! - [`Deliverer`]: the delivery engine over the ledger in [`crate::subscriptions`], with a
//!   [`Clock`] that tests drive with tokio's paused time; [`DeliveryObserver`] hears how each
//!   delivery ended (the metrics, in the running bot).
//! - [`SharedLibrary`]: the snapshot the bot serves, swapped whole on a clean reload.
//! - [`FolderWatcher`]: reloads on change; [`reload`] is its one step (load, check, swap).

mod clock;
mod delivery;
mod diff;
mod limiter;
mod observer;
mod post;
mod poster;
mod shared;
mod shutdown;
#[cfg(test)]
pub(crate) mod testing;
mod watch;

pub use crate::subscriptions::{ChangedAt, Known, UpdateEvent, UpdateKey, UpdateKind};
pub use clock::Clock;
pub use delivery::{Deliverer, DeliveryConfig, DeliveryError, DeliveryReport};
pub use diff::{detect, diff, known_of};
pub use limiter::{RateLimiter, Share};
pub use observer::{DeliveryObserver, Unobserved};
pub use post::{digest_post, test_post, update_post};
pub use poster::{NONCE_MAX, Nonce, Outgoing, PostError, Poster};
pub use shared::SharedLibrary;
pub use shutdown::{Shutdown, ShutdownTrigger, interrupted, shutdown_signal};
pub use watch::{FolderWatcher, Reload, WatchError, reload};
