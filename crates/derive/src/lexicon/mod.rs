//! Word lists: the domain knowledge `derive` uses in place of a statistical model.
//!
//! Every list is a data file under `crates/derive/lexicon/` — one entry a line, or TOML where
//! an entry has fields — with a header saying what it is for; [`lists`] embeds and parses
//! them once, and [`story`] reads what is known of the story itself (`story.toml`). The lists
//! consulted for every word, and the names of states and organisations, are merged into one
//! table (a word's bits name its lists), so a word costs one lookup however many lists are
//! asked about it.

pub(crate) mod lists;
pub(crate) mod story;

use std::sync::LazyLock;

pub(crate) use lists::*;
use std::collections::HashMap;
pub(crate) use story::{CAPITALS, ORGANISATIONS, STATES, State};

/// Which lists a word is on, one bit per list.
pub(crate) mod bit {
    pub const OUTLET: u32 = 1 << 0;
    pub const TITLE_WORD: u32 = 1 << 1;
    pub const HONORIFIC: u32 = 1 << 2;
    pub const ROLE_NOUN: u32 = 1 << 3;
    pub const ADJECTIVAL_NOUN: u32 = 1 << 4;
    pub const COMPANY_NOUN: u32 = 1 << 5;
    pub const PROMINENT_SURNAME: u32 = 1 << 6;
    pub const ROLE_MODIFIER: u32 = 1 << 7;
    pub const TITLE_QUALIFIER: u32 = 1 << 8;
    pub const PORTFOLIO_WORD: u32 = 1 << 9;
    pub const ORGANISATION_HEAD: u32 = 1 << 10;
    pub const GIVEN_NAME: u32 = 1 << 11;
    pub const VOICE_NOUN: u32 = 1 << 12;
    pub const COMMON_WORD: u32 = 1 << 13;
    pub const SPEECH_VERB: u32 = 1 << 14;
    pub const SPEECH_PARTICIPLE: u32 = 1 << 15;
    pub const PLACE: u32 = 1 << 16;
    pub const CAPITAL: u32 = 1 << 17;
}

/// What the word lists say about one word: every question asked of a word is answered by one
/// lookup in [`LEXICON`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    /// The lists the word is on ([`bit`]).
    pub flags: u32,
    /// Index + 1 into [`STATES`] of the state the word names or is the demonym of; 0 for none.
    state: u8,
    /// True when the word is the state's name, not only its demonym.
    state_name: bool,
    /// Index + 1 into [`ORGANISATIONS`] of the organisation the word names; 0 for none.
    organisation: u8,
}

impl Entry {
    /// True when the word is on the list `flag` ([`bit`]).
    pub fn has(self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// The state the word names or is the demonym of.
    pub fn state(self) -> Option<usize> {
        usize::from(self.state).checked_sub(1)
    }

    /// The state the word names (not a demonym).
    pub fn state_named(self) -> Option<usize> {
        self.state().filter(|_| self.state_name)
    }

    /// The organisation the word names.
    pub fn organisation(self) -> Option<usize> {
        usize::from(self.organisation).checked_sub(1)
    }
}

/// Every listed word (and state or organisation name) with what the lists say about it.
static LEXICON: LazyLock<HashMap<&'static str, Entry>> = LazyLock::new(|| {
    let mut lexicon: HashMap<&'static str, Entry> = HashMap::new();
    for (list, flag) in [
        (&OUTLETS, bit::OUTLET),
        (&TITLE_WORDS, bit::TITLE_WORD),
        (&HONORIFICS, bit::HONORIFIC),
        (&ROLE_NOUNS, bit::ROLE_NOUN),
        (&ADJECTIVAL_NOUNS, bit::ADJECTIVAL_NOUN),
        (&COMPANY_NOUNS, bit::COMPANY_NOUN),
        (&story::PROMINENT_SURNAMES, bit::PROMINENT_SURNAME),
        (&ROLE_MODIFIERS, bit::ROLE_MODIFIER),
        (&TITLE_QUALIFIERS, bit::TITLE_QUALIFIER),
        (&PORTFOLIO_WORDS, bit::PORTFOLIO_WORD),
        (&ORGANISATION_HEADS, bit::ORGANISATION_HEAD),
        (&GIVEN_NAMES, bit::GIVEN_NAME),
        (&VOICE_NOUNS, bit::VOICE_NOUN),
        (&COMMON_WORDS, bit::COMMON_WORD),
        (&SPEECH_VERBS, bit::SPEECH_VERB),
        (&SPEECH_PARTICIPLES, bit::SPEECH_PARTICIPLE),
    ] {
        for &word in list.iter() {
            lexicon.entry(word).or_default().flags |= flag;
        }
    }
    for &(city, _) in CAPITALS.iter() {
        lexicon.entry(city).or_default().flags |= bit::CAPITAL | bit::PLACE;
    }
    for &place in PLACES.iter() {
        lexicon.entry(place).or_default().flags |= bit::PLACE;
    }
    // Demonyms first, then names: a word that is both ("us") counts as a name.
    for name in [false, true] {
        for (index, state) in STATES.iter().enumerate() {
            let words = if name { &state.names } else { &state.demonyms };
            for word in words {
                let entry = lexicon.entry(word.as_str()).or_default();
                entry.state = small(index + 1);
                entry.state_name = name;
            }
        }
    }
    for (index, organisation) in ORGANISATIONS.iter().enumerate() {
        for word in &organisation.names {
            lexicon.entry(word.as_str()).or_default().organisation = small(index + 1);
        }
    }
    lexicon
});

