//! poise's `on_error`, replaced: a user mistake gets its own ephemeral message, anything else
//! is logged with context and the user gets a short generic line — never raw error text.

use poise::serenity_prelude::{CreateInteractionResponse, CreateInteractionResponseMessage};
use poise::{BoxFuture, FrameworkError};

use crate::ops::metrics::InteractionOutcome;
use crate::reply::Reply;

use super::{Context, Data, Error, instrument, send};

/// What a user sees when something broke on our side.
fn generic() -> Reply {
    Reply::error(
        "Something went wrong",
        "That did not work on my side; it has been logged. Please try again in a moment.",
    )
}

/// The `on_error` of the framework.
pub fn on_error(error: FrameworkError<'_, Data, Error>) -> BoxFuture<'_, ()> {
    Box::pin(handle(error))
}

async fn handle(error: FrameworkError<'_, Data, Error>) {
    if let Some(ctx) = error.ctx() {
        let outcome = match &error {
            FrameworkError::Command { .. }
            | FrameworkError::CommandPanic { .. }
            | FrameworkError::CommandStructureMismatch { .. } => InteractionOutcome::Failed,
            _ => InteractionOutcome::Refused,
        };
        instrument::finished(ctx, outcome).await;
    }
    match error {
        FrameworkError::ArgumentParse {
            error, input, ctx, ..
        } => {
            tracing::debug!(%error, ?input, command = %ctx.command().qualified_name, "option could not be parsed");
            let reply = Reply::error(
                "I could not read that option",
                "Pick a value from the list, or leave the option out.",
            );
            tell(ctx, &reply).await;
        }
        FrameworkError::MissingBotPermissions {
            missing_permissions,
            ctx,
            ..
        } => {
            let reply = Reply::error(
                "I lack a permission here",
                format!(
                    "I need {missing_permissions} in this channel; a server admin can grant it."
                ),
            );
            tell(ctx, &reply).await;
        }
        FrameworkError::MissingUserPermissions {
            missing_permissions,
            ctx,
            ..
        } => {
            let needed = missing_permissions
                .map_or_else(|| "a permission".to_owned(), |missing| missing.to_string());
            tell(
                ctx,
                &Reply::error(
                    "You lack a permission here",
                    format!("This command needs {needed}."),
                ),
            )
            .await;
        }
        FrameworkError::CooldownHit {
            remaining_cooldown,
            ctx,
            ..
        } => {
            let seconds = remaining_cooldown.as_secs().max(1);
            tell(
                ctx,
                &Reply::error("Not so fast", format!("Try again in {seconds} s.")),
            )
            .await;
        }
        FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(%error, command = %ctx.command().qualified_name, "command failed");
            tell(ctx, &generic()).await;
        }
        FrameworkError::CommandPanic { payload, ctx, .. } => {
            tracing::error!(?payload, command = %ctx.command().qualified_name, "command panicked");
            tell(ctx, &generic()).await;
        }
        FrameworkError::CommandStructureMismatch {
            description, ctx, ..
        } => {
            // Discord sent options our command does not declare: the registration is stale.
            tracing::error!(description, command = %ctx.command().qualified_name, "registered command differs from the code");
            tell(ctx.into(), &generic()).await;
        }
        FrameworkError::UnknownInteraction {
            interaction,
            framework,
            ..
        } => {
            tracing::warn!(command = %interaction.data.name, "interaction for a command this bot does not have; the registration is stale");
            let reply = Reply::error(
                "That command is gone",
                "It was removed from briefbot; `/help` lists the current ones.",
            );
            let mut message = CreateInteractionResponseMessage::new()
                .ephemeral(true)
                .allowed_mentions(send::no_mentions());
            for page in crate::render::embed::render(&reply).iter().take(1) {
                message = message.embeds(send::embeds(page));
            }
            let response = CreateInteractionResponse::Message(message);
            if let Err(error) = interaction
                .create_response(framework.serenity_context, response)
                .await
            {
                tracing::warn!(%error, "could not answer a stale interaction");
            }
        }
        FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(%error, event = event.snake_case_name(), "event handler failed");
        }
        FrameworkError::Setup { error, .. } => {
            // Setup returns Ok by construction; kept so a future change cannot fail silently.
            tracing::error!(%error, "setup failed");
        }
        other => {
            tracing::warn!(error = %other, "command refused");
            if let Some(ctx) = other.ctx() {
                tell(ctx, &generic()).await;
            }
        }
    }
}

/// Sends an ephemeral error reply; a failure to send is logged, not retried.
async fn tell(ctx: Context<'_>, reply: &Reply) {
    if let Err(error) = send::send_reply(ctx, reply, true, Vec::new()).await {
        tracing::warn!(%error, command = %ctx.command().qualified_name, "could not send the error reply");
    }
}
