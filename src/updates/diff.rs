//! The pure diff: which update events a set of briefings holds that a known state has not seen.

use std::sync::Arc;

use crate::briefing::Briefing;
use crate::subscriptions::{ChangedAt, Known, UpdateEvent, UpdateKind};

/// What a set of briefings makes known.
pub fn known_of(briefings: &[Arc<Briefing>]) -> Known {
    briefings
        .iter()
        .map(|briefing| (briefing.id.clone(), ChangedAt::of(&briefing.last_changed())))
        .collect()
}

/// The update events in `briefings` that `known` has not seen, oldest first.
///
/// A briefing id missing from `known` is [`UpdateKind::New`]; a known one whose last change
/// is later than the known one is [`UpdateKind::Updated`]. A briefing that stayed the same,
/// went back in time or disappeared yields nothing, so reloading the same files is silent.
pub fn detect(known: &Known, briefings: &[Arc<Briefing>]) -> Vec<UpdateEvent> {
    let mut events: Vec<UpdateEvent> = briefings
        .iter()
        .filter_map(|briefing| {
            let changed = ChangedAt::of(&briefing.last_changed());
            let kind = match known.get(&briefing.id) {
                None => UpdateKind::New,
                Some(&seen) if changed > seen => UpdateKind::Updated,
                Some(_) => return None,
            };
            let event = UpdateEvent::of(briefing, kind);
            if event.is_none() {
                tracing::warn!(briefing = %briefing.id, story = %briefing.story, "story is not a slug; no update");
            }
            event
        })
        .collect();
    // Oldest first, so a channel reads a story in the order it happened.
    events.sort_by(|left, right| {
        (left.changed, &left.briefing).cmp(&(right.changed, &right.briefing))
    });
    events
}

/// The update events between two snapshots of the library.
pub fn diff(old: &[Arc<Briefing>], new: &[Arc<Briefing>]) -> Vec<UpdateEvent> {
    detect(&known_of(old), new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::updates::testing::briefing;

    fn keys(events: &[UpdateEvent]) -> Vec<(&str, UpdateKind)> {
        events
            .iter()
            .map(|event| (event.key.as_str(), event.kind))
            .collect()
    }

    #[test]
    fn a_new_briefing_id_is_a_new_update() {
        let old = vec![briefing("a", "2026-11-20", None)];
        let new = vec![
            briefing("b", "2026-11-27", None),
            briefing("a", "2026-11-20", None),
        ];
        assert_eq!(
            keys(&diff(&old, &new)),
            [("b@2026-11-27T00:00:00Z", UpdateKind::New)]
        );
    }

    #[test]
    fn an_advanced_updated_is_an_update_with_its_own_key() {
        let old = vec![briefing("a", "2026-11-20", None)];
        let new = vec![briefing("a", "2026-11-20", Some("2026-11-21T09:00:00Z"))];
        assert_eq!(
            keys(&diff(&old, &new)),
            [("a@2026-11-21T09:00:00Z", UpdateKind::Updated)]
        );
        let newer = vec![briefing(
            "a",
            "2026-11-20",
            Some("2026-11-22T09:00:00+02:00"),
        )];
        assert_eq!(
            keys(&diff(&new, &newer)),
            [("a@2026-11-22T07:00:00Z", UpdateKind::Updated)]
        );
    }

    #[test]
    fn reloading_the_same_content_is_silent() {
        let set = vec![
            briefing("a", "2026-11-20", Some("2026-11-21")),
            briefing("b", "2026-11-27", None),
        ];
        let reloaded: Vec<_> = set
            .iter()
            .map(|shared| Arc::new((**shared).clone()))
            .collect();
        assert!(diff(&set, &reloaded).is_empty());
    }

    #[test]
    fn rewriting_a_timestamp_in_another_offset_is_silent() {
        let old = vec![briefing("a", "2026-11-20", Some("2026-11-21T09:00:00Z"))];
        let new = vec![briefing(
            "a",
            "2026-11-20",
            Some("2026-11-21T11:00:00+02:00"),
        )];
        assert!(diff(&old, &new).is_empty());
    }

    #[test]
    fn moving_updated_back_or_removing_it_is_silent() {
        let old = vec![briefing("a", "2026-11-20", Some("2026-11-23"))];
        assert!(diff(&old, &[briefing("a", "2026-11-20", Some("2026-11-22"))]).is_empty());
        assert!(diff(&old, &[briefing("a", "2026-11-20", None)]).is_empty());
    }

    #[test]
    fn a_removed_briefing_is_silent_and_its_return_is_not_new() {
        let old = vec![briefing("a", "2026-11-20", None)];
        assert!(diff(&old, &[]).is_empty());
        let known = known_of(&old);
        assert!(detect(&known, &[briefing("a", "2026-11-20", None)]).is_empty());
    }

    #[test]
    fn events_come_oldest_first() {
        let new = vec![
            briefing("c", "2026-11-27", None),
            briefing("a", "2026-11-20", Some("2026-11-28")),
            briefing("b", "2026-11-25", None),
        ];
        let events = detect(&Known::new(), &new);
        let order: Vec<_> = events.iter().map(|event| event.briefing.as_str()).collect();
        assert_eq!(order, ["b", "c", "a"]);
    }
}
