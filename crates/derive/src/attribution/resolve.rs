//! Stage two, mention → speaker: what the words a sieve points at name, resolved to an actor
//! only when it surely fits.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Verdict;
use crate::actors::{Cast, Mention, fold_word};
use crate::doc::Doc;
use crate::lexicon::{CAPITALS, is_speech_verb};
use crate::quotes::QuoteSpan;
use briefbot_format::ActorKind;

/// "the statement", "the Belarusian ministry", "a communiqué": an organisation's voice.
static ORGANISATION_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:the|a)\s+(?:(?P<adj>\p{Lu}[\p{L}-]*)\s+)?(?P<noun>(?i:statement|announcement|ministry|presidency|office|government|administration|press service|embassy|agency|communiqué|communique))(?-u:\b)")
        .expect("valid regex")
});

/// Words that may stand between a subject and its speech verb ("Peskov has also said").
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "has" | "had" | "have" | "also" | "later" | "then" | "again" | "once"
    ) || word.ends_with("ly")
}

/// Resolves what the sieves find to actors of one article.
pub(crate) struct Resolver<'a> {
    pub doc: &'a Doc,
    cast: &'a Cast,
    /// Quotes attributed so far: where, and to whom. A speaker stays salient for pronouns.
    speakers: Vec<(usize, usize)>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(doc: &'a Doc, cast: &'a Cast) -> Self {
        Self {
            doc,
            cast,
            speakers: Vec::new(),
        }
    }

    /// Records that `actor` spoke the quote opening at `at`.
    pub(super) fn spoke(&mut self, at: usize, actor: usize) {
        self.speakers.push((at, actor));
    }

    fn kind(&self, mention: &Mention) -> ActorKind {
        self.cast.actors[mention.actor].kind
    }

    /// Where the words after a quote stop: the next quote, or the end of the sentence when
    /// the quote itself ended one with a full stop. A quotation ending in `?` or `!` may still
    /// be attributed after it (`"Why?" Putin asked.`).
    pub(super) fn right_limit(&self, quote: &QuoteSpan, paragraph_end: usize) -> usize {
        let doc = self.doc;
        let spoken_end = quote
            .segments
            .last()
            .map_or(quote.close, |segment| segment.end);
        let spoken = doc.slice(quote.start().min(spoken_end)..spoken_end);
        let after = doc.slice(quote.close..paragraph_end);
        let next = after.trim_start().chars().next();
        if spoken.ends_with('.') && next.is_some_and(char::is_uppercase) {
            return quote.close;
        }
        let mut end = paragraph_end;
        if let Some(open) = after.find(['"', '“', '«']) {
            end = end.min(quote.close + open);
        }
        let sentence = &doc.sentences[doc.sentence_at(quote.close)];
        if sentence.range.end > quote.close {
            end = end.min(sentence.range.end);
        } else if spoken.ends_with(['?', '!']) {
            // The quote's own `?` ended the sentence: the attribution runs to the next stop.
            let next = doc.sentence_at(quote.close) + 1;
            if let Some(following) = doc.sentences.get(next) {
                if following.range.start <= quote.close + 2 {
                    end = end.min(following.range.end);
                }
            }
        }
        end.min(quote.close + 240).max(quote.close)
    }

    /// The speech verbs in a range, outside quotation marks, as byte ranges.
    pub(super) fn speech_verbs(&self, range: Range<usize>) -> Vec<Range<usize>> {
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

    /// True when nothing but "the" stands between `start` and the mention: it heads the
    /// phrase, as a grammatical subject does.
    fn heads(&self, start: usize, mention: &Mention) -> bool {
        let before = self.doc.slice(start..mention.range.start).trim();
        before.is_empty() || before.eq_ignore_ascii_case("the")
    }

    /// The speaker a short phrase names ("Lukashenko", "Dmitry Peskov, the Kremlin
    /// spokesman", "the ministry", "he", "Moscow"). A state or an organisation named inside
    /// the phrase but not heading it ("the president of Belarus", "the head of Gazprom") is not
    /// the speaker: unsure. Passes when the phrase names nobody at all.
    pub(super) fn phrase(&self, range: Range<usize>) -> Verdict {
        let cast = self.cast;
        // The first person named is the head of the phrase ("Lutsevich, an aide to X,").
        let outside = outermost(cast.mentions_in(range.clone()));
        if let Some(person) = outside
            .iter()
            .find(|mention| self.kind(mention) == ActorKind::Person)
        {
            return Verdict::Sure(person.actor);
        }
        if let Some(first) = outside.first() {
            if self.heads(range.start, first) {
                return Verdict::Sure(first.actor);
            }
        }
        match self.described(range.clone()) {
            Verdict::Pass => {}
            verdict => return verdict,
        }
        match outside.first() {
            Some(first) => Verdict::Unsure(format!(
                "the attribution names {} only inside a longer phrase (\"{}\"), not as the one who speaks",
                cast.actors[first.actor].name,
                crate::one_line(self.doc.slice(range).trim())
            )),
            None => Verdict::Pass,
        }
    }

    /// The inverted subject after a speech verb (`said the president of Belarus`).
    pub(super) fn inverted_subject(&self, range: Range<usize>) -> Verdict {
        self.phrase(range)
    }

    /// What a phrase names besides an actor by name: a pronoun, a relative "who", a capital
    /// speaking for its state, a single anonymous voice, an organisation's voice.
    fn described(&self, range: Range<usize>) -> Verdict {
        let doc = self.doc;
        let cast = self.cast;
        let text = doc.slice(range.clone());
        let first = doc.token_at(range.start);
        for token in doc.tokens[first..]
            .iter()
            .take_while(|token| token.end <= range.end)
        {
            let word = doc.word(token);
            let found = match word {
                "he" | "He" | "she" | "She" => self.pronoun(token.start),
                "they" | "They" => self.latest(token.start, |kind| {
                    kind == ActorKind::Group || kind == ActorKind::Organisation
                }),
                "it" | "It" => self.latest(token.start, |kind| {
                    kind == ActorKind::Organisation || kind == ActorKind::State
                }),
                "who" => self.latest(token.start, |_| true),
                _ => {
                    let folded = fold_word(word);
                    let capital = CAPITALS.iter().find(|(city, _)| *city == folded);
                    match capital {
                        Some((_, state)) => match cast.actors.iter().position(|actor| {
                            actor.kind == ActorKind::State && actor.name == *state
                        }) {
                            Some(actor) => return Verdict::Sure(actor),
                            None => continue,
                        },
                        None => continue,
                    }
                }
            };
            return match found {
                Some(actor) => Verdict::Sure(actor),
                None => Verdict::Unsure(format!(
                    "\"{word}\" points back to no actor named before it"
                )),
            };
        }
        // "the diplomat said": the anonymous voice named before ("one European diplomat").
        for word in text.split_whitespace().map(fold_word) {
            if let Some(plural) = crate::lexicon::singular_voice(&word) {
                let group = cast.mentions.iter().rev().find(|mention| {
                    mention.range.start < range.start
                        && self.kind(mention) == ActorKind::Group
                        && fold_word(&cast.actors[mention.actor].name)
                            .rsplit(' ')
                            .next()
                            .is_some_and(|last| last == word || last == plural)
                });
                if let Some(group) = group {
                    return Verdict::Sure(group.actor);
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
                return self.organisation(range.start, state, Some(&noun), &noun);
            }
        }
        match general {
            Some(state) => self.organisation(range.start, state, None, "statement"),
            None => Verdict::Pass,
        }
    }

    /// The first actor after "according to" (a state too: it heads the phrase), else what
    /// the next words describe.
    pub(super) fn according_to(&self, range: Range<usize>) -> Verdict {
        let end = range.end;
        let mentions = self.cast.mentions_in(range.clone());
        if let Some(first) = mentions.first() {
            if self.heads(range.start, first) || self.kind(first) == ActorKind::Person {
                return Verdict::Sure(first.actor);
            }
        }
        let window = range.start..(range.start + 40).min(end);
        self.phrase(window)
    }

    /// The subject of a speech verb before it in its clause: the pronoun or "who" right
    /// before it; the actor named right before it; the one person named in the clause, or of
    /// several the sentence's subject; with no person, the actor heading the clause. Unsure
    /// when several people could be the subject, or only a state or organisation named inside
    /// the clause is left.
    pub(super) fn verb_subject(&self, clause_start: usize, verb: Range<usize>) -> Verdict {
        let doc = self.doc;
        let cast = self.cast;
        let verb_token = doc.token_at(verb.start);
        let mut index = verb_token;
        let mut adjacent_end = verb.start;
        while index > 0 {
            index -= 1;
            let token = &doc.tokens[index];
            if token.start < clause_start {
                break;
            }
            let word = doc.word(token);
            if is_filler(word) {
                adjacent_end = token.start;
                continue;
            }
            match word {
                "he" | "He" | "she" | "She" => {
                    return self.pronoun(token.start).map_or_else(
                        || {
                            Verdict::Unsure(format!(
                                "\"{word}\" points back to no person named before it"
                            ))
                        },
                        Verdict::Sure,
                    );
                }
                "who" => {
                    return self
                        .latest(token.start, |_| true)
                        .map_or(Verdict::Pass, Verdict::Sure);
                }
                _ => break,
            }
        }
        let outside = outermost(cast.mentions_in(clause_start..verb.start));
        // Right before the verb ("Moscow said", "the Kremlin has said").
        if let Some(last) = outside.last() {
            if doc.slice(last.range.end..adjacent_end).trim().is_empty() {
                return Verdict::Sure(last.actor);
            }
        }
        let people: Vec<&&Mention> = outside
            .iter()
            .filter(|mention| self.kind(mention) == ActorKind::Person)
            .collect();
        let mut distinct: Vec<usize> = people.iter().map(|mention| mention.actor).collect();
        distinct.dedup();
        match distinct.as_slice() {
            [one] => return Verdict::Sure(*one),
            [] => {}
            _ => {
                return match people.iter().find(|mention| mention.subject) {
                    Some(subject) => Verdict::Sure(subject.actor),
                    None => Verdict::Unsure(format!(
                        "several people are named before \"{}\" and none is clearly its subject",
                        doc.slice(verb)
                    )),
                };
            }
        }
        // No person: an organisation, group or state heading the clause is its subject
        // ("Belarus’s defence ministry dismissed the report and said …").
        if let Some(first) = outside.first() {
            if self.heads(clause_start, first) {
                return Verdict::Sure(first.actor);
            }
        }
        match self.described(clause_start..verb.start) {
            Verdict::Pass => {}
            verdict => return verdict,
        }
        match outside.last() {
            Some(last) => Verdict::Unsure(format!(
                "{} is named before \"{}\" but not as its subject",
                cast.actors[last.actor].name,
                doc.slice(verb)
            )),
            None => Verdict::Pass,
        }
    }

    /// The subject of a sentence: its first person (or, failing that, first actor heading
    /// it) named outside quotes, or what it describes.
    pub(super) fn sentence_subject(&self, range: Range<usize>) -> Verdict {
        let outside = outermost(self.cast.mentions_in(range.clone()));
        if let Some(person) = outside
            .iter()
            .find(|mention| self.kind(mention) == ActorKind::Person)
        {
            return Verdict::Sure(person.actor);
        }
        self.phrase(range)
    }

    /// True when a speech verb follows the mention (fillers between) or precedes it
    /// ("said Peskov"): the person is reporting speech there.
    fn reports_speech(&self, mention: &Mention) -> bool {
        let doc = self.doc;
        let after = doc.token_at(mention.range.end);
        let follows = doc.tokens[after.min(doc.tokens.len())..]
            .iter()
            .take(3)
            .map(|token| doc.word(token))
            .find(|word| !is_filler(word))
            .is_some_and(is_speech_verb);
        let before = doc.token_at(mention.range.start);
        let precedes = before > 0 && is_speech_verb(doc.word(&doc.tokens[before - 1]));
        follows || precedes
    }

    /// "he" or "she": the most recent person who spoke (a quote's speaker, or the subject of
    /// reported speech: "Peskov told TASS") or was a sentence's subject, within a few
    /// paragraphs; else the most recent person named.
    fn pronoun(&self, at: usize) -> Option<usize> {
        let doc = self.doc;
        let cast = self.cast;
        let paragraph = doc.paragraph_at(at);
        let oldest = doc.paragraphs[paragraph.saturating_sub(3)].start;
        let mut fallback = None;
        let mut best: Option<(usize, usize)> = None;
        let mut reporter: Option<(usize, usize)> = None;
        for mention in cast.mentions.iter().rev() {
            if mention.range.start >= at
                || mention.in_quote
                || self.kind(mention) != ActorKind::Person
            {
                continue;
            }
            if mention.range.start < oldest {
                break;
            }
            fallback.get_or_insert(mention.actor);
            if reporter.is_none() && self.reports_speech(mention) {
                reporter = Some((mention.range.start, mention.actor));
            }
            if mention.subject {
                best = Some((mention.range.start, mention.actor));
                break;
            }
        }
        for candidate in [reporter, self.latest_speaker(at, oldest)]
            .into_iter()
            .flatten()
        {
            if best.is_none_or(|(best_position, _)| candidate.0 > best_position) {
                best = Some(candidate);
            }
        }
        best.map(|(_, actor)| actor).or(fallback)
    }

    fn latest_speaker(&self, at: usize, oldest: usize) -> Option<(usize, usize)> {
        self.speakers
            .iter()
            .rev()
            .find(|(position, actor)| {
                *position < at
                    && *position >= oldest
                    && self.cast.actors[*actor].kind == ActorKind::Person
            })
            .copied()
    }

    /// The most recent actor of a kind named before `at`.
    fn latest(&self, at: usize, kind: impl Fn(ActorKind) -> bool) -> Option<usize> {
        self.cast
            .mentions
            .iter()
            .rev()
            .filter(|mention| mention.range.start < at && !mention.in_quote)
            .find(|mention| kind(self.kind(mention)))
            .map(|mention| mention.actor)
    }

    /// "the statement", "the Belarusian statement", "the ministry": the organisation named
    /// most recently, of that state when one is given, and called so when a noun is given
    /// ("the ministry" is an organisation with "Ministry" in its name).
    fn organisation(
        &self,
        at: usize,
        adjective: Option<String>,
        noun: Option<&str>,
        said: &str,
    ) -> Verdict {
        let cast = self.cast;
        let state = match adjective {
            Some(adjective) => match crate::actors::role_state(&adjective) {
                Some(state) => Some(state),
                None => return Verdict::Pass,
            },
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
                mention.range.start < at && self.kind(mention) == ActorKind::Organisation
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
            .map_or_else(
                || {
                    Verdict::Unsure(format!(
                        "\"the {said}\" points back to no organisation named before it"
                    ))
                },
                Verdict::Sure,
            )
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
