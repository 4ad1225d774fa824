//! Speaker attribution: who said each quotation, from the words around it.
//!
//! Patterns, in the order they are tried: the attribution inside a split quote; right after
//! the quote (`"…," X said`, `"…," said X`, `"…," according to X`); before it (`X said: "…"`,
//! `X …, stating, "…"`, `X said "…"`, `according to X`, `X described … as "…"`); and finally
//! a quote that opens a sentence or paragraph right after another quote continues its speaker.
//! Pronouns resolve to the most recent person who was a sentence's subject or a speaker.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::actors::{Cast, Mention, fold_word};
use super::doc::Doc;
use super::lexicon::{CAPITALS, SPEECH_PARTICIPLES, SPEECH_VERBS, is_speech_verb};
use super::quotes::QuoteSpan;
use briefbot_format::ActorKind;

static RIGHT: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = SPEECH_VERBS.join("|");
    Regex::new(&format!(
        r"^\s*[,—–-]?\s*(?P<subject>(?:[^\s,.;:!?\x22“”]+\s+){{0,7}}?(?:[^\s,.;:!?\x22“”]+,\s+[^,.;:!?\x22“”]+,\s+)?)(?:\w+ly\s+)?(?:has\s+|had\s+|have\s+|also\s+|later\s+|then\s+)?(?P<verb>{verbs})(?-u:\b)"
    ))
    .expect("valid regex")
});

static ACCORDING_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)according\s+to\s+").expect("valid regex"));

static ORGANISATION_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:the|a)\s+(?:(?P<adj>\p{Lu}[\p{L}-]*)\s+)?(?P<noun>(?i:statement|announcement|ministry|presidency|office|government|administration|press service|embassy|agency|communiqué|communique))(?-u:\b)")
        .expect("valid regex")
});

/// Finds the speaker (an index into `cast.actors`) of each quote.
pub(crate) fn attribute(doc: &Doc, quotes: &[&QuoteSpan], cast: &Cast) -> Vec<Option<usize>> {
    let mut resolver = Resolver {
        doc,
        speakers: Vec::new(),
    };
    let mut speakers: Vec<Option<usize>> = Vec::with_capacity(quotes.len());
    for (index, quote) in quotes.iter().enumerate() {
        let previous = index.checked_sub(1).map(|previous| quotes[previous]);
        let mut speaker = resolver.explicit(cast, quote, previous);
        if speaker.is_none() {
            speaker = resolver.continued(
                quote,
                previous,
                index.checked_sub(1).and_then(|previous| speakers[previous]),
            );
        }
        if let Some(actor) = speaker {
            resolver.speakers.push((quote.open, actor));
        }
        speakers.push(speaker);
    }
    speakers
}

struct Resolver<'a> {
    doc: &'a Doc,
    /// Quotes attributed so far: where, and to whom. A speaker stays salient for pronouns.
    speakers: Vec<(usize, usize)>,
}

