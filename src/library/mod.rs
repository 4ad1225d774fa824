//! The loaded set of briefings: an immutable snapshot with lookup, order, search and suggestions.
//!
//! A `Library` never changes after it is built; the bot swaps a whole new one in on reload, so a
//! reader always sees one consistent set. Briefings are shared as `Arc`s so that building the
//! next snapshot does not copy them.

mod prefix;
mod search;
mod suggest;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::briefing::{Briefing, BriefingId, TimelineEvent};
use crate::text::truncate;

pub use prefix::{Matching, PrefixIndex};
use search::Index;
pub use search::{Found, Hit, Place};

/// Discord's limit on autocomplete choices, and on each choice's name and value.
pub const AUTOCOMPLETE_MAX: usize = 25;
/// Discord's limit on an autocomplete choice's name.
pub const CHOICE_NAME_MAX: usize = 100;

/// An immutable, ordered set of valid briefings.
#[derive(Default)]
pub struct Library {
    /// Newest first: `published` descending, then id, so the order is total and stable.
    briefings: Vec<Arc<Briefing>>,
    /// Positions in `briefings`, sorted by id, for lookup by binary search: the ids already
    /// live in the briefings, so a map would only store them twice.
    by_id: Vec<u32>,
    /// Each story with the positions of its briefings (newest first), in the order of each
    /// story's newest briefing; answers about one story need not scan the others.
    stories: Vec<(String, Vec<usize>)>,
    /// Built on first search: `ask summary` should not pay for an index it never uses.
    index: OnceLock<Index>,
    /// Folded words of each briefing's id, title and date, by position; built on the first
    /// autocomplete of this snapshot, then every keystroke costs only its matches.
    choices: OnceLock<PrefixIndex>,
    /// The same for story slugs, in the order of [`Library::stories`].
    story_choices: OnceLock<PrefixIndex>,
    /// Each story's timeline as (briefing position, event position), oldest first, deduplicated;
    /// built on first use for the same reason.
    timelines: OnceLock<HashMap<String, Vec<(usize, usize)>>>,
}

/// An autocomplete suggestion for a briefing option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What the user sees: date and title, at most 100 characters.
    pub name: String,
    /// The briefing id sent back when chosen.
    pub value: String,
}

/// A timeline event with the briefing it comes from.
#[derive(Debug, Clone, Copy)]
pub struct StoryEvent<'a> {
    /// The event.
    pub event: &'a TimelineEvent,
    /// The briefing that reports it.
    pub briefing: &'a Briefing,
}

impl Library {
    /// Builds a library; of two briefings with one id only the first is kept (the loader
    /// reports the second as an error before it gets here).
    pub fn new(briefings: impl IntoIterator<Item = Arc<Briefing>>) -> Self {
        let all: Vec<Arc<Briefing>> = briefings.into_iter().collect();
        let mut seen = std::collections::HashSet::with_capacity(all.len());
        let first: Vec<bool> = all
            .iter()
            .map(|briefing| seen.insert(briefing.id.as_str()))
            .collect();
        drop(seen);
        let mut unique: Vec<Arc<Briefing>> = all
            .into_iter()
            .zip(first)
            .filter_map(|(briefing, first)| first.then_some(briefing))
            .collect();
        unique.sort_by(|left, right| {
            right
                .published
                .cmp(&left.published)
                .then_with(|| left.id.cmp(&right.id))
        });
        let mut by_id: Vec<u32> = (0..unique.len() as u32).collect();
        by_id.sort_unstable_by(|&left, &right| {
            unique[left as usize].id.cmp(&unique[right as usize].id)
        });
        let mut stories: Vec<(String, Vec<usize>)> = Vec::new();
        let mut story_slot: HashMap<&str, usize> = HashMap::new();
        for (position, briefing) in unique.iter().enumerate() {
            let slot = *story_slot.entry(&briefing.story).or_insert_with(|| {
                stories.push((briefing.story.clone(), Vec::new()));
                stories.len() - 1
            });
            stories[slot].1.push(position);
        }
        drop(story_slot);
        Self {
            briefings: unique,
            by_id,
            stories,
            index: OnceLock::new(),
            choices: OnceLock::new(),
            story_choices: OnceLock::new(),
            timelines: OnceLock::new(),
        }
    }

    /// All briefings, newest first.
    pub fn briefings(&self) -> &[Arc<Briefing>] {
        &self.briefings
    }

    /// How many briefings are loaded.
    pub fn len(&self) -> usize {
        self.briefings.len()
    }

    /// True when no briefing is loaded.
    pub fn is_empty(&self) -> bool {
        self.briefings.is_empty()
    }

