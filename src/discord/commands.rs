//! The slash commands: each reads its options, builds a [`Command`] and lets `send` answer it.
//!
//! A command's doc comment is its description in Discord (first paragraph, ≤ 100 chars).

use crate::answer::Command;

use super::{Context, Data, Error, autocomplete, send, subscribe};

/// Every slash command, in the order `/help` lists them.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        summary(),
        quote(),
        actors(),
        actor(),
        questions(),
        sources(),
        briefings(),
        timeline(),
        search(),
        subscribe::subscribe(),
        subscribe::unsubscribe(),
        subscribe::subscriptions(),
        help(),
    ]
}

/// What happened, why it matters, and the key quote.
#[poise::command(slash_command)]
async fn summary(
    ctx: Context<'_>,
    #[description = "Which briefing (default: the newest)"]
    #[autocomplete = "autocomplete::briefing"]
    #[max_length = 100]
    briefing: Option<String>,
) -> Result<(), Error> {
    send::answer(ctx, Command::Summary { briefing }).await
}

/// The key quote of a briefing, every quote, or one speaker's quotes across the story.
#[poise::command(slash_command)]
async fn quote(
    ctx: Context<'_>,
    #[description = "Which briefing (default: the newest)"]
    #[autocomplete = "autocomplete::briefing"]
    #[max_length = 100]
    briefing: Option<String>,
    #[description = "Show every quote, not only the key quote"] all: Option<bool>,
    #[description = "Only quotes by this speaker (name or alias); across the story without a briefing"]
    #[max_length = 100]
    speaker: Option<String>,
) -> Result<(), Error> {
    let all = all.unwrap_or(false);
    send::answer(
        ctx,
        Command::Quote {
            briefing,
            all,
            speaker,
        },
    )
    .await
}

/// Who is involved: each actor's role and stance.
#[poise::command(slash_command)]
async fn actors(
    ctx: Context<'_>,
    #[description = "Which briefing (default: the newest)"]
    #[autocomplete = "autocomplete::briefing"]
    #[max_length = 100]
    briefing: Option<String>,
    #[description = "Only actors whose name, alias or role matches"]
    #[max_length = 100]
    name: Option<String>,
) -> Result<(), Error> {
    send::answer(ctx, Command::Actors { briefing, name }).await
}

/// One actor across the story: roles over time, every quote, the briefings.
#[poise::command(slash_command)]
async fn actor(
    ctx: Context<'_>,
    #[description = "The actor's name or alias (accents and case ignored)"]
    #[autocomplete = "autocomplete::actor"]
    #[min_length = 1]
    #[max_length = 100]
    name: String,
) -> Result<(), Error> {
    send::answer(ctx, Command::Actor { name }).await
}

/// The questions a briefing leaves open.
#[poise::command(slash_command)]
async fn questions(
    ctx: Context<'_>,
    #[description = "Which briefing (default: the newest)"]
    #[autocomplete = "autocomplete::briefing"]
    #[max_length = 100]
    briefing: Option<String>,
) -> Result<(), Error> {
    send::answer(ctx, Command::Questions { briefing }).await
}

/// Where a briefing's facts come from.
#[poise::command(slash_command)]
async fn sources(
    ctx: Context<'_>,
    #[description = "Which briefing (default: the newest)"]
    #[autocomplete = "autocomplete::briefing"]
    #[max_length = 100]
    briefing: Option<String>,
) -> Result<(), Error> {
    send::answer(ctx, Command::Sources { briefing }).await
}

/// Every briefing, newest first.
#[poise::command(slash_command)]
async fn briefings(
    ctx: Context<'_>,
    #[description = "Only this story's briefings"]
    #[autocomplete = "autocomplete::story"]
    #[max_length = 100]
    story: Option<String>,
) -> Result<(), Error> {
    send::answer(ctx, Command::Briefings { story }).await
}

/// The dated events of a story, oldest first, with a picture of them.
#[poise::command(slash_command)]
async fn timeline(
    ctx: Context<'_>,
    #[description = "Which story (default: the newest briefing's)"]
    #[autocomplete = "autocomplete::story"]
    #[max_length = 100]
    story: Option<String>,
    #[description = "Only events from this year (2014) or day (2014-03-23) on"]
    #[max_length = 10]
    from: Option<String>,
    #[description = "Only events up to this year (2020) or day (2020-08-09)"]
    #[max_length = 10]
    to: Option<String>,
) -> Result<(), Error> {
    send::answer(ctx, Command::Timeline { story, from, to }).await
}

/// Find briefings by word or name (accents and case ignored).
#[poise::command(slash_command)]
async fn search(
    ctx: Context<'_>,
    #[description = "The words to find; every word must match"]
    #[min_length = 1]
    #[max_length = 200]
    query: String,
) -> Result<(), Error> {
    send::answer(ctx, Command::Search { query }).await
}

/// What briefbot can do (only you see the answer).
#[poise::command(slash_command)]
async fn help(ctx: Context<'_>) -> Result<(), Error> {
    send::answer(ctx, Command::Help).await
}
