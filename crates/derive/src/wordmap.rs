//! A map from short strings (folded words and names) to small values, for the lookups
//! `derive` makes for nearly every word of an article.
//!
//! A general-purpose hash map hashes every byte of the key through a streaming hasher; these
//! keys are words, so the hash here reads at most the first and last eight bytes in two loads
//! and mixes them with one wide multiplication. Open addressing with linear probing over a
//! table at most half full keeps a miss (the common case: most words are on no list) to one
//! or two probes. The keys live in one string, so a lookup touches two small arrays.

/// A map from strings to `V`.
#[derive(Debug, Clone)]
pub(crate) struct WordMap<V> {
    /// Every key, one after another.
    keys: String,
    /// `(start, end)` of each key in `keys`, and its value, in insertion order.
    entries: Vec<(u32, u32, V)>,
    /// Entry index + 1 for each slot; 0 marks an empty slot. The length is a power of two.
    slots: Vec<u32>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        Self {
            keys: String::new(),
            entries: Vec::new(),
            slots: Vec::new(),
        }
    }
}

/// Eight bytes of `bytes` from `at`, as a little-endian number.
#[inline]
fn load8(bytes: &[u8], at: usize) -> u64 {
    let mut buffer = [0u8; 8];
    buffer.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(buffer)
}

/// Four bytes of `bytes` from `at`, as a little-endian number.
#[inline]
fn load4(bytes: &[u8], at: usize) -> u64 {
    let mut buffer = [0u8; 4];
    buffer.copy_from_slice(&bytes[at..at + 4]);
    u64::from(u32::from_le_bytes(buffer))
}

/// True when two keys are equal. Keys are short: fixed-size loads compare them without a call
/// to `memcmp`.
#[inline]
fn same(left: &[u8], right: &[u8]) -> bool {
    let len = left.len();
    if len != right.len() {
        return false;
    }
    match len {
        8..=16 => {
            load8(left, 0) == load8(right, 0) && load8(left, len - 8) == load8(right, len - 8)
        }
        4..=7 => load4(left, 0) == load4(right, 0) && load4(left, len - 4) == load4(right, len - 4),
        _ => left == right,
    }
}

/// The hash of a key: its first and last (up to) eight bytes and its length, mixed by one
/// 64×64→128-bit multiplication (the folded multiply of wyhash and foldhash). Fixed-size
/// loads only (overlapping for short keys), so no call to `memcpy`.
#[inline]
pub(crate) fn hash(key: &[u8]) -> u64 {
    let len = key.len();
    let (head, tail) = match len {
        8.. => (load8(key, 0), load8(key, len - 8)),
        4..=7 => (load4(key, 0), load4(key, len - 4)),
        1..=3 => (
            u64::from(key[0]) | u64::from(key[len / 2]) << 8 | u64::from(key[len - 1]) << 16,
            0,
        ),
        0 => (0, 0),
    };
    let product = u128::from(head ^ 0x243f_6a88_85a3_08d3)
        * u128::from(tail ^ (len as u64) ^ 0x1319_8a2e_0370_7344);
    (product as u64) ^ ((product >> 64) as u64)
}

impl<V> WordMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The key of an entry, by the index [`Self::index_or_insert_with`] gave it.
    #[inline]
    fn key(&self, entry: usize) -> &str {
        let (start, end, _) = &self.entries[entry];
        &self.keys[*start as usize..*end as usize]
    }

    /// The slot holding `key`, or the empty slot where it would go. The table must not be
    /// empty.
    #[inline]
    fn slot(&self, key: &str) -> (usize, Option<usize>) {
        self.slot_hashed(key, hash(key.as_bytes()))
    }

    /// [`Self::slot`] with the key's hash in hand.
    #[inline]
    fn slot_hashed(&self, key: &str, hash: u64) -> (usize, Option<usize>) {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return (slot, None),
                occupied => {
                    let entry = occupied as usize - 1;
                    let (start, end, _) = &self.entries[entry];
                    // Bytes, not `str` slicing: no character-boundary checks on the way.
                    if same(
                        &self.keys.as_bytes()[*start as usize..*end as usize],
                        key.as_bytes(),
                    ) {
                        return (slot, Some(entry));
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The value of `key`, whose [`hash`] the caller has in hand.
    #[inline]
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<&V> {
        if self.entries.is_empty() {
            return None;
        }
        let (_, entry) = self.slot_hashed(key, hash);
        entry.map(|entry| &self.entries[entry].2)
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&V> {
        if self.entries.is_empty() {
            return None;
        }
        let (_, entry) = self.slot(key);
        entry.map(|entry| &self.entries[entry].2)
    }

    /// The value of `key`, inserting `make()` first when it is absent.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let entry = self.index_or_insert_with(key, make);
        &mut self.entries[entry].2
    }

    /// The index of `key`'s entry (entries are numbered in insertion order from 0),
    /// inserting it with the value `make()` first when it is absent.
    pub fn index_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> usize {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let (slot, entry) = self.slot(key);
        match entry {
            Some(entry) => entry,
            None => {
                let start = offset(self.keys.len());
                self.keys.push_str(key);
                self.entries.push((start, offset(self.keys.len()), make()));
                self.slots[slot] = offset(self.entries.len());
                self.entries.len() - 1
            }
        }
    }

    /// Doubles the table (at least 16 slots) and places every key again.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots = vec![0; size];
        let mask = size - 1;
        for entry in 0..self.entries.len() {
            let mut slot = hash(self.key(entry).as_bytes()) as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = offset(entry + 1);
        }
    }
}

/// An offset or count as stored in the table; keys and entries are far below 4 GiB.
fn offset(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_every_length_are_found_and_others_are_not() {
        let words: Vec<String> = (0..500)
            .map(|index| format!("{}{index}", "w".repeat(index % 23)))
            .collect();
        let mut map = WordMap::new();
        for (index, word) in words.iter().enumerate() {
            *map.get_or_insert_with(word, || 0) += index;
        }
        *map.get_or_insert_with("", || 7) += 1;
        assert_eq!(map.entries.len(), 501);
        for (index, word) in words.iter().enumerate() {
            assert_eq!(map.get(word), Some(&index), "{word}");
            assert_eq!(map.get(&format!("{word}x")), None);
        }
        assert_eq!(map.get(""), Some(&8));
        assert_eq!(WordMap::<u8>::new().get("a"), None);
    }
}
