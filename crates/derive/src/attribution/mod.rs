//! Speaker attribution as ordered sieves (after Muzny et al. 2017, "A Two-stage Sieve
//! Approach for Quote Attribution", the design of Stanford CoreNLP's QuoteAttributionAnnotator).
//!
//! Stage one, quote → mention: each [`Sieve`] is one named rule over the words around a
//! quotation (a speech verb, a name, a descriptor, a pronoun, a colon, the paragraph's shape).
//! They run from the most precise to the loosest; the first that recognises its pattern
//! decides. Stage two, mention → speaker ([`resolve`]): a name is its actor; a pronoun or a
//! descriptor ("the Belarusian leader", "the ministry", "the statement") resolves to an actor
//! already found whose kind, role or state fits; a state, a place or an outlet speaks only as
//! the grammatical subject of the speech verb ("Moscow said", "the Kremlin said").
//!
//! When the sieve that recognises an attribution cannot resolve it surely, the quote stays
//! unattributed with the reason as a `# TODO`: a wrong speaker in a news briefing is worse
//! than none, and a looser sieve would only guess.

mod resolve;
mod sieves;

use super::actors::Cast;
use super::doc::Doc;
use super::quotes::QuoteSpan;
use resolve::Resolver;

/// The sieves, most precise first. Each is documented where it is implemented
/// ([`sieves`]), and unit-tested in `tests.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sieve {
    /// `"A," X said, "b."`: the attribution between the parts of a split quotation.
    Interrupted,
    /// `"…," X said` and `"…," said X` (also after `?` and `!`).
    Trailing,
    /// `"…," according to X`.
    TrailingAccordingTo,
    /// `X said: "…"`, `X …, adding: "…"`.
    Colon,
    /// `X said "…"`, `X said, "…"`, `X warned, stating, "…"`: a speech verb right before.
    Leading,
    /// `According to X, "…"`.
    LeadingAccordingTo,
    /// A speech verb earlier in the quotation's sentence (`X described the talks as "…"`).
    SentenceVerb,
    /// A quotation opening a sentence or paragraph right after another continues its speaker.
    Continuation,
}

impl Sieve {
    /// The sieve's name, as `# TODO` lines and tests show it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Interrupted => "interrupted",
            Self::Trailing => "trailing",
            Self::TrailingAccordingTo => "trailing according-to",
            Self::Colon => "colon",
            Self::Leading => "leading",
            Self::LeadingAccordingTo => "leading according-to",
            Self::SentenceVerb => "sentence verb",
            Self::Continuation => "continuation",
        }
    }
}

/// What one sieve says about a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The pattern is not there: the next sieve tries.
    Pass,
    /// The pattern is there and names this actor (an index into `cast.actors`).
    Sure(usize),
    /// The pattern is there but no actor fits surely: the quote stays unattributed, for this
    /// reason, and no looser sieve guesses.
    Unsure(String),
}

/// Who said one quotation, and how it was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// The speaker, an index into `cast.actors`.
    pub speaker: Option<usize>,
    /// The sieve that decided; `None` when none recognised an attribution.
    pub sieve: Option<Sieve>,
    /// Why the deciding sieve left the quote unattributed.
    pub unsure: Option<String>,
}

/// Attributes each quote, in article order.
pub(crate) fn attribute(doc: &Doc, quotes: &[&QuoteSpan], cast: &Cast) -> Vec<Attribution> {
    let mut resolver = Resolver::new(doc, cast);
    let mut attributions: Vec<Attribution> = Vec::with_capacity(quotes.len());
    for (index, quote) in quotes.iter().enumerate() {
        let previous = index.checked_sub(1).map(|previous| quotes[previous]);
        let previous_speaker = attributions.last().and_then(|last| last.speaker);
        let mut attribution = Attribution {
            speaker: None,
            sieve: None,
            unsure: None,
        };
        for sieve in sieves::ORDER {
            match sieves::run(sieve, &resolver, quote, previous, previous_speaker) {
                Verdict::Pass => continue,
                Verdict::Sure(actor) => attribution.speaker = Some(actor),
                Verdict::Unsure(reason) => attribution.unsure = Some(reason),
            }
            attribution.sieve = Some(sieve);
            break;
        }
        if let Some(actor) = attribution.speaker {
            resolver.spoke(quote.open, actor);
        }
        attributions.push(attribution);
    }
    attributions
}

#[cfg(test)]
mod tests;
