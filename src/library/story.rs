//! The story across its briefings: each actor's names, roles, quotes and briefings, indexed
//! once per library snapshot, so a dossier or a story-wide speaker filter is a lookup, not a
//! scan of every briefing.
//!
//! Editors give an actor the same id in every briefing (`lukashenko`), so the id is what ties
//! one briefing's actor to the next one's; names and aliases are gathered from all of them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::briefing::{Actor, ActorKind, Briefing, Quote};
use crate::text::{fold, truncate, words};

use super::suggest::{Wanted, best};
use super::{AUTOCOMPLETE_MAX, CHOICE_NAME_MAX, Choice, Library};

/// Every actor of a library, with where they appear and what they said.
#[derive(Debug, Default)]
pub struct Cast {
    /// In order of prominence: most briefings first, then newest appearance, then id.
    actors: Vec<StoryActor>,
    /// Actor id → position in `actors`.
    by_id: HashMap<Box<str>, usize>,
}

/// One actor across every briefing that names them.
#[derive(Debug)]
pub struct StoryActor {
    /// The id shared by the briefings.
    pub id: String,
    /// The name as the newest briefing gives it.
    pub name: String,
    /// Every other name any briefing gives them, newest first, without repeats.
    pub aliases: Vec<String>,
    /// The kind the newest briefing gives.
    pub kind: ActorKind,
    /// The folded words of the id, the name and each alias, one list per name: what
    /// autocomplete and the speaker filter match against.
    folded_names: Vec<Vec<Box<str>>>,
    /// Each briefing naming them, newest first, with the actor's position in it.
    appearances: Vec<(Arc<Briefing>, usize)>,
    /// Their quotes, newest briefing first, each as (appearance, quote position).
    quotes: Vec<(usize, usize)>,
    /// Each distinct role, in the order it first appeared (oldest first), with the
    /// appearances (oldest first) that give it.
    roles: Vec<Vec<usize>>,
}

/// One role an actor held, with the briefings that give it.
#[derive(Debug, Clone)]
pub struct Role<'a> {
    /// The role as written.
    pub role: &'a str,
    /// The briefings that give it, oldest first.
    pub briefings: Vec<&'a Briefing>,
}

impl StoryActor {
    /// The briefings that name this actor, newest first, with the actor as each gives it.
    pub fn appearances(
        &self,
    ) -> impl ExactSizeIterator<Item = (&Briefing, &Actor)> + DoubleEndedIterator {
        self.appearances
            .iter()
            .map(|(briefing, actor)| (&**briefing, &briefing.actors[*actor]))
    }

    /// Every quote attributed to this actor, newest briefing first.
    pub fn quotes(&self) -> impl ExactSizeIterator<Item = (&Briefing, &Quote)> {
        self.quotes.iter().map(|&(appearance, quote)| {
            let briefing = &*self.appearances[appearance].0;
            (briefing, &briefing.quotes[quote])
        })
    }

    /// How many quotes are attributed to this actor.
    pub fn quote_count(&self) -> usize {
        self.quotes.len()
    }

    /// Their roles as they changed over time, oldest first.
    pub fn roles(&self) -> impl ExactSizeIterator<Item = Role<'_>> {
        self.roles.iter().map(|appearances| {
            let (first, actor) = &self.appearances[appearances[0]];
            Role {
                role: first.actors[*actor].role.as_str(),
                briefings: appearances
                    .iter()
                    .map(|&appearance| &*self.appearances[appearance].0)
                    .collect(),
            }
        })
    }

    /// True when every typed word begins a word of the id, the name or one alias.
    fn matches(&self, wanted: &[&str]) -> bool {
        !wanted.is_empty()
            && self.folded_names.iter().any(|name| {
                wanted
                    .iter()
                    .all(|want| name.iter().any(|word| word.starts_with(want)))
            })
    }

    /// True when the typed words are exactly the id, the name or one alias.
    fn is_named(&self, wanted: &[&str]) -> bool {
        self.folded_names
            .iter()
            .any(|name| name.iter().map(|word| &**word).eq(wanted.iter().copied()))
    }

    /// The first name (of name and aliases) every typed word begins a word of.
    fn matching_alias(&self, wanted: &[&str]) -> Option<&str> {
        // folded_names is [id, name, aliases…].
        self.folded_names
            .iter()
            .skip(2)
            .position(|name| {
                wanted
                    .iter()
                    .all(|want| name.iter().any(|word| word.starts_with(want)))
            })
            .map(|alias| self.aliases[alias].as_str())
    }
}

