//! Drafts a briefing from an article's text: quotes with speakers, actors with roles, open
//! questions, an extractive summary. Pure: rules and word lists, no I/O, no network, no model.
//!
//! The stages, each in its own file: [`doc`](self) cleans the text and splits paragraphs,
//! sentences and words; `quotes` finds quotations; `actors` finds who is named; `attribution`
//! finds who said each quote; `questions` and `summary` draft the rest; `draft` writes the
//! file. [`eval`] measures the result against hand annotations.

mod actors;
mod attribution;
mod doc;
mod draft;
pub mod eval;
mod gazetteer;
mod lexicon;
mod questions;
mod quotes;
mod scan;
mod sentences;
mod source;
mod summary;
mod wordmap;

pub use draft::{Draft, DraftActor, DraftQuestion, DraftQuote, DraftSource, RoleSource};
pub use gazetteer::{BriefingActors, Gazetteer, KnownActor};
pub use source::{SourceMeta, date_from_unix_days, id_from_stem, parse_meta};

use briefbot_format::limits::{
    ACTOR_ID_MAX, ACTORS_MAX, ALIASES_MAX, BODY_MAX, CONTEXT_MAX, NAME_MAX, NOTE_MAX, OUTLET_MAX,
    QUESTION_MAX, QUESTIONS_MAX, QUOTE_MAX, QUOTES_MAX, ROLE_MAX, SOURCE_TITLE_MAX, STORY_MAX,
    TITLE_MAX, TLDR_MAX, URL_MAX,
};
use briefbot_format::{ActorKind, BriefingId, Date, Timestamp, is_slug};
use briefbot_text::truncate;

use actors::{ActorInfo, Cast};
use doc::Doc;
use quotes::QuoteSpan;
use summary::{Bags, overlap};

/// The largest article `derive` reads: far above any news article, well below trouble.
pub const ARTICLE_BYTES_MAX: usize = 1024 * 1024;

/// The story a draft belongs to unless told otherwise.
pub const DEFAULT_STORY: &str = "belarus-russia";

/// What `derive` is told besides the article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The briefing id (and so the file stem the draft must be saved under).
    pub id: BriefingId,
    /// The story slug; [`DEFAULT_STORY`] unless set.
    pub story: String,
    /// When the development happened, if the caller knows.
    pub published: Option<Timestamp>,
    /// Today's date, the last resort for `published` (pure code cannot read the clock).
    pub today: Option<Date>,
    /// The article's metadata (`.meta.toml`), if there is any.
    pub source: Option<SourceMeta>,
    /// The article's file name, named in the draft's header comment.
    pub article_name: Option<String>,
}

impl Options {
    /// Options for a briefing with this id, everything else unknown.
    pub fn new(id: BriefingId) -> Self {
        Self {
            id,
            story: DEFAULT_STORY.to_owned(),
            published: None,
            today: None,
            source: None,
            article_name: None,
        }
    }
}

/// Why no draft could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeriveError {
    /// The text has no letters or digits at all.
    #[error("the article has no words to draft from")]
    NoText,
    /// The text is larger than any news article.
    #[error("the article is {bytes} bytes; derive reads at most {limit} bytes (one news article)")]
    TooLarge {
        /// The article's size.
        bytes: usize,
        /// [`ARTICLE_BYTES_MAX`].
        limit: usize,
    },
    /// The story is not a slug.
    #[error(
        "story {0:?} is not a lowercase slug of at most 40 characters (like \"belarus-russia\")"
    )]
    InvalidStory(String),
    /// The metadata file is not usable.
    #[error("the article's metadata is not valid: {0}")]
    Metadata(String),
}

