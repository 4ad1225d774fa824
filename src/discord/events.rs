//! Gateway events poise does not handle itself: button clicks, and channels or servers that
//! went away (their subscriptions are pruned).

use poise::serenity_prelude::{FullEvent, Interaction, UnavailableGuild};
use poise::{BoxFuture, FrameworkContext};

use crate::subscriptions::{ChannelId, GuildId};

use super::{Data, Error, buttons};

/// poise's `event_handler`: routes component interactions to the buttons, and prunes
/// subscriptions on CHANNEL_DELETE and on a GUILD_DELETE that means the bot was removed.
pub fn handle<'a>(
    framework: FrameworkContext<'a, Data, Error>,
    event: &'a FullEvent,
) -> BoxFuture<'a, Result<(), Error>> {
    Box::pin(async move {
        let data = framework.user_data;
        match event {
            FullEvent::InteractionCreate {
                interaction: Interaction::Component(component),
            } => buttons::handle(framework.serenity_context, component, data).await?,
            FullEvent::ChannelDelete { channel, .. } => {
                if let Some(channel) = ChannelId::new(channel.id.get()) {
                    let removed = data
                        .store(move |store| store.remove_channel(channel))
                        .await?;
                    if removed > 0 {
                        tracing::info!(%channel, removed, "channel deleted; its subscriptions removed");
                    }
                }
            }
            FullEvent::GuildDelete { incomplete, .. } if bot_removed(incomplete) => {
                if let Some(guild) = GuildId::new(incomplete.id.get()) {
                    let removed = data.store(move |store| store.remove_guild(guild)).await?;
                    tracing::info!(%guild, removed, "removed from a server; its subscriptions removed");
                }
            }
            _ => {}
        }
        Ok(())
    })
}

/// Whether a GUILD_DELETE means the bot left or was removed. With `unavailable: true` it is an
/// outage: the server comes back, and its subscriptions must still be there.
fn bot_removed(guild: &UnavailableGuild) -> bool {
    !guild.unavailable
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outage_is_not_a_removal() {
        let event = |json: &str| serde_json::from_str::<UnavailableGuild>(json).unwrap();
        assert!(!bot_removed(&event(r#"{"id": "1", "unavailable": true}"#)));
        assert!(bot_removed(&event(r#"{"id": "1"}"#)));
        assert!(bot_removed(&event(r#"{"id": "1", "unavailable": false}"#)));
    }
}
