//! Text made to fit the format: one line, within a limit, a verbatim cut.

use super::*;

/// A headline from the opening sentence: its first clause when that says enough.
pub(crate) fn headline(opening: &str) -> String {
    let opening = opening.trim().trim_end_matches(['.', ' ']);
    if let Some(comma) = opening.find(", ") {
        let clause = &opening[..comma];
        let balanced = clause.matches(['"', '“', '”']).count() % 2 == 0;
        if clause.split_whitespace().count() >= 5 && balanced {
            return clause.to_owned();
        }
    }
    opening.to_owned()
}

/// Text on one line: line breaks and runs of whitespace become single spaces.
pub(crate) fn one_line(text: &str) -> String {
    if is_one_line(text) {
        return text.to_owned();
    }
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// True when [`one_line`] would give `text` back unchanged: no whitespace but single spaces
/// between words. Most sentences, names and roles are such text. Printable ASCII other than
/// a doubled space is fine, so only the other bytes are looked at: control characters, and
/// the lead bytes of the few UTF-8 sequences that are whitespace (U+0085, U+00A0, U+1680,
/// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
pub(crate) fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') || scan::has_double_space(bytes)
    {
        return false;
    }
    let mut index = 0;
    while let Some(at) = scan::find_not_printable(bytes, index) {
        index = at + 1;
        let next = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
        let whitespace = match bytes[at] {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            0xE2 => match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => next(2) == 0x9F,
                _ => false,
            },
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            _ => false,
        };
        if whitespace {
            return false;
        }
    }
    true
}

/// One-line text within `max` characters, or `fallback` when nothing is left.
pub(crate) fn fit(text: &str, max: usize, fallback: &str) -> String {
    let line = one_line(text);
    // Within `max` characters (certainly so within `max` bytes): nothing to cut, and
    // `truncate` would give a copy.
    if (line.len() <= max || line.chars().count() <= max) && !line.trim().is_empty() {
        return line;
    }
    let text = truncate(&line, max);
    if text.trim().is_empty() {
        truncate(fallback, max)
    } else {
        text
    }
}

/// Multi-line text within `max` characters.
pub(crate) fn fit_lines(text: &str, max: usize, fallback: &str) -> String {
    let text = truncate(text.trim(), max);
    if text.trim().is_empty() {
        fallback.to_owned()
    } else {
        text
    }
}

pub(crate) fn optional(text: &str, max: usize) -> Option<String> {
    let text = one_line(text);
    (!text.is_empty()).then(|| truncate(&text, max))
}

/// A question within the limit that still ends in `?`.
pub(crate) fn fit_question(text: &str) -> String {
    let text = one_line(text);
    if text.chars().count() <= QUESTION_MAX {
        return text;
    }
    let stem = text.trim_end_matches('?');
    format!("{}?", truncate(stem, QUESTION_MAX - 1))
}

/// A prefix of a long quote, ending at a sentence end when one is near: still verbatim.
pub(crate) fn cut_verbatim(text: &str, max: usize) -> String {
    let mut end = 0;
    let mut sentence_end = None;
    for (count, (index, c)) in text.char_indices().enumerate() {
        if count >= max {
            break;
        }
        end = index + c.len_utf8();
        if matches!(c, '.' | '!' | '?') {
            sentence_end = Some(end);
        }
    }
    let cut = match sentence_end {
        Some(sentence_end) if sentence_end * 2 > end => sentence_end,
        _ => text[..end]
            .rfind(char::is_whitespace)
            .filter(|&space| space > 0)
            .unwrap_or(end),
    };
    text[..cut].trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_text_is_recognised_exactly() {
        for text in [
            "",
            "a",
            "two words",
            " lead",
            "trail ",
            "double  space",
            "tab\there",
            "line\nbreak",
            "nbsp\u{a0}here",
            "thin\u{2009}space",
            "ideographic\u{3000}space",
            "ogham\u{1680}space",
            "next\u{85}line",
            "“Curly” quotes — and… ellipses",
            "Łukašenka’s Лукашенко",
            "separator\u{2028}line",
            "narrow\u{202f}nbsp",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_one_line(text), joined == text, "{text:?}");
            assert_eq!(one_line(text), joined, "{text:?}");
        }
    }
}
