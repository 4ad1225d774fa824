//! Noticing new and updated briefings and delivering them to subscribed channels.
//!
//! - [`diff`]/[`detect`]: a library snapshot against what was seen before → update events
//!   (pure); [`event`](UpdateEvent) names each with a stable [`UpdateKey`].
//! - [`update_post`]: the post a channel receives for an update (pure).
//! - [`Poster`]: the one call delivery needs from Discord; tests record instead.
//! - [`Deliverer`]: the delivery engine over the ledger in [`crate::subscriptions`];
//!   [`DeliveryObserver`] hears how each delivery ended (the metrics, in the running bot).
//! - [`SharedLibrary`]: the snapshot the bot serves, swapped whole on a clean reload.
//! - [`FolderWatcher`]: reloads on change; [`reload`] is its one step (load, check, swap).

mod delivery;
mod diff;
mod event;
mod limiter;
mod observer;
mod post;
mod poster;
mod shared;
mod shutdown;
#[cfg(test)]
pub(crate) mod testing;
mod watch;

pub use delivery::{Deliverer, DeliveryConfig, DeliveryError, DeliveryReport};
pub use diff::{Known, detect, diff, known_of};
pub use event::{ChangedAt, UpdateEvent, UpdateKey, UpdateKind};
pub use limiter::RateLimiter;
pub use observer::{DeliveryObserver, Unobserved};
pub use post::update_post;
pub use poster::{NONCE_MAX, Nonce, PostError, Poster};
pub use shared::SharedLibrary;
pub use shutdown::{Shutdown, ShutdownTrigger, interrupted, shutdown_signal};
pub use watch::{FolderWatcher, Reload, WatchError, reload};
