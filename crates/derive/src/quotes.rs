//! Direct quotations: straight, curly and single quotation marks, quotes that run across
//! paragraphs, nested quotes, quotes split by an attribution, and scare quotes set apart.

use std::ops::Range;

use super::doc::{Doc, strip_suffix_lowercase, trim_range};
use super::lexicon::is_speech_verb;
use super::scan;

/// Double (`"`, `“”`, `„`, `«»`) or single (`'`, `‘’`) quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// Double marks.
    Double,
    /// Single marks.
    Single,
}

/// One quotation found in the article.
#[derive(Debug, Clone)]
pub(crate) struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset after the closing mark, or the paragraph end for an unclosed quote.
    pub close: usize,
    /// The quoted words: one range per paragraph the quote runs across, and one per part of a
    /// quote split by an attribution.
    pub segments: Vec<Range<usize>>,
    /// For a quote split by an attribution, the text between its parts (closing mark,
    /// attribution, opening mark).
    pub interruption: Option<Range<usize>>,
    /// False when the article never closes it (the quote ends with its paragraph).
    pub closed: bool,
    /// True when the article lost the opening mark: the quote starts where its paragraph
    /// starts, and `open` is that start.
    pub opening_missing: bool,
    /// One to three words set in quotation marks inside a sentence, or a quoted name: a term,
    /// not anyone's words.
    pub scare: bool,
}

impl QuoteSpan {
    /// The quoted words, parts joined by a space, for comparison and scoring.
    pub fn words(&self, doc: &Doc) -> String {
        let mut words = String::new();
        for (index, segment) in self.segments.iter().enumerate() {
            if index > 0 {
                words.push(' ');
            }
            words.push_str(doc.slice(segment.clone()));
        }
        words
    }

    /// The whitespace-separated words of [`Self::words`] that `keep` accepts, counted
    /// without joining the parts (the space between parts never joins two words).
    pub fn count_words(&self, doc: &Doc, keep: impl Fn(&str) -> bool) -> usize {
        self.segments
            .iter()
            .map(|segment| {
                doc.slice(segment.clone())
                    .split_whitespace()
                    .filter(|word| keep(word))
                    .count()
            })
            .sum()
    }

    /// The verbatim text for a briefing: the article's text from the first quoted word to the
    /// last. A quote across paragraphs keeps its line breaks (and the opening mark a paragraph
    /// repeats); a split quote keeps the attribution between its parts. Either way the text
    /// occurs in the article exactly, which `briefbot check --sources` verifies.
    pub fn verbatim(&self, doc: &Doc) -> String {
        match (self.segments.first(), self.segments.last()) {
            (Some(first), Some(last)) => doc.slice(first.start..last.end).to_owned(),
            _ => String::new(),
        }
    }

    /// Where the quoted words start.
    pub fn start(&self) -> usize {
        self.segments
            .first()
            .map_or(self.open, |segment| segment.start)
    }

    /// True when `offset` lies between the opening and closing marks.
    pub fn contains(&self, offset: usize) -> bool {
        (self.open..self.close).contains(&offset)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    family: Family,
    role: Role,
}

fn is_opening_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„'
            )
    })
}

fn is_closing_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '—'
                    | '–'
                    | '-'
                    | '”'
                    | '’'
                    | '»'
                    | '…'
            )
    })
}