/// Drafts a briefing from an article's text.
///
/// The article is plain text, one paragraph per line or blank-line separated. `gazetteer`
/// holds the actors of loaded briefings (pass [`Gazetteer::new`] when there are none).
pub fn derive(
    article: &str,
    options: &Options,
    gazetteer: &Gazetteer,
) -> Result<Draft, DeriveError> {
    if article.len() > ARTICLE_BYTES_MAX {
        return Err(DeriveError::TooLarge {
            bytes: article.len(),
            limit: ARTICLE_BYTES_MAX,
        });
    }
    if !is_slug(&options.story, STORY_MAX) {
        return Err(DeriveError::InvalidStory(options.story.clone()));
    }
    let doc = Doc::new(article);
    if doc.tokens.is_empty() {
        return Err(DeriveError::NoText);
    }
    let analysis = Analysis::new(&doc, gazetteer);
    Ok(analysis.draft(options))
}

/// Everything found in one article.
struct Analysis<'a> {
    doc: &'a Doc,
    spans: Vec<QuoteSpan>,
    cast: Cast,
    speakers: Vec<Option<usize>>,
    /// Why a quote's speaker was left out, by quote.
    unsure: Vec<Option<String>>,
    questions: Vec<questions::FoundQuestion>,
    bags: Bags,
    extract: summary::Extract,
}

impl<'a> Analysis<'a> {
    fn new(doc: &'a Doc, gazetteer: &Gazetteer) -> Self {
        let spans = quotes::extract(doc);
        let cast = actors::find(doc, &spans, gazetteer);
        let real: Vec<&QuoteSpan> = spans.iter().filter(|quote| !quote.scare).collect();
        let attributions = attribution::attribute(doc, &real, &cast);
        let speakers = attributions.iter().map(|found| found.speaker).collect();
        let unsure = attributions
            .into_iter()
            .map(|found| {
                let sieve = found.sieve.map_or("", attribution::Sieve::name);
                found
                    .unsure
                    .map(|reason| format!("{reason} (the {sieve} attribution)"))
            })
            .collect();
        let questions = questions::find(doc, &real);
        let bags = Bags::new(doc);
        let extract = summary::extract(doc, &bags, &real, BODY_MAX / 2);
        Self {
            doc,
            spans,
            cast,
            speakers,
            unsure,
            questions,
            bags,
            extract,
        }
    }

    fn real_quotes(&self) -> Vec<&QuoteSpan> {
        self.spans.iter().filter(|quote| !quote.scare).collect()
    }

    /// A sentence's text on one line, without the dateline.
    fn sentence_text(&self, index: usize) -> String {
        let mut range = self.doc.sentences[index].range.clone();
        if range.start
            == self
                .doc
                .paragraphs
                .first()
                .map_or(usize::MAX, |first| first.start)
        {
            range.start = (range.start + self.extract.dateline_len).min(range.end);
        }
        one_line(self.doc.slice(range))
    }

