//! The article as the other stages see it: cleaned text, paragraphs, sentences and words.

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::{self, Entry};
use super::{scan, sentences};

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
    /// The article's distinct folded words (lowercase, no diacritics, possessive dropped),
    /// each with what the word lists say about it. Every token points to its folded word, so
    /// a word is folded into this table and looked up in the word lists once per article,
    /// however often it occurs.
    words: Vocabulary,
    /// The word lists each token's folded word is on, by token.
    pub flags: Vec<u32>,
    /// For each distinct word, its first token; for each token, the next token with the same
    /// folded word ([`NONE`] ends the chain): every occurrence of a word without a search.
    first_occurrence: Vec<u32>,
    next_occurrence: Vec<u32>,
    /// True when the text holds "ſ" (C5 BF) or the Kelvin sign (E2 84 AA).
    exotic_case: bool,
}

/// True when `bytes` hold "ſ" (C5 BF) or the Kelvin sign (E2 84 AA): the non-ASCII letters a
/// case-insensitive pattern matches for "s" and "k".
fn has_exotic_case(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = scan::find_any(bytes, from, [0xC5, 0xE2]) {
        let rest = &bytes[at..];
        if rest.starts_with(&[0xC5, 0xBF]) || rest.starts_with(&[0xE2, 0x84, 0xAA]) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The end of an occurrence chain.
const NONE: u32 = u32::MAX;

/// The article's distinct folded words, in order of first occurrence, each with what the word
/// lists say about it.
struct Vocabulary {
    /// The folded form of each word, by id.
    words: Vec<Box<str>>,
    /// What the word lists say about each word.
    entries: Vec<Entry>,
    /// Each folded form's id.
    ids: HashMap<Box<str>, u32>,
}

impl Vocabulary {
    /// A vocabulary with room for `capacity` words (its token count).
    fn new(capacity: usize) -> Self {
        Self {
            words: Vec::with_capacity(capacity / 4),
            entries: Vec::with_capacity(capacity / 4),
            ids: HashMap::with_capacity(capacity / 4),
        }
    }

    fn word(&self, id: usize) -> &str {
        &self.words[id]
    }

    fn entry(&self, id: usize) -> Entry {
        self.entries[id]
    }

    fn id_of(&self, key: &str) -> Option<usize> {
        self.ids.get(key).map(|&id| id as usize)
    }

    /// The id of the word whose folded form is `folded`.
    fn intern(&mut self, folded: &str) -> usize {
        if let Some(id) = self.id_of(folded) {
            return id;
        }
        let id = self.words.len();
        self.words.push(folded.into());
        self.entries.push(lexicon::entry(folded));
        self.ids.insert(folded.into(), offset(id));
        id
    }
}

/// A byte offset as the vocabulary stores it; articles are at most 1 MiB.
fn offset(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(NONE)
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
    /// Index of its folded form among the article's distinct words ([`Doc::word_id`]).
    word: u32,
    /// True when the word as written is its folded form ("said", not "Said" or "Putin’s").
    plain: bool,
    /// What the tokenizer saw of the word's characters ([`shape`]).
    shape: u8,
}

/// Bits of [`Token::shape`], and of the byte classes the tokenizer reads.
mod shape {
    /// ASCII letters and digits only (so its folded form is its ASCII lowercase).
    pub const SIMPLE: u8 = 1;
    /// Holds an ASCII uppercase letter.
    pub const UPPER: u8 = 2;
    /// Starts with an uppercase letter.
    pub const CAPITALISED: u8 = 4;
    /// Holds a hyphen ("Belarus-Russia").
    pub const HYPHENATED: u8 = 8;
}

/// For each byte: [`shape::SIMPLE`] for an ASCII letter or digit, with [`shape::UPPER`] for an
/// uppercase letter.
static BYTE_SHAPES: [u8; 256] = {
    let mut shapes = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() {
            shapes[byte] = shape::SIMPLE;
        }
        if b.is_ascii_uppercase() {
            shapes[byte] |= shape::UPPER;
        }
        byte += 1;
    }
    shapes
};

impl Doc {
    /// Cleans `raw` and splits it into paragraphs, sentences and words.
    pub fn new(raw: &str) -> Self {
        let text = clean(raw);
        let paragraphs = paragraphs(&text);
        let sentences = sentences::split(&text, &paragraphs);
        let mut tokens = tokenize(&text, &sentences);
        let exotic_case = has_exotic_case(text.as_bytes());
        let mut words = Vocabulary::new(tokens.len());
        let mut flags = Vec::with_capacity(tokens.len());
        let mut scratch = String::new();
        // Indexed by distinct word: at most one per token.
        let mut first_occurrence = Vec::with_capacity(tokens.len());
        let mut last_occurrence: Vec<u32> = Vec::with_capacity(tokens.len());
        let mut next_occurrence = vec![NONE; tokens.len()];
        for (index, token) in tokens.iter_mut().enumerate() {
            let id = if token.shape & shape::SIMPLE != 0 {
                token.plain = token.shape & shape::UPPER == 0;
                // A simple word (ASCII letters and digits) folds to its lowercase.
                scratch.clear();
                scratch.push_str(&text[token.start..token.end]);
                scratch.make_ascii_lowercase();
                words.intern(&scratch)
            } else {
                let written = &text[token.start..token.end];
                let folded = fold_into(strip_possessive(written), &mut scratch);
                token.plain = folded == written;
                words.intern(folded)
            };
            token.word = u32::try_from(id).unwrap_or(NONE);
            flags.push(words.entry(id).flags);
            let index = u32::try_from(index).unwrap_or(NONE);
            if id == first_occurrence.len() {
                first_occurrence.push(index);
                last_occurrence.push(index);
            } else {
                next_occurrence[last_occurrence[id] as usize] = index;
                last_occurrence[id] = index;
            }
        }
        Self {
            text,
            paragraphs,
            sentences,
            tokens,
            words,
            flags,
            first_occurrence,
            next_occurrence,
            exotic_case,
        }
    }

    /// Every token whose folded form is `folded`, in text order.
    pub fn occurrences(&self, folded: &str) -> impl Iterator<Item = usize> + '_ {
        let mut next = self
            .words
            .id_of(folded)
            .map_or(NONE, |id| self.first_occurrence[id]);
        std::iter::from_fn(move || {
            let index = (next != NONE).then_some(next as usize)?;
            next = self.next_occurrence[index];
            Some(index)
        })
    }

    /// True when some word of the text is written exactly as `word.to_lowercase()` and starts
    /// with a lowercase letter: "Analysts" opening a sentence is the word "analysts" when the
    /// article also writes it so.
    pub fn written_lowercase(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if !lower.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        // Equal words have equal folded forms: only the lowercase word's own occurrences can
        // be written like it.
        let mut scratch = String::new();
        let folded = fold_into(strip_possessive(&lower), &mut scratch);
        self.occurrences(folded)
            .any(|index| self.word(&self.tokens[index]) == lower)
    }

    /// False only when no case-insensitive search (`(?i)` in a pattern) can match any of
    /// `words` (lowercase ASCII) as a word of its own: none is a word of the article, and the
    /// text holds no "ſ" or Kelvin sign, the two non-ASCII letters that match "s" and "k"
    /// without regard to case.
    pub fn may_have_word_ignoring_case(&self, words: &[&str]) -> bool {
        self.exotic_case || words.iter().any(|word| self.distinct_id(word).is_some())
    }

    /// The index of a token's folded form among the article's distinct words: two tokens
    /// share it exactly when their folded forms are equal.
    pub fn word_id(&self, index: usize) -> usize {
        self.tokens[index].word as usize
    }

    /// True when a token starts with an uppercase letter.
    pub fn capitalised(&self, index: usize) -> bool {
        self.tokens[index].shape & shape::CAPITALISED != 0
    }

    /// True when a token holds a hyphen ("Belarus-Russia", "US-supplied").
    pub fn hyphenated(&self, index: usize) -> bool {
        self.tokens[index].shape & shape::HYPHENATED != 0
    }

    /// What the word lists say about a token's folded word.
    pub fn entry(&self, index: usize) -> Entry {
        self.words.entry(self.tokens[index].word as usize)
    }

    /// What the word lists say about a token as written (for the case-sensitive lists: "said"
    /// is a speech verb, "Said" is not): its folded word's entry when it is written folded.
    pub fn written_entry(&self, index: usize) -> Entry {
        let token = &self.tokens[index];
        if token.plain {
            self.entry(index)
        } else {
            lexicon::entry(self.word(token))
        }
    }

    /// The folded form of one of the article's distinct words ([`Self::word_id`]).
    pub fn distinct_word(&self, id: usize) -> &str {
        self.words.word(id)
    }

    /// What the word lists say about one of the article's distinct words.
    pub fn distinct_entry(&self, id: usize) -> Entry {
        self.words.entry(id)
    }

    /// The distinct word whose folded form is `folded`, if the article has it.
    pub fn distinct_id(&self, folded: &str) -> Option<usize> {
        self.words.id_of(folded)
    }

    /// How many distinct folded words the article has.
    pub fn distinct_words(&self) -> usize {
        self.words.words.len()
    }

    /// The folded form of every word, by token index.
    pub fn folded_words(&self) -> Vec<&str> {
        self.tokens
            .iter()
            .map(|token| self.words.word(token.word as usize))
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

/// The folded form of a word (possessive already dropped), as [`briefbot_text::fold_words`]
/// gives it: the word itself when it is already folded (lowercase ASCII letters and digits,
/// most words of an article), else written into `scratch`, so folding allocates nothing.
fn fold_into<'a>(word: &'a str, scratch: &'a mut String) -> &'a str {
    let bytes = word.as_bytes();
    if bytes
        .iter()
        .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
    {
        return word;
    }
    briefbot_text::fold_words_into(word, scratch);
    scratch
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
    let mut index = 0;
    // Printable ASCII is clean: look only at the other bytes.
    while let Some(at) = scan::find_not_printable(bytes, index) {
        index = at + 1;
        let next = bytes.get(at + 1).copied();
        let third = bytes.get(at + 2).copied();
        let dirty = match bytes[at] {
            b'\n' => false,
            0..=0x1F | 0x7F => true,
            // U+0080..U+009F (C1 controls) are C2 80..C2 9F.
            0xC2 => next.is_some_and(|next| (0x80..=0x9F).contains(&next)),
            // U+2028, U+2029, U+202A..U+202E are E2 80 A8..AE; U+2066..U+2069 are E2 81 A6..A9.
            0xE2 => match (next, third) {
                (Some(0x80), Some(third)) => (0xA8..=0xAE).contains(&third),
                (Some(0x81), Some(third)) => (0xA6..=0xA9).contains(&third),
                _ => false,
            },
            // U+FEFF is EF BB BF.
            0xEF => next == Some(0xBB) && third == Some(0xBF),
            _ => false,
        };
        if dirty {
            return true;
        }
    }
    false
}

/// Paragraphs are blank-line separated when the text has blank lines (hard-wrapped lines
/// inside a block then belong to one paragraph), else one per line.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while let Some(end) = scan::find_any(text.as_bytes(), start, [b'\n']) {
        lines.push(start..end);
        start = end + 1;
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

/// `text` without `suffix` (lowercase ASCII) when `text.to_lowercase()` ends with it, without
/// lowercasing all of `text`: reading back, each character must lowercase to the suffix's
/// next character. (A character lowercasing to several characters has a non-ASCII one among
/// them, and only `Σ` lowercases by context, to one non-ASCII letter either way: neither can
/// meet an ASCII suffix.)
pub(crate) fn strip_suffix_lowercase<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let mut chars = text.char_indices().rev();
    let mut start = text.len();
    for expected in suffix.chars().rev() {
        let (at, c) = chars.next()?;
        let mut lower = c.to_lowercase();
        if lower.next() != Some(expected) || lower.next().is_some() {
            return None;
        }
        start = at;
    }
    Some(&text[..start])
}

/// Strips a possessive ending: "Lukashenko’s" → "Lukashenko", "Belarus’s" → "Belarus".
pub(crate) fn strip_possessive(word: &str) -> &str {
    // Most words do not end in "s": one byte settles them.
    if !word.ends_with(['s', 'S']) {
        return word;
    }
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

mod tokenize;

use tokenize::*;

#[cfg(test)]
mod tests;
