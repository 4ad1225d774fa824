//! Typed identifiers the store keeps: Discord snowflakes and story slugs.

use std::fmt;

use crate::briefing::{is_slug, limits};

macro_rules! snowflake {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u64);

        impl $name {
            /// Wraps a Discord snowflake; `None` for 0, which Discord never assigns.
            pub fn new(value: u64) -> Option<Self> {
                (value != 0).then_some(Self(value))
            }

            /// The snowflake as Discord writes it.
            pub fn get(self) -> u64 {
                self.0
            }

            /// The bit pattern SQLite stores (INTEGER is signed 64-bit; no value is lost).
            pub(crate) fn to_sql(self) -> i64 {
                i64::from_ne_bytes(self.0.to_ne_bytes())
            }

            /// Reads back what [`Self::to_sql`] stored.
            pub(crate) fn from_sql(value: i64) -> Option<Self> {
                Self::new(u64::from_ne_bytes(value.to_ne_bytes()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

snowflake!(
    /// A Discord server ("guild").
    GuildId
);
snowflake!(
    /// A Discord channel (text, announcement, forum) or thread that can receive update posts.
    ChannelId
);
snowflake!(
    /// A role a subscription mentions in its posts.
    RoleId
);
snowflake!(
    /// A message Discord created for an update post; kept in the ledger as proof of delivery.
    MessageId
);

/// The running story a subscription follows (a slug such as `belarus-russia`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Story(String);

impl Story {
    /// Accepts the same slugs a briefing's `story` may hold.
    pub fn parse(text: &str) -> Option<Self> {
        is_slug(text, limits::STORY_MAX).then(|| Self(text.to_owned()))
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Story {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflakes_survive_the_signed_column_at_both_ends() {
        for value in [1, 1_234_567_890_123_456_789, u64::MAX] {
            let channel = ChannelId::new(value).unwrap();
            assert_eq!(ChannelId::from_sql(channel.to_sql()), Some(channel));
        }
    }

    #[test]
    fn zero_is_not_a_snowflake() {
        assert_eq!(GuildId::new(0), None);
        assert_eq!(MessageId::from_sql(0), None);
    }

    #[test]
    fn stories_are_slugs() {
        assert!(Story::parse("belarus-russia").is_some());
        assert!(Story::parse("Belarus Russia").is_none());
        assert!(Story::parse("").is_none());
    }
}
