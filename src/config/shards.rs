//! `shards = "0-3/8"`: which of Discord's gateway shards this process runs.

use std::fmt;

/// A range of shards out of a total: this process runs shards `first..=last` of `total`, and
/// so answers the guilds whose `(guild_id >> 22) % total` falls in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shards {
    first: u32,
    last: u32,
    total: u32,
}

impl Shards {
    /// Reads `FIRST-LAST/TOTAL` (or `N/TOTAL` for one shard), e.g. `0-3/8`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let usage = || {
            format!("expected FIRST-LAST/TOTAL, like 0-3/8 (shards 0 to 3 of 8), found {text:?}")
        };
        let (range, total) = text.trim().split_once('/').ok_or_else(usage)?;
        let (first, last) = range.split_once('-').unwrap_or((range, range));
        let number = |part: &str| part.trim().parse::<u32>().map_err(|_| usage());
        let (first, last, total) = (number(first)?, number(last)?, number(total)?);
        if total == 0 {
            return Err(format!("{text:?} has no shards: TOTAL must be at least 1"));
        }
        if first > last || last >= total {
            return Err(format!(
                "{text:?} is not a range of {total} shards: need FIRST <= LAST < TOTAL (shards count from 0)"
            ));
        }
        Ok(Self { first, last, total })
    }

    /// The first shard this process runs.
    pub fn first(self) -> u32 {
        self.first
    }

    /// The last shard this process runs (inclusive).
    pub fn last(self) -> u32 {
        self.last
    }

    /// How many shards the bot has in all.
    pub fn total(self) -> u32 {
        self.total
    }
}

impl fmt::Display for Shards {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}/{}", self.first, self.last, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::Shards;

    #[test]
    fn a_range_and_a_single_shard_parse() {
        let shards = Shards::parse("0-3/8").unwrap();
        assert_eq!((shards.first(), shards.last(), shards.total()), (0, 3, 8));
        assert_eq!(shards.to_string(), "0-3/8");
        assert_eq!(Shards::parse(" 5/8 ").unwrap().to_string(), "5-5/8");
    }

    #[test]
    fn ranges_outside_the_total_say_how_to_fix_them() {
        for (bad, says) in [
            ("0-3", "expected FIRST-LAST/TOTAL"),
            ("a-b/2", "expected FIRST-LAST/TOTAL"),
            ("0-0/0", "TOTAL must be at least 1"),
            ("3-1/8", "need FIRST <= LAST < TOTAL"),
            ("0-8/8", "need FIRST <= LAST < TOTAL"),
        ] {
            let error = Shards::parse(bad).unwrap_err();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
