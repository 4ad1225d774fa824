//! Answers about a story as a whole: its briefings, and its timeline (text and picture).

use std::fmt::Write as _;

use crate::library::{Library, StoryEvent};
use crate::reply::{Field, Picture, PictureEvent, Reply, TimelinePicture, YearCount};
use crate::text::{plural, truncate};

use super::period::Period;
use super::{LIST_MAX, TIMELINE_SHOWN_MAX, no_briefings, story_option};

/// How many events the timeline picture labels at most: more would not stay readable at
/// Discord's preview width. A denser story has its labels spread over the years, and each year
/// says how many events it has in all.
pub const PICTURE_EVENTS_MAX: usize = 24;

/// Bytes a timeline line adds to its event's text: the date, " — " and a newline.
const DATE_LINE_OVERHEAD: usize = "2026-11-27 — \n".len();

pub(super) fn briefings(library: &Library, story: Option<&str>) -> Reply {
    let story = match story_option(library, story) {
        Ok(story) => story,
        Err(reply) => return *reply,
    };
    let total = library.count(story);
    if total == 0 {
        return no_briefings();
    }
    let fields = library
        .of_story(story)
        .take(LIST_MAX)
        .map(|briefing| {
            Field::new(
                format!("{} · {}", briefing.published.date, briefing.title),
                format!(
                    "{}\nid: {}",
                    truncate(&briefing.summary.tldr, 300),
                    briefing.id
                ),
            )
        })
        .collect();
    let scope = story.map_or_else(
        || "all stories".to_owned(),
        |story| format!("story {story}"),
    );
    let mut reply = Reply::info(
        "Briefings",
        format!("{total} briefings, newest first ({scope})."),
    );
    reply.fields = fields;
    if total > LIST_MAX {
        reply.footer = Some(format!(
            "Showing the newest {LIST_MAX} of {total}. Use search to find older ones."
        ));
    }
    reply
}

pub(super) fn timeline(library: &Library, story: Option<&str>, period: Period) -> Reply {
    let story = match story_option(library, story) {
        Ok(Some(story)) => story.to_owned(),
        Ok(None) => match library.newest(None) {
            Some(newest) => newest.story.clone(),
            None => return no_briefings(),
        },
        Err(reply) => return *reply,
    };
    let title = if period.is_whole() {
        format!("Timeline — {story}")
    } else {
        format!("Timeline — {story}, {period}")
    };
    let (total, shown) = if period.is_whole() {
        // From the end: the latest events are the ones shown, and skipping from the front
        // would walk the whole story.
        let events = library.timeline(&story);
        let total = events.len();
        (
            total,
            events.rev().take(TIMELINE_SHOWN_MAX).collect::<Vec<_>>(),
        )
    } else {
        let within: Vec<StoryEvent<'_>> = library
            .timeline(&story)
            .filter(|entry| period.contains(entry.event.date))
            .collect();
        let total = within.len();
        (
            total,
            within.into_iter().rev().take(TIMELINE_SHOWN_MAX).collect(),
        )
    };
    if total == 0 {
        let mut events = library.timeline(&story);
        let text = match (events.next(), events.next_back()) {
            (Some(first), Some(last)) if !period.is_whole() => format!(
                "No dated events {}: the story's events run from {} to {}.",
                period.phrase(),
                first.event.date,
                last.event.date
            ),
            _ => "No dated events are recorded for this story yet.".to_owned(),
        };
        return Reply::info(title, text);
    }
    let skipped = total.saturating_sub(TIMELINE_SHOWN_MAX);
    // One buffer sized up front: this answer is the longest text a command builds, and a
    // string per line plus a join was most of its cost.
    let mut text = String::with_capacity(
        shown
            .iter()
            .map(|entry| entry.event.text.len() + DATE_LINE_OVERHEAD)
            .sum(),
    );
    for entry in shown.iter().rev() {
        if !text.is_empty() {
            text.push('\n');
        }
        // Writing to a String cannot fail.
        let _ = write!(text, "{} — {}", entry.event.date, entry.event.text);
    }
    let mut reply = Reply::info(title.clone(), text);
    reply.footer = Some(if skipped > 0 {
        format!("The latest {TIMELINE_SHOWN_MAX} of {total} events, oldest first.")
    } else if period.is_whole() {
        format!(
            "{} from {}, oldest first.",
            plural(total, "event"),
            plural(library.count(Some(&story)), "briefing")
        )
    } else {
        format!("{}, oldest first.", plural(total, "event"))
    });
    reply.picture = Some(Picture::Timeline(picture(library, &story, period, title)));
    reply
}

/// What the timeline picture shows: every year's count, and up to [`PICTURE_EVENTS_MAX`]
/// labelled events spread over the years, the newest years first served.
fn picture(library: &Library, story: &str, period: Period, title: String) -> TimelinePicture {
    let within = || {
        library
            .timeline(story)
            .filter(move |entry| period.contains(entry.event.date))
    };
    let mut years: Vec<YearCount> = Vec::new();
    for entry in within() {
        match years.last_mut() {
            Some(last) if last.year == entry.event.date.year => last.events += 1,
            _ => years.push(YearCount {
                year: entry.event.date.year,
                events: 1,
            }),
        }
    }
    // Labels dealt out one a year at a time, newest year first, until they run out.
    let mut quotas = vec![0usize; years.len()];
    let mut left = PICTURE_EVENTS_MAX;
    while left > 0 {
        let before = left;
        for (quota, year) in quotas.iter_mut().zip(&years).rev() {
            if left > 0 && *quota < year.events {
                *quota += 1;
                left -= 1;
            }
        }
        if left == before {
            break;
        }
    }
    let mut events = Vec::new();
    let (mut slot, mut nth) = (0, 0);
    for entry in within() {
        if years[slot].year != entry.event.date.year {
            slot += 1;
            nth = 0;
        }
        let (count, quota) = (years[slot].events, quotas[slot]);
        // Exactly `quota` of the year's `count` events, evenly spaced.
        if (nth + 1) * quota / count > nth * quota / count {
            events.push(PictureEvent {
                date: entry.event.date.to_string(),
                year: entry.event.date.year,
                text: entry.event.text.clone(),
            });
        }
        nth += 1;
    }
    TimelinePicture {
        title,
        events,
        years,
    }
}
