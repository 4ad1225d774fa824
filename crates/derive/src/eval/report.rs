//! The evaluation's result: a row per field, the editor's figures, every mismatch.

use std::fmt;

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
    pub(super) fn new(field: &'static str) -> Self {
        Self {
            field,
            true_positives: 0,
            false_positives: 0,
            false_negatives: 0,
        }
    }

    /// True when nothing was annotated and nothing found: the field says nothing, and the
    /// table prints `—` rather than a perfect score.
    pub fn is_empty(&self) -> bool {
        self.true_positives + self.false_positives + self.false_negatives == 0
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
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The counts behind the figures an editor weighs, beyond precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Found quotes whose annotation names a speaker.
    pub attributed: usize,
    /// Of those, the quotes given that speaker.
    pub right_speaker: usize,
    /// Found quotes the draft gives a speaker.
    pub given: usize,
    /// Of those, the quotes whose speaker is not the annotated one (or that have none): worse
    /// than no speaker, since an editor trusts what is filled in.
    pub wrong_speaker: usize,
    /// Annotated people.
    pub people: usize,
    /// Of those, the people the draft lists.
    pub people_found: usize,
    /// Outlets the annotation says the text only credits, that the draft lists as actors.
    pub outlets_as_actors: usize,
}

impl Tally {
    /// Right speakers among found quotes with an annotated speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.right_speaker, self.attributed)
    }

    /// Wrong speakers among found quotes given one.
    pub fn wrong_speaker_rate(&self) -> f64 {
        if self.given == 0 {
            0.0
        } else {
            self.wrong_speaker as f64 / self.given as f64
        }
    }

    /// Annotated people the draft lists.
    pub fn person_recall(&self) -> f64 {
        ratio(self.people_found, self.people)
    }
}

/// One difference between a draft and its annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The article's name.
    pub article: String,
    /// What differs ("quote missed: …", "speaker of …: expected X, got Y").
    pub what: String,
    /// The article's sentence where it happens, when it can be found.
    pub sentence: Option<String>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.article, self.what)?;
        if let Some(sentence) = &self.sentence {
            write!(f, "\n    in: {sentence}")?;
        }
        Ok(())
    }
}

/// Scores per field over a set of annotated articles, and every mismatch.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One row per field: quotes, speakers, actors, kinds, roles, questions, key quote.
    pub fields: Vec<FieldScore>,
    /// The counts behind speaker accuracy, the wrong-speaker rate and person recall.
    pub tally: Tally,
    /// Every mismatch, in article order.
    pub mismatches: Vec<Mismatch>,
    /// How many articles were scored.
    pub articles: usize,
}

/// The fields of the table, in its order.
const FIELDS: [&str; 7] = [
    "quotes",
    "speakers",
    "actors",
    "kinds",
    "roles",
    "questions",
    "key quote",
];

impl Report {
    pub(super) fn new() -> Self {
        Self {
            fields: FIELDS.iter().map(|field| FieldScore::new(field)).collect(),
            tally: Tally::default(),
            mismatches: Vec::new(),
            articles: 0,
        }
    }

    /// The row of one field.
    pub fn field(&self, field: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|score| score.field == field)
    }

    pub(super) fn field_mut(&mut self, field: &str) -> &mut FieldScore {
        self.fields
            .iter_mut()
            .find(|score| score.field == field)
            .expect("a field of the table")
    }

    /// Annotated roles the draft gives right (missed actors' roles count as wrong).
    pub fn role_accuracy(&self) -> f64 {
        self.field("roles").map_or(1.0, FieldScore::recall)
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
            // A share of nothing is no score: `—`, not a perfect 1.000.
            let share = |value: f64, of: usize| {
                if of == 0 {
                    "—".to_owned()
                } else {
                    format!("{value:.3}")
                }
            };
            let found = score.true_positives + score.false_positives;
            let annotated = score.true_positives + score.false_negatives;
            writeln!(
                f,
                "{:<11} {:>9} {:>7} {:>6} {:>5} {:>5} {:>5}",
                score.field,
                share(score.precision(), found),
                share(score.recall(), annotated),
                share(score.f1(), found.min(annotated)),
                score.true_positives,
                score.false_positives,
                score.false_negatives
            )?;
        }
        let tally = &self.tally;
        let roles = self
            .field("roles")
            .copied()
            .unwrap_or(FieldScore::new("roles"));
        writeln!(
            f,
            "{:<16} {:>7.3}  {} of {} found quotes with an annotated speaker",
            "speaker accuracy",
            tally.speaker_accuracy(),
            tally.right_speaker,
            tally.attributed
        )?;
        writeln!(
            f,
            "{:<16} {:>5.1} %  {} of {} found quotes given a speaker",
            "wrong speaker",
            100.0 * tally.wrong_speaker_rate(),
            tally.wrong_speaker,
            tally.given
        )?;
        writeln!(
            f,
            "{:<16} {:>7.3}  {} of {} annotated people",
            "person recall",
            tally.person_recall(),
            tally.people_found,
            tally.people
        )?;
        writeln!(
            f,
            "{:<16} {:>7.3}  {} of {} annotated roles",
            "role accuracy",
            self.role_accuracy(),
            roles.true_positives,
            roles.true_positives + roles.false_negatives
        )?;
        if tally.outlets_as_actors > 0 {
            writeln!(
                f,
                "outlets listed as actors: {} (the text only credits them)",
                tally.outlets_as_actors
            )?;
        }
        write!(
            f,
            "{} article{}",
            self.articles,
            if self.articles == 1 { "" } else { "s" }
        )?;
        let empty: Vec<&str> = self
            .fields
            .iter()
            .filter(|score| score.is_empty())
            .map(|score| score.field)
            .collect();
        if !empty.is_empty() {
            write!(
                f,
                "; — nothing annotated and nothing found: {}",
                empty.join(", ")
            )?;
        }
        Ok(())
    }
}
