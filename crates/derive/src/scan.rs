//! Byte scans over the article's text: most stages look for a few rare bytes (line breaks,
//! sentence terminators, quotation marks) and skip everything between, which `memchr` does
//! with SIMD.

/// The index of the first byte at or after `from` that is one of `needles` (one to four).
#[inline]
pub(crate) fn find_any<const N: usize>(
    bytes: &[u8],
    from: usize,
    needles: [u8; N],
) -> Option<usize> {
    let haystack = bytes.get(from..)?;
    let found = match needles.as_slice() {
        [] => None,
        [a] => memchr::memchr(*a, haystack),
        [a, b] => memchr::memchr2(*a, *b, haystack),
        [a, b, c] => memchr::memchr3(*a, *b, *c, haystack),
        [a, b, c, rest @ ..] => {
            // memchr searches three bytes at once: the others only up to the first hit.
            let first = memchr::memchr3(*a, *b, *c, haystack);
            let limit = first.unwrap_or(haystack.len());
            rest.iter()
                .filter_map(|&needle| memchr::memchr(needle, &haystack[..limit]))
                .min()
                .or(first)
        }
    };
    found.map(|offset| from + offset)
}

/// The index of the first byte at or after `from` that is not printable ASCII (0x20..=0x7E):
/// a control character, DEL, or part of a longer UTF-8 sequence.
#[inline]
pub(crate) fn find_not_printable(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|byte| !(0x20..=0x7E).contains(byte))
        .map(|offset| from + offset)
}

/// True when two spaces follow each other somewhere in `bytes`.
pub(crate) fn has_double_space(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"  ").is_some()
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
