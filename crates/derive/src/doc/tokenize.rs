//! Words: the tokenizer, reading bytes and decoding only where a byte is not ASCII.

use super::*;

pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || !c.is_ascii()
            && !GENERAL_PUNCTUATION.contains(&c)
            && (c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
}

/// The Unicode block of curly quotes, dashes and the ellipsis, the non-ASCII characters an
/// article holds most: none is a letter, a digit or a combining mark (a test checks), so the
/// table lookups are skipped for them.
pub(super) const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// The character at byte `at` of `text` (a character boundary), if any.
pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte < 0x80 => Some(char::from(byte)),
        Some(_) => text[at..].chars().next(),
        None => None,
    }
}

/// Splits the text into words. Reads bytes, decoding a character only where the byte is not
/// ASCII: most of an article is ASCII, and an ASCII byte is a whole character.
pub(super) fn tokenize(text: &str, sentences: &[Sentence]) -> Vec<Token> {
    let bytes = text.as_bytes();
    // News English averages under six bytes a word with its space and punctuation: room
    // for a word every five bytes rarely has to grow.
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut sentence = 0;
    let mut position = 0;
    while position < bytes.len() {
        let start = position;
        let byte = bytes[position];
        let c = if byte < 0x80 {
            position += 1;
            if BYTE_SHAPES[usize::from(byte)] == 0 {
                continue;
            }
            char::from(byte)
        } else {
            let c = char_at(text, position).unwrap_or(char::REPLACEMENT_CHARACTER);
            position += c.len_utf8();
            if !is_word_char(c) {
                continue;
            }
            c
        };
        let mut end = position;
        let mut segment_len = 1; // characters since the last dot, for acronyms ("U.S")
        let mut previous = c;
        // The shapes of the ASCII letters and digits seen; a joiner or another character makes
        // the word complex (not SIMPLE).
        let mut seen = if byte < 0x80 {
            BYTE_SHAPES[usize::from(byte)]
        } else {
            0
        };
        let mut complex = byte >= 0x80;
        loop {
            // A run of ASCII letters and digits, the bulk of every word, in one tight loop.
            let run_start = end;
            while let Some(&byte) = bytes.get(end) {
                let class = BYTE_SHAPES[usize::from(byte)];
                if class == 0 {
                    break;
                }
                seen |= class;
                end += 1;
            }
            if end > run_start {
                segment_len += end - run_start;
                previous = char::from(bytes[end - 1]);
            }
            let Some(next) = char_at(text, end) else {
                break;
            };
            if is_word_char(next) {
                end += next.len_utf8();
                segment_len += 1;
                previous = next;
                complex = true;
                continue;
            }
            let after = char_at(text, end + next.len_utf8());
            let joins = match next {
                '\'' | '’' | '-' | '‐' => after.is_some_and(is_word_char),
                '.' | ',' if previous.is_ascii_digit() => after.is_some_and(|c| c.is_ascii_digit()),
                '.' => {
                    segment_len == 1
                        && previous.is_uppercase()
                        && after.is_some_and(char::is_uppercase)
                }
                _ => false,
            };
            if !joins {
                break;
            }
            // A joiner always has a word character after it, so the word never ends on one.
            end += next.len_utf8();
            if matches!(next, '-' | '‐') {
                seen |= shape::HYPHENATED;
            }
            if next == '.' {
                segment_len = 0;
            }
            previous = next;
            complex = true;
        }
        if complex {
            seen &= !shape::SIMPLE;
        }
        if c.is_uppercase() {
            seen |= shape::CAPITALISED;
        }
        while sentence + 1 < sentences.len() && sentences[sentence + 1].range.start <= start {
            sentence += 1;
        }
        tokens.push(Token {
            start,
            end,
            sentence,
            word: 0,
            plain: false,
            shape: seen,
        });
        position = end;
    }
    tokens
}
