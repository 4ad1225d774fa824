//! The values the store keeps and hands out: subscriptions with their settings, ledger rows,
//! and what delivery needs to send one post. No SQL here; `store` maps them to rows.

use std::time::SystemTime;

use crate::briefing::BriefingId;

use super::event::{UpdateEvent, UpdateKey, UpdateKind};
use super::filter::Filter;
use super::ids::{ChannelId, GuildId, MessageId, RoleId, Story};
use super::pause::PauseReason;
use super::schedule::Mode;

/// The position of an update in the order the bot noticed it; subscriptions compare against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UpdateSeq(pub i64);

/// What kind of channel a subscription posts in; each is posted to differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetKind {
    /// A text channel: one message per post.
    Text,
    /// An announcement channel: one message per post, published to following servers.
    Announcement,
    /// A forum channel: one new forum post (a thread) per post.
    Forum,
    /// A thread: one message per post in it, reopened when archived.
    Thread,
}

impl TargetKind {
    /// The word the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Announcement => "announcement",
            Self::Forum => "forum",
            Self::Thread => "thread",
        }
    }

    /// Reads back what [`TargetKind::as_str`] wrote.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Text, Self::Announcement, Self::Forum, Self::Thread]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// How an admin calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "text channel",
            Self::Announcement => "announcement channel",
            Self::Forum => "forum",
            Self::Thread => "thread",
        }
    }
}

/// Where a post goes: the channel, its server, and what kind of channel it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Destination {
    /// The server, for lookups a forum post needs.
    pub guild: GuildId,
    /// The channel or thread.
    pub channel: ChannelId,
    /// How to post there.
    pub kind: TargetKind,
}

/// How a subscription posts: where, whom it mentions, what it lets through, how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The kind of channel.
    pub kind: TargetKind,
    /// The role mentioned (and only it pinged) in each post.
    pub mention: Option<RoleId>,
    /// Which briefings are posted; `None` posts every one of the story.
    pub filter: Option<Filter>,
    /// One post per update, or a digest per period.
    pub mode: Mode,
}

impl Settings {
    /// A plain subscription of a channel of this kind: every update, no mention.
    pub fn plain(kind: TargetKind) -> Self {
        Self {
            kind,
            mention: None,
            filter: None,
            mode: Mode::EachUpdate,
        }
    }
}

/// A change to one setting asked by `/subscribe`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Edit<T> {
    /// Leave it as it is (a new subscription gets the default).
    #[default]
    Keep,
    /// Set it.
    Set(T),
    /// Remove it.
    Clear,
}

impl<T: Clone> Edit<T> {
    /// The value after this change.
    pub fn apply(&self, current: Option<T>) -> Option<T> {
        match self {
            Self::Keep => current,
            Self::Set(value) => Some(value.clone()),
            Self::Clear => None,
        }
    }
}

/// What `/subscribe` asks to change besides making the channel follow the story.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// The role to mention.
    pub mention: Edit<RoleId>,
    /// The filter.
    pub filter: Edit<Filter>,
    /// Each update or a digest; `None` keeps it.
    pub mode: Option<Mode>,
}

/// A channel following a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// The server the channel belongs to, so `/subscriptions` can list a server's channels.
    pub guild: GuildId,
    /// Where update posts go.
    pub channel: ChannelId,
    /// Which story's updates it receives.
    pub story: Story,
    /// When it was first made.
    pub created_at: SystemTime,
    /// Active, or paused with the reason the admin must fix.
    pub state: SubscriptionState,
    /// Only updates after this one are delivered (no back catalogue).
    pub cursor: UpdateSeq,
    /// How it posts.
    pub settings: Settings,
}

/// Whether a subscription receives posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubscriptionState {
    /// Posts are delivered.
    Active,
    /// Delivery stopped because Discord refused it; re-subscribing resumes it.
    Paused {
        /// Why, in words an admin can act on.
        reason: PauseReason,
        /// When it was paused.
        since: SystemTime,
    },
}

/// What `subscribe` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscribed {
    /// A new subscription.
    Created,
    /// It already existed, active, with these settings: nothing changed.
    AlreadyActive,
    /// It already existed, active; its settings changed.
    Changed,
    /// It existed paused and is active again, from now on.
    Resumed {
        /// Why it had been paused.
        reason: PauseReason,
    },
}

/// An update the store recorded, and how many channels it was queued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedUpdate {
    /// The event as detected.
    pub event: UpdateEvent,
    /// Its place in the order of updates.
    pub seq: UpdateSeq,
    /// How many (channel, update) rows were written as pending.
    pub queued: usize,
}

/// Where a (channel, update) delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryState {
    /// Recorded, not yet confirmed by Discord; sent (again) by the next delivery pass.
    Pending,
    /// Discord created the message (for a digest: the digest's first message).
    Delivered,
    /// Gave up for this run; made pending again at the next start.
    Failed,
    /// Will never be sent (superseded, briefing gone, filtered out, subscription paused).
    Skipped,
}

impl DeliveryState {
    /// The word the store keeps.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Skipped => "skipped",
        }
    }

    /// Reads back what [`DeliveryState::as_str`] wrote.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Failed, Self::Skipped]
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// One row of the delivery ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The receiving channel.
    pub channel: ChannelId,
    /// The update delivered.
    pub key: UpdateKey,
    /// Where it stands.
    pub state: DeliveryState,
    /// How many times a post was sent for it, across runs.
    pub attempts: u32,
    /// The last error, or why it was skipped.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: SystemTime,
    /// When its state last changed.
    pub updated_at: SystemTime,
    /// The message Discord created, once delivered.
    pub message_id: Option<MessageId>,
    /// The digest it goes out in (its period), for a digest subscription.
    pub digest: Option<String>,
}

/// A pending delivery ready to be sent: everything the engine needs to build and send the post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDelivery {
    /// Where it goes.
    pub destination: Destination,
    /// The update to post.
    pub key: UpdateKey,
    /// The update's place in the order; a channel receives its updates in this order.
    pub seq: UpdateSeq,
    /// The briefing to post.
    pub briefing: BriefingId,
    /// New or updated.
    pub kind: UpdateKind,
    /// The role the post mentions.
    pub mention: Option<RoleId>,
    /// What the subscription lets through.
    pub filter: Option<Filter>,
    /// When the row was queued: a forum post made since then may be this one.
    pub queued_at: SystemTime,
    /// When the bot noticed the update (the start of the delivery lag).
    pub noticed_at: SystemTime,
}

impl DueDelivery {
    /// The receiving channel.
    pub fn channel(&self) -> ChannelId {
        self.destination.channel
    }
}

/// How a delivery ended, written back to the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryOutcome {
    /// The receiving channel.
    pub channel: ChannelId,
    /// The update.
    pub key: UpdateKey,
    /// Posts sent in this run (added to the ledger's count).
    pub attempts: u32,
    /// The result.
    pub result: DeliveryResult,
}

/// The result part of a [`DeliveryOutcome`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryResult {
    /// Discord created this message.
    Delivered(MessageId),
    /// Gave up for this run, with the last error.
    Failed(String),
    /// Will never be sent, and why.
    Skipped(String),
}

/// How many ledger rows are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LedgerCounts {
    /// Waiting to be sent.
    pub pending: usize,
    /// Confirmed by Discord.
    pub delivered: usize,
    /// Given up for this run.
    pub failed: usize,
    /// Never to be sent.
    pub skipped: usize,
}
