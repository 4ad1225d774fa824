//! Measures `derive` against hand annotations: precision and recall per field.
//!
//! An annotation is a TOML file beside its article (`NAME.txt` + `NAME.expected.toml`); the
//! format is documented in `tests/derive/README.md`. Quotes match when their words match
//! (case, punctuation and diacritics aside); actors when a name or alias matches, or for people
//! the surname; speakers when a matched quote's speaker is the matched actor; roles when they
//! share most of their words; questions when drafted from the annotated sentence.

use std::fmt;

use serde::Deserialize;

use super::{
    BriefingActors, Draft, DraftActor, Gazetteer, Options, RoleSource, derive, id_from_stem,
};
use briefbot_format::{ActorKind, BriefingId};

/// One annotated article.
#[derive(Debug, Clone)]
pub struct Case {
    /// The article's name (its file stem), used in mismatch lines and as the draft's id.
    pub name: String,
    /// The article's text.
    pub article: String,
    /// The annotation's TOML text.
    pub annotation: String,
}

/// Why an evaluation could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// An annotation file is malformed.
    #[error("{name}: the annotation is not valid: {message}")]
    Annotation {
        /// The case.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// `derive` refused the article.
    #[error("{name}: {error}")]
    Derive {
        /// The case.
        name: String,
        /// Why.
        error: super::DeriveError,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    #[serde(default)]
    quotes: Vec<ExpectedQuote>,
    #[serde(default)]
    actors: Vec<ExpectedActor>,
    #[serde(default)]
    questions: Vec<ExpectedQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedQuote {
    text: String,
    speaker: Option<String>,
    #[serde(default)]
    key: bool,
    #[expect(dead_code, reason = "a remark for annotators, not scored")]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedActor {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: String,
    role: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[expect(dead_code, reason = "a remark for annotators, not scored")]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedQuestion {
    sentence: String,
    #[expect(
        dead_code,
        reason = "documents the expected wording, which is not scored"
    )]
    question: Option<String>,
}

/// Counts for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldScore {
    /// The field's name as the table prints it.
    pub field: &'static str,
    /// Found and right.
    pub true_positives: usize,
    /// Found but wrong (or not in the annotation).
    pub false_positives: usize,
    /// In the annotation but not found (or found wrong).
    pub false_negatives: usize,
}

impl FieldScore {
    fn new(field: &'static str) -> Self {
        Self {
            field,
            true_positives: 0,
            false_positives: 0,
            false_negatives: 0,
        }
    }

    /// Right among found; 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Found among expected; 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (precision, recall) = (self.precision(), self.recall());
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    }

    fn add(&mut self, other: &FieldScore) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Scores per field over a set of annotated articles, and every mismatch.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One row per field: quotes, speakers, actors, kinds, roles, questions, key quote.
    pub fields: Vec<FieldScore>,
    /// One line per mismatch, `article: what`.
    pub mismatches: Vec<String>,
    /// How many articles were scored.
    pub articles: usize,
}

impl Report {
    /// The row of one field.
    pub fn field(&self, field: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|score| score.field == field)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<11} {:>9} {:>7} {:>6} {:>5} {:>5} {:>5}",
            "field", "precision", "recall", "f1", "tp", "fp", "fn"
        )?;
        for score in &self.fields {
            writeln!(
                f,
                "{:<11} {:>9.3} {:>7.3} {:>6.3} {:>5} {:>5} {:>5}",
                score.field,
                score.precision(),
                score.recall(),
                score.f1(),
                score.true_positives,
                score.false_positives,
                score.false_negatives
            )?;
        }
        write!(
            f,
            "{} article{}",
            self.articles,
            if self.articles == 1 { "" } else { "s" }
        )
    }
}

const FIELDS: [&str; 7] = [
    "quotes",
    "speakers",
    "actors",
    "kinds",
    "roles",
    "questions",
    "key quote",
];

/// Drafts every case and scores the drafts against their annotations.
///
/// `known` is what the library knows; each case is drafted with the gazetteer of every
/// briefing but its own (the one whose id is the case's), so a shipped briefing of the very
/// article scored cannot hand `derive` the answer.
pub fn evaluate(cases: &[Case], known: &[BriefingActors]) -> Result<Report, EvalError> {
    let mut fields: Vec<FieldScore> = FIELDS.iter().map(|field| FieldScore::new(field)).collect();
    let mut mismatches = Vec::new();
    for case in cases {
        let annotation: Annotation =
            toml::from_str(&case.annotation).map_err(|error| EvalError::Annotation {
                name: case.name.clone(),
                message: error.message().trim().to_owned(),
            })?;
        check_annotation(&case.name, &annotation)?;
        let id = id_from_stem(&case.name)
            .or_else(|| BriefingId::parse("article"))
            .ok_or_else(|| EvalError::Annotation {
                name: case.name.clone(),
                message: "no id can be made from the name".to_owned(),
            })?;
        let gazetteer = Gazetteer::from_briefings_except(known, id.as_str());
        let draft = derive(&case.article, &Options::new(id), &gazetteer).map_err(|error| {
            EvalError::Derive {
                name: case.name.clone(),
                error,
            }
        })?;
        let scores = score(&case.name, &draft, &annotation, &mut mismatches);
        for (total, score) in fields.iter_mut().zip(&scores) {
            total.add(score);
        }
    }
    Ok(Report {
        fields,
        mismatches,
        articles: cases.len(),
    })
}