    fn draft(&self, options: &Options) -> Draft {
        let doc = self.doc;
        let lead = self.extract.lead.map(|index| self.sentence_text(index));
        let opening = lead.clone().unwrap_or_else(|| {
            doc.sentences
                .first()
                .map_or_else(|| one_line(&doc.text), |_| self.sentence_text(0))
        });
        let opening = if opening.chars().any(char::is_alphanumeric) {
            opening
        } else {
            one_line(&doc.text)
        };
        let title = fit(&headline(&opening), TITLE_MAX, "Untitled draft");
        let tldr = fit(&opening, TLDR_MAX, &title);
        let body_sentences: Vec<usize> = self.extract.body.clone();
        let body = if body_sentences.is_empty() {
            tldr.clone()
        } else {
            let mut paragraphs: Vec<String> = Vec::new();
            let mut last_paragraph = None;
            for index in body_sentences {
                let text = self.sentence_text(index);
                let paragraph = doc.sentences[index].paragraph;
                match paragraphs.last_mut() {
                    Some(current) if last_paragraph == Some(paragraph) => {
                        current.push(' ');
                        current.push_str(&text);
                    }
                    _ => paragraphs.push(text),
                }
                last_paragraph = Some(paragraph);
            }
            fit_lines(&paragraphs.join("\n\n"), BODY_MAX, &tldr)
        };

        let real = self.real_quotes();
        let key = self.key_quote(&real);
        let (actors, ids) = self.actors();
        let mut notes = Vec::new();
        let mut quote_order: Vec<usize> = (0..real.len()).collect();
        if real.len() > QUOTES_MAX {
            let scores = self.quote_scores(&real);
            quote_order.sort_by(|&left, &right| scores[right].total_cmp(&scores[left]));
            quote_order.truncate(QUOTES_MAX);
            if let Some(key) = key {
                if !quote_order.contains(&key) {
                    quote_order.pop();
                    quote_order.push(key);
                }
            }
            quote_order.sort_unstable();
            notes.push(format!(
                "the article has {} quotations; the {QUOTES_MAX} most central are kept (the format's limit)",
                real.len()
            ));
        }
        let quotes = quote_order
            .into_iter()
            .map(|index| {
                let speaker = self.speakers[index];
                let mut quote = self.quote(real[index], speaker, &ids, &actors, Some(index) == key);
                if let Some(reason) = &self.unsure[index] {
                    quote.todos.push(format!("not sure who speaks: {reason}"));
                }
                quote
            })
            .collect();

        // A handful per article: a list is cheaper than hashing.
        let mut seen_questions: Vec<&str> = Vec::new();
        let questions: Vec<DraftQuestion> = self
            .questions
            .iter()
            .filter(|question| {
                let new = !seen_questions.contains(&question.text.as_str());
                if new {
                    seen_questions.push(&question.text);
                }
                new
            })
            .take(QUESTIONS_MAX)
            .map(|question| DraftQuestion {
                text: fit_question(&question.text),
                context: fit(
                    &self.sentence_text(question.sentence),
                    CONTEXT_MAX,
                    &question.text,
                ),
                rephrase: question.rephrase,
            })
            .collect();

        let (source, source_todo) = self.source(options, &title);
        let (published, published_todo) = published(options);
        Draft {
            id: options.id.clone(),
            story: options.story.clone(),
            title,
            published,
            published_todo,
            tldr,
            body,
            quotes,
            actors,
            questions,
            source,
            source_todo,
            notes,
            article_name: options.article_name.clone(),
        }
    }

    /// Scores every quote for the key-quote choice: the speaker's prominence, the overlap
    /// with the lead, how much of its vocabulary the rest of the article shares, its length.
    fn quote_scores(&self, real: &[&QuoteSpan]) -> Vec<f64> {
        let doc = self.doc;
        let lead = self
            .extract
            .lead
            .map(|index| self.bags.sentence(index).to_vec())
            .unwrap_or_default();
        // Who the lead is about: its first person, else its first actor, outside quotations.
        let lead_actor = self.extract.lead.and_then(|index| {
            let mentions = self.cast.mentions_in(doc.sentences[index].range.clone());
            let outside: Vec<_> = mentions
                .iter()
                .filter(|mention| !mention.in_quote)
                .collect();
            outside
                .iter()
                .find(|mention| self.cast.actors[mention.actor].kind == ActorKind::Person)
                .or(outside.first())
                .map(|mention| mention.actor)
        });
        let most = self
            .cast
            .actors
            .iter()
            .map(|actor| actor.mentions)
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        let count = real.len().max(1) as f64;
        real.iter()
            .enumerate()
            .map(|(index, quote)| {
                let bag = self.bags.of_ranges(doc, &quote.segments);
                let speaker = self.speakers[index];
                let prominence =
                    speaker.map_or(0.0, |actor| self.cast.actors[actor].mentions as f64 / most);
                let leads = f64::from(u8::from(speaker.is_some() && speaker == lead_actor));
                let with_lead = if bag.is_empty() || lead.is_empty() {
                    0.0
                } else {
                    overlap(&bag, &lead) as f64 / ((bag.len() * lead.len()) as f64).sqrt()
                };
                let shared = if bag.is_empty() {
                    0.0
                } else {
                    bag.iter().filter(|&&id| self.bags.spread(id) > 1).count() as f64
                        / bag.len() as f64
                };
                // News puts what matters first.
                let position = 1.0 - index as f64 / count;
                let words = quote.count_words(doc, |_| true);
                let length = if (6..=60).contains(&words) { 1.0 } else { 0.6 };
                // A quote standing as a sentence of its own, not a phrase inside the article's.
                let sentence_start = doc.sentences[doc.sentence_at(quote.open)].range.start;
                let before = doc
                    .slice(sentence_start.min(quote.open)..quote.open)
                    .trim_end();
                let standalone = if before.is_empty() || before.ends_with(':') {
                    1.0
                } else {
                    0.8
                };
                (0.3 * prominence + 0.2 * leads + 0.3 * with_lead + 0.1 * shared + 0.1 * position)
                    * length
                    * standalone
            })
            .collect()
    }

