//! Subscriptions and the delivery ledger, kept in SQLite (one process) or PostgreSQL (any
//! number of replicas) so they survive restarts.
//!
//! A [`Subscription`] makes a channel follow a story from the moment it is made (its cursor),
//! posting as its [`Settings`] say: where (a text or announcement channel, a forum, a thread),
//! whom it mentions, which briefings its [`Filter`] lets through, and whether each update or a
//! digest per period. Every update the bot notices is recorded once ([`event`]), and for each
//! subscribed channel a row of the delivery ledger is written as pending before the post goes
//! out and marked delivered after. [`manage`] is what the admin commands decide and reply.
//!
//! This layer knows nothing of the delivery engine (`updates` builds on it) nor of Discord.

mod error;
pub mod event;
mod filter;
mod ids;
pub mod manage;
mod model;
mod pause;
mod schedule;
mod schema;
mod schema_postgres;
mod store;

pub use error::StoreError;
pub use event::{ChangedAt, Known, UpdateEvent, UpdateKey, UpdateKind};
pub use filter::{FILTER_MAX, Filter, FilterError, TERMS_MAX, Verdict};
pub use ids::{ChannelId, GuildId, MessageId, RoleId, Story};
pub use model::{
    Changes, Delivery, DeliveryOutcome, DeliveryResult, DeliveryState, Destination, DueDelivery,
    Edit, LedgerCounts, RecordedUpdate, Settings, Subscribed, Subscription, SubscriptionState,
    TargetKind, UpdateSeq,
};
pub use pause::PauseReason;
pub use schedule::{DEFAULT_HOUR, DigestPeriod, Hour, Mode, Period, latest_due, next_due};
pub use store::digests::{DigestOutcome, DueDigest};
pub use store::{
    Claimant, Digests, Ledger, Location, PostgresStore, SqliteStore, Store, Subscriptions, open,
};
