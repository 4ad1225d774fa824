//! One draft against its annotation: what matches, what is missed, what is wrong.

use super::matching::{actor_matches, expected_actor, role_matches, sentence_with, words};
use super::report::{FieldScore, Mismatch, Report};
use super::{Annotation, Case};
use crate::{Draft, DraftQuote, RoleSource};

/// Scores one draft against its annotation into `report`.
pub(super) fn score(case: &Case, draft: &Draft, annotation: &Annotation, report: &mut Report) {
    let name = case.name.as_str();
    let mut mismatches = Lines {
        article: &case.article,
        name,
        lines: Vec::new(),
    };
    let tally = &mut report.tally;
    let mut quotes = FieldScore::new("quotes");
    let mut speakers = FieldScore::new("speakers");
    let mut actors = FieldScore::new("actors");
    let mut kinds = FieldScore::new("kinds");
    let mut roles = FieldScore::new("roles");
    let mut questions = FieldScore::new("questions");
    let mut key = FieldScore::new("key quote");

    // Actors first: speakers are scored through the actor matching.
    let mut actor_match: Vec<Option<usize>> = vec![None; draft.actors.len()];
    let mut expected_taken = vec![false; annotation.actors.len()];
    // Exact names first, so an alias match cannot take an actor another matches by name.
    for exact in [true, false] {
        for (expected_index, expected) in annotation.actors.iter().enumerate() {
            if expected_taken[expected_index] {
                continue;
            }
            let found = (0..draft.actors.len()).find(|&index| {
                actor_match[index].is_none()
                    && if exact {
                        words(&draft.actors[index].name) == words(&expected.name)
                    } else {
                        actor_matches(&draft.actors[index], expected)
                    }
            });
            if let Some(derived_index) = found {
                actor_match[derived_index] = Some(expected_index);
                expected_taken[expected_index] = true;
            }
        }
    }
    for (index, derived) in draft.actors.iter().enumerate() {
        match actor_match[index] {
            Some(expected_index) => {
                let expected = &annotation.actors[expected_index];
                actors.true_positives += 1;
                if derived.kind.as_str() == expected.kind {
                    kinds.true_positives += 1;
                } else {
                    kinds.false_positives += 1;
                    kinds.false_negatives += 1;
                    mismatches.push(
                        format!(
                            "kind of {}: expected {}, got {}",
                            expected.name, expected.kind, derived.kind
                        ),
                        Some(&derived.name),
                    );
                }
                let wanted: Vec<&String> = expected.role.iter().chain(&expected.roles).collect();
                if !wanted.is_empty() {
                    if derived.role_source == RoleSource::Placeholder {
                        roles.false_negatives += 1;
                        mismatches.push(
                            format!(
                                "role of {}: expected {:?}, got none",
                                expected.name, wanted[0]
                            ),
                            Some(&derived.name),
                        );
                    } else if wanted.iter().any(|role| role_matches(&derived.role, role)) {
                        roles.true_positives += 1;
                    } else {
                        roles.false_positives += 1;
                        roles.false_negatives += 1;
                        mismatches.push(
                            format!(
                                "role of {}: expected {:?}, got {:?}",
                                expected.name, wanted[0], derived.role
                            ),
                            Some(&derived.name),
                        );
                    }
                }
            }
            None => {
                actors.false_positives += 1;
                kinds.false_positives += 1;
                let outlet = annotation.outlets.iter().any(|outlet| {
                    std::iter::once(&derived.name)
                        .chain(&derived.aliases)
                        .any(|name| words(name) == words(outlet))
                });
                if outlet {
                    tally.outlets_as_actors += 1;
                }
                mismatches.push(
                    format!(
                        "actor not in the annotation: {} ({}){}",
                        derived.name,
                        derived.kind,
                        if outlet {
                            ", an outlet the text credits"
                        } else {
                            ""
                        }
                    ),
                    Some(&derived.name),
                );
            }
        }
    }
    for (index, expected) in annotation.actors.iter().enumerate() {
        if expected.kind == "person" {
            tally.people += 1;
            tally.people_found += usize::from(expected_taken[index]);
        }
        if !expected_taken[index] {
            actors.false_negatives += 1;
            kinds.false_negatives += 1;
            if expected.role.is_some() || !expected.roles.is_empty() {
                roles.false_negatives += 1;
            }
            let surname = expected.name.rsplit(' ').next().unwrap_or_default();
            let needle = std::iter::once(expected.name.as_str())
                .chain(expected.aliases.iter().map(String::as_str))
                .chain((expected.kind == "person").then_some(surname))
                .find(|name| sentence_with(&case.article, name).is_some());
            mismatches.push(
                format!("actor missed: {} ({})", expected.name, expected.kind),
                needle,
            );
        }
    }

    // Quotes, and the speakers of matched quotes.
    let derived_words: Vec<String> = draft
        .quotes
        .iter()
        .map(|quote| words(&quote.words))
        .collect();
    let mut derived_taken = vec![false; draft.quotes.len()];
    let mut quote_match: Vec<Option<usize>> = vec![None; annotation.quotes.len()];
    for (expected_index, expected) in annotation.quotes.iter().enumerate() {
        let wanted = words(&expected.text);
        if let Some(derived_index) = (0..draft.quotes.len())
            .find(|&index| !derived_taken[index] && derived_words[index] == wanted)
        {
            derived_taken[derived_index] = true;
            quote_match[expected_index] = Some(derived_index);
        }
    }
    let speaker_of = |quote: &DraftQuote| -> Option<Option<usize>> {
        let id = quote.speaker.as_deref()?;
        let index = draft.actors.iter().position(|actor| actor.id == id)?;
        Some(actor_match[index])
    };
    for (expected_index, expected) in annotation.quotes.iter().enumerate() {
        let wanted_speaker = expected
            .speaker
            .as_deref()
            .and_then(|speaker| expected_actor(annotation, speaker));
        match quote_match[expected_index] {
            Some(derived_index) => {
                quotes.true_positives += 1;
                let derived = &draft.quotes[derived_index];
                let got = speaker_of(derived);
                if wanted_speaker.is_some() {
                    tally.attributed += 1;
                }
                if got.is_some() {
                    tally.given += 1;
                }
                match (wanted_speaker, got) {
                    (Some(wanted), Some(Some(got))) if wanted == got => {
                        speakers.true_positives += 1;
                        tally.right_speaker += 1;
                    }
                    (None, None) => {}
                    (wanted, got) => {
                        if wanted.is_some() {
                            speakers.false_negatives += 1;
                        }
                        if got.is_some() {
                            speakers.false_positives += 1;
                            tally.wrong_speaker += 1;
                        }
                        let wanted = wanted.map_or("nobody".to_owned(), |index| {
                            annotation.actors[index].name.clone()
                        });
                        let got = derived
                            .speaker
                            .clone()
                            .unwrap_or_else(|| "nobody".to_owned());
                        let via = expected
                            .via
                            .as_deref()
                            .map(|via| format!(" (named by {via})"))
                            .unwrap_or_default();
                        let what = if derived.speaker.is_some() {
                            "wrong speaker"
                        } else {
                            "speaker missing"
                        };
                        mismatches.push(
                            format!(
                                "{what} of {:?}: expected {wanted}{via}, got {got}",
                                short(&expected.text)
                            ),
                            Some(&expected.text),
                        );
                    }
                }
            }
            None => {
                quotes.false_negatives += 1;
                if wanted_speaker.is_some() {
                    speakers.false_negatives += 1;
                }
                mismatches.push(
                    format!("quote missed: {:?}", short(&expected.text)),
                    Some(&expected.text),
                );
            }
        }
    }
    for (index, quote) in draft.quotes.iter().enumerate() {
        if !derived_taken[index] {
            quotes.false_positives += 1;
            if quote.speaker.is_some() {
                speakers.false_positives += 1;
            }
            mismatches.push(
                format!("quote not in the annotation: {:?}", short(&quote.words)),
                quote.text.lines().next(),
            );
        }
    }

    // The key quote, where there is a choice to make.
    if annotation.quotes.len() >= 2 {
        if let Some(expected_index) = annotation.quotes.iter().position(|quote| quote.key) {
            let derived_key = draft.quotes.iter().position(|quote| quote.key);
            if derived_key.is_some() && quote_match[expected_index] == derived_key {
                key.true_positives += 1;
            } else {
                key.false_negatives += 1;
                if derived_key.is_some() {
                    key.false_positives += 1;
                }
                let got = derived_key
                    .map_or("none".to_owned(), |index| short(&draft.quotes[index].words));
                mismatches.push(
                    format!(
                        "key quote: expected {:?}, got {got:?}",
                        short(&annotation.quotes[expected_index].text)
                    ),
                    None,
                );
            }
        }
    }

    // Questions, by the sentence they come from.
    let contexts: Vec<String> = draft
        .questions
        .iter()
        .map(|question| format!(" {} ", words(&question.context)))
        .collect();
    let mut question_taken = vec![false; draft.questions.len()];
    for expected in &annotation.questions {
        let wanted = format!(" {} ", words(&expected.sentence));
        match (0..contexts.len())
            .find(|&index| !question_taken[index] && contexts[index].contains(&wanted))
        {
            Some(index) => {
                question_taken[index] = true;
                questions.true_positives += 1;
            }
            None => {
                questions.false_negatives += 1;
                mismatches.push(
                    format!("question missed: from {:?}", short(&expected.sentence)),
                    None,
                );
            }
        }
    }
    for (index, question) in draft.questions.iter().enumerate() {
        if !question_taken[index] {
            questions.false_positives += 1;
            mismatches.push(
                format!("question not in the annotation: {:?}", question.text),
                None,
            );
        }
    }
    for row in [quotes, speakers, actors, kinds, roles, questions, key] {
        let total = report.field_mut(row.field);
        total.true_positives += row.true_positives;
        total.false_positives += row.false_positives;
        total.false_negatives += row.false_negatives;
    }
    report.mismatches.extend(mismatches.lines);
}

/// The mismatches of one article, each with its sentence.
struct Lines<'a> {
    article: &'a str,
    name: &'a str,
    lines: Vec<Mismatch>,
}

impl Lines<'_> {
    fn push(&mut self, what: String, needle: Option<&str>) {
        self.lines.push(Mismatch {
            article: self.name.to_owned(),
            what,
            sentence: needle.and_then(|needle| sentence_with(self.article, needle)),
        });
    }
}

fn short(text: &str) -> String {
    briefbot_text::truncate(&text.split_whitespace().collect::<Vec<_>>().join(" "), 60)
}