    fn key_quote(&self, real: &[&QuoteSpan]) -> Option<usize> {
        let scores = self.quote_scores(real);
        (0..real.len()).max_by(|&left, &right| {
            scores[left]
                .total_cmp(&scores[right])
                .then(right.cmp(&left))
        })
    }

    /// The actors to list (people anywhere; states, organisations and groups named outside
    /// quotations; every speaker), most mentioned first, with their ids.
    fn actors(&self) -> (Vec<DraftActor>, Vec<Option<usize>>) {
        // Indexed by actor: the cast is small, so plain vectors serve as the set and the map.
        let mut speakers = vec![false; self.cast.actors.len()];
        for &speaker in self.speakers.iter().flatten() {
            speakers[speaker] = true;
        }
        let mut chosen: Vec<usize> = (0..self.cast.actors.len())
            .filter(|&index| {
                let actor = &self.cast.actors[index];
                // A state or organisation only named once inside someone's words is scenery.
                actor.mentions > 0
                    && (actor.kind == ActorKind::Person
                        || actor.named_outside_quotes
                        || actor.mentions >= 2
                        || speakers[index])
            })
            .collect();
        let by_prominence = |left: &usize, right: &usize| {
            let (a, b) = (&self.cast.actors[*left], &self.cast.actors[*right]);
            b.mentions.cmp(&a.mentions).then(a.first.cmp(&b.first))
        };
        if chosen.len() > ACTORS_MAX {
            chosen.sort_by(|left, right| {
                speakers[*right]
                    .cmp(&speakers[*left])
                    .then(by_prominence(left, right))
            });
            chosen.truncate(ACTORS_MAX);
        }
        chosen.sort_by(by_prominence);
        // Each actor's position among the drafted ones, whose ids are the ids taken so far.
        let mut ids = vec![None; self.cast.actors.len()];
        let mut drafted = Vec::new();
        for index in chosen {
            let actor = &self.cast.actors[index];
            let id = actor_id(actor, &drafted);
            ids[index] = Some(drafted.len());
            drafted.push(draft_actor(actor, id));
        }
        (drafted, ids)
    }

    fn quote(
        &self,
        quote: &QuoteSpan,
        speaker: Option<usize>,
        ids: &[Option<usize>],
        actors: &[DraftActor],
        key: bool,
    ) -> DraftQuote {
        let doc = self.doc;
        let mut todos = Vec::new();
        let verbatim = quote.verbatim(doc);
        let text = if verbatim.chars().count() > QUOTE_MAX {
            todos.push(format!("cut to the format's {QUOTE_MAX} characters at a sentence end; the article's quote runs on"));
            cut_verbatim(&verbatim, QUOTE_MAX)
        } else {
            verbatim
        };
        if quote.opening_missing {
            todos.push("the article lost this quote's opening mark: it is taken to open its paragraph; check where it starts".to_owned());
        }
        if !quote.closed {
            todos.push("the article never closes this quote: check where it ends".to_owned());
        }
        if quote.segments.len() > 1 && quote.interruption.is_none() {
            todos.push(
                "the quote runs across paragraphs: the text keeps the line break (and any opening mark the article repeats) so it stays verbatim"
                    .to_owned(),
            );
        }
        if quote.interruption.is_some() {
            todos.push(
                "a quote split by its attribution: the text keeps the words between the parts so it stays verbatim; keep that, or keep one part"
                    .to_owned(),
            );
        }
        let speaker_id = speaker
            .and_then(|actor| ids[actor])
            .map(|drafted| actors[drafted].id.clone());
        if let (Some(actor), None) = (speaker, &speaker_id) {
            todos.push(format!(
                "the speaker, {}, is not among the listed actors (the format allows {ACTORS_MAX})",
                self.cast.actors[actor].name
            ));
        }
        DraftQuote {
            text,
            words: one_line(&quote.words(doc)),
            speaker: speaker_id,
            context: self.quote_context(quote),
            key,
            todos,
        }
    }

