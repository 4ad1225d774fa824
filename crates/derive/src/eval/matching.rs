//! When a drafted item is the annotated one: words, names, roles.

use super::{Annotation, ExpectedActor};
use crate::DraftActor;
use briefbot_format::ActorKind;

/// Words only: case, punctuation and diacritics dropped.
pub(super) fn words(text: &str) -> String {
    briefbot_text::fold_words(text)
}

pub(super) fn expected_actor(annotation: &Annotation, name: &str) -> Option<usize> {
    let wanted = words(name);
    annotation.actors.iter().position(|actor| {
        std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .any(|known| words(known) == wanted)
    })
}

pub(super) fn actor_matches(derived: &DraftActor, expected: &ExpectedActor) -> bool {
    let derived_names: Vec<String> = std::iter::once(&derived.name)
        .chain(&derived.aliases)
        .map(|name| words(name))
        .collect();
    let expected_names: Vec<String> = std::iter::once(&expected.name)
        .chain(&expected.aliases)
        .map(|name| words(name))
        .collect();
    if derived_names
        .iter()
        .any(|name| expected_names.contains(name))
    {
        return true;
    }
    let surname = |name: &String| {
        name.rsplit(' ')
            .next()
            .map(str::to_owned)
            .unwrap_or_default()
    };
    derived.kind == ActorKind::Person
        && expected.kind == "person"
        && derived_names.iter().map(surname).any(|derived| {
            expected_names
                .iter()
                .map(surname)
                .any(|expected| expected == derived)
        })
}

/// Roles match when their content words mostly agree (F1 of shared words ≥ 0.6).
pub(super) fn role_matches(derived: &str, expected: &str) -> bool {
    let content = |text: &str| -> Vec<String> {
        words(text)
            .split(' ')
            .filter(|word| !matches!(*word, "of" | "the" | "a" | "an" | "for" | ""))
            .map(str::to_owned)
            .collect()
    };
    let (derived, expected) = (content(derived), content(expected));
    if derived.is_empty() || expected.is_empty() {
        return false;
    }
    let shared = derived
        .iter()
        .filter(|word| expected.contains(word))
        .count() as f64;
    let precision = shared / derived.len() as f64;
    let recall = shared / expected.len() as f64;
    precision + recall > 0.0 && 2.0 * precision * recall / (precision + recall) >= 0.6
}

/// The sentence of `article` that holds `needle` (the first part of a split quote, a name),
/// on one line: what `--explain` shows beside a mismatch.
pub(super) fn sentence_with(article: &str, needle: &str) -> Option<String> {
    let needle = needle.split(" … ").next().unwrap_or(needle).trim();
    if needle.is_empty() {
        return None;
    }
    // ASCII lowercasing keeps every byte offset, so a match in the copy is one in the text.
    let at = article.find(needle).or_else(|| {
        article
            .to_ascii_lowercase()
            .find(&needle.to_ascii_lowercase())
    })?;
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let start = article[..at]
        .char_indices()
        .rev()
        // A sentence ends at a stop followed by a space or a line break.
        .find(|&(index, c)| c == '\n' || is_end(c) && article[index + 1..].starts_with([' ', '\n']))
        .map_or(0, |(index, c)| index + c.len_utf8());
    let after = at + needle.len();
    let end = article[after..]
        .char_indices()
        .find(|&(index, c)| {
            c == '\n'
                || is_end(c)
                    && article[after + index + 1..]
                        .chars()
                        .next()
                        .is_none_or(|next| next == ' ')
        })
        .map_or(article.len(), |(index, c)| after + index + c.len_utf8());
    let sentence = article[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(briefbot_text::truncate(&sentence, 300))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_a_quote_or_a_name() {
        let article = "Minsk, May 2 (BelTA). The talks ended. “We will not yield,” Lukashenko said. He left.\nNext paragraph.";
        assert_eq!(
            sentence_with(article, "We will not yield,").as_deref(),
            Some("“We will not yield,” Lukashenko said.")
        );
        assert_eq!(
            sentence_with(article, "lukashenko").as_deref(),
            Some("“We will not yield,” Lukashenko said.")
        );
        assert_eq!(
            sentence_with(article, "Next").as_deref(),
            Some("Next paragraph.")
        );
        assert_eq!(sentence_with(article, "Putin"), None);
    }
}
