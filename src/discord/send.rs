//! Sends a reply: rendered into pages by [`crate::render::embed`], the first page as the
//! interaction's response, the rest as follow-ups; mentions never ping. A reply's picture is
//! drawn by [`crate::render::picture`] and uploaded with the first page, whose embed shows it.

use poise::CreateReply;
use poise::serenity_prelude::{
    ComponentInteraction, Context as SerenityContext, CreateActionRow, CreateAllowedMentions,
    CreateAttachment, CreateEmbed, CreateEmbedFooter, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
};

use std::time::Duration;

use crate::answer::Command;
use crate::render::embed::{self, Embed, Page};
use crate::render::picture::PictureError;
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

/// How long a picture may take to draw before the interaction is deferred: Discord forgets an
/// interaction not answered within 3 seconds. A release build draws the timeline in tens of
/// milliseconds; only a starved machine ever reaches this.
const DRAW_BEFORE_DEFER: Duration = Duration::from_millis(2000);

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
    let mut pages = embed::render(reply);
    let mut attachment = None;
    if let Some(picture) = reply.picture.clone() {
        let file_name = picture.file_name();
        let mut drawing =
            tokio::task::spawn_blocking(move || crate::render::picture::png(&picture));
        let drawn = match tokio::time::timeout(DRAW_BEFORE_DEFER, &mut drawing).await {
            Ok(drawn) => drawn,
            Err(_) => {
                if ephemeral {
                    ctx.defer_ephemeral().await?;
                } else {
                    ctx.defer().await?;
                }
                drawing.await
            }
        };
        attachment = picture_file(drawn, file_name, &mut pages);
    }
    for page in pages {
        let mut message = embeds(&page)
            .into_iter()
            .fold(CreateReply::default(), CreateReply::embed)
            .ephemeral(ephemeral)
            .allowed_mentions(no_mentions())
            .components(components.take().unwrap_or_default());
        if let Some(attachment) = attachment.take() {
            message = message.attachment(attachment);
        }
        let sent = ctx.send(message).await;
        instrument::response(&ctx.data().metrics, &sent);
        sent?;
    }
    Ok(())
}

/// The drawn picture as the file the first page carries. A picture that could not be drawn is
/// logged and left out, with the embed's reference to it, and the text still answers.
fn picture_file(
    drawn: Result<Result<Vec<u8>, PictureError>, tokio::task::JoinError>,
    file_name: &str,
    pages: &mut [Page],
) -> Option<CreateAttachment> {
    let failure = match drawn {
        Ok(Ok(bytes)) => return Some(CreateAttachment::bytes(bytes, file_name)),
        Ok(Err(error)) => error.to_string(),
        Err(error) => error.to_string(),
    };
    tracing::error!(error = %failure, "cannot draw a reply's picture");
    if let Some(first) = pages.first_mut().and_then(|page| page.embeds.first_mut()) {
        first.image = None;
    }
    None
}

/// Sends a reply in response to a button click.
pub async fn send_to_component(
    ctx: &SerenityContext,
    interaction: &ComponentInteraction,
    data: &Data,
    reply: &Reply,
    ephemeral: bool,
) -> Result<(), Error> {
    let mut pages = embed::render(reply);
    let mut attachment = None;
    if let Some(picture) = reply.picture.clone() {
        let file_name = picture.file_name();
        let drawn =
            tokio::task::spawn_blocking(move || crate::render::picture::png(&picture)).await;
        attachment = picture_file(drawn, file_name, &mut pages);
    }
    for (number, page) in pages.into_iter().enumerate() {
        if number == 0 {
            let mut message = CreateInteractionResponseMessage::new()
                .embeds(embeds(&page))
                .ephemeral(ephemeral)
                .allowed_mentions(no_mentions());
            if let Some(attachment) = attachment.take() {
                message = message.add_file(attachment);
            }
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
    if let Some(image) = &embed.image {
        built = built.image(image);
    }
    built
}
