//! Checks a briefing's quotes against the article text they claim to come from.
//!
//! A quote must appear in its article verbatim. Whitespace runs compare equal, because a quote
//! that runs across paragraphs is stored on several lines; nothing else is forgiven (not the
//! kind of apostrophe, not a comma).

use crate::briefing::Briefing;

/// The positions (in `briefing.quotes`) of the quotes that do not occur in `article`.
pub fn quotes_missing_from(briefing: &Briefing, article: &str) -> Vec<usize> {
    let article = collapse_whitespace(article);
    briefing
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, quote)| !article.contains(&collapse_whitespace(&quote.text)))
        .map(|(position, _)| position)
        .collect()
}

/// Finds the byte range of the `text` value of the `position`-th `[[quotes]]` table in a
/// briefing's source, to point a diagnostic at it. `None` when the file is laid out unusually.
pub fn quote_text_span(source: &str, position: usize) -> Option<std::ops::Range<usize>> {
    let table = source.match_indices("[[quotes]]").nth(position)?.0;
    let mut offset = table;
    for (index, line) in source[table..].split_inclusive('\n').enumerate() {
        let line_offset = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if index == 0 {
            continue;
        }
        if trimmed.starts_with('[') {
            return None;
        }
        let Some(value) = trimmed
            .strip_prefix("text")
            .and_then(|rest| rest.trim_start().strip_prefix('='))
        else {
            continue;
        };
        let value = value.trim_start();
        let value_start = line_offset + (line.len() - value.len());
        let value_end = line_offset + line.trim_end().len();
        return Some(value_start..value_end.max(value_start));
    }
    None
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_span_points_at_the_text_value() {
        let source =
            "id = 1\n[[quotes]]\ntext = \"a\"\n[[quotes]]\nspeaker = \"x\"\n  text = \"b c\"\n";
        let span = quote_text_span(source, 1).unwrap();
        assert_eq!(&source[span], "\"b c\"");
        assert_eq!(&source[quote_text_span(source, 0).unwrap()], "\"a\"");
        assert_eq!(quote_text_span(source, 2), None);
    }
}
