//! `derive` as the bot uses it: the `briefbot-derive` crate (pure: rules and word lists, no
//! I/O), and what it is told about the library.
//!
//! This is the one seam between the two: the crate knows nothing of [`Library`] or
//! [`Briefing`], only the plain [`BriefingActors`] built here.

pub use briefbot_derive::*;

use crate::briefing::Briefing;
use crate::library::Library;

/// What `derive` may know of one briefing: its id and its actors.
pub fn known_actors(briefing: &Briefing) -> BriefingActors {
    BriefingActors {
        briefing: briefing.id.as_str().to_owned(),
        actors: briefing
            .actors
            .iter()
            .map(|actor| KnownActor {
                id: actor.id.clone(),
                name: actor.name.clone(),
                aliases: actor.aliases.clone(),
                kind: actor.kind,
                role: actor.role.clone(),
            })
            .collect(),
    }
}

/// The actors of every briefing of `library`, newest first (the order the gazetteer wants).
pub fn library_actors(library: &Library) -> Vec<BriefingActors> {
    library
        .briefings()
        .iter()
        .map(|briefing| known_actors(briefing))
        .collect()
}