/// Finds the quotation marks of one paragraph and whether each opens or closes.
fn marks(text: &str, paragraph: Range<usize>) -> Vec<Mark> {
    let slice = &text[paragraph.clone()];
    let bytes = slice.as_bytes();
    let mut marks = Vec::new();
    // A mark is `"`, `'`, or starts with E2 (“ ” „ ‘ ’ ‚) or C2 (« »): skip to the next such
    // byte.
    let mut index = 0;
    while let Some(at) = scan::find_any(bytes, index, [b'"', b'\'', 0xE2, 0xC2]) {
        index = at;
        let Some(c) = slice[index..].chars().next() else {
            break;
        };
        let previous = slice[..index].chars().next_back();
        let next = slice[index + c.len_utf8()..].chars().next();
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let found = match c {
            '“' | '„' | '«' => {
                if !is_opening_context(previous) && is_closing_context(next) && c == '“' {
                    Some((Family::Double, Role::Close))
                } else {
                    Some((Family::Double, Role::Open))
                }
            }
            '”' | '»' => {
                if is_opening_context(previous) && alnum(next) {
                    Some((Family::Double, Role::Open))
                } else {
                    Some((Family::Double, Role::Close))
                }
            }
            '"' => match (is_opening_context(previous), is_closing_context(next)) {
                (true, false) => Some((Family::Double, Role::Open)),
                (false, true) => Some((Family::Double, Role::Close)),
                (false, false) => Some((Family::Double, Role::Either)),
                (true, true) => None,
            },
            '‘' | '‚' => {
                if alnum(previous) || next.is_some_and(|c| c.is_ascii_digit()) {
                    None
                } else {
                    Some((Family::Single, Role::Open))
                }
            }
            '’' => {
                if alnum(previous) && alnum(next) || is_opening_context(previous) {
                    None
                } else {
                    Some((Family::Single, Role::Close))
                }
            }
            '\'' => {
                if alnum(previous) && alnum(next) {
                    None
                } else if is_opening_context(previous)
                    && next.is_some_and(|c| c.is_alphabetic() || c == '“' || c == '"')
                {
                    Some((Family::Single, Role::Open))
                } else if !is_opening_context(previous) && is_closing_context(next) {
                    Some((Family::Single, Role::Close))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some((family, role)) = found {
            marks.push(Mark {
                at: paragraph.start + index,
                len: c.len_utf8(),
                family,
                role,
            });
        }
        index += c.len_utf8();
    }
    marks
}

struct Open {
    family: Family,
    at: usize,
    content_start: usize,
    segments: Vec<Range<usize>>,
    depth: usize,
}

/// Finds every quotation in the article, in order.
pub(crate) fn extract(doc: &Doc) -> Vec<QuoteSpan> {
    let text = doc.text.as_str();
    let all_marks: Vec<Vec<Mark>> = doc
        .paragraphs
        .iter()
        .map(|paragraph| marks(text, paragraph.clone()))
        .collect();
    let mut quotes = Vec::new();
    let mut current: Option<Open> = None;
    let mut skip_first = false;
    for (index, paragraph) in doc.paragraphs.iter().enumerate() {
        let paragraph_marks = &all_marks[index];
        let mut marks_here = paragraph_marks.as_slice();
        if let Some(open) = current.as_mut() {
            open.content_start = paragraph.start;
            if skip_first {
                if let Some((first, rest)) = marks_here.split_first() {
                    open.content_start = first.at + first.len;
                    marks_here = rest;
                }
            }
        }
        skip_first = false;
        for mark in marks_here {
            match current.as_mut() {
                None if mark.role == Role::Close
                    && mark.family == Family::Double
                    && lost_opening(text, paragraph.clone(), mark, paragraph_marks) =>
                {
                    // The article lost the opening mark: the quote opens its paragraph.
                    let open = Open {
                        family: mark.family,
                        at: paragraph.start,
                        content_start: paragraph.start,
                        segments: vec![trim_range(text, paragraph.start..mark.at)],
                        depth: 0,
                    };
                    let mut quote = finish(open, mark.at + mark.len, true);
                    quote.opening_missing = true;
                    quotes.push(quote);
                }
                None => {
                    if mark.role != Role::Close {
                        current = Some(Open {
                            family: mark.family,
                            at: mark.at,
                            content_start: mark.at + mark.len,
                            segments: Vec::new(),
                            depth: 0,
                        });
                    }
                }
                Some(open) if mark.family == open.family => match mark.role {
                    Role::Open => open.depth += 1,
                    Role::Close | Role::Either if open.depth > 0 => open.depth -= 1,
                    Role::Close | Role::Either => {
                        if let Some(mut open) = current.take() {
                            open.segments
                                .push(trim_range(text, open.content_start..mark.at));
                            quotes.push(finish(open, mark.at + mark.len, true));
                        }
                    }
                },
                Some(_) => {}
            }
        }
        if let Some(mut open) = current.take() {
            open.depth = 0;
            open.segments
                .push(trim_range(text, open.content_start..paragraph.end));
            match continuation(doc, &all_marks, index, open.family) {
                Some(skip) => {
                    skip_first = skip;
                    current = Some(open);
                }
                None => quotes.push(finish(open, paragraph.end, false)),
            }
        }
    }
    quotes.retain(|quote| {
        quote
            .segments
            .iter()
            .any(|segment| text[segment.clone()].chars().any(char::is_alphanumeric))
    });
    let mut quotes = join_split_quotes(doc, quotes);
    for quote in &mut quotes {
        quote.scare = is_scare(doc, quote);
    }
    quotes
}

/// True when a closing double mark opens its paragraph's marks with no opening before it, after
/// at least four words that end as spoken words end (`,` `.` `?` `!`): a quotation whose
/// opening mark the stored text lost, not a stray mark.
fn lost_opening(text: &str, paragraph: Range<usize>, mark: &Mark, marks: &[Mark]) -> bool {
    let first_double = marks.iter().find(|other| other.family == Family::Double);
    if first_double.is_none_or(|first| first.at != mark.at) {
        return false;
    }
    let before = text[paragraph.start..mark.at].trim_end();
    before.ends_with([',', '.', '?', '!']) && before.split_whitespace().nth(3).is_some()
}

fn finish(open: Open, close: usize, closed: bool) -> QuoteSpan {
    let segments: Vec<Range<usize>> = open
        .segments
        .into_iter()
        .filter(|segment| !segment.is_empty())
        .collect();
    QuoteSpan {
        open: open.at,
        close,
        segments,
        interruption: None,
        closed,
        opening_missing: false,
        scare: false,
    }
}

/// Whether a quote left open at the end of paragraph `index` runs on into the next one:
/// `Some(true)` when the next paragraph repeats the opening mark (skip it), `Some(false)` when
/// the next paragraph closes the quote without reopening it, `None` when the quote ends here.
fn continuation(doc: &Doc, all_marks: &[Vec<Mark>], index: usize, family: Family) -> Option<bool> {
    let next = doc.paragraphs.get(index + 1)?;
    let marks = all_marks.get(index + 1)?;
    let first = marks.iter().find(|mark| mark.family == family)?;
    if first.at == next.start && first.role != Role::Close {
        return Some(true);
    }
    (first.role == Role::Close).then_some(false)
}

/// Joins `"We will not," he said, "become a vassal."` into one quote.
fn join_split_quotes(doc: &Doc, quotes: Vec<QuoteSpan>) -> Vec<QuoteSpan> {
    let mut joined: Vec<QuoteSpan> = Vec::with_capacity(quotes.len());
    for quote in quotes {
        if let Some(previous) = joined.last_mut() {
            if splits(doc, previous, &quote) {
                let between = previous
                    .segments
                    .last()
                    .map_or(previous.close, |segment| segment.end)
                    ..quote
                        .segments
                        .first()
                        .map_or(quote.open, |segment| segment.start);
                previous.interruption = Some(between);
                previous.segments.extend(quote.segments);
                previous.close = quote.close;
                previous.closed = quote.closed;
                continue;
            }
        }
        joined.push(quote);
    }
    joined
}

fn splits(doc: &Doc, first: &QuoteSpan, second: &QuoteSpan) -> bool {
    if first.interruption.is_some() || first.segments.len() != 1 || !first.closed {
        return false;
    }
    if doc.paragraph_at(first.open) != doc.paragraph_at(second.open) || second.open < first.close {
        return false;
    }
    let spoken = first
        .segments
        .first()
        .map_or("", |segment| doc.slice(segment.clone()));
    if !spoken.ends_with([',', '—', '–', '…']) && !spoken.ends_with("...") {
        return false;
    }
    let between = doc.slice(first.close..second.open).trim();
    let Some(attribution) = between
        .strip_suffix(',')
        .or_else(|| between.strip_suffix(['—', '–']))
    else {
        return false;
    };
    let words: Vec<&str> = attribution.split_whitespace().collect();
    !attribution.contains(['.', '!', '?', '"', '“', '”'])
        && (2..=10).contains(&words.len())
        && words
            .iter()
            .any(|word| is_speech_verb(word.trim_matches(|c: char| !c.is_alphanumeric())))
}

fn is_scare(doc: &Doc, quote: &QuoteSpan) -> bool {
    let before_start = doc.paragraphs[doc.paragraph_at(quote.open)].start;
    let before = doc.slice(before_start..quote.open).trim_end();
    if [
        "so-called",
        "so called",
        "dubbed",
        "known as",
        "titled",
        "entitled",
        "nicknamed",
        "codenamed",
        "code-named",
        "slogan",
    ]
    .iter()
    .any(|cue| strip_suffix_lowercase(before, cue).is_some())
    {
        return true;
    }
    let words = quote.count_words(doc, |word| word.chars().any(char::is_alphanumeric));
    if words > 3 {
        return false;
    }
    // A short quote is someone's words only when it stands as an utterance of its own:
    // it opens a sentence or follows a colon, and ends with punctuation of its own.
    let opens = before.is_empty()
        || before.ends_with(':')
        || before.ends_with(['.', '!', '?', '…'])
        || before.ends_with(['"', '”', '’'])
            && before
                .trim_end_matches(['"', '”', '’'])
                .ends_with(['.', '!', '?']);
    // The quoted words' last non-blank part, as the end of the parts joined by spaces.
    let ends = quote
        .segments
        .iter()
        .rev()
        .map(|segment| doc.slice(segment.clone()).trim_end())
        .find(|part| !part.is_empty())
        .is_some_and(|part| part.ends_with([',', '.', '!', '?', '…', '—']));
    !(opens && ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, bool)> {
        let doc = Doc::new(text);
        extract(&doc)
            .iter()
            .map(|quote| (quote.verbatim(&doc), quote.scare))
            .collect()
    }

    fn real(text: &str) -> Vec<String> {
        quotes(text)
            .into_iter()
            .filter(|(_, scare)| !scare)
            .map(|(text, _)| text)
            .collect()
    }

    #[test]
    fn straight_curly_and_single_quotes_are_found() {
        assert_eq!(
            real(
                "He said \"we will stay the course now,\" and left. “Nobody asked us at all,” she said. ‘It is over for good,’ they said."
            ),
            [
                "we will stay the course now,",
                "Nobody asked us at all,",
                "It is over for good,"
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert_eq!(
            real("Belarus’s leader said ‘we don’t need Russia’s gas at any price’ today."),
            ["we don’t need Russia’s gas at any price"]
        );
        assert_eq!(
            real(
                "The countries’ leaders met. Lukashenko's aides 'did not see the need for talks' then."
            ),
            ["did not see the need for talks"]
        );
    }

    #[test]
    fn a_quote_across_paragraphs_is_one_quote() {
        assert_eq!(
            real("“First part of it.\n“Second part of it.”\nAfter."),
            ["First part of it.\n“Second part of it."]
        );
        assert_eq!(
            real("“First part of it.\nSecond part of it.”\nAfter."),
            ["First part of it.\nSecond part of it."]
        );
    }

    #[test]
    fn a_quote_that_lost_its_opening_mark_opens_its_paragraph() {
        let text = "Officials met.\n\nThese should be full-scale exercises in the west,” he said.\n\nA stray” mark.";
        let doc = Doc::new(text);
        let found = extract(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].opening_missing && found[0].closed);
        assert_eq!(
            found[0].words(&doc),
            "These should be full-scale exercises in the west,"
        );
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph() {
        assert_eq!(
            real(
                "He said: \"We do not ask for cheap oil.\nThe sides \"had neared their positions\" today."
            ),
            ["We do not ask for cheap oil.", "had neared their positions"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_quote() {
        assert_eq!(
            real(
                "“They call it ‘a union of equals’ but it is not,” he said. \"He called it \"a bad deal\" and left,\" she said."
            ),
            [
                "They call it ‘a union of equals’ but it is not,",
                "He called it \"a bad deal\" and left,"
            ]
        );
    }

    #[test]
    fn a_quote_split_by_its_attribution_is_joined() {
        let doc = Doc::new("\"We will not,\" he said, \"become a vassal.\"");
        let found = extract(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words(&doc), "We will not, become a vassal.");
        assert_eq!(
            found[0].verbatim(&doc),
            "We will not,\" he said, \"become a vassal."
        );
    }

    #[test]
    fn scare_quotes_are_terms_not_quotes() {
        let found = quotes(
            "The so-called “Union State” and the “bad precedent” set by \"soon,\" it said. “Never,” he said. He said: “No.”",
        );
        let scare: Vec<&str> = found
            .iter()
            .filter(|(_, scare)| *scare)
            .map(|(text, _)| text.as_str())
            .collect();
        let real: Vec<&str> = found
            .iter()
            .filter(|(_, scare)| !*scare)
            .map(|(text, _)| text.as_str())
            .collect();
        assert_eq!(scare, ["Union State", "bad precedent", "soon,"]);
        assert_eq!(real, ["Never,", "No."]);
    }
}