impl Resolver<'_> {
    fn explicit(
        &self,
        cast: &Cast,
        quote: &QuoteSpan,
        previous: Option<&QuoteSpan>,
    ) -> Option<usize> {
        let doc = self.doc;
        if let Some(between) = &quote.interruption {
            if let Some(speaker) = self.subject_in(cast, between.clone()) {
                return Some(speaker);
            }
        }
        let sentence = &doc.sentences[doc.sentence_at(quote.open)];
        let paragraph = &doc.paragraphs[doc.paragraph_at(quote.close.saturating_sub(1))];
        // After the quote.
        let right_end = self.right_limit(quote, paragraph.end.max(quote.close));
        let right = doc.slice(quote.close..right_end);
        if let Some(captures) = RIGHT.captures(right) {
            let subject = captures
                .name("subject")
                .map_or(0..0, |subject| subject.range());
            let verb = captures.name("verb").map_or(0..0, |verb| verb.range());
            let found = if subject.is_empty() {
                self.subject_in(
                    cast,
                    quote.close + verb.end..(quote.close + verb.end + 80).min(right_end),
                )
            } else {
                self.subject_in(cast, quote.close + subject.start..quote.close + subject.end)
            };
            if found.is_some() {
                return found;
            }
        }
        if let Some(found) = ACCORDING_TO
            .find(right)
            .filter(|found| right[..found.start()].trim_matches([',', ' ']).is_empty())
        {
            if let Some(speaker) = self.first_mention(cast, quote.close + found.end()..right_end) {
                return Some(speaker);
            }
        }
        // Before the quote, within its sentence and after any earlier quote.
        let mut left_start = sentence.range.start.min(quote.open);
        if let Some(previous) = previous {
            if previous.close <= quote.open && previous.close > left_start {
                left_start = previous.close;
            }
        }
        let left_range = left_start..quote.open;
        let left = doc.slice(left_range.clone());
        let trimmed = left.trim_end();
        if trimmed.is_empty() {
            return None;
        }
        let verbs = self.speech_verbs(left_range.clone());
        if trimmed.ends_with(':') {
            return match verbs.last() {
                // "…," adding: "…" — the participle's subject is the sentence's.
                Some(verb)
                    if SPEECH_PARTICIPLES
                        .binary_search(&doc.slice(verb.clone()))
                        .is_ok() =>
                {
                    self.sentence_subject(cast, sentence.range.start..verb.start)
                }
                Some(verb) => self.subject_before(cast, left_start, verb.clone()),
                None => self.sentence_subject(cast, left_range),
            };
        }
        if let Some(last) = verbs.last() {
            let after_verb = doc.slice(last.end..quote.open).trim();
            if after_verb.is_empty() || after_verb == "," {
                let word = doc.slice(last.clone());
                return if SPEECH_PARTICIPLES.binary_search(&word).is_ok() {
                    self.sentence_subject(cast, sentence.range.start..last.start)
                } else {
                    self.subject_before(cast, left_start, last.clone())
                };
            }
        }
        if let Some(found) = ACCORDING_TO.find(left) {
            if let Some(speaker) = self.first_mention(cast, left_start + found.end()..quote.open) {
                return Some(speaker);
            }
        }
        match verbs.last() {
            Some(verb) => self.subject_before(cast, left_start, verb.clone()),
            None => None,
        }
    }

    /// Where the words after a quote stop: the next quote, or the end of the sentence when
    /// the quote itself ended one.
    fn right_limit(&self, quote: &QuoteSpan, paragraph_end: usize) -> usize {
        let doc = self.doc;
        let spoken_end = quote
            .segments
            .last()
            .map_or(quote.close, |segment| segment.end);
        let spoken = doc.slice(quote.start().min(spoken_end)..spoken_end);
        let after = doc.slice(quote.close..paragraph_end);
        let next = after.trim_start().chars().next();
        if spoken.ends_with(['.', '!', '?']) && next.is_some_and(char::is_uppercase) {
            return quote.close;
        }
        let mut end = paragraph_end;
        if let Some(open) = after.find(['"', '“', '«']) {
            end = end.min(quote.close + open);
        }
        let sentence = &doc.sentences[doc.sentence_at(quote.close)];
        if sentence.range.end > quote.close {
            end = end.min(sentence.range.end);
        }
        end.min(quote.close + 240).max(quote.close)
    }

    /// The speech verbs in a range, outside quotation marks, as byte ranges.
    fn speech_verbs(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let doc = self.doc;
        let first = doc.token_at(range.start);
        let mut depth = 0usize;
        let mut verbs = Vec::new();
        let mut cursor = range.start;
        for token in &doc.tokens[first..] {
            if token.end > range.end {
                break;
            }
            // Track quotation marks between tokens so words inside a scare quote do not count.
            for c in doc.slice(cursor..token.start).chars() {
                match c {
                    '“' => depth += 1,
                    '”' => depth = depth.saturating_sub(1),
                    '"' => depth = usize::from(depth == 0),
                    _ => {}
                }
            }
            cursor = token.end;
            if depth == 0 && is_speech_verb(doc.word(token)) {
                verbs.push(token.start..token.end);
            }
        }
        verbs
    }

    /// The speaker named in a short range: a name, a description, a pronoun, "the statement".
    fn subject_in(&self, cast: &Cast, range: Range<usize>) -> Option<usize> {
        // The first person named is the head of the phrase ("Lutsevich, an aide to X,").
        let outside = outermost(cast.mentions_in(range.clone()));
        if let Some(person) = outside
            .iter()
            .find(|mention| cast.actors[mention.actor].kind == ActorKind::Person)
        {
            return Some(person.actor);
        }
        if let Some(first) = outside.first() {
            return Some(first.actor);
        }
        let doc = self.doc;
        let text = doc.slice(range.clone());
        let first = doc.token_at(range.start);
        for token in doc.tokens[first..]
            .iter()
            .take_while(|token| token.end <= range.end)
        {
            let word = doc.word(token);
            match word {
                "he" | "He" | "she" | "She" => return self.pronoun(cast, token.start),
                "they" | "They" => {
                    return self.latest(cast, token.start, |kind| {
                        kind == ActorKind::Group || kind == ActorKind::Organisation
                    });
                }
                "it" | "It" => {
                    return self.latest(cast, token.start, |kind| {
                        kind == ActorKind::Organisation || kind == ActorKind::State
                    });
                }
                "who" => return self.latest(cast, token.start, |_| true),
                _ => {}
            }
            let folded = fold_word(word);
            if let Some((_, state)) = CAPITALS.iter().find(|(city, _)| *city == folded) {
                if let Some(actor) = cast
                    .actors
                    .iter()
                    .position(|actor| actor.kind == ActorKind::State && actor.name == *state)
                {
                    return Some(actor);
                }
            }
        }
        // "the diplomat said": the anonymous voice named before ("one European diplomat").
        for word in text.split_whitespace().map(fold_word) {
            if let Some(plural) = super::lexicon::singular_voice(&word) {
                let group = cast.mentions.iter().rev().find(|mention| {
                    mention.range.start < range.start
                        && cast.actors[mention.actor].kind == ActorKind::Group
                        && fold_word(&cast.actors[mention.actor].name)
                            .rsplit(' ')
                            .next()
                            .is_some_and(|last| last == word || last == plural)
                });
                if let Some(group) = group {
                    return Some(group.actor);
                }
            }
        }
        // "A statement from the ministry": the specific noun decides, "statement" only when
        // nothing more specific is said.
        let mut general = None;
        for captures in ORGANISATION_DESCRIPTION.captures_iter(text) {
            let state = captures.name("adj").map(|adj| fold_word(adj.as_str()));
            let noun = captures
                .name("noun")
                .map_or(String::new(), |noun| noun.as_str().to_lowercase());
            if matches!(
                noun.as_str(),
                "statement" | "announcement" | "communiqué" | "communique"
            ) {
                general.get_or_insert(state);
            } else {
                return self.organisation(cast, range.start, state, Some(&noun));
            }
        }
        general.and_then(|state| self.organisation(cast, range.start, state, None))
    }

    /// The first actor mentioned in a range ("according to X").
    fn first_mention(&self, cast: &Cast, range: Range<usize>) -> Option<usize> {
        let end = range.end;
        let mentions = cast.mentions_in(range.clone());
        mentions.first().map(|mention| mention.actor).or_else(|| {
            let window = range.start..(range.start + 40).min(end);
            self.subject_in(cast, window)
        })
    }

    /// The subject of a speech verb: the person named last before it in the clause (or the
    /// pronoun or relative "who" there), else any actor named there.
    fn subject_before(
        &self,
        cast: &Cast,
        clause_start: usize,
        verb: Range<usize>,
    ) -> Option<usize> {
        let doc = self.doc;
        let verb_token = doc.token_at(verb.start);
        // "who believed", "he said": the word before the verb settles it.
        let mut index = verb_token;
        while index > 0 {
            index -= 1;
            let token = &doc.tokens[index];
            if token.start < clause_start {
                break;
            }
            let word = doc.word(token);
            if matches!(
                word,
                "has" | "had" | "have" | "also" | "later" | "then" | "again" | "once"
            ) || word.ends_with("ly")
            {
                continue;
            }
            match word {
                "he" | "He" | "she" | "She" => return self.pronoun(cast, token.start),
                "who" => return self.latest(cast, token.start, |_| true),
                _ => break,
            }
        }
        let outside = outermost(cast.mentions_in(clause_start..verb.start));
        if let Some(person) = outside
            .iter()
            .rev()
            .find(|mention| cast.actors[mention.actor].kind == ActorKind::Person)
        {
            return Some(person.actor);
        }
        if let Some(last) = outside.last() {
            return Some(last.actor);
        }
        self.subject_in(cast, clause_start..verb.start)
    }

    /// The subject of a sentence: its first person (or, failing that, first actor) named
    /// outside quotes, or its pronoun.
    fn sentence_subject(&self, cast: &Cast, range: Range<usize>) -> Option<usize> {
        let outside = outermost(cast.mentions_in(range.clone()));
        if let Some(person) = outside
            .iter()
            .find(|mention| cast.actors[mention.actor].kind == ActorKind::Person)
        {
            return Some(person.actor);
        }
        if let Some(first) = outside.first() {
            return Some(first.actor);
        }
        self.subject_in(cast, range)
    }

    /// "he" or "she": the most recent person who was a sentence's subject or a quote's
    /// speaker, within a few paragraphs; else the most recent person named.
    fn pronoun(&self, cast: &Cast, at: usize) -> Option<usize> {
        let doc = self.doc;
        let paragraph = doc.paragraph_at(at);
        let oldest = doc.paragraphs[paragraph.saturating_sub(3)].start;
        let mut fallback = None;
        let mut best: Option<(usize, usize)> = None;
        for mention in cast.mentions.iter().rev() {
            if mention.range.start >= at
                || mention.in_quote
                || cast.actors[mention.actor].kind != ActorKind::Person
            {
                continue;
            }
            if mention.range.start < oldest {
                break;
            }
            fallback.get_or_insert(mention.actor);
            if mention.subject {
                best = Some((mention.range.start, mention.actor));
                break;
            }
        }
        if let Some(&(position, actor)) = self.speakers.iter().rev().find(|(position, actor)| {
            *position < at && *position >= oldest && cast.actors[*actor].kind == ActorKind::Person
        }) {
            if best.is_none_or(|(best_position, _)| position > best_position) {
                best = Some((position, actor));
            }
        }
        best.map(|(_, actor)| actor).or(fallback)
    }

    /// The most recent actor of a kind named before `at`.
    fn latest(&self, cast: &Cast, at: usize, kind: impl Fn(ActorKind) -> bool) -> Option<usize> {
        cast.mentions
            .iter()
            .rev()
            .filter(|mention| mention.range.start < at && !mention.in_quote)
            .find(|mention| kind(cast.actors[mention.actor].kind))
            .map(|mention| mention.actor)
    }

    /// "the statement", "the Belarusian statement", "the ministry": the organisation named
    /// most recently, of that state when one is given, and called so when a noun is given
    /// ("the ministry" is an organisation with "Ministry" in its name).
    fn organisation(
        &self,
        cast: &Cast,
        at: usize,
        adjective: Option<String>,
        noun: Option<&str>,
    ) -> Option<usize> {
        let state = match adjective {
            Some(adjective) => Some(super::actors::role_state(&adjective)?),
            None => None,
        };
        let noun = noun.map(|noun| match noun {
            "presidency" | "administration" => "office".to_owned(),
            "press service" => "service".to_owned(),
            other => other.to_owned(),
        });
        cast.mentions
            .iter()
            .rev()
            .filter(|mention| {
                mention.range.start < at
                    && cast.actors[mention.actor].kind == ActorKind::Organisation
            })
            .map(|mention| mention.actor)
            .find(|&index| {
                let actor = &cast.actors[index];
                state
                    .as_ref()
                    .is_none_or(|state| actor.state == Some(state))
                    && noun.as_ref().is_none_or(|noun| {
                        fold_word(&actor.name).split(' ').any(|word| word == noun)
                    })
            })
    }

    /// A quote that opens a sentence right after another quote in the same paragraph, or
    /// opens a paragraph right after a quoted one, continues the earlier speaker.
    fn continued(
        &self,
        quote: &QuoteSpan,
        previous: Option<&QuoteSpan>,
        previous_speaker: Option<usize>,
    ) -> Option<usize> {
        let doc = self.doc;
        let (previous, speaker) = (previous?, previous_speaker?);
        let paragraph = doc.paragraph_at(quote.open);
        let previous_paragraph = doc.paragraph_at(previous.close.saturating_sub(1));
        let sentence = &doc.sentences[doc.sentence_at(quote.open)];
        let opens_sentence = doc
            .slice(sentence.range.start..quote.open)
            .trim()
            .is_empty();
        if !opens_sentence {
            return None;
        }
        let same_paragraph = paragraph == previous_paragraph;
        let opens_paragraph = doc.paragraphs[paragraph].start == quote.open;
        (same_paragraph || opens_paragraph && previous_paragraph + 1 == paragraph)
            .then_some(speaker)
    }
}

/// Mentions outside quotations that no other mention contains: in "Belarus’s defence
/// ministry" the ministry speaks, not Belarus.
fn outermost(mentions: &[Mention]) -> Vec<&Mention> {
    mentions
        .iter()
        .filter(|mention| !mention.in_quote)
        .filter(|mention| {
            !mentions.iter().any(|other| {
                other.range != mention.range
                    && other.range.start <= mention.range.start
                    && other.range.end >= mention.range.end
            })
        })
        .collect()
}
