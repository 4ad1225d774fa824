//! When a digest subscription posts: daily or weekly (Mondays) at an hour of the day, UTC.
//!
//! Pure arithmetic on instants; the engine supplies "now" from its clock, so tests drive
//! digests with tokio's paused time.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::event::ChangedAt;

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

/// The hour a digest goes out if `/subscribe` names none.
pub const DEFAULT_HOUR: u8 = 8;

/// How often a digest goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// Every day at the hour.
    Daily,
    /// Every Monday at the hour.
    Weekly,
}

/// An hour of the day, 0–23, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hour(u8);

impl Hour {
    /// `None` past 23.
    pub fn new(hour: u8) -> Option<Self> {
        (hour < 24).then_some(Self(hour))
    }

    /// The hour.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// How a subscription posts: each update as it comes, or a digest per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// One post per update.
    EachUpdate,
    /// One post per period listing its updates.
    Digest {
        /// Daily or weekly.
        period: Period,
        /// When in the day it goes out.
        hour: Hour,
    },
}

impl Mode {
    /// The word the store keeps.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::EachUpdate => "each",
            Self::Digest {
                period: Period::Daily,
                ..
            } => "daily",
            Self::Digest {
                period: Period::Weekly,
                ..
            } => "weekly",
        }
    }

    /// Reads back what [`Mode::as_str`] and the hour column hold.
    pub(crate) fn from_stored(mode: &str, hour: Option<i64>) -> Option<Self> {
        let hour = || Hour::new(u8::try_from(hour?).ok()?);
        match mode {
            "each" => Some(Self::EachUpdate),
            "daily" => Some(Self::Digest {
                period: Period::Daily,
                hour: hour()?,
            }),
            "weekly" => Some(Self::Digest {
                period: Period::Weekly,
                hour: hour()?,
            }),
            _ => None,
        }
    }

    /// The hour a digest goes out, for the store.
    pub(crate) fn hour(self) -> Option<u8> {
        match self {
            Self::EachUpdate => None,
            Self::Digest { hour, .. } => Some(hour.get()),
        }
    }
}

impl fmt::Display for Mode {
    /// How `/subscriptions` names it: "each update", "daily digest at 08:00 UTC".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EachUpdate => f.write_str("each update"),
            Self::Digest { period, hour } => {
                let period = match period {
                    Period::Daily => "daily digest",
                    Period::Weekly => "weekly digest (Mondays)",
                };
                write!(f, "{period} at {:02}:00 UTC", hour.get())
            }
        }
    }
}

/// One digest of one subscription: the instant it is due, and the key the ledger knows it by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DigestPeriod {
    /// When it is due.
    pub due: SystemTime,
    /// `daily@2026-12-03T08:00:00Z`: unique per subscription and period, stable across runs.
    pub key: String,
}

/// The latest digest due at or before `now`.
pub fn latest_due(period: Period, hour: Hour, now: SystemTime) -> DigestPeriod {
    let now = seconds(now);
    let offset = i64::from(hour.get()) * 3600;
    let due = match period {
        Period::Daily => (now - offset).div_euclid(DAY) * DAY + offset,
        // Day 0 (1970-01-01) was a Thursday: Mondays are 4 days later, every 7.
        Period::Weekly => {
            let monday = 4 * DAY;
            (now - offset - monday).div_euclid(WEEK) * WEEK + monday + offset
        }
    };
    let name = match period {
        Period::Daily => "daily",
        Period::Weekly => "weekly",
    };
    DigestPeriod {
        due: instant(due),
        key: format!(
            "{name}@{}",
            ChangedAt {
                secs: due,
                nanos: 0
            }
        ),
    }
}

/// The first digest due after `now`.
pub fn next_due(period: Period, hour: Hour, now: SystemTime) -> SystemTime {
    let latest = seconds(latest_due(period, hour, now).due);
    instant(
        latest
            + match period {
                Period::Daily => DAY,
                Period::Weekly => WEEK,
            },
    )
}

fn seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

fn instant(secs: i64) -> SystemTime {
    if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs.unsigned_abs())
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> SystemTime {
        let value: toml::value::Datetime = text.parse().unwrap();
        let (secs, _) = crate::briefing::Timestamp::from_toml(&value)
            .unwrap()
            .instant();
        instant(secs)
    }

    #[test]
    fn a_daily_digest_is_due_at_its_hour_each_day() {
        let eight = Hour::new(8).unwrap();
        let before = latest_due(Period::Daily, eight, at("2026-12-03T07:59:59Z"));
        assert_eq!(before.key, "daily@2026-12-02T08:00:00Z");
        let on = latest_due(Period::Daily, eight, at("2026-12-03T08:00:00Z"));
        assert_eq!(on.key, "daily@2026-12-03T08:00:00Z");
        assert_eq!(
            next_due(Period::Daily, eight, at("2026-12-03T08:00:00Z")),
            at("2026-12-04T08:00:00Z")
        );
    }

    #[test]
    fn a_weekly_digest_is_due_on_mondays() {
        let zero = Hour::new(0).unwrap();
        // 2026-12-07 is a Monday.
        let due = latest_due(Period::Weekly, zero, at("2026-12-09T12:00:00Z"));
        assert_eq!(due.key, "weekly@2026-12-07T00:00:00Z");
        assert_eq!(
            next_due(Period::Weekly, zero, at("2026-12-07T00:00:00Z")),
            at("2026-12-14T00:00:00Z")
        );
    }

    #[test]
    fn modes_survive_the_store_and_read_well() {
        let weekly = Mode::Digest {
            period: Period::Weekly,
            hour: Hour::new(23).unwrap(),
        };
        assert_eq!(
            Mode::from_stored(weekly.as_str(), weekly.hour().map(i64::from)),
            Some(weekly)
        );
        assert_eq!(weekly.to_string(), "weekly digest (Mondays) at 23:00 UTC");
        assert_eq!(Mode::from_stored("each", None), Some(Mode::EachUpdate));
        assert_eq!(Mode::from_stored("daily", Some(24)), None);
        assert_eq!(Hour::new(24), None);
    }
}
