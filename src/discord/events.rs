//! Gateway events poise does not handle itself: button clicks.

use poise::serenity_prelude::{FullEvent, Interaction};
use poise::{BoxFuture, FrameworkContext};

use super::{Data, Error, buttons};

/// poise's `event_handler`: routes component interactions to the buttons.
pub fn handle<'a>(
    framework: FrameworkContext<'a, Data, Error>,
    event: &'a FullEvent,
) -> BoxFuture<'a, Result<(), Error>> {
    Box::pin(async move {
        if let FullEvent::InteractionCreate {
            interaction: Interaction::Component(component),
        } = event
        {
            buttons::handle(framework.serenity_context, component, framework.user_data).await?;
        }
        Ok(())
    })
}
