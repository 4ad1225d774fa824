//! Text helpers shared by the layers: folding for search, edit distance, safe truncation.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::GraphemeCursor;

/// The ellipsis appended to truncated text, so a reader sees that something was cut.
pub const ELLIPSIS: char = '…';

/// Lowercases `text` and strips diacritics, so "Lukašenka" and "LUKASENKA" compare equal.
///
/// Letters that do not decompose (ø, ł, ß) are mapped by hand; everything that is neither a
/// letter nor a digit becomes a space, so the result splits cleanly into words.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    if text.is_ascii() {
        // Most briefing text is ASCII: no decomposition needed, one byte in, one byte out.
        folded.extend(text.bytes().filter_map(fold_ascii).map(char::from));
        return folded;
    }
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => folded.push('o'),
            'ł' | 'Ł' => folded.push('l'),
            'đ' | 'Đ' => folded.push('d'),
            'ß' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            // Apostrophes join a word ("Lukashenko's" → "lukashenkos") rather than split it.
            '\'' | '’' => {}
            _ => folded.push(' '),
        }
    }
    folded
}

/// [`fold`] of one ASCII byte: `None` when it is dropped (an apostrophe), a space when it
/// separates words.
fn fold_ascii(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => Some(byte.to_ascii_lowercase()),
        b'\'' => None,
        _ => Some(b' '),
    }
}

/// [`fold`], then its words joined by single spaces: the form names are compared and looked
/// up in ("Lukashenko's" and "LUKASHENKOS" both give "lukashenkos").
pub fn fold_words(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_words_into(text, &mut folded);
    folded
}

/// [`fold_words`] written into `out` (cleared first), so a caller folding word after word
/// reuses one buffer.
pub fn fold_words_into(text: &str, out: &mut String) {
    out.clear();
    if !text.is_ascii() {
        for word in words(&fold(text)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        return;
    }
    let mut space = false;
    for byte in text.bytes().filter_map(fold_ascii) {
        if byte == b' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(char::from(byte));
    }
}

/// The words of already folded text.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(' ').filter(|word| !word.is_empty())
}

/// Levenshtein distance in characters, for "did you mean" suggestions.
pub fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current = vec![0; right.len() + 1];
    for (i, left_char) in left.chars().enumerate() {
        current[0] = i + 1;
        for (j, &right_char) in right.iter().enumerate() {
            let substitution = previous[j] + usize::from(left_char != right_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

/// Cuts `text` to at most `max_chars` characters, never inside a grapheme, ending in `…`
/// when anything was cut. Returns the text unchanged when it fits.
pub fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    if max_chars == 0 {
        return String::new();
    }
    let budget = max_chars - 1; // room for the ellipsis
    // The whole graphemes that fit end at the last grapheme boundary at or before the end of
    // the `budget`th character: found there, without segmenting all the text before it.
    let end = text
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(at, _)| at);
    let mut cursor = GraphemeCursor::new(end, text.len(), true);
    let cut = match cursor.is_boundary(text, 0) {
        Ok(true) => end,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    };
    end_at_word(text[..cut].to_owned(), budget)
}

/// Ends a cut text: back to a word boundary when one is near, so the reader does not see
/// "Lukash…", then the ellipsis.
fn end_at_word(mut kept: String, budget: usize) -> String {
    if let Some(space) = kept.rfind(char::is_whitespace) {
        if kept[..space].chars().count() * 5 >= budget * 4 {
            kept.truncate(space);
        }
    }
    let trimmed_len = kept.trim_end().len();
    kept.truncate(trimmed_len);
    kept.push(ELLIPSIS);
    kept
}

/// A count with its noun, singular for one: "1 event", "3 events" (nouns with a plain -s).
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1, "event"), "1 event");
        assert_eq!(plural(0, "event"), "0 events");
        assert_eq!(plural(25, "briefing"), "25 briefings");
    }

    #[test]
    fn fold_words_is_fold_with_single_spaces() {
        for text in [
            "",
            "  ",
            "Lukashenko's",
            "Lukašenka’s  speech",
            "--Minsk,  (Belarus)--",
            "U.S. State Department",
            "Łódź ÆON",
            "a\tb\nc",
        ] {
            let expected = words(&fold(text)).collect::<Vec<_>>().join(" ");
            assert_eq!(fold_words(text), expected, "{text:?}");
        }
        let mut buffer = "left over".to_owned();
        fold_words_into("The KREMLIN", &mut buffer);
        assert_eq!(buffer, "the kremlin");
    }

    #[test]
    fn fold_strips_case_and_diacritics() {
        assert_eq!(fold("Lukašenka"), "lukasenka");
        assert_eq!(fold("Lukashenko's, 2026!"), "lukashenkos  2026 ");
        assert_eq!(fold("Lukashenko's"), fold("Lukashenko’s"));
        assert_eq!(fold("Łukaszenka, Ø!"), "lukaszenka  o ");
        assert_eq!(fold("Lukashenko’s"), "lukashenkos");
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("vassal", "vassal"), 0);
    }

    #[test]
    fn truncate_keeps_graphemes_whole_and_marks_the_cut() {
        assert_eq!(truncate("short", 10), "short");
        let flags = "🇧🇾🇷🇺🇧🇾🇷🇺";
        let cut = truncate(flags, 5);
        assert!(cut.chars().count() <= 5);
        assert_eq!(cut, "🇧🇾🇷🇺…");
        let cut = truncate("We will not become a vassal state", 20);
        assert_eq!(cut, "We will not become…");
        assert!(cut.chars().count() <= 20);
    }

    #[test]
    fn truncate_cuts_where_whole_graphemes_stop_fitting() {
        use unicode_segmentation::UnicodeSegmentation;
        // Truncation by taking graphemes one by one while they fit.
        fn by_graphemes(text: &str, max_chars: usize) -> String {
            if text.chars().count() <= max_chars {
                return text.to_owned();
            }
            let budget = max_chars - 1;
            let mut kept = String::new();
            let mut used = 0;
            for grapheme in text.graphemes(true) {
                let width = grapheme.chars().count();
                if used + width > budget {
                    break;
                }
                kept.push_str(grapheme);
                used += width;
            }
            end_at_word(kept, budget)
        }
        for text in [
            "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
            "a\r\nb\r\nc\r\nd\r\n",
            "🇧🇾🇷🇺🇧🇾🇷🇺🇧🇾",
            "👩‍👩‍👧 family 👩‍👩‍👧 again",
            "Lukašenka’s “vassal” state, and more words after it",
            "한국어 텍스트입니다",
        ] {
            for max in 1..=text.chars().count() {
                assert_eq!(
                    truncate(text, max),
                    by_graphemes(text, max),
                    "{text:?} {max}"
                );
            }
        }
    }
}