    /// The briefing with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Briefing>> {
        self.by_id
            .binary_search_by(|&position| self.briefings[position as usize].id.as_str().cmp(id))
            .ok()
            .map(|found| &self.briefings[self.by_id[found] as usize])
    }

    /// The newest briefing, of one story or of all.
    pub fn newest(&self, story: Option<&str>) -> Option<&Arc<Briefing>> {
        self.of_story(story).next()
    }

    /// The briefings of a story (all when `None`), newest first.
    pub fn of_story(&self, story: Option<&str>) -> Box<dyn Iterator<Item = &Arc<Briefing>> + '_> {
        match story {
            None => Box::new(self.briefings.iter()),
            Some(story) => Box::new(
                self.positions(story)
                    .iter()
                    .map(|&position| &self.briefings[position]),
            ),
        }
    }

    /// How many briefings a story has (all stories when `None`).
    pub fn count(&self, story: Option<&str>) -> usize {
        story.map_or(self.briefings.len(), |story| self.positions(story).len())
    }

    fn positions(&self, story: &str) -> &[usize] {
        self.stories
            .iter()
            .find(|(name, _)| name == story)
            .map_or(&[], |(_, positions)| positions.as_slice())
    }

    /// Every story, in the order of its newest briefing.
    pub fn stories(&self) -> Vec<&str> {
        self.stories
            .iter()
            .map(|(story, _)| story.as_str())
            .collect()
    }

    /// The timeline of a story: the events of all its briefings, oldest first.
    ///
    /// The same event reported by two briefings (same day, same text) appears once.
    pub fn timeline(
        &self,
        story: &str,
    ) -> impl ExactSizeIterator<Item = StoryEvent<'_>> + DoubleEndedIterator {
        let timelines = self.timelines.get_or_init(|| self.build_timelines());
        timelines
            .get(story)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&(position, event)| {
                let briefing = &self.briefings[position];
                StoryEvent {
                    event: &briefing.timeline[event],
                    briefing,
                }
            })
    }

    fn build_timelines(&self) -> HashMap<String, Vec<(usize, usize)>> {
        self.stories
            .iter()
            .map(|(story, positions)| {
                let mut events: Vec<(usize, usize)> = positions
                    .iter()
                    .flat_map(|&position| {
                        (0..self.briefings[position].timeline.len())
                            .map(move |event| (position, event))
                    })
                    .collect();
                let event =
                    |&(position, event): &(usize, usize)| &self.briefings[position].timeline[event];
                // Oldest first; on one day, the event from the earlier briefing first.
                events.sort_by(|left, right| {
                    event(left)
                        .date
                        .cmp(&event(right).date)
                        .then_with(|| right.0.cmp(&left.0))
                        .then_with(|| event(left).text.cmp(&event(right).text))
                });
                events.dedup_by(|next, kept| event(next) == event(kept));
                (story.clone(), events)
            })
            .collect()
    }

    /// Briefings whose text matches every word of `query`: how many, and the best `limit`.
    ///
    /// Matching ignores case and diacritics, and a query word matches any word it begins
    /// ("sovereign" finds "sovereignty"); actor aliases are searched too.
    pub fn search(&self, query: &str, limit: usize) -> Found {
        self.index
            .get_or_init(|| Index::build(&self.briefings))
            .search(query, limit)
    }

    /// Ids close to a mistyped or half-remembered one, best first (at most three): a near
    /// miss of a whole id alone, else the ids sharing the most words, newest first.
    pub fn suggest(&self, wanted: &str) -> Vec<&BriefingId> {
        suggest::suggest(&self.briefings, wanted)
    }

    /// Autocomplete choices for a briefing option: up to `limit` (at most 25), newest first.
    ///
    /// Every word typed must begin a word of the briefing's id, title or date; case and
    /// diacritics are ignored.
    pub fn autocomplete(&self, partial: &str, limit: usize) -> Vec<Choice> {
        let index = self.choices.get_or_init(|| {
            PrefixIndex::build(
                self.briefings.iter().map(|briefing| {
                    [
                        Cow::Borrowed(briefing.id.as_str()),
                        Cow::Borrowed(briefing.title.as_str()),
                        Cow::Owned(briefing.published.date.to_string()),
                    ]
                }),
                Matching::WordStarts,
            )
        });
        index
            .find(partial, limit.min(AUTOCOMPLETE_MAX))
            .into_iter()
            .map(|position| {
                let briefing = &self.briefings[position as usize];
                Choice {
                    name: truncate(
                        &format!("{} · {}", briefing.published.date, briefing.title),
                        CHOICE_NAME_MAX,
                    ),
                    value: briefing.id.as_str().to_owned(),
                }
            })
            .collect()
    }

    /// Autocomplete for a story option: up to `limit` (at most 25) stories with every word
    /// typed anywhere in their slug, in the order of [`Library::stories`].
    pub fn autocomplete_story(&self, partial: &str, limit: usize) -> Vec<&str> {
        let index = self.story_choices.get_or_init(|| {
            PrefixIndex::build(
                self.stories.iter().map(|(story, _)| [story.as_str()]),
                Matching::Anywhere,
            )
        });
        index
            .find(partial, limit.min(AUTOCOMPLETE_MAX))
            .into_iter()
            .map(|slot| self.stories[slot as usize].0.as_str())
            .collect()
    }
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("briefings", &self.briefings.len())
            .finish()
    }
}
