//! The article as the other stages see it: cleaned text, paragraphs, sentences and words.

use std::ops::Range;

use super::sentences;

/// An article's text after cleaning, with its paragraphs, sentences and word tokens as byte
/// ranges into `text`, so every later stage can quote the article verbatim.
pub(crate) struct Doc {
    /// The cleaned text: LF line breaks, no other control or direction-override characters.
    pub text: String,
    /// Paragraphs, trimmed, in order.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences, in order; each lies inside one paragraph.
    pub sentences: Vec<Sentence>,
    /// Words, in order.
    pub tokens: Vec<Token>,
    /// Where each word's folded form is (lowercase, no diacritics, possessive dropped): most
    /// words are already folded and point into `text`; the others into `folded_arena`.
    folded_spans: Vec<(bool, u32, u32)>,
    /// The folded forms that differ from the text.
    folded_arena: String,
    /// The word lists each folded word is on ([`super::lexicon::bit`]), by token.
    pub flags: Vec<u32>,
}

/// One sentence.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Where it is in the text.
    pub range: Range<usize>,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// One word: letters and digits, with inner apostrophes, hyphens and acronym dots ("U.S").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
}

impl Doc {
    /// Cleans `raw` and splits it into paragraphs, sentences and words.
    pub fn new(raw: &str) -> Self {
        let text = clean(raw);
        let paragraphs = paragraphs(&text);
        let sentences = sentences::split(&text, &paragraphs);
        let tokens = tokenize(&text, &sentences);
        let mut folded_spans = Vec::with_capacity(tokens.len());
        let mut folded_arena = String::new();
        for token in &tokens {
            let word = strip_possessive(&text[token.start..token.end]);
            let plain = word
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit());
            let span = if plain {
                (false, offset(token.start), offset(token.start + word.len()))
            } else {
                let start = folded_arena.len();
                folded_arena.push_str(&super::actors::fold_word(word));
                (true, offset(start), offset(folded_arena.len()))
            };
            folded_spans.push(span);
        }
        let mut doc = Self {
            text,
            paragraphs,
            sentences,
            tokens,
            folded_spans,
            folded_arena,
            flags: Vec::new(),
        };
        doc.flags = (0..doc.tokens.len())
            .map(|index| super::lexicon::flags(doc.folded(index)))
            .collect();
        doc
    }

    /// The folded form of a word, by token index.
    pub fn folded(&self, index: usize) -> &str {
        let (arena, start, end) = self.folded_spans[index];
        let source = if arena {
            &self.folded_arena
        } else {
            &self.text
        };
        &source[start as usize..end as usize]
    }

    /// The folded form of every word, by token index.
    pub fn folded_words(&self) -> Vec<&str> {
        (0..self.tokens.len())
            .map(|index| self.folded(index))
            .collect()
    }

    /// The text of a byte range. Offsets computed by arithmetic ("80 bytes after the quote")
    /// are moved back to the nearest character boundary, so no range can split a character.
    pub fn slice(&self, range: Range<usize>) -> &str {
        let end = floor_boundary(&self.text, range.end);
        let start = floor_boundary(&self.text, range.start.min(end));
        &self.text[start..end]
    }

    /// The text of a token.
    pub fn word(&self, token: &Token) -> &str {
        &self.text[token.start..token.end]
    }

    /// The index of the first token starting at or after `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|token| token.start < offset)
    }

    /// The index of the sentence containing `offset` (or the last one before it).
    pub fn sentence_at(&self, offset: usize) -> usize {
        self.sentences
            .partition_point(|sentence| sentence.range.start <= offset)
            .saturating_sub(1)
    }

    /// The index of the paragraph containing `offset` (or the last one before it).
    pub fn paragraph_at(&self, offset: usize) -> usize {
        self.paragraphs
            .partition_point(|paragraph| paragraph.start <= offset)
            .saturating_sub(1)
    }
}

/// A byte offset as stored in the folded spans; articles are at most a few MiB.
fn offset(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Line breaks become LF; tabs and other control characters become spaces; byte-order marks
/// and text-direction overrides go. The format forbids them, and none carries meaning here.
pub(crate) fn clean(raw: &str) -> String {
    if !needs_cleaning(raw) {
        return raw.to_owned();
    }
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    text.push('\n');
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => text.push('\n'),
            '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => text.push(' '),
            c => text.push(c),
        }
    }
    text
}