    /// The sentences around a quote with the quote itself shown as “…”, when they say more
    /// than a few words.
    fn quote_context(&self, quote: &QuoteSpan) -> Option<String> {
        let doc = self.doc;
        let first = doc.sentence_at(quote.open);
        let last = doc.sentence_at(quote.close.saturating_sub(1));
        let start = doc.sentences[first].range.start.min(quote.open);
        let end = doc.sentences[last].range.end.max(quote.close);
        if doc.paragraph_at(start) != doc.paragraph_at(end.saturating_sub(1))
            && quote.segments.len() > 1
        {
            return None;
        }
        let text = one_line(&format!(
            "{}“…”{}",
            doc.slice(start..quote.open),
            doc.slice(quote.close..end)
        ));
        // Four words are enough to know.
        let four_words = text
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .nth(3)
            .is_some();
        four_words.then(|| truncate(text.trim(), CONTEXT_MAX))
    }

    fn source(&self, options: &Options, title: &str) -> (DraftSource, Option<String>) {
        let dateline = self.extract.dateline_outlet.as_deref();
        match &options.source {
            Some(meta) => {
                let mut todo = None;
                let url = meta
                    .url
                    .as_deref()
                    .map(str::trim)
                    .filter(|url| !url.is_empty())
                    .and_then(|url| {
                        let valid = url.chars().count() <= URL_MAX
                            && url::Url::parse(url).is_ok_and(|parsed| {
                                matches!(parsed.scheme(), "http" | "https")
                                    && parsed.host().is_some()
                            });
                        if !valid {
                            todo = Some(format!(
                                "the metadata's url {:?} is not an http(s) address: fix it",
                                truncate(&one_line(url), 80)
                            ));
                        }
                        valid.then(|| url.to_owned())
                    });
                let source = DraftSource {
                    title: meta.title.as_deref().map_or_else(
                        || fit(title, SOURCE_TITLE_MAX, title),
                        |text| fit(&one_line(text), SOURCE_TITLE_MAX, title),
                    ),
                    outlet: meta
                        .outlet
                        .as_deref()
                        .and_then(|text| optional(text, OUTLET_MAX)),
                    original_outlet: meta
                        .original_outlet
                        .as_deref()
                        .and_then(|text| optional(text, OUTLET_MAX)),
                    url,
                    published: meta.published,
                    note: meta
                        .note
                        .as_deref()
                        .and_then(|text| optional(text, NOTE_MAX)),
                };
                (source, todo)
            }
            None => {
                let credit = dateline
                    .map(|outlet| format!(" The dateline credits {outlet}."))
                    .unwrap_or_default();
                let note = format!(
                    "Outlet, address and date unknown: drafted from the article's text alone.{credit}"
                );
                let source = DraftSource {
                    title: fit(title, SOURCE_TITLE_MAX, "Untitled article"),
                    outlet: None,
                    original_outlet: None,
                    url: None,
                    published: None,
                    note: Some(truncate(&note, NOTE_MAX)),
                };
                let todo = "the title is drafted from the opening words: put the headline, the outlet, the url and the date here";
                (source, Some(todo.to_owned()))
            }
        }
    }
}

fn published(options: &Options) -> (Timestamp, Option<String>) {
    if let Some(published) = options.published {
        return (published, None);
    }
    if let Some(published) = options.source.as_ref().and_then(|meta| meta.published) {
        return (published, None);
    }
    if let Some(date) = source::date_in_id(options.id.as_str()) {
        return (
            Timestamp::from_date(date),
            Some("the date comes from the id: check it is the day of the development".to_owned()),
        );
    }
    if let Some(today) = options.today {
        return (
            Timestamp::from_date(today),
            Some("the article's date is unknown; this is the day the draft was made".to_owned()),
        );
    }
    let epoch = Timestamp::from_date(Date {
        year: 1970,
        month: 1,
        day: 1,
    });
    (
        epoch,
        Some("the article's date is unknown: set it".to_owned()),
    )
}

