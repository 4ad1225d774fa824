//! Registers the slash commands once per start with one bulk overwrite: in the guild from
//! `BRIEFBOT_GUILD_ID` (instant, for development) or globally.

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude::{self as serenity, Command, CreateCommand, GuildId, Http};

use crate::config;
use crate::ops::Metrics;

use super::instrument;

/// How often a failed registration is tried, in all.
const ATTEMPTS: u32 = 4;

/// Registers in the background, so the bot answers while Discord is slow to accept; poise
/// dispatches by command name, not by what Discord has registered.
pub fn spawn(
    http: Arc<Http>,
    commands: Vec<CreateCommand>,
    guild: Option<config::GuildId>,
    metrics: Arc<Metrics>,
) {
    tokio::spawn(register(http, commands, guild, metrics));
}

async fn register(
    http: Arc<Http>,
    commands: Vec<CreateCommand>,
    guild: Option<config::GuildId>,
    metrics: Arc<Metrics>,
) {
    let scope = guild.map_or_else(
        || "global".to_owned(),
        |guild| format!("guild {}", guild.get()),
    );
    for attempt in 1..=ATTEMPTS {
        let result = match guild {
            Some(guild) => {
                GuildId::new(guild.get())
                    .set_commands(&http, commands.clone())
                    .await
            }
            None => Command::set_global_commands(&http, commands.clone()).await,
        };
        instrument::response(&metrics, &result);
        match result {
            Ok(registered) => {
                tracing::info!(count = registered.len(), %scope, "registered the slash commands");
                return;
            }
            Err(error) if attempt < ATTEMPTS && retryable(&error) => {
                // With a proxy serenity's rate limiter is off and `retry_after` is not passed on:
                // back off on our own schedule.
                let wait = Duration::from_millis(500 << attempt);
                tracing::warn!(%error, %scope, attempt, ?wait, "registering the slash commands failed; retrying");
                tokio::time::sleep(wait).await;
            }
            Err(error) => {
                tracing::error!(
                    %error, %scope,
                    "could not register the slash commands; check that the bot was invited with the applications.commands scope (and is in the guild of BRIEFBOT_GUILD_ID)"
                );
                return;
            }
        }
    }
}

/// A server error, a rate limit or a network failure may pass; anything else will not.
fn retryable(error: &serenity::Error) -> bool {
    match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            response.status_code.is_server_error() || response.status_code.as_u16() == 429
        }
        serenity::Error::Http(serenity::HttpError::Request(_)) => true,
        _ => false,
    }
}
