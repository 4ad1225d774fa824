//! Sends a reply: rendered into pages by [`crate::render::embed`], the first page as the
//! interaction's response, the rest as follow-ups; mentions never ping.

use poise::CreateReply;
use poise::serenity_prelude::{
    ComponentInteraction, Context as SerenityContext, CreateActionRow, CreateAllowedMentions,
    CreateEmbed, CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage,
};

use crate::answer::Command;
use crate::render::embed::{self, Embed, Page};
use crate::reply::Reply;

use super::{Context, Data, Error, buttons, instrument};

/// Answers `command` from the current library: errors and `/help` are seen by the asker
/// alone, a summary carries buttons that open its other sections.
pub async fn answer(ctx: Context<'_>, command: Command) -> Result<(), Error> {
    let library = ctx.data().library();
    let reply = crate::answer::answer(&library, &command);
    let ephemeral = reply.is_error() || command == Command::Help;
    let components = match command {
        Command::Summary { .. } => buttons::for_summary(&reply, &library),
        _ => Vec::new(),
    };
    send_reply(ctx, &reply, ephemeral, components).await
}

/// Sends a reply in response to a slash command.
pub async fn send_reply(
    ctx: Context<'_>,
    reply: &Reply,
    ephemeral: bool,
    components: Vec<CreateActionRow>,
) -> Result<(), Error> {
    if reply.is_error() {
        instrument::refused(ctx).await;
    }
    let mut components = Some(components);
    for page in embed::render(reply) {
        let message = embeds(&page)
            .into_iter()
            .fold(CreateReply::default(), CreateReply::embed)
            .ephemeral(ephemeral)
            .allowed_mentions(no_mentions())
            .components(components.take().unwrap_or_default());
        let sent = ctx.send(message).await;
        instrument::response(&ctx.data().metrics, &sent);
        sent?;
    }
    Ok(())
}

/// Sends a reply in response to a button click.
pub async fn send_to_component(
    ctx: &SerenityContext,
    interaction: &ComponentInteraction,
    data: &Data,
    reply: &Reply,
    ephemeral: bool,
) -> Result<(), Error> {
    for (number, page) in embed::render(reply).into_iter().enumerate() {
        if number == 0 {
            let message = CreateInteractionResponseMessage::new()
                .embeds(embeds(&page))
                .ephemeral(ephemeral)
                .allowed_mentions(no_mentions());
            let sent = interaction
                .create_response(ctx, CreateInteractionResponse::Message(message))
                .await;
            instrument::response(&data.metrics, &sent);
            sent?;
        } else {
            let message = CreateInteractionResponseFollowup::new()
                .embeds(embeds(&page))
                .ephemeral(ephemeral)
                .allowed_mentions(no_mentions());
            let sent = interaction.create_followup(ctx, message).await;
            instrument::response(&data.metrics, &sent);
            sent?;
        }
    }
    Ok(())
}

/// `allowed_mentions: {"parse": []}`: text from a briefing never pings anyone.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// The embeds of a page as serenity builders.
pub fn embeds(page: &Page) -> Vec<CreateEmbed> {
    page.embeds.iter().map(embed).collect()
}

fn embed(embed: &Embed) -> CreateEmbed {
    let mut built = CreateEmbed::new().colour(embed.colour);
    if let Some(title) = &embed.title {
        built = built.title(title);
    }
    if let Some(url) = &embed.url {
        built = built.url(url);
    }
    if let Some(description) = &embed.description {
        built = built.description(description);
    }
    built = built.fields(
        embed
            .fields
            .iter()
            .map(|field| (&field.name, &field.value, field.inline)),
    );
    if let Some(footer) = &embed.footer {
        built = built.footer(CreateEmbedFooter::new(footer));
    }
    built
}