fn draft_actor(actor: &ActorInfo, id: String) -> DraftActor {
    let (role, role_source) = match (&actor.role, &actor.known_role) {
        (Some(role), _) => (role.clone(), RoleSource::Article),
        (None, Some(role)) => (role.clone(), RoleSource::Known),
        (None, None) => {
            let placeholder = match actor.kind {
                ActorKind::Person => "Named in the article".to_owned(),
                ActorKind::Organisation => "Organisation named in the article".to_owned(),
                ActorKind::State => "State named in the article".to_owned(),
                ActorKind::Group => format!("{} cited in the article", actor.name),
            };
            (placeholder, RoleSource::Placeholder)
        }
    };
    let name = fit(&actor.name, NAME_MAX, "Unnamed");
    let mut aliases: Vec<String> = Vec::new();
    for alias in &actor.aliases {
        let alias = fit(alias, NAME_MAX, "");
        if !alias.is_empty()
            && alias != name
            && !aliases.contains(&alias)
            && aliases.len() < ALIASES_MAX
        {
            aliases.push(alias);
        }
    }
    DraftActor {
        id,
        name,
        aliases,
        kind: actor.kind,
        role: fit(&role, ROLE_MAX, "Named in the article"),
        role_source,
        mentions: actor.mentions,
        known: actor.known_id.is_some(),
    }
}

/// The library's id when it knows the actor, else a slug: a person's surname, another
/// actor's name; made unique within the draft.
fn actor_id(actor: &ActorInfo, drafted: &[DraftActor]) -> String {
    let taken = |id: &str| drafted.iter().any(|actor| actor.id == id);
    // The folded words but "the", each cut to its ASCII letters and digits, joined by "-"
    // within ACTOR_ID_MAX (as `source::slug_within` joins them), built in one buffer.
    let slug = |text: &str| {
        actors::with_folded(text, |folded| {
            let mut slug = String::with_capacity(ACTOR_ID_MAX);
            for word in folded.split(' ').filter(|word| *word != "the") {
                let kept = || word.chars().filter(char::is_ascii_alphanumeric);
                let len = kept().count();
                if len == 0 {
                    continue;
                }
                if slug.len() + usize::from(!slug.is_empty()) + len > ACTOR_ID_MAX {
                    if slug.is_empty() {
                        slug.extend(kept().take(ACTOR_ID_MAX));
                    }
                    break;
                }
                if !slug.is_empty() {
                    slug.push('-');
                }
                slug.extend(kept());
            }
            slug
        })
    };
    // The candidates in order of preference, each made only if the ones before are taken.
    let known = || {
        actor
            .known_id
            .as_deref()
            .filter(|id| is_slug(id, ACTOR_ID_MAX))
            .map(str::to_owned)
    };
    let surname = || {
        (actor.kind == ActorKind::Person)
            .then(|| slug(actor.name.rsplit(' ').next().unwrap_or_default()))
    };
    let full = || Some(slug(&actor.name));
    let makers: [&dyn Fn() -> Option<String>; 3] = [&known, &surname, &full];
    let mut candidates: [Option<String>; 3] = [None, None, None];
    for (make, kept) in makers.into_iter().zip(&mut candidates) {
        let Some(candidate) = make() else {
            continue;
        };
        if is_slug(&candidate, ACTOR_ID_MAX) && !taken(&candidate) {
            return candidate;
        }
        *kept = Some(candidate);
    }
    let base = candidates
        .into_iter()
        .flatten()
        .find(|candidate| is_slug(candidate, ACTOR_ID_MAX - 4))
        .unwrap_or_else(|| "actor".to_owned());
    let mut number = 2;
    loop {
        let candidate = format!("{base}-{number}");
        if !taken(&candidate) {
            return candidate;
        }
        number += 1;
    }
}