fn check_annotation(name: &str, annotation: &Annotation) -> Result<(), EvalError> {
    let error = |message: String| EvalError::Annotation {
        name: name.to_owned(),
        message,
    };
    for actor in &annotation.actors {
        if ActorKind::parse(&actor.kind).is_none() {
            return Err(error(format!(
                "actor {:?} has kind {:?}; use person, organisation, state or group",
                actor.name, actor.kind
            )));
        }
    }
    for quote in &annotation.quotes {
        if let Some(speaker) = &quote.speaker {
            if expected_actor(annotation, speaker).is_none() {
                return Err(error(format!(
                    "speaker {speaker:?} is not the name or alias of an annotated actor"
                )));
            }
        }
    }
    if annotation.quotes.iter().filter(|quote| quote.key).count() > 1 {
        return Err(error("more than one quote is marked key".to_owned()));
    }
    Ok(())
}

/// Words only: case, punctuation and diacritics dropped.
fn words(text: &str) -> String {
    briefbot_text::fold_words(text)
}

fn expected_actor(annotation: &Annotation, name: &str) -> Option<usize> {
    let wanted = words(name);
    annotation.actors.iter().position(|actor| {
        std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .any(|known| words(known) == wanted)
    })
}

fn actor_matches(derived: &DraftActor, expected: &ExpectedActor) -> bool {
    let derived_names: Vec<String> = std::iter::once(&derived.name)
        .chain(&derived.aliases)
        .map(|name| words(name))
        .collect();
    let expected_names: Vec<String> = std::iter::once(&expected.name)
        .chain(&expected.aliases)
        .map(|name| words(name))
        .collect();
    if derived_names
        .iter()
        .any(|name| expected_names.contains(name))
    {
        return true;
    }
    let surname = |name: &String| {
        name.rsplit(' ')
            .next()
            .map(str::to_owned)
            .unwrap_or_default()
    };
    derived.kind == ActorKind::Person
        && expected.kind == "person"
        && derived_names.iter().map(surname).any(|derived| {
            expected_names
                .iter()
                .map(surname)
                .any(|expected| expected == derived)
        })
}

/// Roles match when their content words mostly agree (F1 of shared words ≥ 0.6).
fn role_matches(derived: &str, expected: &str) -> bool {
    let content = |text: &str| -> Vec<String> {
        words(text)
            .split(' ')
            .filter(|word| !matches!(*word, "of" | "the" | "a" | "an" | "for" | ""))
            .map(str::to_owned)
            .collect()
    };
    let (derived, expected) = (content(derived), content(expected));
    if derived.is_empty() || expected.is_empty() {
        return false;
    }
    let shared = derived
        .iter()
        .filter(|word| expected.contains(word))
        .count() as f64;
    let precision = shared / derived.len() as f64;
    let recall = shared / expected.len() as f64;
    precision + recall > 0.0 && 2.0 * precision * recall / (precision + recall) >= 0.6
}

