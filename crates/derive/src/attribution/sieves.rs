//! The sieves themselves: each recognises one form of attribution around a quotation and
//! hands what it names (a phrase, a pronoun, a verb's subject) to the [`Resolver`].

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::resolve::Resolver;
use super::{Sieve, Verdict};
use crate::lexicon::{QUOTING_VERBS, SPEECH_PARTICIPLES, SPEECH_VERBS};
use crate::quotes::QuoteSpan;

/// The order the sieves run in: most precise first.
pub(super) const ORDER: [Sieve; 8] = [
    Sieve::Interrupted,
    Sieve::Trailing,
    Sieve::TrailingAccordingTo,
    Sieve::Colon,
    Sieve::Leading,
    Sieve::LeadingAccordingTo,
    Sieve::SentenceVerb,
    Sieve::Continuation,
];

/// After a quotation: an optional subject of up to eight words (one appositive allowed), an
/// optional adverb or auxiliary, then a speech verb.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    let verbs =
        crate::lexicon::alternation(SPEECH_VERBS.iter().chain(QUOTING_VERBS.iter()).copied());
    Regex::new(&format!(
        r"^\s*[,—–-]?\s*(?P<subject>(?:[^\s,.;:!?\x22“”]+\s+){{0,7}}?(?:[^\s,.;:!?\x22“”]+,\s+[^,.;:!?\x22“”]+,\s+)?)(?:\w+ly\s+)?(?:has\s+|had\s+|have\s+|also\s+|later\s+|then\s+)?(?P<verb>{verbs})(?-u:\b)"
    ))
    .expect("valid regex")
});

static ACCORDING_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)according\s+to\s+").expect("valid regex"));

/// Runs one sieve on `quote`.
pub(super) fn run(
    sieve: Sieve,
    resolver: &Resolver<'_>,
    quote: &QuoteSpan,
    previous: Option<&QuoteSpan>,
    previous_speaker: Option<usize>,
) -> Verdict {
    let around = Around::new(resolver, quote, previous);
    match sieve {
        Sieve::Interrupted => interrupted(resolver, quote),
        Sieve::Trailing => trailing(resolver, quote, &around),
        Sieve::TrailingAccordingTo => trailing_according_to(resolver, quote, &around),
        Sieve::Colon => colon(resolver, &around),
        Sieve::Leading => leading(resolver, quote, &around),
        Sieve::LeadingAccordingTo => leading_according_to(resolver, quote, &around),
        Sieve::SentenceVerb => sentence_verb(resolver, &around),
        Sieve::Continuation => continuation(resolver, quote, previous, previous_speaker),
    }
}

/// The text around a quotation the sieves read.
struct Around {
    /// Where the words after the quote that may attribute it end.
    right_end: usize,
    /// The quote's close.
    close: usize,
    /// Its sentence's start.
    sentence_start: usize,
    /// Before the quote: from its sentence's start (or the previous quote's close) to it.
    left: Range<usize>,
    /// The speech verbs in `left`, outside quotation marks.
    verbs: Vec<Range<usize>>,
}

impl Around {
    fn new(resolver: &Resolver<'_>, quote: &QuoteSpan, previous: Option<&QuoteSpan>) -> Self {
        let doc = resolver.doc;
        let sentence = &doc.sentences[doc.sentence_at(quote.open)];
        let paragraph = &doc.paragraphs[doc.paragraph_at(quote.close.saturating_sub(1))];
        let right_end = resolver.right_limit(quote, paragraph.end.max(quote.close));
        let mut left_start = sentence.range.start.min(quote.open);
        if let Some(previous) = previous {
            if previous.close <= quote.open && previous.close > left_start {
                left_start = previous.close;
            }
        }
        let left = left_start..quote.open;
        Self {
            right_end,
            close: quote.close,
            sentence_start: sentence.range.start,
            verbs: resolver.speech_verbs(left.clone()),
            left,
        }
    }

    fn right<'d>(&self, resolver: &Resolver<'d>) -> &'d str {
        resolver.doc.slice(self.close..self.right_end)
    }
}

fn is_participle(word: &str) -> bool {
    SPEECH_PARTICIPLES.binary_search(&word).is_ok()
}

/// `"We will not," Lukashenko said, "become a vassal."`: the words between the two parts of a
/// split quotation name the speaker. Passes when they name nobody.
fn interrupted(resolver: &Resolver<'_>, quote: &QuoteSpan) -> Verdict {
    match &quote.interruption {
        Some(between) => match resolver.phrase(between.clone()) {
            Verdict::Unsure(_) => Verdict::Pass,
            verdict => verdict,
        },
        None => Verdict::Pass,
    }
}