/// True when `raw` holds anything [`clean`] changes: most articles hold nothing of the kind.
fn needs_cleaning(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.iter().enumerate().any(|(index, &byte)| match byte {
        b'\n' => false,
        0..=0x1F | 0x7F => true,
        // U+0080..U+009F (C1 controls) are C2 80..C2 9F.
        0xC2 => bytes
            .get(index + 1)
            .is_some_and(|next| (0x80..=0x9F).contains(next)),
        // U+2028, U+2029, U+202A..U+202E are E2 80 A8..AE; U+2066..U+2069 are E2 81 A6..A9.
        0xE2 => match (bytes.get(index + 1), bytes.get(index + 2)) {
            (Some(0x80), Some(third)) => (0xA8..=0xAE).contains(third),
            (Some(0x81), Some(third)) => (0xA6..=0xA9).contains(third),
            _ => false,
        },
        // U+FEFF is EF BB BF.
        0xEF => bytes.get(index + 1) == Some(&0xBB) && bytes.get(index + 2) == Some(&0xBF),
        _ => false,
    })
}

/// Paragraphs are blank-line separated when the text has blank lines (hard-wrapped lines
/// inside a block then belong to one paragraph), else one per line.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            lines.push(start..index);
            start = index + 1;
        }
    }
    lines.push(start..text.len());
    let blank = |line: &Range<usize>| text[line.clone()].trim().is_empty();
    // Blank lines count only between paragraphs, not before the first or after the last.
    let first = lines.iter().position(|line| !blank(line));
    let last = lines.iter().rposition(|line| !blank(line));
    let has_blank_lines = match (first, last) {
        (Some(first), Some(last)) => lines[first..last].iter().any(blank),
        _ => false,
    };
    let mut paragraphs = Vec::new();
    if has_blank_lines {
        let mut current: Option<Range<usize>> = None;
        for line in &lines {
            if blank(line) {
                paragraphs.extend(current.take());
            } else {
                current = Some(current.map_or(line.clone(), |block| block.start..line.end));
            }
        }
        paragraphs.extend(current);
    } else {
        paragraphs.extend(lines.iter().filter(|line| !blank(line)).cloned());
    }
    paragraphs
        .into_iter()
        .map(|range| trim_range(text, range))
        .collect()
}

/// The largest character boundary of `text` at or before `index` (clamped to its length).
pub(crate) fn floor_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Shrinks a range so it neither starts nor ends with whitespace.
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || !c.is_ascii()
            && (c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
}

fn tokenize(text: &str, sentences: &[Sentence]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut sentence = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut segment_len = 1; // characters since the last dot, for acronyms ("U.S")
        let mut previous = c;
        while let Some(&(index, next)) = chars.peek() {
            if is_word_char(next) {
                end = index + next.len_utf8();
                segment_len += 1;
                previous = next;
                chars.next();
                continue;
            }
            let after = text[index + next.len_utf8()..].chars().next();
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
            chars.next();
            if next == '.' {
                segment_len = 0;
            }
            previous = next;
        }
        while sentence + 1 < sentences.len() && sentences[sentence + 1].range.start <= start {
            sentence += 1;
        }
        tokens.push(Token {
            start,
            end,
            sentence,
        });
    }
    tokens
}

/// Strips a possessive ending: "Lukashenko’s" → "Lukashenko", "Belarus’s" → "Belarus".
pub(crate) fn strip_possessive(word: &str) -> &str {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        doc.tokens
            .iter()
            .map(|token| doc.word(token).to_owned())
            .collect()
    }

    #[test]
    fn words_keep_apostrophes_acronyms_and_decimals() {
        assert_eq!(
            words("Belarus’s U.S. ally won 65.2 percent, in Belarus-Russia talks (Gazprom)."),
            [
                "Belarus’s",
                "U.S",
                "ally",
                "won",
                "65.2",
                "percent",
                "in",
                "Belarus-Russia",
                "talks",
                "Gazprom"
            ]
        );
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_join_wrapped_lines() {
        let doc = Doc::new("One line\nwrapped here.\n\nSecond paragraph.\n");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(
            doc.slice(doc.paragraphs[0].clone()),
            "One line\nwrapped here."
        );
        let doc = Doc::new("\nFirst.\nSecond.\r\nThird.\n\n");
        assert_eq!(doc.paragraphs.len(), 3);
    }

    #[test]
    fn control_and_direction_characters_are_cleaned() {
        assert_eq!(clean("a\tb\r\nc\u{202E}d\u{0}e\rf"), "a b\ncd e\nf");
        for dirty in ["\u{85}", "\u{2028}", "\u{2069}", "\u{FEFF}x", "\u{7F}"] {
            assert!(needs_cleaning(dirty), "{dirty:?}");
        }
        assert!(!needs_cleaning("“Curly” quotes — and dashes…\nare fine"));
    }
}