fn score(
    name: &str,
    draft: &Draft,
    annotation: &Annotation,
    mismatches: &mut Vec<String>,
) -> Vec<FieldScore> {
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
                    mismatches.push(format!(
                        "{name}: kind of {}: expected {}, got {}",
                        expected.name, expected.kind, derived.kind
                    ));
                }
                let wanted: Vec<&String> = expected.role.iter().chain(&expected.roles).collect();
                if !wanted.is_empty() {
                    if derived.role_source == RoleSource::Placeholder {
                        roles.false_negatives += 1;
                        mismatches.push(format!(
                            "{name}: role of {}: expected {:?}, got none",
                            expected.name, wanted[0]
                        ));
                    } else if wanted.iter().any(|role| role_matches(&derived.role, role)) {
                        roles.true_positives += 1;
                    } else {
                        roles.false_positives += 1;
                        roles.false_negatives += 1;
                        mismatches.push(format!(
                            "{name}: role of {}: expected {:?}, got {:?}",
                            expected.name, wanted[0], derived.role
                        ));
                    }
                }
            }
            None => {
                actors.false_positives += 1;
                kinds.false_positives += 1;
                mismatches.push(format!(
                    "{name}: actor not in the annotation: {} ({})",
                    derived.name, derived.kind
                ));
            }
        }
    }
    for (index, expected) in annotation.actors.iter().enumerate() {
        if !expected_taken[index] {
            actors.false_negatives += 1;
            kinds.false_negatives += 1;
            if expected.role.is_some() || !expected.roles.is_empty() {
                roles.false_negatives += 1;
            }
            mismatches.push(format!(
                "{name}: actor missed: {} ({})",
                expected.name, expected.kind
            ));
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
    let speaker_of = |quote: &super::DraftQuote| -> Option<Option<usize>> {
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
                match (wanted_speaker, got) {
                    (Some(wanted), Some(Some(got))) if wanted == got => {
                        speakers.true_positives += 1
                    }
                    (None, None) => {}
                    (wanted, got) => {
                        if wanted.is_some() {
                            speakers.false_negatives += 1;
                        }
                        if got.is_some() {
                            speakers.false_positives += 1;
                        }
                        let wanted = wanted.map_or("nobody".to_owned(), |index| {
                            annotation.actors[index].name.clone()
                        });
                        let got = derived
                            .speaker
                            .clone()
                            .unwrap_or_else(|| "nobody".to_owned());
                        mismatches.push(format!(
                            "{name}: speaker of {:?}: expected {wanted}, got {got}",
                            short(&expected.text)
                        ));
                    }
                }
            }
            None => {
                quotes.false_negatives += 1;
                if wanted_speaker.is_some() {
                    speakers.false_negatives += 1;
                }
                mismatches.push(format!("{name}: quote missed: {:?}", short(&expected.text)));
            }
        }
    }
    for (index, quote) in draft.quotes.iter().enumerate() {
        if !derived_taken[index] {
            quotes.false_positives += 1;
            if quote.speaker.is_some() {
                speakers.false_positives += 1;
            }
            mismatches.push(format!(
                "{name}: quote not in the annotation: {:?}",
                short(&quote.words)
            ));
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
                mismatches.push(format!(
                    "{name}: key quote: expected {:?}, got {got:?}",
                    short(&annotation.quotes[expected_index].text)
                ));
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
                mismatches.push(format!(
                    "{name}: question missed: from {:?}",
                    short(&expected.sentence)
                ));
            }
        }
    }
    for (index, question) in draft.questions.iter().enumerate() {
        if !question_taken[index] {
            questions.false_positives += 1;
            mismatches.push(format!(
                "{name}: question not in the annotation: {:?}",
                question.text
            ));
        }
    }
    vec![quotes, speakers, actors, kinds, roles, questions, key]
}

fn short(text: &str) -> String {
    briefbot_text::truncate(&text.split_whitespace().collect::<Vec<_>>().join(" "), 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_annotation_scores_one_and_a_wrong_one_less() {
        let article = "Belarusian President Alexander Lukashenko spoke. “We will not become a vassal state,” he said.";
        let good = r#"
[[quotes]]
text = "We will not become a vassal state,"
speaker = "Alexander Lukashenko"
[[actors]]
name = "Alexander Lukashenko"
kind = "person"
role = "President of Belarus"
"#;
        let case = |annotation: &str| Case {
            name: "t".to_owned(),
            article: article.to_owned(),
            annotation: annotation.to_owned(),
        };
        let report = evaluate(&[case(good)], &[]).unwrap();
        for field in &report.fields {
            assert_eq!(
                (field.precision(), field.recall()),
                (1.0, 1.0),
                "{report}\n{:#?}",
                report.mismatches
            );
        }
        let wrong = good
            .replace("vassal state", "vassal nation")
            .replace("role = \"President of Belarus\"", "role = \"Spokesman\"");
        let report = evaluate(&[case(&wrong)], &[]).unwrap();
        assert_eq!(report.field("quotes").unwrap().recall(), 0.0);
        assert_eq!(report.field("roles").unwrap().precision(), 0.0);
        assert!(report.to_string().starts_with("field"), "{report}");
    }

    #[test]
    fn a_speaker_must_be_an_annotated_actor() {
        let case = Case {
            name: "t".to_owned(),
            article: "Text.".to_owned(),
            annotation: "[[quotes]]\ntext = \"x\"\nspeaker = \"Nobody\"\n".to_owned(),
        };
        let error = evaluate(&[case], &[]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("speaker \"Nobody\" is not the name"),
            "{error}"
        );
    }
}