/// `"…," Lukashenko said`, `"…," the Kremlin spokesman added`, `"…?" Putin asked`, the
/// inversion `"…," said the president of Belarus`, and an outlet quoting (`"…," BelTA quotes
/// Hulevich`): a speech verb within eight words after the quote; the words before the verb
/// (after it, inverted or quoting) name the speaker.
fn trailing(resolver: &Resolver<'_>, quote: &QuoteSpan, around: &Around) -> Verdict {
    let right = around.right(resolver);
    let Some(captures) = TRAILING.captures(right) else {
        return Verdict::Pass;
    };
    let subject = captures
        .name("subject")
        .map_or(0..0, |subject| subject.range());
    let verb = captures.name("verb").map_or(0..0, |verb| verb.range());
    let close = quote.close;
    let after_verb = close + verb.end..(close + verb.end + 80).min(around.right_end);
    if QUOTING_VERBS.contains(&&right[verb.clone()]) {
        // "…," BelTA quotes Hulevich: the reporter is the subject, the speaker the object.
        return resolver.phrase(after_verb);
    }
    if subject.is_empty() {
        // Inverted: "said X".
        resolver.inverted_subject(close + verb.end..(close + verb.end + 80).min(around.right_end))
    } else {
        resolver.phrase(close + subject.start..close + subject.end)
    }
}

/// `"…," according to the ministry`.
fn trailing_according_to(resolver: &Resolver<'_>, quote: &QuoteSpan, around: &Around) -> Verdict {
    let right = around.right(resolver);
    match ACCORDING_TO
        .find(right)
        .filter(|found| right[..found.start()].trim_matches([',', ' ']).is_empty())
    {
        Some(found) => resolver.according_to(quote.close + found.end()..around.right_end),
        None => Verdict::Pass,
    }
}

/// `Lukashenko said: "…"`, `He told reporters: "…"`, `…, adding: "…"` (the participle's
/// subject is the sentence's), and a sentence that introduces the quote with a colon alone.
fn colon(resolver: &Resolver<'_>, around: &Around) -> Verdict {
    let left = resolver.doc.slice(around.left.clone()).trim_end();
    if !left.ends_with(':') {
        return Verdict::Pass;
    }
    match around.verbs.last() {
        Some(verb) if is_participle(resolver.doc.slice(verb.clone())) => {
            resolver.sentence_subject(around.sentence_start..verb.start)
        }
        Some(verb) => resolver.verb_subject(around.left.start, verb.clone()),
        None => resolver.sentence_subject(around.left.clone()),
    }
}

/// `Lukashenko said "…"`, `Peskov said, "…"`, `…, stating, "…"`: a speech verb right before
/// the quotation.
fn leading(resolver: &Resolver<'_>, quote: &QuoteSpan, around: &Around) -> Verdict {
    let Some(last) = around.verbs.last() else {
        return Verdict::Pass;
    };
    let after_verb = resolver.doc.slice(last.end..quote.open).trim();
    if !(after_verb.is_empty() || after_verb == ",") {
        return Verdict::Pass;
    }
    if is_participle(resolver.doc.slice(last.clone())) {
        resolver.sentence_subject(around.sentence_start..last.start)
    } else {
        resolver.verb_subject(around.left.start, last.clone())
    }
}

/// `According to the Kremlin, "…"`.
fn leading_according_to(resolver: &Resolver<'_>, quote: &QuoteSpan, around: &Around) -> Verdict {
    let left = resolver.doc.slice(around.left.clone());
    match ACCORDING_TO.find(left) {
        Some(found) => resolver.according_to(around.left.start + found.end()..quote.open),
        None => Verdict::Pass,
    }
}

/// `Lukashenko described the talks as "…"`: the last speech verb earlier in the sentence.
/// The loosest sieve that reads words.
fn sentence_verb(resolver: &Resolver<'_>, around: &Around) -> Verdict {
    match around.verbs.last() {
        // "…, saying the units were “…”": the participle's subject is the sentence's.
        Some(verb) if is_participle(resolver.doc.slice(verb.clone())) => {
            resolver.sentence_subject(around.sentence_start..verb.start)
        }
        Some(verb) => resolver.verb_subject(around.left.start, verb.clone()),
        None => Verdict::Pass,
    }
}

/// A quotation that opens a sentence right after another quotation in the same paragraph, or
/// opens a paragraph right after a quoted one, continues the earlier speaker — only when that
/// speaker was sure.
fn continuation(
    resolver: &Resolver<'_>,
    quote: &QuoteSpan,
    previous: Option<&QuoteSpan>,
    previous_speaker: Option<usize>,
) -> Verdict {
    let doc = resolver.doc;
    let (Some(previous), Some(speaker)) = (previous, previous_speaker) else {
        return Verdict::Pass;
    };
    let paragraph = doc.paragraph_at(quote.open);
    let previous_paragraph = doc.paragraph_at(previous.close.saturating_sub(1));
    let sentence = &doc.sentences[doc.sentence_at(quote.open)];
    let opens_sentence = doc
        .slice(sentence.range.start..quote.open)
        .trim()
        .is_empty();
    if !opens_sentence {
        return Verdict::Pass;
    }
    let same_paragraph = paragraph == previous_paragraph;
    let opens_paragraph = doc.paragraphs[paragraph].start == quote.open;
    if same_paragraph || opens_paragraph && previous_paragraph + 1 == paragraph {
        Verdict::Sure(speaker)
    } else {
        Verdict::Pass
    }
}
