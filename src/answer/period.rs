//! The stretch of time a timeline is limited to: `from` and `to`, each a year or a day.

use std::fmt;

use crate::briefing::Date;
use crate::reply::Reply;

/// Days from `from` to `to`, both included; an open end reaches the story's first or last event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Period {
    from: Option<Bound>,
    to: Option<Bound>,
}

/// One end of a period as the user wrote it: a whole year reads as its first day at the start
/// and its last day at the end, so `from 2014 to 2014` is the year 2014.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Year(u16),
    Day(Date),
}

impl Bound {
    fn read(option: &str, text: &str) -> Result<Self, Box<Reply>> {
        let text = text.trim();
        if let Some(day) = Date::parse(text) {
            return Ok(Self::Day(day));
        }
        match text.parse::<u16>() {
            Ok(year) if text.len() == 4 => Ok(Self::Year(year)),
            _ => Err(Box::new(Reply::error(
                format!("`{option}` is not a year or a day"),
                format!(
                    "“{}” is neither: write a year (2014) or a day (2014-03-23).",
                    crate::text::truncate(text, 20)
                ),
            ))),
        }
    }

    fn first_day(self) -> Date {
        match self {
            Self::Year(year) => Date {
                year,
                month: 1,
                day: 1,
            },
            Self::Day(day) => day,
        }
    }

    fn last_day(self) -> Date {
        match self {
            Self::Year(year) => Date {
                year,
                month: 12,
                day: 31,
            },
            Self::Day(day) => day,
        }
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(year) => write!(f, "{year}"),
            Self::Day(day) => write!(f, "{day}"),
        }
    }
}

impl Period {
    /// Reads the `from` and `to` options (blank means open), refusing what is not a year or a
    /// day and a start after the end.
    pub(super) fn read(from: Option<&str>, to: Option<&str>) -> Result<Self, Box<Reply>> {
        let bound = |option, text: Option<&str>| {
            text.filter(|text| !text.trim().is_empty())
                .map(|text| Bound::read(option, text))
                .transpose()
        };
        let period = Self {
            from: bound("from", from)?,
            to: bound("to", to)?,
        };
        match (period.from, period.to) {
            (Some(from), Some(to)) if from.first_day() > to.last_day() => {
                Err(Box::new(Reply::error(
                    "The period ends before it starts",
                    format!("`from` {from} is after `to` {to}: swap them."),
                )))
            }
            _ => Ok(period),
        }
    }

    /// Whether neither end is set: the whole story.
    pub(super) fn is_whole(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// The period inside a sentence: "in 2014", "between 2014 and 2020", "from 2030 on".
    pub(super) fn phrase(&self) -> String {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from == to => format!("in {from}"),
            (Some(from), Some(to)) => format!("between {from} and {to}"),
            (Some(from), None) => format!("from {from} on"),
            (None, Some(to)) => format!("up to {to}"),
            (None, None) => "in the whole story".to_owned(),
        }
    }

    /// Whether `day` falls within the period.
    pub(super) fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from.first_day() <= day)
            && self.to.is_none_or(|to| day <= to.last_day())
    }
}

impl fmt::Display for Period {
    /// As a title says it: "2014 to 2020", "from 2014", "to 2020-08-09".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from == to => write!(f, "{from}"),
            (Some(from), Some(to)) => write!(f, "{from} to {to}"),
            (Some(from), None) => write!(f, "from {from}"),
            (None, Some(to)) => write!(f, "to {to}"),
            (None, None) => f.write_str("the whole story"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_year_covers_all_its_days_and_a_day_only_itself() {
        let year = Period::read(Some("2014"), Some("2014")).unwrap();
        assert!(year.contains(day("2014-01-01")) && year.contains(day("2014-12-31")));
        assert!(!year.contains(day("2013-12-31")) && !year.contains(day("2015-01-01")));
        assert_eq!(year.to_string(), "2014");
        assert_eq!(year.phrase(), "in 2014");
        let days = Period::read(Some("2020-08-09"), Some("2020-08-10")).unwrap();
        assert!(days.contains(day("2020-08-10")) && !days.contains(day("2020-08-11")));
        assert_eq!(days.to_string(), "2020-08-09 to 2020-08-10");
    }

    #[test]
    fn an_open_end_reaches_the_edge_of_the_story() {
        let from = Period::read(Some("2020"), None).unwrap();
        assert!(from.contains(day("2026-11-27")) && !from.contains(day("2019-12-31")));
        assert_eq!(from.to_string(), "from 2020");
        assert_eq!(from.phrase(), "from 2020 on");
        assert_eq!(
            Period::read(None, Some("1990")).unwrap().phrase(),
            "up to 1990"
        );
        let whole = Period::read(Some(" "), None).unwrap();
        assert!(whole.is_whole());
        assert!(whole.contains(day("1997-05-23")));
    }

    #[test]
    fn what_is_not_a_year_or_a_day_and_a_reversed_period_are_refused() {
        for (from, to, title) in [
            (Some("14"), None, "`from` is not a year or a day"),
            (None, Some("2020-02-30"), "`to` is not a year or a day"),
            (Some("last year"), None, "`from` is not a year or a day"),
            (
                Some("2020"),
                Some("2014"),
                "The period ends before it starts",
            ),
            (
                Some("2014-03-24"),
                Some("2014-03-23"),
                "The period ends before it starts",
            ),
        ] {
            let refused = Period::read(from, to).unwrap_err();
            assert!(refused.is_error());
            assert_eq!(refused.title, title, "{from:?} {to:?}");
        }
    }
}