impl Cast {
    /// Builds the cast from briefings ordered newest first.
    fn build(briefings: &[Arc<Briefing>]) -> Self {
        let mut actors: Vec<StoryActor> = Vec::new();
        let mut by_id: HashMap<Box<str>, usize> = HashMap::new();
        for briefing in briefings {
            for (position, actor) in briefing.actors.iter().enumerate() {
                let slot = *by_id.entry(actor.id.as_str().into()).or_insert_with(|| {
                    actors.push(StoryActor {
                        id: actor.id.clone(),
                        name: actor.name.clone(),
                        aliases: Vec::new(),
                        kind: actor.kind,
                        folded_names: vec![folded_words(&actor.id), folded_words(&actor.name)],
                        appearances: Vec::new(),
                        quotes: Vec::new(),
                        roles: Vec::new(),
                    });
                    actors.len() - 1
                });
                let entry = &mut actors[slot];
                for name in actor.names() {
                    let folded = folded_words(name);
                    if !entry.folded_names.contains(&folded) {
                        entry.folded_names.push(folded);
                        entry.aliases.push(name.to_owned());
                    }
                }
                let appearance = entry.appearances.len();
                entry.appearances.push((Arc::clone(briefing), position));
                for (quote_position, quote) in briefing.quotes.iter().enumerate() {
                    if quote.speaker.as_deref() == Some(actor.id.as_str()) {
                        entry.quotes.push((appearance, quote_position));
                    }
                }
            }
        }
        for actor in &mut actors {
            actor.roles = roles_oldest_first(&actor.appearances);
        }
        // Prominence: the actor in most briefings first, then the one seen most recently.
        let mut order: Vec<usize> = (0..actors.len()).collect();
        order.sort_by(|&left, &right| {
            let (left, right) = (&actors[left], &actors[right]);
            right
                .appearances
                .len()
                .cmp(&left.appearances.len())
                .then_with(|| {
                    right.appearances[0]
                        .0
                        .published
                        .cmp(&left.appearances[0].0.published)
                })
                .then_with(|| left.id.cmp(&right.id))
        });
        let mut slots: Vec<Option<StoryActor>> = actors.into_iter().map(Some).collect();
        let actors: Vec<StoryActor> = order
            .into_iter()
            .filter_map(|slot| slots[slot].take())
            .collect();
        let by_id = actors
            .iter()
            .enumerate()
            .map(|(slot, actor)| (actor.id.as_str().into(), slot))
            .collect();
        Self { actors, by_id }
    }

    /// Every actor, most prominent first.
    pub fn actors(&self) -> &[StoryActor] {
        &self.actors
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&StoryActor> {
        self.by_id.get(id).map(|&slot| &self.actors[slot])
    }

    /// The actors `name` means, most prominent first: those it names exactly (id, name or an
    /// alias, case and accents ignored) when there are any, else those whose id, name or an
    /// alias has a word beginning with each typed word.
    pub fn find(&self, name: &str) -> Vec<&StoryActor> {
        let folded = fold(name);
        let wanted: Vec<&str> = words(&folded).collect();
        if let Some(exact) = self.get(name.trim()) {
            return vec![exact];
        }
        let named: Vec<&StoryActor> = self
            .actors
            .iter()
            .filter(|actor| actor.is_named(&wanted))
            .collect();
        if !named.is_empty() {
            return named;
        }
        self.actors
            .iter()
            .filter(|actor| actor.matches(&wanted))
            .collect()
    }

    /// Autocomplete choices for an actor option: up to `limit` (at most 25), most prominent
    /// first. Every typed word must begin a word of the id, the name or one alias; the choice
    /// shows the alias that matched, so "lukashenka" visibly finds Lukashenko.
    pub fn autocomplete(&self, partial: &str, limit: usize) -> Vec<Choice> {
        let folded = fold(partial);
        let wanted: Vec<&str> = words(&folded).collect();
        self.actors
            .iter()
            .filter(|actor| wanted.is_empty() || actor.matches(&wanted))
            .filter(|actor| actor.id.chars().count() <= CHOICE_NAME_MAX)
            .take(limit.min(AUTOCOMPLETE_MAX))
            .map(|actor| {
                let mut name = actor.name.clone();
                if let Some(alias) = actor.matching_alias(&wanted) {
                    name.push_str(&format!(" ({alias})"));
                }
                name.push_str(&format!(" · {}", actor.kind));
                Choice {
                    name: truncate(&name, CHOICE_NAME_MAX),
                    value: actor.id.clone(),
                }
            })
            .collect()
    }

    /// Actor ids close to a mistyped name, best first (at most three).
    pub fn suggest(&self, wanted: &str) -> Vec<&StoryActor> {
        let wanted = Wanted::new(wanted);
        best(self.actors.iter().filter_map(|actor| {
            let score = actor
                .folded_names
                .iter()
                .filter_map(|name| {
                    let name: Vec<&str> = name.iter().map(|word| &**word).collect();
                    wanted.score(&name)
                })
                .min()?;
            Some((score, actor))
        }))
    }
}

/// The distinct roles of a list of appearances (newest first), each with the appearances
/// that give it, both oldest first.
fn roles_oldest_first(appearances: &[(Arc<Briefing>, usize)]) -> Vec<Vec<usize>> {
    let mut roles: Vec<Vec<usize>> = Vec::new();
    let mut slot_of: HashMap<&str, usize> = HashMap::new();
    for (appearance, (briefing, actor)) in appearances.iter().enumerate().rev() {
        let role = briefing.actors[*actor].role.as_str();
        let slot = *slot_of.entry(role).or_insert_with(|| {
            roles.push(Vec::new());
            roles.len() - 1
        });
        roles[slot].push(appearance);
    }
    roles
}

fn folded_words(text: &str) -> Vec<Box<str>> {
    words(&fold(text)).map(Box::from).collect()
}

impl Library {
    /// Every actor of the library with their roles, quotes and briefings, built on first use
    /// and kept for this snapshot.
    pub fn cast(&self) -> &Cast {
        self.cast.get_or_init(|| Cast::build(&self.briefings))
    }
}
