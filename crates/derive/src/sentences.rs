//! The sentence splitter: survives abbreviations, initials, decimals, quotations and ellipses.

use std::ops::Range;

use super::doc::{Sentence, trim_range};
use super::lexicon::{is_abbreviation, is_sentence_starter};
use super::scan;

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn opens_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„')
}

/// Splits every paragraph into sentences.
pub(crate) fn split(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    // One vector for the article (a sentence every ~120 bytes is typical): no vector per
    // paragraph.
    let mut sentences = Vec::with_capacity(text.len() / 100 + paragraphs.len());
    for (index, paragraph) in paragraphs.iter().enumerate() {
        split_paragraph(text, paragraph.clone(), &mut |range| {
            if !range.is_empty() {
                sentences.push(Sentence {
                    range,
                    paragraph: index,
                });
            }
        });
    }
    sentences
}

/// The length of the terminator (`.`, `!`, `?`, `…`) starting at byte `at`, or 0. Bytes
/// suffice: these ASCII bytes never occur inside a longer character in UTF-8, and `…` is
/// E2 80 A6.
fn terminator_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'.' | b'!' | b'?') => 1,
        Some(0xE2) if bytes.get(at + 1..at + 3) == Some(&[0x80, 0xA6]) => 3,
        _ => 0,
    }
}

/// Gives each sentence of a paragraph to `sentence` (empty ones too), in order.
fn split_paragraph(text: &str, paragraph: Range<usize>, sentence: &mut impl FnMut(Range<usize>)) {
    let bytes = &text.as_bytes()[..paragraph.end];
    let mut start = paragraph.start;
    let bytes_end = paragraph.end;
    let mut position = paragraph.start;
    while position < bytes_end {
        // Only a terminator can end a sentence: skip to the next one.
        let Some(found) = scan::find_any(bytes, position, [b'.', b'!', b'?', 0xE2]) else {
            break;
        };
        position = found;
        if terminator_len(bytes, position) == 0 {
            position += 1;
            continue;
        }
        let run_start = position;
        let mut end = position;
        loop {
            let len = terminator_len(bytes, end);
            if len == 0 {
                break;
            }
            end += len;
        }
        let run = &text[run_start..end];
        while let Some(next) = text[end..bytes_end]
            .chars()
            .next()
            .filter(|&c| is_closer(c))
        {
            end += next.len_utf8();
        }
        position = end;
        let rest = &text[end..bytes_end];
        let Some(first) = rest.chars().next() else {
            break;
        };
        if !first.is_whitespace() {
            continue;
        }
        let following = rest.trim_start();
        let next_start = bytes_end - following.len();
        let Some(next_char) = following.chars().next() else {
            break;
        };
        if !opens_sentence(next_char) {
            continue;
        }
        if run == "." && !full_stop_ends_sentence(&text[start..run_start], following) {
            continue;
        }
        sentence(trim_range(text, start..end));
        start = next_start;
        position = next_start;
    }
    if start < bytes_end {
        sentence(trim_range(text, start..bytes_end));
    }
}

/// Decides whether a single full stop after `before` ends the sentence, given what follows.
fn full_stop_ends_sentence(before: &str, following: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(['(', '[', '"', '“', '‘', '\'', '«']);
    if is_abbreviation(word) {
        return false;
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        // An initial ("Vladimir V. Putin"), not the end of a sentence.
        if first.is_uppercase() {
            return false;
        }
    }
    let is_acronym = word.contains('.')
        && word.split('.').all(|segment| {
            !segment.is_empty()
                && segment.chars().count() <= 2
                && segment.chars().all(char::is_alphabetic)
        });
    if is_acronym {
        // "the U.S. The next day" ends a sentence; "the U.S. Embassy" does not.
        let next_word = following
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        return is_sentence_starter(next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::doc::Doc;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        doc.sentences
            .iter()
            .map(|sentence| doc.slice(sentence.range.clone()).to_owned())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "Gen. Viktar Khrenin met Mr. Lavrov on Jan. 5 in Minsk. Turnout was 65.2 percent. Vladimir V. Putin agreed."
            ),
            [
                "Gen. Viktar Khrenin met Mr. Lavrov on Jan. 5 in Minsk.",
                "Turnout was 65.2 percent.",
                "Vladimir V. Putin agreed."
            ]
        );
    }

    #[test]
    fn acronyms_end_a_sentence_only_before_a_sentence_opener() {
        assert_eq!(
            sentences("He flew to the U.S. The talks failed. The U.S. Embassy said nothing."),
            [
                "He flew to the U.S.",
                "The talks failed.",
                "The U.S. Embassy said nothing."
            ]
        );
    }

    #[test]
    fn quotations_ending_a_sentence_are_kept_whole() {
        assert_eq!(
            sentences(
                "“We will not become a vassal.” Then he left. \"Will it end?\" he asked. \"No!\" She laughed."
            ),
            [
                "“We will not become a vassal.”",
                "Then he left.",
                "\"Will it end?\" he asked.",
                "\"No!\"",
                "She laughed."
            ]
        );
    }

    #[test]
    fn ellipses_end_a_sentence_only_before_a_capital() {
        assert_eq!(
            sentences("We waited... and waited. Nothing came… Then rain…"),
            ["We waited... and waited.", "Nothing came…", "Then rain…"]
        );
    }

    #[test]
    fn paragraphs_bound_sentences() {
        assert_eq!(
            sentences("No full stop\nNext line."),
            ["No full stop", "Next line."]
        );
    }
}
