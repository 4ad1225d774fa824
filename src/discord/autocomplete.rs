//! Autocomplete for the `briefing` and `story` options. Discord enforces nothing here: the
//! limits (25 choices, name and value ≤ 100 characters) are kept by the code, and the value
//! finally chosen is checked again by `answer`.

use std::time::Instant;

use poise::serenity_prelude::{AutocompleteChoice, CreateAutocompleteResponse};

use crate::library::{AUTOCOMPLETE_MAX, CHOICE_NAME_MAX};
use crate::text::truncate;

use super::Context;

/// Briefings matching what was typed (id, title or date), newest first.
pub async fn briefing(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let started = Instant::now();
    let library = ctx.data().library();
    let choices = library
        .autocomplete(partial, AUTOCOMPLETE_MAX)
        .into_iter()
        .map(|choice| (choice.name, choice.value));
    timed(ctx, started, respond(choices))
}

/// Stories whose slug holds every word typed, in the order of their newest briefing.
pub async fn story(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let started = Instant::now();
    let library = ctx.data().library();
    let choices = library
        .autocomplete_story(partial, AUTOCOMPLETE_MAX)
        .into_iter()
        .map(|story| (story.to_owned(), story.to_owned()));
    timed(ctx, started, respond(choices))
}

/// Records how long the choices took since `started`, and passes them on.
fn timed(
    ctx: Context<'_>,
    started: Instant,
    response: CreateAutocompleteResponse,
) -> CreateAutocompleteResponse {
    ctx.data()
        .metrics
        .autocomplete(&ctx.command().name, started.elapsed());
    response
}

/// The response, with Discord's limits applied whatever the library returned.
fn respond(choices: impl Iterator<Item = (String, String)>) -> CreateAutocompleteResponse {
    let choices = choices
        .filter(|(_, value)| value.chars().count() <= CHOICE_NAME_MAX)
        .take(AUTOCOMPLETE_MAX)
        .map(|(name, value)| AutocompleteChoice::new(truncate(&name, CHOICE_NAME_MAX), value))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