/// A headline from the opening sentence: its first clause when that says enough.
fn headline(opening: &str) -> String {
    let opening = opening.trim().trim_end_matches(['.', ' ']);
    if let Some(comma) = opening.find(", ") {
        let clause = &opening[..comma];
        let balanced = clause.matches(['"', '“', '”']).count() % 2 == 0;
        if clause.split_whitespace().count() >= 5 && balanced {
            return clause.to_owned();
        }
    }
    opening.to_owned()
}

/// Text on one line: line breaks and runs of whitespace become single spaces.
pub(crate) fn one_line(text: &str) -> String {
    if is_one_line(text) {
        return text.to_owned();
    }
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// True when [`one_line`] would give `text` back unchanged: no whitespace but single spaces
/// between words. Most sentences, names and roles are such text. Printable ASCII other than
/// a doubled space is fine, so only the other bytes are looked at: control characters, and
/// the lead bytes of the few UTF-8 sequences that are whitespace (U+0085, U+00A0, U+1680,
/// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') || scan::has_double_space(bytes)
    {
        return false;
    }
    let mut index = 0;
    while let Some(at) = scan::find_not_printable(bytes, index) {
        index = at + 1;
        let next = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
        let whitespace = match bytes[at] {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            0xE2 => match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => next(2) == 0x9F,
                _ => false,
            },
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            _ => false,
        };
        if whitespace {
            return false;
        }
    }
    true
}

/// One-line text within `max` characters, or `fallback` when nothing is left.
fn fit(text: &str, max: usize, fallback: &str) -> String {
    let line = one_line(text);
    // Within `max` characters (certainly so within `max` bytes): nothing to cut, and
    // `truncate` would give a copy.
    if (line.len() <= max || line.chars().count() <= max) && !line.trim().is_empty() {
        return line;
    }
    let text = truncate(&line, max);
    if text.trim().is_empty() {
        truncate(fallback, max)
    } else {
        text
    }
}

/// Multi-line text within `max` characters.
fn fit_lines(text: &str, max: usize, fallback: &str) -> String {
    let text = truncate(text.trim(), max);
    if text.trim().is_empty() {
        fallback.to_owned()
    } else {
        text
    }
}

fn optional(text: &str, max: usize) -> Option<String> {
    let text = one_line(text);
    (!text.is_empty()).then(|| truncate(&text, max))
}

/// A question within the limit that still ends in `?`.
fn fit_question(text: &str) -> String {
    let text = one_line(text);
    if text.chars().count() <= QUESTION_MAX {
        return text;
    }
    let stem = text.trim_end_matches('?');
    format!("{}?", truncate(stem, QUESTION_MAX - 1))
}

/// A prefix of a long quote, ending at a sentence end when one is near: still verbatim.
fn cut_verbatim(text: &str, max: usize) -> String {
    let mut end = 0;
    let mut sentence_end = None;
    for (count, (index, c)) in text.char_indices().enumerate() {
        if count >= max {
            break;
        }
        end = index + c.len_utf8();
        if matches!(c, '.' | '!' | '?') {
            sentence_end = Some(end);
        }
    }
    let cut = match sentence_end {
        Some(sentence_end) if sentence_end * 2 > end => sentence_end,
        _ => text[..end]
            .rfind(char::is_whitespace)
            .filter(|&space| space > 0)
            .unwrap_or(end),
    };
    text[..cut].trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_text_is_recognised_exactly() {
        for text in [
            "",
            "a",
            "two words",
            " lead",
            "trail ",
            "double  space",
            "tab\there",
            "line\nbreak",
            "nbsp\u{a0}here",
            "thin\u{2009}space",
            "ideographic\u{3000}space",
            "ogham\u{1680}space",
            "next\u{85}line",
            "“Curly” quotes — and… ellipses",
            "Łukašenka’s Лукашенко",
            "separator\u{2028}line",
            "narrow\u{202f}nbsp",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_one_line(text), joined == text, "{text:?}");
            assert_eq!(one_line(text), joined, "{text:?}");
        }
    }
}
