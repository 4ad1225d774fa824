//! Subscriptions and the delivery ledger, kept in SQLite so they survive restarts.
//!
//! A [`Subscription`] makes a channel follow a story from the moment it is made (its cursor).
//! Every update the bot notices is recorded once, and for each subscribed channel a row of the
//! delivery ledger is written as pending before the post goes out and marked delivered after.
//! [`manage`] is what the admin commands decide and reply.

mod error;
mod ids;
pub mod manage;
mod schema;
mod store;

pub use error::StoreError;
pub use ids::{ChannelId, GuildId, MessageId, Story};
pub use store::{
    Delivery, DeliveryOutcome, DeliveryResult, DeliveryState, DueDelivery, LedgerCounts,
    RecordedUpdate, Store, Subscribed, Subscription, SubscriptionState, UpdateSeq,
};
