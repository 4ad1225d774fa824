//! What the adapter counts for the metrics: slash commands by outcome and duration, the time
//! autocomplete takes, the status of each REST request briefbot makes — and the gateway's
//! shards, as the probes see them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use poise::BoxFuture;
use poise::serenity_prelude::{self as serenity, ConnectionStage, ShardManager};

use crate::config;
use crate::ops::metrics::InteractionOutcome;
use crate::ops::{self, Metrics, ShardState};

use super::Context;

/// Kept in poise's invocation data from `pre_command` until the command ends.
struct Invocation {
    /// When the command started to run (after poise's permission checks).
    started: Instant,
    /// The command answered with a refusal (an error reply the user can act on).
    refused: bool,
}

/// poise's `pre_command`: the command's clock starts.
pub fn pre_command(ctx: Context<'_>) -> BoxFuture<'_, ()> {
    Box::pin(async move {
        ctx.set_invocation_data(Invocation {
            started: Instant::now(),
            refused: false,
        })
        .await;
    })
}

/// poise's `post_command`: the command returned `Ok`, answered or refused.
pub fn post_command(ctx: Context<'_>) -> BoxFuture<'_, ()> {
    Box::pin(finished(ctx, InteractionOutcome::Answered))
}

/// Marks the running command as refused: its reply is an error the user can act on.
pub async fn refused(ctx: Context<'_>) {
    if let Some(mut invocation) = ctx.invocation_data::<Invocation>().await {
        invocation.refused = true;
    }
}

/// Counts the command as ended with `outcome` (an answer that was a refusal counts as one),
/// with its duration when it had started. Called once per command: by `post_command` or by
/// `on_error`, which poise never both call.
pub async fn finished(ctx: Context<'_>, outcome: InteractionOutcome) {
    let invocation = ctx
        .invocation_data::<Invocation>()
        .await
        .map(|invocation| (invocation.started.elapsed(), invocation.refused));
    let outcome = match (outcome, invocation) {
        (InteractionOutcome::Answered, Some((_, true))) => InteractionOutcome::Refused,
        (outcome, _) => outcome,
    };
    let duration = invocation.map(|(duration, _)| duration);
    ctx.data()
        .metrics
        .interaction(&ctx.command().name, outcome, duration);
}

/// Counts a REST request's answer: its status, or none when no answer came.
pub fn response<T>(metrics: &Metrics, result: &Result<T, serenity::Error>) {
    let status = match result {
        Ok(_) => return metrics.discord_success(),
        Err(serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response))) => {
            Some(response.status_code.as_u16())
        }
        // Sent, but the answer could not be read: Discord answered with a success or an
        // error we cannot tell apart from here.
        Err(serenity::Error::Json(_)) => return metrics.discord_success(),
        Err(_) => None,
    };
    metrics.discord_response(status);
}

/// The shards of the gateway client, read from serenity's shard manager.
pub struct ShardView {
    /// serenity's shard manager: which shards run, and their stage and latency.
    pub manager: Arc<ShardManager>,
    /// The range `shards` configured; `None` when autosharded.
    pub configured: Option<config::Shards>,
    /// The total the first READY told (0 before it): an autosharded process's range.
    pub told_total: Arc<AtomicU32>,
}

impl ops::Shards for ShardView {
    fn shards(&self) -> ops::BoxFuture<'_, Vec<ShardState>> {
        Box::pin(async move {
            let runners = self.manager.runners.lock().await;
            let mut shards: Vec<ShardState> = runners
                .iter()
                .map(|(id, runner)| ShardState {
                    id: id.0,
                    ready: runner.stage == ConnectionStage::Connected,
                    latency: runner.latency,
                })
                .collect();
            shards.sort_by_key(|shard| shard.id);
            shards
        })
    }

    fn range(&self) -> ops::ShardRange {
        match self.configured {
            Some(shards) => ops::ShardRange {
                first: shards.first(),
                last: shards.last(),
                total: shards.total(),
            },
            // Autosharded, one process runs every shard Discord recommends.
            // Before the first READY an autosharded process reports shard 0 of 1: it is not
            // ready then either way.
            None => {
                let total = self.told_total.load(Ordering::Acquire).max(1);
                ops::ShardRange {
                    first: 0,
                    last: total - 1,
                    total,
                }
            }
        }
    }
}
