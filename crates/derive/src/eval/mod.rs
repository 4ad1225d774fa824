//! Measures `derive` against hand annotations: precision and recall per field, and the
//! figures an editor weighs (speaker accuracy, wrong speakers, people found, roles right).
//!
//! An annotation is a TOML file beside its article (`NAME.txt` + `NAME.expected.toml`); the
//! format is documented in `annotations/README.md`. Quotes match when their words match
//! (case, punctuation and diacritics aside); actors when a name or alias matches, or for people
//! the surname; speakers when a matched quote's speaker is the matched actor; roles when they
//! share most of their words; questions when drafted from the annotated sentence.

mod matching;
mod report;
mod score;

use serde::Deserialize;

pub use report::{FieldScore, Mismatch, Report, Tally};

use super::{BriefingActors, Gazetteer, Options, derive, id_from_stem};
use briefbot_format::{ActorKind, BriefingId};
use matching::expected_actor;

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
    /// News outlets the text credits: neither actors nor speakers.
    #[serde(default)]
    outlets: Vec<String>,
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
    /// How the article points to the speaker when not by name (pronoun, descriptor,
    /// continuation, document): named in `--explain` lines.
    via: Option<String>,
    #[serde(default)]
    key: bool,
    /// False when the stored text lost the quotation's opening mark.
    #[expect(dead_code, reason = "a fact about the text for annotators, not scored")]
    opening: Option<bool>,
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

/// The values `via` may take.
const VIAS: [&str; 4] = ["pronoun", "descriptor", "continuation", "document"];

/// Drafts every case and scores the drafts against their annotations.
///
/// `known` is what the library knows; each case is drafted with the gazetteer of every
/// briefing but its own (the one whose id is the case's), so a shipped briefing of the very
/// article scored cannot hand `derive` the answer.
pub fn evaluate(cases: &[Case], known: &[BriefingActors]) -> Result<Report, EvalError> {
    let mut report = Report::new();
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
        score::score(case, &draft, &annotation, &mut report);
        report.articles += 1;
    }
    Ok(report)
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
        if let Some(via) = &quote.via {
            if !VIAS.contains(&via.as_str()) {
                return Err(error(format!(
                    "quote {:?} has via = {via:?}; use {}",
                    quote.text,
                    VIAS.join(", ")
                )));
            }
            if quote.speaker.is_none() {
                return Err(error(format!(
                    "quote {:?} says how its speaker is named (via) but names no speaker",
                    quote.text
                )));
            }
        }
    }
    if annotation.quotes.iter().filter(|quote| quote.key).count() > 1 {
        return Err(error("more than one quote is marked key".to_owned()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
