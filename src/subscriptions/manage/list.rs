//! `/subscriptions`: every subscription of the server with how it posts and whether it is
//! paused, and why.

use crate::reply::{Field, Reply};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::ids::{ChannelId, GuildId};
use crate::subscriptions::model::{Subscription, SubscriptionState};
use crate::subscriptions::store::Store;

use super::words::{date, sentence};
use crate::text::plural;

/// The server's subscriptions: per subscription its target kind, story, mention, filter, mode,
/// and paused state with the reason. `label` names a channel.
pub fn list(
    store: &dyn Store,
    guild: GuildId,
    label: impl Fn(ChannelId) -> String,
) -> Result<Reply, StoreError> {
    let subscriptions = store.subscriptions_in_guild(guild)?;
    if subscriptions.is_empty() {
        return Ok(Reply::info(
            "No subscriptions",
            "No channel of this server follows a story. Run /subscribe in a channel to start.",
        ));
    }
    let paused = subscriptions
        .iter()
        .filter(|subscription| matches!(subscription.state, SubscriptionState::Paused { .. }))
        .count();
    let mut text = format!(
        "{} in this server, {} paused.",
        plural(subscriptions.len(), "subscription"),
        paused
    );
    if paused > 0 {
        text.push_str(" Fix what a paused one names, then run /subscribe in its channel again.");
    }
    let mut reply = Reply::info("Subscriptions", text);
    reply.fields = subscriptions
        .iter()
        .map(|subscription| field(subscription, &label))
        .collect();
    Ok(reply)
}

fn field(subscription: &Subscription, label: &impl Fn(ChannelId) -> String) -> Field {
    let settings = &subscription.settings;
    let name = format!("{} · {}", label(subscription.channel), subscription.story);
    let state = match &subscription.state {
        SubscriptionState::Active => {
            format!("Active since {}.", date(subscription.created_at))
        }
        SubscriptionState::Paused { reason, since } => {
            format!(
                "Paused since {}: {}",
                date(*since),
                sentence(&reason.to_string())
            )
        }
    };
    let mention = settings
        .mention
        .map_or_else(|| "none".to_owned(), |role| format!("<@&{role}>"));
    let filter = settings.filter.as_ref().map_or_else(
        || "none (every briefing)".to_owned(),
        |filter| format!("`{filter}`"),
    );
    let value = format!(
        "{}: {}\nMention: {mention}\nFilter: {filter}\nPosts: {}",
        capitalised(settings.kind.label()),
        state,
        settings.mode
    );
    Field::new(name, value)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