/// An index into one of the short built-in lists.
fn small(index: usize) -> u8 {
    u8::try_from(index).unwrap_or(u8::MAX)
}

/// What the lists say about `word` (a folded word or name, or a word as written for the
/// case-sensitive speech verbs).
pub(crate) fn entry(word: &str) -> Entry {
    LEXICON.get(word).copied().unwrap_or_default()
}

/// The lists `word` is on.
pub(crate) fn flags(word: &str) -> u32 {
    entry(word).flags
}

fn has(word: &str, flag: u32) -> bool {
    flags(word) & flag != 0
}

/// Words that end a sentence only rarely when followed by a full stop ("Mr.", "Jan.").
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.binary_search(&word).is_ok()
}

/// Words that often open a sentence after an abbreviation such as "U.S." ends one.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTERS.binary_search(&word).is_ok()
}

/// True for a speech verb or participle (case-sensitive: these are lowercase in running text).
pub(crate) fn is_speech_verb(word: &str) -> bool {
    has(word, bit::SPEECH_VERB | bit::SPEECH_PARTICIPLE)
}

/// The state a folded name (not a demonym) names.
pub(crate) fn state_named(folded: &str) -> Option<usize> {
    entry(folded).state_named()
}

/// The state a folded name or demonym ("belarusian") refers to.
pub(crate) fn state_of_word(folded: &str) -> Option<usize> {
    entry(folded).state()
}

/// The organisation a folded name ("wagner pmc") names.
pub(crate) fn organisation_named(folded: &str) -> Option<usize> {
    entry(folded).organisation()
}

/// The nouns a role phrase must contain to be a role ("the Kremlin spokesman").
pub(crate) fn is_role_noun(folded: &str) -> bool {
    has(folded, bit::ROLE_NOUN)
}

/// Nouns that, right before a name, make it a company or body ("grid operator Litgrid").
pub(crate) fn is_company_noun(word: &str) -> bool {
    has(word, bit::COMPANY_NOUN)
}

/// The plural voice noun of a singular one ("diplomat" → "diplomats"), for the single
/// anonymous voices an article cites ("one European diplomat said").
pub(crate) fn singular_voice(folded: &str) -> Option<&'static str> {
    pair_lookup(&SINGULAR_VOICES, folded)
}

/// Words allowed before a voice noun in a group's name ("Russian political commentators"),
/// given the word and its [`entry`].
pub(crate) fn is_voice_modifier(folded: &str, entry: Entry) -> bool {
    entry.has(bit::ROLE_MODIFIER)
        || entry.state().is_some()
        || VOICE_MODIFIERS.binary_search(&folded).is_ok()
}

/// Function words and frequent sentence openers: a capital letter on one proves nothing.
pub(crate) fn is_common_word(folded: &str) -> bool {
    has(folded, bit::COMMON_WORD)
}

/// The offices a descriptor noun points back to ("the Russian leader" → president, leader,
/// prime minister …): `descriptors.toml`.
pub(crate) fn description_offices(noun: &str) -> &'static [String] {
    story::DESCRIPTORS
        .iter()
        .find(|(key, _)| key == noun)
        .map_or(&[], |(_, offices)| offices.as_slice())
}

/// Irregular past participles, for turning "has not said" into "Will … say?".
pub(crate) fn irregular_base(participle: &str) -> Option<&'static str> {
    pair_lookup(&IRREGULAR_PARTICIPLES, participle)
}

#[cfg(test)]
mod tests;
