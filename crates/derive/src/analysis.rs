//! Everything found in one article, and the draft made from it.

use super::*;

/// Everything found in one article.
pub(crate) struct Analysis<'a> {
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
    pub(crate) fn new(doc: &'a Doc, gazetteer: &Gazetteer) -> Self {
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

    pub(crate) fn draft(&self, options: &Options) -> Draft {
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

    fn source(&self, options: &Options, title: &str) -> (Source, Option<String>) {
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
                let source = Source {
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
                let source = Source {
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
