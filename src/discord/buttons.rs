//! The buttons under `/summary` that open the quotes, actors and questions of the same
//! briefing, and the handling of their clicks.
//!
//! A button's `custom_id` names the section and the briefing (`briefbot:quotes:<id>`, at most
//! 9 + 10 + 80 characters, within Discord's 100), so a click needs no state on our side and
//! still works after a restart.

use poise::serenity_prelude::{
    ButtonStyle, ComponentInteraction, Context as SerenityContext, CreateActionRow, CreateButton,
};

use crate::answer::Command;
use crate::library::Library;
use crate::reply::Reply;

use super::{Data, Error, send};

/// What every custom id of ours starts with.
const PREFIX: &str = "briefbot";

/// A section a summary button opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Every quote.
    Quotes,
    /// Every actor.
    Actors,
    /// Every open question.
    Questions,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Quotes => "quotes",
            Section::Actors => "actors",
            Section::Questions => "questions",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Section::Quotes => "Quotes",
            Section::Actors => "Actors",
            Section::Questions => "Open questions",
        }
    }

    /// The command this section answers for a briefing.
    fn command(self, briefing: &str) -> Command {
        let briefing = Some(briefing.to_owned());
        match self {
            Section::Quotes => Command::Quote {
                briefing,
                all: true,
                speaker: None,
            },
            Section::Actors => Command::Actors {
                briefing,
                name: None,
            },
            Section::Questions => Command::Questions { briefing },
        }
    }
}

/// The `custom_id` of a section's button.
pub fn custom_id(section: Section, briefing: &str) -> String {
    format!("{PREFIX}:{}:{briefing}", section.name())
}

/// The command a click on `custom_id` asks for; `None` for an id that is not ours.
pub fn parse(custom_id: &str) -> Option<Command> {
    let mut parts = custom_id.splitn(3, ':');
    if parts.next()? != PREFIX {
        return None;
    }
    let section = match parts.next()? {
        "quotes" => Section::Quotes,
        "actors" => Section::Actors,
        "questions" => Section::Questions,
        _ => return None,
    };
    let briefing = parts.next().filter(|briefing| !briefing.is_empty())?;
    Some(section.command(briefing))
}

/// The buttons under a summary: one per section the briefing has.
pub fn for_summary(reply: &Reply, library: &Library) -> Vec<CreateActionRow> {
    let Some(briefing) = reply
        .briefing
        .as_deref()
        .filter(|_| !reply.is_error())
        .and_then(|id| library.get(id))
    else {
        return Vec::new();
    };
    let id = briefing.id.as_str();
    let present = [
        (Section::Quotes, !briefing.quotes.is_empty()),
        (Section::Actors, !briefing.actors.is_empty()),
        (Section::Questions, !briefing.questions.is_empty()),
    ];
    let buttons: Vec<CreateButton> = present
        .into_iter()
        .filter(|(_, present)| *present)
        .map(|(section, _)| {
            CreateButton::new(custom_id(section, id))
                .label(section.label())
                .style(ButtonStyle::Secondary)
        })
        .collect();
    if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    }
}

/// Answers a click, seen by the clicker alone so a busy channel is not flooded.
pub async fn handle(
    ctx: &SerenityContext,
    interaction: &ComponentInteraction,
    data: &Data,
) -> Result<(), Error> {
    let reply = match parse(&interaction.data.custom_id) {
        Some(command) => crate::answer::answer(&data.library(), &command),
        None => Reply::error(
            "This button no longer works",
            "Run the command again to get fresh buttons.",
        ),
    };
    send::send_to_component(ctx, interaction, data, &reply, true).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_id_round_trips_to_its_command() {
        let id = "2026-11-27-lukashenko-vassal-warning";
        for (section, expected) in [
            (
                Section::Quotes,
                Command::Quote {
                    briefing: Some(id.to_owned()),
                    all: true,
                    speaker: None,
                },
            ),
            (
                Section::Actors,
                Command::Actors {
                    briefing: Some(id.to_owned()),
                    name: None,
                },
            ),
            (
                Section::Questions,
                Command::Questions {
                    briefing: Some(id.to_owned()),
                },
            ),
        ] {
            assert_eq!(parse(&custom_id(section, id)), Some(expected));
        }
    }

    #[test]
    fn custom_ids_fit_discord_for_the_longest_briefing_id() {
        let longest = "a".repeat(crate::briefing::limits::ID_MAX);
        assert!(custom_id(Section::Questions, &longest).chars().count() <= 100);
    }

    #[test]
    fn foreign_or_broken_ids_are_not_ours() {
        for id in [
            "",
            "briefbot",
            "briefbot:quotes",
            "briefbot:quotes:",
            "briefbot:poll:x",
            "other:quotes:x",
        ] {
            assert_eq!(parse(id), None, "{id}");
        }
    }
}
