//! What validation says about a field: its name in messages, and the checks on its text.

use std::fmt;

use crate::text::edit_distance;

/// A field's name as a message gives it: `title`, or `quotes #2: text`. Written out only when
/// a message needs it, so that checking a valid file formats nothing.
pub(super) trait Label: fmt::Display + Copy {}

impl<T: fmt::Display + Copy> Label for T {}

/// A field of one entry of a list, such as `quotes #2: text`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    list: &'static str,
    /// 0-based; shown 1-based, as editors count.
    index: usize,
    name: &'static str,
}

impl Field {
    /// Field `name` of entry `index` of `list`.
    pub(super) fn item(list: &'static str, index: usize, name: &'static str) -> Self {
        Self { list, index, name }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} #{}: {}", self.list, self.index + 1, self.name)
    }
}

/// The first character a text field may not hold; `\n` is allowed in many-line fields.
pub(super) fn first_forbidden(value: &str, many_lines: bool) -> Option<char> {
    let allowed = |c: char| many_lines && c == '\n';
    if value.is_ascii() {
        // The hot path of loading: no Unicode tables for plain ASCII text.
        value
            .bytes()
            .find(|&byte| (byte < 0x20 || byte == 0x7f) && !(many_lines && byte == b'\n'))
            .map(char::from)
    } else {
        value.chars().find(|&c| is_forbidden(c) && !allowed(c))
    }
}

/// Control characters, and the bidirectional overrides that can make text read differently
/// from what it says ("Trojan source").
fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The candidate nearest to `wanted`, when it is near enough to be a typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|candidate| (edit_distance(wanted, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= (candidate.chars().count() / 3).max(2))
        .min()
        .map(|(_, candidate)| candidate)
}
