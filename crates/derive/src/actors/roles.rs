//! Role text: what counts as a role phrase, its normal form, states in roles.

use super::*;

pub(super) fn organisation_index(folded: &str) -> Option<usize> {
    lexicon::organisation_named(folded)
}

/// A verb of belief, judgement or reaction (`lexicon/belief-verbs.txt`).
pub(super) fn is_belief_verb(word: &str) -> bool {
    lexicon::BELIEF_VERBS.binary_search(&word).is_ok()
}

pub(super) static APPOSITIVE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,\s+(?:(?i:the|a|an)\s+)?(?P<role>[^,;:.()\x22“”]+?)\s*(?:,|\.|;|\)|$)")
        .expect("valid regex")
});

pub(super) static APPOSITIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?i:the|a|an|his|her|their|its)\s+(?P<role>[^,;:\x22“”]+),\s*$")
        .expect("valid regex")
});

pub(super) static ANONYMOUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?P<phrase>(?i:people|persons|a person|a source|someone)\s+(?:familiar with|close to|briefed on|with knowledge of|involved in|aware of)\s+(?:the\s+)?[\p{L}’'-]+(?:\s+[\p{L}’'-]+){0,2}?)\s*(?:[,.;]|\s(?:said|say|says|told)(?-u:\b)|$)",
    )
    .expect("valid regex")
});

pub(super) static POSSESSIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?P<role>\p{Lu}[\p{L}-]*[’']s\s+[^,;:\x22“”]+),\s*$").expect("valid regex")
});

pub(super) static INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    let fields = lexicon::alternation(lexicon::MINISTRY_FIELDS.iter().copied());
    let heads = lexicon::alternation(lexicon::INSTITUTION_HEADS.iter().copied());
    Regex::new(&format!(
        r"(?-u:\b)(?P<owner>\p{{Lu}}[\p{{L}}-]+(?:[’']s)?)(?:\s+and\s+(?P<owner2>\p{{Lu}}[\p{{L}}-]+))?\s+(?P<field>(?:{fields})\s+)?(?P<head>{heads})(?-u:\b)",
    ))
    .expect("valid regex")
});

pub(super) static INSTITUTION_HEADS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"ministry|service|council|central bank|parliament|embassy|committee|armed forces|commission|administration")
        .expect("valid regex")
});

pub(super) static OFFICE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:the)\s+(?:office|press service|press office|administration)\s+of\s+")
        .expect("valid regex")
});

pub(super) static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    let nouns = lexicon::alternation(
        lexicon::story::DESCRIPTORS
            .iter()
            .map(|(noun, _)| noun.as_str()),
    );
    Regex::new(&format!(
        r"(?-u:\b)(?i:the)\s+(?:(?P<adj>\p{{Lu}}[\p{{L}}-]*)\s+)?(?P<noun>(?i:{nouns}))(?-u:\b)(?:\s+of\s+(?P<of>\p{{Lu}}[\p{{L}}-]*))?",
    ))
    .expect("valid regex")
});

/// A role phrase names an office ("Kremlin spokesman"), not a description ("a close ally").
pub(super) fn is_role_phrase(phrase: &str) -> bool {
    let count = phrase.split_whitespace().count();
    if count == 0 || count > 10 {
        return false;
    }
    let mut role_noun = false;
    for (index, word) in phrase.split_whitespace().enumerate() {
        let verdict = with_folded(word, |word| {
            let opens_a_clause = index == 0
                && matches!(
                    word,
                    "who"
                        | "which"
                        | "that"
                        | "whose"
                        | "where"
                        | "when"
                        | "said"
                        | "says"
                        | "according"
                        | "and"
                        | "but"
                        | "he"
                        | "she"
                        | "it"
                        | "they"
                );
            let verb = is_speech_verb(word)
                || matches!(word, "is" | "was" | "has" | "had" | "have" | "are" | "were");
            (opens_a_clause || verb, is_role_noun(word))
        });
        if verdict.0 {
            return false;
        }
        role_noun |= verdict.1;
    }
    role_noun
}

