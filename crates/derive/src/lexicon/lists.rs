//! The plain word lists of `crates/derive/lexicon/*.txt`, embedded and parsed once.
//!
//! A list file is one entry a line; `#` starts a comment line (each file opens with one saying
//! what the list is for); blank lines are skipped. Entries are folded (as
//! `briefbot_text::fold_words` folds) unless the header says `form: as written`. Pair lists
//! hold two words a line.

use std::sync::LazyLock;

/// The entries of a list file's text.
pub(crate) fn parse(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// The pairs of a pair list: each entry split at its first space.
fn parse_pairs(text: &'static str) -> Vec<(&'static str, &'static str)> {
    parse(text)
        .into_iter()
        .filter_map(|entry| entry.split_once(' '))
        .collect()
}

/// The second word of the pair whose first is `word` (pair lists are sorted).
pub(crate) fn pair_lookup(
    pairs: &[(&'static str, &'static str)],
    word: &str,
) -> Option<&'static str> {
    pairs
        .binary_search_by(|(first, _)| (*first).cmp(word))
        .ok()
        .map(|index| pairs[index].1)
}

macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub(crate) static $name: LazyLock<Vec<&'static str>> =
                LazyLock::new(|| parse(include_str!(concat!("../../lexicon/", $file))));
        )*
        /// Every plain list, by file name, for the checks.
        #[cfg(test)]
        pub(crate) const FILES: &[(&str, &str)] = &[
            $(($file, include_str!(concat!("../../lexicon/", $file))),)*
        ];
    };
}

lists! {
    /// `abbreviations.txt`: no sentence ends after these ("Mr.", "Jan."); as written.
    ABBREVIATIONS = "abbreviations.txt";
    /// `sentence-starters.txt`: an abbreviation's stop before one of these ends a sentence.
    SENTENCE_STARTERS = "sentence-starters.txt";
    /// `speech-verbs.txt`: finite speech verbs ("said", "told").
    SPEECH_VERBS = "speech-verbs.txt";
    /// `quoting-verbs.txt`: "quotes", "cited": the speaker is the object.
    QUOTING_VERBS = "quoting-verbs.txt";
    /// `speech-participles.txt`: "saying", "adding".
    SPEECH_PARTICIPLES = "speech-participles.txt";
    /// `outlets.txt`: news outlets, never actors or speakers.
    OUTLETS = "outlets.txt";
    /// `places.txt`: places that are neither states nor actors.
    PLACES = "places.txt";
    /// `title-words.txt`: titles that make the next name a person's.
    TITLE_WORDS = "title-words.txt";
    /// `honorifics.txt`: courtesy titles, not roles.
    HONORIFICS = "honorifics.txt";
    /// `role-nouns.txt`: the nouns of role phrases.
    ROLE_NOUNS = "role-nouns.txt";
    /// `adjectival-nouns.txt`: role nouns that are adjectives before a capitalised word.
    ADJECTIVAL_NOUNS = "adjectival-nouns.txt";
    /// `company-nouns.txt`: nouns that make the next name a company or body.
    COMPANY_NOUNS = "company-nouns.txt";
    /// `role-modifiers.txt`: words between a demonym and a role noun.
    ROLE_MODIFIERS = "role-modifiers.txt";
    /// `title-qualifiers.txt`: capitalised words that qualify a title.
    TITLE_QUALIFIERS = "title-qualifiers.txt";
    /// `portfolio-words.txt`: a ministry's field.
    PORTFOLIO_WORDS = "portfolio-words.txt";
    /// `organisation-heads.txt`: head nouns of organisations' names.
    ORGANISATION_HEADS = "organisation-heads.txt";
    /// `given-names.txt`: common given names.
    GIVEN_NAMES = "given-names.txt";
    /// `voice-nouns.txt`: collective voices ("analysts").
    VOICE_NOUNS = "voice-nouns.txt";
    /// `voice-modifiers.txt`: words before a voice noun in a group's name.
    VOICE_MODIFIERS = "voice-modifiers.txt";
    /// `common-words.txt`: function words; a capital on one proves nothing.
    COMMON_WORDS = "common-words.txt";
    /// `belief-verbs.txt`: "believe", "fear": a plural noun before one is a voice.
    BELIEF_VERBS = "belief-verbs.txt";
    /// `institution-heads.txt`: "ministry", "border service", after their owner.
    INSTITUTION_HEADS = "institution-heads.txt";
    /// `ministry-fields.txt`: "defence", "foreign", between an owner and a ministry.
    MINISTRY_FIELDS = "ministry-fields.txt";
}

/// A regex alternation of `entries`, longest first so no entry loses to its own prefix.
pub(crate) fn alternation<'a>(entries: impl IntoIterator<Item = &'a str>) -> String {
    let mut entries: Vec<&str> = entries.into_iter().collect();
    entries.sort_by(|left, right| right.len().cmp(&left.len()).then(left.cmp(right)));
    entries
        .iter()
        .map(|entry| regex::escape(entry))
        .collect::<Vec<_>>()
        .join("|")
}

/// `singular-voices.txt`: a single anonymous voice and its group ("diplomat diplomats").
pub(crate) static SINGULAR_VOICES: LazyLock<Vec<(&'static str, &'static str)>> =
    LazyLock::new(|| parse_pairs(include_str!("../../lexicon/singular-voices.txt")));

/// `irregular-participles.txt`: "said say".
pub(crate) static IRREGULAR_PARTICIPLES: LazyLock<Vec<(&'static str, &'static str)>> =
    LazyLock::new(|| parse_pairs(include_str!("../../lexicon/irregular-participles.txt")));

/// The pair lists, by file name, for the checks.
#[cfg(test)]
pub(crate) const PAIR_FILES: &[(&str, &str)] = &[
    (
        "singular-voices.txt",
        include_str!("../../lexicon/singular-voices.txt"),
    ),
    (
        "irregular-participles.txt",
        include_str!("../../lexicon/irregular-participles.txt"),
    ),
];
