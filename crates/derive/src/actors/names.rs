//! Name keys: transliterated, compared within a few edits, so "Aliaksandr Lukashenka" is
//! "Alexander Lukashenko".

/// Transliteration-insensitive form, so "Aliaksandr" ≈ "Alexander" and "Dzmitry" ≈ "Dmitry".
pub(super) fn translit(folded: &str) -> String {
    // y → i first, so "ya" and "ye" become "ia" and "ie" before those become "e".
    let y_to_i = |c: char| if c == 'y' { 'i' } else { c };
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars().map(y_to_i).peekable();
    while let Some(c) = chars.next() {
        let replaced = match (c, chars.peek()) {
            ('k', Some('s')) => 'x',
            ('k', Some('h')) => 'h',
            ('d', Some('z')) => 'd',
            ('i', Some('a' | 'e')) => 'e',
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push(replaced);
        chars.next();
    }
    out
}

/// Calls `f` with [`translit`] of `folded`, built on the stack for a short ASCII word.
pub(super) fn with_translit<R>(folded: &str, f: impl FnOnce(&str) -> R) -> R {
    const WIDTH: usize = 48;
    let bytes = folded.as_bytes();
    if bytes.len() > WIDTH || !folded.is_ascii() {
        return f(&translit(folded));
    }
    // The rules of `translit`, byte by byte: y → i first, then ks → x, kh → h, dz → d,
    // ia/ie → e.
    let y_to_i = |byte: u8| if byte == b'y' { b'i' } else { byte };
    let mut out = [0u8; WIDTH];
    let mut len = 0;
    let mut index = 0;
    while index < bytes.len() {
        let c = y_to_i(bytes[index]);
        let next = bytes.get(index + 1).copied().map(y_to_i);
        let (replaced, consumed) = match (c, next) {
            (b'k', Some(b's')) => (b'x', 2),
            (b'k', Some(b'h')) => (b'h', 2),
            (b'd', Some(b'z')) => (b'd', 2),
            (b'i', Some(b'a' | b'e')) => (b'e', 2),
            _ => (c, 1),
        };
        out[len] = replaced;
        len += 1;
        index += consumed;
    }
    match std::str::from_utf8(&out[..len]) {
        Ok(text) => f(text),
        Err(_) => f(&translit(folded)),
    }
}

/// A transliterated name word with what [`similar`] asks of it counted once.
#[derive(Debug, Clone)]
pub(super) struct NameKey {
    text: String,
    chars: usize,
    ascii: bool,
}

impl NameKey {
    pub(super) fn new(text: String) -> Self {
        Self {
            chars: text.chars().count(),
            ascii: text.is_ascii(),
            text,
        }
    }

    pub(super) fn as_ref(&self) -> NameKeyRef<'_> {
        NameKeyRef {
            text: &self.text,
            chars: self.chars,
            ascii: self.ascii,
        }
    }

    pub(super) fn borrowed(text: &str) -> NameKeyRef<'_> {
        NameKeyRef {
            text,
            chars: text.chars().count(),
            ascii: text.is_ascii(),
        }
    }
}

/// A borrowed [`NameKey`].
#[derive(Clone, Copy)]
pub(super) struct NameKeyRef<'a> {
    text: &'a str,
    chars: usize,
    ascii: bool,
}

/// [`similar`] on keys whose lengths are known: most pairs differ in length too much to be
/// spellings of one name, and are settled without looking at a character.
pub(super) fn similar_keys(left: NameKeyRef<'_>, right: NameKeyRef<'_>) -> bool {
    let shorter = left.chars.min(right.chars);
    if shorter < 5 {
        return left.text == right.text;
    }
    let allowed = 1 + usize::from(shorter >= 8);
    if left.chars.abs_diff(right.chars) > allowed {
        return false;
    }
    left.text == right.text
        || if left.ascii && right.ascii {
            within_edits(left.text.as_bytes(), right.text.as_bytes(), allowed)
        } else {
            briefbot_text::edit_distance(left.text, right.text) <= allowed
        }
}

/// True when two transliterated name words are spellings of one name ("lukashenko",
/// "lukashenka"): equal, or one or two edits apart in a long enough word. (The rule, as
/// [`similar_keys`] applies it.)
#[cfg(test)]
pub(super) fn similar(left: &str, right: &str) -> bool {
    if left == right {
        return true;
    }
    let (left_len, right_len) = (left.chars().count(), right.chars().count());
    let shorter = left_len.min(right_len);
    let allowed = 1 + usize::from(shorter >= 8);
    shorter >= 5 && left_len.abs_diff(right_len) <= allowed && {
        if left.is_ascii() && right.is_ascii() {
            within_edits(left.as_bytes(), right.as_bytes(), allowed)
        } else {
            briefbot_text::edit_distance(left, right) <= allowed
        }
    }
}

/// True when the Levenshtein distance of two ASCII words is at most `limit`, as
/// `edit_distance(left, right) <= limit`, without allocating: only the band of the table
/// within `limit` of its diagonal can hold such a path, and cells are capped at `limit + 1`.
pub(super) fn within_edits(left: &[u8], right: &[u8], limit: usize) -> bool {
    const WIDTH: usize = 64;
    if right.len() >= WIDTH {
        return briefbot_text::edit_distance(
            &String::from_utf8_lossy(left),
            &String::from_utf8_lossy(right),
        ) <= limit;
    }
    let cap = limit + 1;
    // Two rows of `right.len() + 1` cells, swapped as references: no row is copied.
    let (mut first_row, mut second_row) = ([cap; WIDTH], [cap; WIDTH]);
    let mut previous = &mut first_row[..=right.len()];
    let mut current = &mut second_row[..=right.len()];
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j.min(cap);
    }
    for (i, &left_byte) in left.iter().enumerate() {
        let row = i + 1;
        let first = row.saturating_sub(limit).max(1);
        let last = (row + limit).min(right.len());
        current.fill(cap);
        current[0] = row.min(cap);
        let mut best = current[0];
        for j in first..=last {
            let substitution = previous[j - 1] + usize::from(left_byte != right[j - 1]);
            let value = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(cap);
            current[j] = value;
            best = best.min(value);
        }
        if best >= cap {
            return false;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()] <= limit
}
