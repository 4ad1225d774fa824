//! Actors: named people with their roles, organisations, states and the groups an article
//! cites as voices, each with its mentions (later surname-only mentions merged in).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::doc::{Doc, strip_possessive, strip_suffix_lowercase};
use super::gazetteer::{Gazetteer, KnownActor};
use super::lexicon::{
    self, Entry, ORGANISATIONS, STATES, bit, description_offices, is_role_noun, is_speech_verb,
    is_voice_modifier,
};
use super::quotes::QuoteSpan;
use briefbot_format::ActorKind;

/// One actor the article names.
#[derive(Debug, Clone)]
pub(crate) struct ActorInfo {
    /// The fullest name the article (or the library) gives.
    pub name: String,
    /// Other spellings seen in the article or known to the library.
    pub aliases: Vec<String>,
    /// Person, organisation, state or group.
    pub kind: ActorKind,
    /// The role as the article gives it.
    pub role: Option<String>,
    /// The role the library or the built-in word lists give, used when the article gives none.
    pub known_role: Option<String>,
    /// The id the library uses for this actor.
    pub known_id: Option<String>,
    /// The folded name of the state this actor is or belongs to ("russia").
    pub state: Option<&'static str>,
    /// How many times the article mentions it.
    pub mentions: usize,
    /// Byte offset of the first mention.
    pub first: usize,
    /// True once it is named outside a quotation (states and organisations named only inside
    /// someone's words are not listed).
    pub named_outside_quotes: bool,
}

impl ActorInfo {
    fn new(name: &str, kind: ActorKind, at: usize) -> Self {
        Self {
            name: name.to_owned(),
            aliases: Vec::new(),
            kind,
            role: None,
            known_role: None,
            known_id: None,
            state: None,
            mentions: 0,
            first: at,
            named_outside_quotes: false,
        }
    }

    /// The role to show: the article's, else the library's.
    pub fn best_role(&self) -> Option<&str> {
        self.role.as_deref().or(self.known_role.as_deref())
    }
}

/// One place where the article names an actor.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Where in the text.
    pub range: Range<usize>,
    /// Index into [`Cast::actors`].
    pub actor: usize,
    /// Inside a quotation (someone's words), not the article's.
    pub in_quote: bool,
    /// Index of its sentence.
    pub sentence: usize,
    /// The first person named in its sentence outside quotations: the likely grammatical
    /// subject, which is what "he said" usually points back to.
    pub subject: bool,
}

/// Every actor of an article and every mention of them, mentions in text order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cast {
    /// The actors, in order of first mention.
    pub actors: Vec<ActorInfo>,
    /// The mentions, in text order.
    pub mentions: Vec<Mention>,
}

impl Cast {
    /// The mentions that start inside `range`.
    pub fn mentions_in(&self, range: Range<usize>) -> &[Mention] {
        let start = self
            .mentions
            .partition_point(|mention| mention.range.start < range.start);
        let end = self
            .mentions
            .partition_point(|mention| mention.range.start < range.end);
        &self.mentions[start..end.max(start)]
    }

    /// Adds a mention (keeping text order) and counts it.
    pub fn add_mention(&mut self, mention: Mention) {
        let actor = &mut self.actors[mention.actor];
        actor.mentions += 1;
        actor.first = actor.first.min(mention.range.start);
        if !mention.in_quote {
            actor.named_outside_quotes = true;
        }
        let at = self
            .mentions
            .partition_point(|existing| existing.range.start <= mention.range.start);
        self.mentions.insert(at, mention);
    }
}

/// Folds one word or name for lookup: [`briefbot_text::fold_words`], the project's one folding.
pub(crate) fn fold_word(word: &str) -> String {
    briefbot_text::fold_words(word)
}

/// Calls `f` with [`fold_word`] of `word`.
pub(crate) fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    f(&fold_word(word))
}

/// `fold_word(word) == folded`.
fn folds_to(word: &str, folded: &str) -> bool {
    fold_word(word) == folded
}

/// True when one of the words of `fold_word(name)` is `word`.
fn folded_has_word(name: &str, word: &str) -> bool {
    fold_word(name).split(' ').any(|part| part == word)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn state_of(folded: &str) -> Option<&'static lexicon::State> {
    lexicon::state_of_word(folded).map(|index| &STATES[index])
}

/// A state's name after "of": "the United States", "Belarus".
fn state_phrase(state: &lexicon::State) -> String {
    if state.name.starts_with("United ") || state.name.starts_with("Soviet ") {
        format!("the {}", state.name)
    } else {
        state.name.to_owned()
    }
}

fn state_key(state: &'static lexicon::State) -> &'static str {
    &state.key
}

/// What a capitalised run turned out to be.
enum Found<'a> {
    Person {
        name: Range<usize>,
        role: Option<String>,
        plural: bool,
    },
    Unknown {
        name: Range<usize>,
    },
    Gazetteer {
        tokens: Range<usize>,
        known: &'a KnownActor,
        role: Option<String>,
    },
    State {
        tokens: Range<usize>,
        state: usize,
    },
    Organisation {
        tokens: Range<usize>,
        organisation: usize,
    },
    NewOrganisation {
        tokens: Range<usize>,
    },
}

struct Builder<'a> {
    doc: &'a Doc,
    gazetteer: &'a Gazetteer,
    quoted: Vec<Range<usize>>,
    folded: Vec<&'a str>,
    /// For each actor (empty unless a person), its names as transliterated (surname, given
    /// name) pairs, so "Aliaksandr Lukashenka" meets "Alexander Lukashenko" cheaply.
    person_keys: Vec<Vec<(NameKey, Option<NameKey>)>>,
    cast: Cast,
}

/// Finds every actor of the article.
pub(crate) fn find(doc: &Doc, quotes: &[QuoteSpan], gazetteer: &Gazetteer) -> Cast {
    // The quoted words only: the attribution inside a split quote is the article's own text.
    let quoted = quotes
        .iter()
        .filter(|quote| !quote.scare)
        .flat_map(|quote| quote.segments.iter().cloned())
        .collect();
    let folded = doc.folded_words();
    let mut builder = Builder {
        doc,
        gazetteer,
        quoted,
        folded,
        person_keys: Vec::new(),
        cast: Cast::default(),
    };
    builder.names();
    builder.offices();
    builder.descriptions();
    builder.groups();
    builder.anonymous_sources();
    builder.link_known();
    builder.subjects();
    builder.cast
}

mod add;
mod analyse;
mod context;
mod names;
mod roles;
mod runs;
mod voices;

use names::*;
use roles::*;
pub(crate) use roles::{contains_words, normalise_role, role_state};

#[cfg(test)]
mod tests;
