//! Calendar dates and timestamps as briefings write them (TOML dates and datetimes).

use std::cmp::Ordering;
use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the month's length.
    pub day: u8,
}

impl Date {
    /// Builds a date, rejecting days that do not exist (2025-02-29).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        (1..=12)
            .contains(&month)
            .then(|| days_in_month(year, month))
            .filter(|&last| (1..=last).contains(&day))
            .map(|_| Self { year, month, day })
    }

    /// Reads a calendar day written as TOML writes one, `2014-03-23`; `None` for anything else
    /// (a datetime, a day that does not exist).
    pub fn parse(text: &str) -> Option<Self> {
        let value: toml::value::Datetime = text.trim().parse().ok()?;
        match (value.date, value.time, value.offset) {
            (Some(date), None, None) => Self::new(date.year, date.month, date.day),
            _ => None,
        }
    }

    /// Days since 1970-01-01 (negative before), for ordering and arithmetic.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

impl Date {
    /// The date `days` days after 1970-01-01 (negative: before), the inverse of
    /// [`Date::days_since_epoch`]; `None` outside the years a `Date` holds.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let (year, month, day) = civil_from_days(days);
        Self::new(u16::try_from(year).ok()?, month, day)
    }
}

/// Howard Hinnant's civil_from_days: the proleptic Gregorian (year, month, day) of a day count
/// since 1970-01-01, for any count (a year outside `u16` included, which RFC 3339 output needs).
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // In range by construction: month is 1..=12 and day 1..=31.
    (year, month as u8, day as u8)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 60 (a leap second).
    pub second: u8,
    /// 0 to 999,999,999.
    pub nanosecond: u32,
}

/// A TOML date (`2026-11-27`) or datetime (`2026-11-28T09:00:00Z`) from a briefing.
///
/// Ordering compares the instant in UTC; a date alone counts as midnight UTC and a datetime
/// without an offset as UTC, so every briefing sorts on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// The calendar day as written.
    pub date: Date,
    /// The time as written, if any.
    pub time: Option<TimeOfDay>,
    /// Minutes east of UTC, if written (`Z` is 0).
    pub offset_minutes: Option<i16>,
}

impl Timestamp {
    /// A date with no time.
    pub fn from_date(date: Date) -> Self {
        Self {
            date,
            time: None,
            offset_minutes: None,
        }
    }

    /// Converts a TOML datetime; `None` for a bare time of day (no date).
    pub fn from_toml(value: &toml::value::Datetime) -> Option<Self> {
        let date = value.date?;
        let date = Date::new(date.year, date.month, date.day)?;
        let time = value.time.map(|time| TimeOfDay {
            hour: time.hour,
            minute: time.minute,
            second: time.second.unwrap_or(0),
            nanosecond: time.nanosecond.unwrap_or(0),
        });
        let offset_minutes = value.offset.map(|offset| match offset {
            toml::value::Offset::Z => 0,
            toml::value::Offset::Custom { minutes } => minutes,
        });
        Some(Self {
            date,
            time,
            offset_minutes,
        })
    }

    /// Seconds since the Unix epoch in UTC, and nanoseconds, for ordering.
    pub fn instant(&self) -> (i64, u32) {
        let (seconds_of_day, nanos) = self.time.map_or((0, 0), |time| {
            (
                i64::from(time.hour) * 3600 + i64::from(time.minute) * 60 + i64::from(time.second),
                time.nanosecond,
            )
        });
        let offset = i64::from(self.offset_minutes.unwrap_or(0)) * 60;
        (
            self.date.days_since_epoch() * 86_400 + seconds_of_day - offset,
            nanos,
        )
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        // Tie-break on the written form so that Ord stays consistent with Eq.
        self.instant()
            .cmp(&other.instant())
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if let Some(time) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", time.hour, time.minute, time.second)?;
            if time.nanosecond != 0 {
                let fraction = format!("{:09}", time.nanosecond);
                write!(f, ".{}", fraction.trim_end_matches('0'))?;
            }
            match self.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(minutes) => {
                    let sign = if minutes < 0 { '-' } else { '+' };
                    let minutes = minutes.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_matches_known_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(Date::new(2026, 11, 27).unwrap().days_since_epoch(), 20_784);
    }

    #[test]
    fn day_counts_round_trip_over_four_centuries() {
        let start = Date::new(1900, 1, 1).unwrap().days_since_epoch();
        for days in start..start + 146_097 {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days);
        }
        assert_eq!(Date::from_days_since_epoch(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_days_since_epoch(20_784), Date::new(2026, 11, 27));
        assert_eq!(
            civil_from_days(-719_529).0,
            -1,
            "before year 0 is still a date"
        );
        assert_eq!(Date::from_days_since_epoch(-719_529), None);
    }

    #[test]
    fn impossible_days_are_rejected() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
    }

    #[test]
    fn a_date_is_read_only_as_a_whole_existing_day() {
        assert_eq!(Date::parse(" 2014-03-23 "), Date::new(2014, 3, 23));
        for bad in [
            "2025-02-29",
            "2014-3-23",
            "2014",
            "2014-03-23T10:00:00Z",
            "tomorrow",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets_are_compared_as_instants() {
        let parse = |text: &str| {
            let value: toml::value::Datetime = text.parse().unwrap();
            Timestamp::from_toml(&value).unwrap()
        };
        assert!(parse("2026-11-28T09:00:00+03:00") < parse("2026-11-28T07:00:00Z"));
        assert!(parse("2026-11-27") < parse("2026-11-27T00:00:01Z"));
        assert_eq!(
            parse("2026-11-28T09:00:00+03:00").to_string(),
            "2026-11-28T09:00:00+03:00"
        );
        assert_eq!(
            parse("2026-11-28T09:00:00.5Z").to_string(),
            "2026-11-28T09:00:00.5Z"
        );
    }
}
