//! Byte scans over the article's text, eight bytes at a time.
//!
//! Most stages look for a few rare bytes (line breaks, sentence terminators, quotation marks)
//! and skip everything between. Testing a 64-bit word for "any byte equal to b" takes a few
//! arithmetic operations (the zero-byte test of Hacker's Delight, §6-1), so the text between
//! the bytes of interest costs a fraction of an instruction per byte instead of a loop
//! iteration each.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes from `at`, as a little-endian number.
#[inline]
fn chunk(bytes: &[u8], at: usize) -> u64 {
    let mut buffer = [0u8; 8];
    buffer.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(buffer)
}

/// True when some byte of `word` is zero. Exact as a yes/no answer.
#[inline]
fn has_zero_byte(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// True when some byte of `word` equals `byte`.
#[inline]
fn has_byte(word: u64, byte: u8) -> bool {
    has_zero_byte(word ^ ONES.wrapping_mul(u64::from(byte)))
}

/// The index of the first byte at or after `from` that is one of `needles`.
#[inline]
pub(crate) fn find_any<const N: usize>(
    bytes: &[u8],
    from: usize,
    needles: [u8; N],
) -> Option<usize> {
    let mut at = from;
    while at + 8 <= bytes.len() {
        let word = chunk(bytes, at);
        if needles.iter().any(|&needle| has_byte(word, needle)) {
            break;
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|byte| needles.contains(byte))
        .map(|offset| at + offset)
}

/// The index of the first byte at or after `from` that is not printable ASCII (0x20..=0x7E):
/// a control character, DEL, or part of a longer UTF-8 sequence.
#[inline]
pub(crate) fn find_not_printable(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + 8 <= bytes.len() {
        let word = chunk(bytes, at);
        // Adding 1 to each byte sets the high bit of a 0x7F (DEL); bytes with the high bit
        // already set show through the `| word`. A byte below 0x20, once no byte has its high
        // bit set, borrows in the difference.
        let above = (word.wrapping_add(ONES) | word) & HIGHS;
        let below = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        if above | below != 0 {
            break;
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|byte| !(0x20..=0x7E).contains(byte))
        .map(|offset| at + offset)
}

/// True when two spaces follow each other somewhere in `bytes` (as `contains("  ")`, which
/// sets up a substring searcher for every call: costly for the many short texts checked).
pub(crate) fn has_double_space(bytes: &[u8]) -> bool {
    const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let mut at = 0;
    // Whether the byte before `at` is a space.
    let mut space_before = false;
    while at + 8 <= bytes.len() {
        let word = chunk(bytes, at) ^ ONES.wrapping_mul(u64::from(b' '));
        // The high bit of each byte that was a space, exactly: the low seven bits plus 0x7F
        // carry into the high bit unless they are all zero, and no sum leaves its byte.
        let spaces = !(((word & LOWS).wrapping_add(LOWS)) | word | LOWS);
        // A space right after a space: within the word (the next byte shifted onto each), or
        // across from the previous word.
        if spaces & (spaces >> 8) != 0 || space_before && spaces & 0x80 != 0 {
            return true;
        }
        space_before = spaces >> 63 != 0;
        at += 8;
    }
    for &byte in &bytes[at..] {
        let space = byte == b' ';
        if space && space_before {
            return true;
        }
        space_before = space;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_agree_with_a_byte_by_byte_search() {
        let text = "Plain text, then “quotes”…\nand\ta line.\u{7f} End! ÿ\u{1}x? ".repeat(3);
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let expected = bytes[from..]
                .iter()
                .position(|byte| b".!?\xE2".contains(byte))
                .map(|offset| from + offset);
            assert_eq!(find_any(bytes, from, *b".!?\xE2"), expected, "{from}");
            let expected = bytes[from..]
                .iter()
                .position(|byte| !(0x20..=0x7E).contains(byte))
                .map(|offset| from + offset);
            assert_eq!(find_not_printable(bytes, from), expected, "{from}");
        }
        for length in 0..=20 {
            for first in 0..length {
                for second in first..length {
                    let mut buffer = vec![b'a'; length];
                    buffer[first] = b' ';
                    buffer[second] = b' ';
                    let text = std::str::from_utf8(&buffer).unwrap();
                    assert_eq!(has_double_space(&buffer), text.contains("  "), "{text:?}");
                    // Bytes next to a space's value must not look like one.
                    for other in [0x00, 0x1F, 0x21, 0xA0, 0x60] {
                        let mut near = buffer.clone();
                        near[second] = other;
                        assert_eq!(
                            has_double_space(&near),
                            near.windows(2).any(|pair| pair == b"  "),
                            "{near:?}"
                        );
                    }
                }
            }
        }
        for byte in 0..=255u8 {
            let mut buffer = [b'a'; 19];
            buffer[11] = byte;
            let printable = (0x20..=0x7E).contains(&byte);
            assert_eq!(find_not_printable(&buffer, 0), (!printable).then_some(11));
            assert_eq!(
                find_any(&buffer, 0, [byte]),
                Some(if byte == b'a' { 0 } else { 11 })
            );
        }
    }
}
