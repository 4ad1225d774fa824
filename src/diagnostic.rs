//! Problems found in briefing files, located by path, line and column, printed rustc-style.
//!
//! The first line of every diagnostic is `path:line:col: error: what — how to fix`, so editors
//! and their tools can jump to it; a source snippet with a caret underline follows.

use std::fmt;
use std::ops::Range;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The briefing is not loaded.
    Error,
    /// The briefing loads, but an editor should look.
    Warning,
}

impl Severity {
    fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// The source line a diagnostic points into, with the columns to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The whole line, without its line break.
    pub line_text: String,
    /// Zero-based character column where the underline starts.
    pub start: usize,
    /// How many characters to underline (at least one).
    pub width: usize,
}

impl Snippet {
    /// The line as a terminal may print it, with the underline's start and width in its
    /// characters. Control characters and bidirectional formatting characters are shown
    /// escaped (`\u{202E}`): printed raw, an override would reorder the very line that reports
    /// it, and a carriage return would hide it. A tab is one space, so the caret stays aligned.
    fn shown(&self) -> (String, usize, usize) {
        let mut shown = String::with_capacity(self.line_text.len());
        let (mut start, mut width, mut chars) = (0, 0, 0);
        for (index, c) in self.line_text.chars().enumerate() {
            let before = shown.chars().count();
            match c {
                '\t' => shown.push(' '),
                c if c.is_control() || is_bidi_control(c) => {
                    shown.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
                }
                c => shown.push(c),
            }
            let added = shown.chars().count() - before;
            if index < self.start {
                start += added;
            } else if index < self.start + self.width {
                width += added;
            }
            chars = index + 1;
        }
        // A span at or past the end of the line (a missing value) points just after it.
        start += self.start.saturating_sub(chars);
        (shown, start, width.max(1))
    }
}

/// Unicode's bidirectional formatting characters (UAX #9): marks, embeddings, overrides and
/// isolates, the ones "Trojan Source" (CVE-2021-42574) uses.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (relative paths stay relative).
    pub path: String,
    /// One-based line; 1 when the problem concerns the whole file.
    pub line: usize,
    /// One-based column in characters; 1 when the problem concerns the whole file.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The offending source line, when there is one.
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    /// A problem with the file as a whole (unreadable, too large, not UTF-8 …).
    pub fn file(
        path: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            message: message.into(),
            help: help.into(),
            snippet: None,
        }
    }

    /// A problem at a byte range of `source`.
    pub fn at(
        path: impl Into<String>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        let (line, column, snippet) = locate(source, span);
        Self {
            path: path.into(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            help: help.into(),
            snippet: Some(snippet),
        }
    }

    /// The same problem, downgraded to a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// True for errors, which keep a briefing from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line alone: `path:line:col: error: what — how to fix`.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}: {} — {}",
            self.path,
            self.line,
            self.column,
            self.severity.as_str(),
            self.message,
            self.help
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(snippet) = &self.snippet {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let (line_text, start, width) = snippet.shown();
            write!(
                f,
                "\n{gutter} |\n{number} | {line_text}\n{gutter} | {}{}",
                " ".repeat(start),
                "^".repeat(width)
            )?;
        }
        Ok(())
    }
}

/// Finds the line and column of `span.start`, and the snippet to underline.
fn locate(source: &str, span: Range<usize>) -> (usize, usize, Snippet) {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |index| index + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |index| start + index);
    let line = source[..start].matches('\n').count() + 1;
    let line_text = source[line_start..line_end].trim_end_matches('\r');
    let column = source[line_start..start].chars().count();
    // A span running past the line's end (a multi-line string, a table) underlines to its end.
    let underline_end = end.min(line_start + line_text.len()).max(start);
    let width = source[start..underline_end].chars().count().max(1);
    let snippet = Snippet {
        line_text: line_text.to_owned(),
        start: column,
        width,
    };
    (line, column + 1, snippet)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_points_at_line_and_column_in_characters() {
        let source = "a = 1\nсписок = \"x\"\n";
        let span = source.find('"').unwrap()..source.len() - 1;
        let diagnostic = Diagnostic::at("f.toml", source, span, "bad", "fix it");
        assert_eq!((diagnostic.line, diagnostic.column), (2, 10));
        assert_eq!(
            diagnostic.to_string(),
            "f.toml:2:10: error: bad — fix it\n  |\n2 | список = \"x\"\n  |          ^^^"
        );
    }

    #[test]
    fn bidi_and_control_characters_are_escaped_and_the_caret_follows() {
        let source = "tags = [\"a\u{202E}b\u{1}\", \"\"]\tx\n";
        let span = source.find("\"\"").unwrap()..source.find("\"\"").unwrap() + 2;
        let shown = Diagnostic::at("f.toml", source, span, "bad", "fix").to_string();
        assert_eq!(
            shown,
            "f.toml:1:17: error: bad — fix\n  |\n1 | tags = [\"a\\u{202E}b\\u{1}\", \"\"] x\n  |                            ^^"
        );
        let underlined = Diagnostic::at("f.toml", source, 8..13, "bad", "fix").to_string();
        assert!(
            underlined.ends_with("\n  |         ^^^^^^^^^^"),
            "{underlined}"
        );
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let diagnostic = Diagnostic::at("f.toml", "ab", 5..9, "bad", "fix");
        assert_eq!((diagnostic.line, diagnostic.column), (1, 3));
    }
}
