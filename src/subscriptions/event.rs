//! Update events — a new briefing, or a briefing whose `updated` moved forward — and their keys:
//! the vocabulary of the ledger, so the store needs nothing from the delivery engine.

use std::collections::HashMap;
use std::fmt;

use briefbot_format::civil_from_days;

use crate::briefing::{Briefing, BriefingId, Timestamp};

use super::ids::Story;

/// The latest change already seen of every briefing id: from the previous library snapshot
/// while the bot runs, from the ledger at start.
pub type Known = HashMap<BriefingId, ChangedAt>;

/// When a briefing last changed, as a UTC instant (seconds since the Unix epoch, nanoseconds).
///
/// Compared as an instant, so `2026-11-28T10:00:00+01:00` and `2026-11-28T09:00:00Z` are the
/// same change: rewriting a timestamp's offset is not an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChangedAt {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    pub secs: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
}

impl ChangedAt {
    /// The instant of a briefing timestamp.
    pub fn of(timestamp: &Timestamp) -> Self {
        let (secs, nanos) = timestamp.instant();
        Self { secs, nanos }
    }
}

impl fmt::Display for ChangedAt {
    /// RFC 3339 in UTC (`2026-11-28T09:00:00Z`), the one spelling every instant has.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let second_of_day = self.secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )?;
        if self.nanos != 0 {
            let fraction = format!("{:09}", self.nanos);
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

/// Whether subscribers see the briefing for the first time or again, revised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UpdateKind {
    /// A briefing id that was not in the library before.
    New,
    /// A known briefing whose `updated` moved past every change seen before.
    Updated,
}

impl UpdateKind {
    /// The word the ledger stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Updated => "updated",
        }
    }

    /// Parses the word the ledger stores.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "new" => Some(Self::New),
            "updated" => Some(Self::Updated),
            _ => None,
        }
    }
}

/// The stable name of one update: `<briefing id>@<when it last changed, in UTC>`.
///
/// Built from the content alone, so reloading the same files always yields the same key and
/// the ledger never sees one change twice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UpdateKey(String);

impl UpdateKey {
    /// The key of a briefing as it stands now.
    pub fn of(briefing: &Briefing) -> Self {
        Self::from_parts(&briefing.id, ChangedAt::of(&briefing.last_changed()))
    }

    /// The key of a briefing id at an instant.
    pub fn from_parts(id: &BriefingId, changed: ChangedAt) -> Self {
        Self(format!("{id}@{changed}"))
    }

    /// Wraps a key read back from the ledger.
    pub(crate) fn from_stored(text: String) -> Self {
        Self(text)
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UpdateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Something subscribed channels should be told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateEvent {
    /// The stable name of this update.
    pub key: UpdateKey,
    /// The briefing to post.
    pub briefing: BriefingId,
    /// Only channels following this story receive it.
    pub story: Story,
    /// New briefing or revised one.
    pub kind: UpdateKind,
    /// When the briefing last changed; a later event for the same briefing must be later still.
    pub changed: ChangedAt,
}

impl UpdateEvent {
    /// The event for a briefing as it stands now; `None` if its story is not a slug, which a
    /// briefing built by [`crate::briefing::parse`] never has.
    pub fn of(briefing: &Briefing, kind: UpdateKind) -> Option<Self> {
        Some(Self {
            key: UpdateKey::of(briefing),
            briefing: briefing.id.clone(),
            story: Story::parse(&briefing.story)?,
            kind,
            changed: ChangedAt::of(&briefing.last_changed()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> ChangedAt {
        let value: toml::value::Datetime = text.parse().unwrap();
        ChangedAt::of(&Timestamp::from_toml(&value).unwrap())
    }

    #[test]
    fn instants_print_in_utc() {
        assert_eq!(
            at("2026-11-28T10:30:00+01:00").to_string(),
            "2026-11-28T09:30:00Z"
        );
        assert_eq!(at("2026-11-27").to_string(), "2026-11-27T00:00:00Z");
        assert_eq!(
            at("2024-02-29T23:59:59.25Z").to_string(),
            "2024-02-29T23:59:59.25Z"
        );
        assert_eq!(
            at("1969-12-31T23:00:00Z").to_string(),
            "1969-12-31T23:00:00Z"
        );
        assert_eq!(
            at("2000-03-01T00:00:00-00:30").to_string(),
            "2000-03-01T00:30:00Z"
        );
    }

    #[test]
    fn an_offset_rewrite_is_the_same_instant() {
        assert_eq!(at("2026-11-28T10:00:00+01:00"), at("2026-11-28T09:00:00Z"));
        assert_eq!(at("2026-11-28"), at("2026-11-28T00:00:00Z"));
    }

    #[test]
    fn update_kinds_round_trip() {
        for kind in [UpdateKind::New, UpdateKind::Updated] {
            assert_eq!(UpdateKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(UpdateKind::parse("deleted"), None);
    }
}
