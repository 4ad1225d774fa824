//! Autocomplete for the `briefing`, `story` and actor `name` options. Discord enforces nothing here: the
//! limits (25 choices, name and value ≤ 100 characters) are kept by the code, and the value
//! finally chosen is checked again by `answer`.

use poise::serenity_prelude::{AutocompleteChoice, CreateAutocompleteResponse};

use crate::library::{AUTOCOMPLETE_MAX, CHOICE_NAME_MAX};
use crate::text::{fold, truncate};

use super::Context;

/// Briefings matching what was typed (id, title or date), newest first.
pub async fn briefing(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let library = ctx.data().library();
    let choices = library
        .autocomplete(partial, AUTOCOMPLETE_MAX)
        .into_iter()
        .map(|choice| (choice.name, choice.value));
    respond(choices)
}

/// Actors whose id, name or alias has words beginning with what was typed (case and accents
/// ignored), most prominent first.
pub async fn actor(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let library = ctx.data().library();
    let choices = library
        .cast()
        .autocomplete(partial, AUTOCOMPLETE_MAX)
        .into_iter()
        .map(|choice| (choice.name, choice.value));
    respond(choices)
}

/// Stories whose slug contains what was typed, in the order of their newest briefing.
pub async fn story(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let library = ctx.data().library();
    let wanted = fold(partial);
    let wanted = wanted.trim();
    let choices = library
        .stories()
        .into_iter()
        .filter(|story| fold(story).contains(wanted))
        .map(|story| (story.to_owned(), story.to_owned()));
    respond(choices)
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