/// "Belarusian President" → "President of Belarus"; "Presidents" → "President"; other roles
/// as the article gives them, first letter capitalised.
pub(crate) fn normalise_role(phrase: &str) -> String {
    let phrase = phrase.trim().trim_end_matches(',');
    fn singular(word: &str) -> &str {
        match word {
            "Presidents" | "presidents" => "President",
            "Ministers" | "ministers" => "Minister",
            "Leaders" | "leaders" => "Leader",
            other => other,
        }
    }
    let mut words = phrase.split_whitespace().map(singular);
    if let Some(first) = words.next() {
        let rest = words.clone();
        let (mut governmental, mut blocked) = (false, false);
        for word in rest.clone() {
            with_folded(word, |word| {
                governmental |= matches!(word, "president" | "minister" | "premier");
                blocked |= word == "of" || state_of(word).is_some();
            });
        }
        let state = (governmental && !blocked)
            .then(|| with_folded(strip_possessive(first), state_of))
            .flatten();
        if let Some(state) = state {
            let mut role = join_capitalised(rest);
            role.push_str(" of ");
            if state.name.starts_with("United ") || state.name.starts_with("Soviet ") {
                role.push_str("the ");
            }
            role.push_str(&state.name);
            return role;
        }
    }
    join_capitalised(phrase.split_whitespace().map(singular))
}

/// The words joined by single spaces, the first letter capitalised (as [`capitalise_first`]
/// of the joined words), in one buffer.
pub(super) fn join_capitalised<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let mut joined = String::new();
    for word in words {
        if joined.is_empty() {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                joined.extend(first.to_uppercase());
                joined.push_str(chars.as_str());
            }
            continue;
        }
        joined.push(' ');
        joined.push_str(word);
    }
    joined
}

pub(super) fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True when the folded `text` contains the folded `words` as whole words.
pub(crate) fn contains_words(text: &str, words: &str) -> bool {
    // As `format!(" {text} ").contains(&format!(" {words} "))`, without the copies: an
    // occurrence of `words` with a space or an end of `text` on each side. Occurrences may
    // overlap, so the search moves on one character at a time.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find(words) {
        let start = from + found;
        let end = start + words.len();
        if (start == 0 || bytes[start - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ') {
            return true;
        }
        match text[start..].chars().next() {
            Some(c) => from = start + c.len_utf8(),
            None => return false,
        }
    }
    false
}

/// True when a folded role names the state (by name or demonym).
pub(super) fn role_mentions_state(role: &str, state: &str) -> bool {
    STATES
        .iter()
        .filter(|entry| state_key(entry) == state)
        .any(|entry| {
            entry
                .names
                .iter()
                .chain(&entry.demonyms)
                .any(|name| contains_words(role, name))
        })
        || role.contains("kremlin") && state == "russia"
}

/// The state a role belongs to ("President of Belarus" → "belarus").
pub(crate) fn role_state(role: &str) -> Option<&'static str> {
    let folded = fold_word(role);
    STATES
        .iter()
        .find(|entry| {
            entry
                .names
                .iter()
                .chain(&entry.demonyms)
                .any(|name| contains_words(&folded, name))
        })
        .map(state_key)
}

pub(super) fn set_role(actor: &mut ActorInfo, role: String) {
    match &actor.role {
        None => actor.role = Some(role),
        // A bare title ("President") gives way to a fuller one ("President of Belarus").
        Some(current)
            if !current.contains(' ') && fold_word(&role).contains(&fold_word(current)) =>
        {
            actor.role = Some(role)
        }
        Some(_) => {}
    }
}

pub(super) fn push_alias(actor: &mut ActorInfo, alias: &str) {
    let folded = fold_word(alias);
    if folded.is_empty() || folds_to(&actor.name, &folded) {
        return;
    }
    if !actor
        .aliases
        .iter()
        .any(|existing| folds_to(existing, &folded))
    {
        actor.aliases.push(alias.to_owned());
    }
}

/// Records a spelling the article uses when it differs from the names known so far: a new
/// full name, or a lone word spelled differently ("Lukashenka" beside "Lukashenko").
pub(super) fn add_spelling(actor: &mut ActorInfo, text: &str) {
    let add = with_folded(text, |folded| {
        let mut names = std::iter::once(&actor.name).chain(&actor.aliases);
        if folded.is_empty() || names.any(|name| folds_to(name, folded)) {
            return false;
        }
        let known_word = std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .any(|name| folded_has_word(name, folded));
        folded.contains(' ') || !known_word
    });
    if add {
        push_alias(actor, text);
    }
}
