//! Actors: named people with their roles, organisations, states and the groups an article
//! cites as voices, each with its mentions (later surname-only mentions merged in).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::doc::{Doc, strip_possessive};
use super::gazetteer::{Gazetteer, KnownActor};
use super::lexicon::{
    self, CAPITALS, ORGANISATIONS, STATES, description_offices, is_common_word, is_given_name,
    is_honorific, is_organisation_head, is_outlet, is_place, is_portfolio_word, is_role_modifier,
    is_role_noun, is_speech_verb, is_title_qualifier, is_title_word, is_voice_modifier,
    is_voice_noun,
};
use super::quotes::QuoteSpan;
use crate::briefing::ActorKind;

/// One actor the article names.
#[derive(Debug, Clone)]
pub(crate) struct ActorInfo {
    /// The fullest name the article (or the library) gives.
    pub name: String,
    /// Other spellings seen in the article or known to the library.
    pub aliases: Vec<String>,
    /// Person, organisation, state or group.
    pub kind: ActorKind,
    /// The role as the article gives it.
    pub role: Option<String>,
    /// The role the library or the built-in word lists give, used when the article gives none.
    pub known_role: Option<String>,
    /// The id the library uses for this actor.
    pub known_id: Option<String>,
    /// The folded name of the state this actor is or belongs to ("russia").
    pub state: Option<String>,
    /// How many times the article mentions it.
    pub mentions: usize,
    /// Byte offset of the first mention.
    pub first: usize,
    /// True once it is named outside a quotation (states and organisations named only inside
    /// someone's words are not listed).
    pub named_outside_quotes: bool,
}

impl ActorInfo {
    fn new(name: &str, kind: ActorKind, at: usize) -> Self {
        Self {
            name: name.to_owned(),
            aliases: Vec::new(),
            kind,
            role: None,
            known_role: None,
            known_id: None,
            state: None,
            mentions: 0,
            first: at,
            named_outside_quotes: false,
        }
    }

    /// The role to show: the article's, else the library's.
    pub fn best_role(&self) -> Option<&str> {
        self.role.as_deref().or(self.known_role.as_deref())
    }
}

/// One place where the article names an actor.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Where in the text.
    pub range: Range<usize>,
    /// Index into [`Cast::actors`].
    pub actor: usize,
    /// Inside a quotation (someone's words), not the article's.
    pub in_quote: bool,
    /// Index of its sentence.
    pub sentence: usize,
    /// The first person named in its sentence outside quotations: the likely grammatical
    /// subject, which is what "he said" usually points back to.
    pub subject: bool,
}

/// Every actor of an article and every mention of them, mentions in text order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cast {
    /// The actors, in order of first mention.
    pub actors: Vec<ActorInfo>,
    /// The mentions, in text order.
    pub mentions: Vec<Mention>,
}

impl Cast {
    /// The mentions that start inside `range`.
    pub fn mentions_in(&self, range: Range<usize>) -> &[Mention] {
        let start = self
            .mentions
            .partition_point(|mention| mention.range.start < range.start);
        let end = self
            .mentions
            .partition_point(|mention| mention.range.start < range.end);
        &self.mentions[start..end.max(start)]
    }

    /// Adds a mention (keeping text order) and counts it.
    pub fn add_mention(&mut self, mention: Mention) {
        let actor = &mut self.actors[mention.actor];
        actor.mentions += 1;
        actor.first = actor.first.min(mention.range.start);
        if !mention.in_quote {
            actor.named_outside_quotes = true;
        }
        let at = self
            .mentions
            .partition_point(|existing| existing.range.start <= mention.range.start);
        self.mentions.insert(at, mention);
    }
}

/// Folds one word for lookup, with a fast path for ASCII: lowercase, apostrophes dropped,
/// other punctuation as spaces, like [`crate::text::fold`].
pub(crate) fn fold_word(word: &str) -> String {
    if word.is_ascii() {
        let mut folded = String::with_capacity(word.len());
        let mut space = false;
        for byte in word.bytes() {
            match byte {
                b'\'' => {}
                byte if byte.is_ascii_alphanumeric() => {
                    if space && !folded.is_empty() {
                        folded.push(' ');
                    }
                    space = false;
                    folded.push(byte.to_ascii_lowercase() as char);
                }
                _ => space = true,
            }
        }
        folded
    } else {
        super::gazetteer::fold_name(word)
    }
}

/// Transliteration-insensitive form, so "Aliaksandr" ≈ "Alexander" and "Dzmitry" ≈ "Dmitry".
fn translit(folded: &str) -> String {
    // y → i first, so "ya" and "ye" become "ia" and "ie" before those become "e".
    let chars: Vec<char> = folded
        .chars()
        .map(|c| if c == 'y' { 'i' } else { c })
        .collect();
    let mut out = String::with_capacity(folded.len());
    let mut index = 0;
    while index < chars.len() {
        let pair = (chars[index], chars.get(index + 1).copied());
        match pair {
            ('k', Some('s')) => out.push('x'),
            ('k', Some('h')) => out.push('h'),
            ('d', Some('z')) => out.push('d'),
            ('i', Some('a' | 'e')) => out.push('e'),
            (c, _) => {
                out.push(c);
                index += 1;
                continue;
            }
        }
        index += 2;
    }
    out
}

/// True when two transliterated name words are spellings of one name ("lukashenko",
/// "lukashenka"): equal, or one or two edits apart in a long enough word.
fn similar(left: &str, right: &str) -> bool {
    if left == right {
        return true;
    }
    let (left_len, right_len) = (left.chars().count(), right.chars().count());
    let shorter = left_len.min(right_len);
    let allowed = 1 + usize::from(shorter >= 8);
    shorter >= 5
        && left_len.abs_diff(right_len) <= allowed
        && crate::text::edit_distance(left, right) <= allowed
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A hyphenated modifier ("US-supplied") or compound ("Belarus-Russia") is not a name.
fn is_compound(word: &str) -> bool {
    word.contains(['-', '‐'])
}

fn state_of(folded: &str) -> Option<&'static lexicon::State> {
    lexicon::state_of_word(folded).map(|index| &STATES[index])
}

/// A state's name after "of": "the United States", "Belarus".
fn state_phrase(state: &lexicon::State) -> String {
    if state.name.starts_with("United ") || state.name.starts_with("Soviet ") {
        format!("the {}", state.name)
    } else {
        state.name.to_owned()
    }
}

fn state_key(state: &lexicon::State) -> String {
    fold_word(state.name)
}

/// What a capitalised run turned out to be.
enum Found {
    Person {
        name: Range<usize>,
        role: Option<String>,
        plural: bool,
    },
    Unknown {
        name: Range<usize>,
    },
    Gazetteer {
        tokens: Range<usize>,
        known: KnownActor,
        role: Option<String>,
    },
    State {
        tokens: Range<usize>,
        state: usize,
    },
    Organisation {
        tokens: Range<usize>,
        organisation: usize,
    },
    NewOrganisation {
        tokens: Range<usize>,
    },
}

struct Builder<'a> {
    doc: &'a Doc,
    gazetteer: &'a Gazetteer,
    quoted: Vec<Range<usize>>,
    folded: Vec<&'a str>,
    lowercase: HashSet<&'a str, lexicon::FxBuild>,
    /// For each actor (empty unless a person), its names as transliterated (surname, given
    /// name) pairs, so "Aliaksandr Lukashenka" meets "Alexander Lukashenko" cheaply.
    person_keys: Vec<Vec<(String, Option<String>)>>,
    cast: Cast,
}

/// Finds every actor of the article.
pub(crate) fn find(doc: &Doc, quotes: &[QuoteSpan], gazetteer: &Gazetteer) -> Cast {
    // The quoted words only: the attribution inside a split quote is the article's own text.
    let quoted = quotes
        .iter()
        .filter(|quote| !quote.scare)
        .flat_map(|quote| quote.segments.iter().cloned())
        .collect();
    let folded = doc.folded_words();
    let lowercase = doc
        .tokens
        .iter()
        .map(|token| doc.word(token))
        .filter(|word| word.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut builder = Builder {
        doc,
        gazetteer,
        quoted,
        folded,
        lowercase,
        person_keys: Vec::new(),
        cast: Cast::default(),
    };
    builder.names();
    builder.offices();
    builder.descriptions();
    builder.groups();
    builder.anonymous_sources();
    builder.link_known();
    builder.subjects();
    builder.cast
}

impl<'a> Builder<'a> {
    fn in_quote(&self, offset: usize) -> bool {
        let index = self.quoted.partition_point(|range| range.start <= offset);
        index > 0 && self.quoted[index - 1].contains(&offset)
    }

    fn word(&self, index: usize) -> &'a str {
        let doc: &'a Doc = self.doc;
        doc.word(&doc.tokens[index])
    }

    fn span(&self, tokens: Range<usize>) -> Range<usize> {
        let first = &self.doc.tokens[tokens.start];
        let last = &self.doc.tokens[tokens.end - 1];
        first.start..last.end
    }

    /// The run's words as the article writes them, possessive dropped.
    fn name_text(&self, tokens: Range<usize>) -> String {
        let span = self.span(tokens);
        // Editorial brackets ("[Russian President Vladimir] Putin") are not part of a name.
        let text: String = strip_possessive(self.doc.slice(span))
            .chars()
            .filter(|c| !matches!(c, '[' | ']'))
            .collect();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn folded_span(&self, tokens: Range<usize>) -> String {
        self.folded[tokens].join(" ")
    }

    fn sentence_initial(&self, index: usize) -> bool {
        let token = &self.doc.tokens[index];
        let sentence = &self.doc.sentences[token.sentence];
        self.doc
            .slice(sentence.range.start..token.start)
            .chars()
            .all(|c| !c.is_alphanumeric())
    }

    /// Whether the gap between two tokens lets a name run on ("Mr. Lavrov", "[Vladimir] Putin").
    fn joins(&self, left: usize, right: usize) -> bool {
        let (left_token, right_token) = (&self.doc.tokens[left], &self.doc.tokens[right]);
        if left_token.sentence != right_token.sentence {
            return false;
        }
        let gap = self.doc.slice(left_token.end..right_token.start);
        if gap
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '[' || c == ']')
            && !gap.is_empty()
        {
            return true;
        }
        let word = self.word(left);
        gap.starts_with('.')
            && gap[1..].chars().all(|c| c == ' ')
            && gap.len() > 1
            && (lexicon::is_abbreviation(word) || word.chars().count() == 1)
    }

    fn capitalised(&self, index: usize) -> bool {
        let word = self.word(index);
        is_capitalised(word) && (!is_compound(word) || self.known_compound(index))
    }

    fn known_compound(&self, index: usize) -> bool {
        let folded = &self.folded[index];
        self.gazetteer.by_name(folded).is_some() || organisation_index(folded).is_some()
    }

    /// Maximal runs of capitalised words, with "of", "for", "on the" inside.
    fn runs(&self) -> Vec<Range<usize>> {
        let count = self.doc.tokens.len();
        let mut runs = Vec::new();
        let mut index = 0;
        while index < count {
            if !self.capitalised(index) {
                index += 1;
                continue;
            }
            let start = index;
            let mut end = index + 1;
            loop {
                if end >= count || self.word(end - 1) != strip_possessive(self.word(end - 1)) {
                    break;
                }
                if self.capitalised(end) && self.joins(end - 1, end) {
                    end += 1;
                    continue;
                }
                let connector = matches!(
                    self.word(end),
                    "of" | "for" | "on" | "de" | "von" | "van" | "der" | "bin" | "al"
                );
                if connector && self.joins(end - 1, end) {
                    let mut next = end + 1;
                    if next < count && self.word(next) == "the" && self.joins(end, next) {
                        next += 1;
                    }
                    if next < count
                        && self.capitalised(next)
                        && self.joins(next - 1, next)
                        && !is_common_word(self.folded[next])
                    {
                        end = next + 1;
                        continue;
                    }
                }
                break;
            }
            runs.push(start..end);
            index = end;
        }
        runs
    }

    fn names(&mut self) {
        let runs = self.runs();
        let mut found = Vec::new();
        let mut plural_role: Option<(usize, String)> = None;
        for run in runs {
            let inherited = plural_role
                .take()
                .filter(|(at, _)| *at == run.start)
                .map(|(_, role)| role);
            let before = found.len();
            self.analyse(run.clone(), inherited, &mut found);
            // "Presidents Lukashenka and Putin": the plural title covers the next name too.
            if let Some(Found::Person {
                role: Some(role),
                plural: true,
                ..
            }) = found.get(before)
            {
                if run.end + 1 < self.doc.tokens.len() && self.word(run.end) == "and" {
                    plural_role = Some((run.end + 1, role.clone()));
                }
            }
        }
        let mut unknowns = Vec::new();
        for item in found {
            match item {
                Found::Person { name, role, .. } => self.add_person(name, role),
                Found::Gazetteer {
                    tokens,
                    known,
                    role,
                } => self.add_known(tokens, &known, role),
                Found::State { tokens, state } => self.add_state(tokens, state),
                Found::Organisation {
                    tokens,
                    organisation,
                } => self.add_organisation(tokens, organisation),
                Found::NewOrganisation { tokens } => self.add_new_organisation(tokens, None),
                Found::Unknown { name } => unknowns.push(name),
            }
        }
        for name in unknowns {
            self.resolve_unknown(name);
        }
        self.compounds();
        self.institutions();
    }

    /// "Belarus-Russia talks" names both states, "US-supplied missiles" the supplier.
    fn compounds(&mut self) {
        for index in 0..self.doc.tokens.len() {
            let word = self.word(index);
            if !is_compound(word) {
                continue;
            }
            let start = self.doc.tokens[index].start;
            let mut part_start = 0;
            let hyphens = word
                .match_indices(['-', '‐'])
                .map(|(at, hyphen)| (at, at + hyphen.len()));
            for (part_end, next_start) in hyphens.chain(std::iter::once((word.len(), word.len()))) {
                let part = strip_possessive(&word[part_start..part_end]);
                let folded = fold_word(part);
                if is_capitalised(part) {
                    if let Some(state) = lexicon::state_named(&folded) {
                        let at = start + part_start;
                        self.add_state_at(at..at + part.len(), state);
                    }
                }
                part_start = next_start;
            }
        }
    }

    /// Institutions named by their state: "Belarus’s defence ministry", "the Russian border
    /// service" → "Defence Ministry of Belarus", "Border Service of Russia".
    fn institutions(&mut self) {
        let mut found: Vec<(Range<usize>, String, String, String)> = Vec::new();
        // The heads are plain words: a literal search rules most articles out at once.
        if !INSTITUTION_HEADS.is_match(&self.doc.text) {
            return;
        }
        for captures in INSTITUTION.captures_iter(&self.doc.text) {
            let (Some(whole), Some(head)) = (captures.get(0), captures.name("head")) else {
                continue;
            };
            let field = captures.name("field").map(|field| field.as_str().trim());
            let title: Vec<String> = field
                .into_iter()
                .chain(std::iter::once(head.as_str()))
                .flat_map(|words| words.split_whitespace())
                .map(capitalise_first)
                .collect();
            let rest = match field {
                Some(field) => format!("{field} {}", head.as_str()),
                None => head.as_str().to_owned(),
            };
            // "Ukrainian and American special services" are two institutions.
            let owners: Vec<_> = [captures.name("owner"), captures.name("owner2")]
                .into_iter()
                .flatten()
                .collect();
            let coordinated = owners.len() > 1;
            for owner in owners {
                let Some(state) = state_of(&fold_word(strip_possessive(owner.as_str()))) else {
                    continue;
                };
                let written = if coordinated {
                    format!("{} {rest}", owner.as_str())
                } else {
                    whole
                        .as_str()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let name = format!("{} of {}", title.join(" "), state_phrase(state));
                found.push((owner.start()..whole.end(), name, state_key(state), written));
            }
        }
        for (range, name, state, written) in found {
            // "Ukraine’s border service" is the "State Border Guard Service of Ukraine" named before.
            let head: Vec<String> = fold_word(name.split(" of ").next().unwrap_or_default())
                .split(' ')
                .map(str::to_owned)
                .collect();
            let existing = self.cast.actors.iter().position(|actor| {
                let folded = fold_word(&actor.name);
                actor.name == name
                    || actor.kind == ActorKind::Organisation
                        && actor.state.as_deref() == Some(state.as_str())
                        && head
                            .iter()
                            .all(|word| folded.split(' ').any(|known| known == word))
            });
            let index = match existing {
                Some(index) => index,
                None => {
                    let mut actor = ActorInfo::new(&name, ActorKind::Organisation, range.start);
                    actor.state = Some(state);
                    self.cast.actors.push(actor);
                    self.cast.actors.len() - 1
                }
            };
            push_alias(&mut self.cast.actors[index], &written);
            self.mention(index, range);
        }
    }

    /// Splits one capitalised run into title, name and kind.
    fn analyse(&self, run: Range<usize>, inherited_role: Option<String>, found: &mut Vec<Found>) {
        let mut start = run.start;
        let end = run.end;
        while start < end {
            let folded = &self.folded[start];
            let lower = self.word(start).to_lowercase();
            let doubtful_opening = self.sentence_initial(start)
                && self.lowercase.contains(lower.as_str())
                && !is_title_word(folded);
            if is_common_word(folded)
                || is_voice_noun(folded)
                || doubtful_opening && !self.is_known(start..start + 1)
            {
                start += 1;
            } else {
                break;
            }
        }
        if start >= end {
            return;
        }
        // A title before the name: "Belarusian President", "Kremlin Spokesman", "Mr.".
        let mut cursor = start;
        let mut has_title = false;
        let mut role_words = start..start;
        let mut plural = false;
        while cursor + 1 < end {
            let folded = self.folded[cursor];
            if is_title_word(folded) {
                has_title = true;
                plural |= matches!(folded, "presidents" | "ministers" | "leaders");
            } else if is_title_qualifier(folded) || state_of(folded).is_some() {
                // "Russian", "Kremlin" before a title.
            } else if is_portfolio_word(folded)
                && !matches!(folded, "of" | "for" | "on" | "the" | "and")
            {
                // "Energy Minister", "Defence Minister".
            } else if has_title && matches!(folded, "for" | "of" | "on") {
                cursor += 1;
                while cursor + 1 < end
                    && !is_given_name(self.folded[cursor])
                    && (end - cursor > 2 || is_portfolio_word(self.folded[cursor]))
                {
                    cursor += 1;
                }
                role_words.end = cursor;
                break;
            } else {
                break;
            }
            cursor += 1;
            role_words.end = cursor;
        }
        if !has_title {
            cursor = start;
            role_words = start..start;
        }
        let mut name = cursor..end;
        // "Maj. Ewa Nowak of the Podlasie border guard": a person's name stops at "of".
        let personal = has_title || inherited_role.is_some() || is_given_name(self.folded[cursor]);
        if personal {
            if let Some(connector) =
                (cursor + 1..end).find(|&index| matches!(self.folded[index], "of" | "for" | "on"))
            {
                name = cursor..connector;
            }
        }
        let end = name.end;
        let role = if has_title {
            let words: Vec<usize> = role_words
                .clone()
                .filter(|&index| !is_honorific(self.folded[index]))
                .collect();
            match (words.first(), words.last()) {
                (Some(&first), Some(&last)) => {
                    Some(normalise_role(&self.name_text(first..last + 1)))
                }
                _ => None,
            }
        } else {
            None
        }
        .or(inherited_role.clone());
        let folded = self.folded_span(name.clone());
        let names_an_outlet = folded.split(' ').any(|word| {
            matches!(
                word,
                "news"
                    | "wire"
                    | "times"
                    | "gazette"
                    | "herald"
                    | "tribune"
                    | "telegraph"
                    | "journal"
            )
        });
        if is_outlet(&folded)
            || names_an_outlet
            || is_place(&folded) && CAPITALS.iter().all(|(city, _)| *city != folded)
        {
            return;
        }
        if let Some(known) = self.gazetteer.by_name(&folded) {
            found.push(Found::Gazetteer {
                tokens: name,
                known: known.clone(),
                role,
            });
            return;
        }
        if let Some(state) = lexicon::state_named(&folded) {
            found.push(Found::State {
                tokens: name,
                state,
            });
            return;
        }
        if let Some(organisation) = organisation_index(&folded) {
            found.push(Found::Organisation {
                tokens: name,
                organisation,
            });
            return;
        }
        if CAPITALS.iter().any(|(city, _)| *city == folded) {
            return;
        }
        if has_title || inherited_role.is_some() {
            found.push(Found::Person { name, role, plural });
            return;
        }
        let last = &self.folded[end - 1];
        // "Belarusian Election Commission", "State Border Guard Service of Ukraine".
        let head_then_of = (name.start..end.saturating_sub(1)).any(|index| {
            is_organisation_head(self.folded[index]) && self.folded[index + 1] == "of"
        });
        if name.len() >= 2
            && (is_organisation_head(last) || head_then_of)
            && !is_given_name(self.folded[name.start])
        {
            found.push(Found::NewOrganisation { tokens: name });
            return;
        }
        if name.len() >= 2 && is_given_name(self.folded[name.start]) {
            found.push(Found::Person {
                name,
                role: None,
                plural: false,
            });
            return;
        }
        // Look for known names inside the run ("Treaty on the Belarus-Russia Union State").
        let mut index = name.start;
        let mut rest_start = index;
        while index < end {
            let mut matched = None;
            for stop in (index + 1..=end).rev() {
                if stop - index == name.len() {
                    continue;
                }
                let folded = self.folded_span(index..stop);
                if let Some(state) = lexicon::state_named(&folded) {
                    matched = Some((
                        stop,
                        Found::State {
                            tokens: index..stop,
                            state,
                        },
                    ));
                } else if let Some(organisation) = organisation_index(&folded) {
                    matched = Some((
                        stop,
                        Found::Organisation {
                            tokens: index..stop,
                            organisation,
                        },
                    ));
                } else if let Some(known) = self.gazetteer.by_name(&folded) {
                    matched = Some((
                        stop,
                        Found::Gazetteer {
                            tokens: index..stop,
                            known: known.clone(),
                            role: None,
                        },
                    ));
                }
                if matched.is_some() {
                    break;
                }
            }
            match matched {
                Some((stop, item)) => {
                    if rest_start < index {
                        found.push(Found::Unknown {
                            name: rest_start..index,
                        });
                    }
                    found.push(item);
                    index = stop;
                    rest_start = stop;
                }
                None => index += 1,
            }
        }
        if rest_start < end {
            found.push(Found::Unknown {
                name: rest_start..end,
            });
        }
    }

    fn is_known(&self, tokens: Range<usize>) -> bool {
        let folded = self.folded_span(tokens);
        self.gazetteer.by_name(&folded).is_some()
            || self.gazetteer.by_surname(&folded).is_some()
            || state_of(&folded).is_some()
            || organisation_index(&folded).is_some()
    }

    fn mention(&mut self, actor: usize, range: Range<usize>) {
        let in_quote = self.in_quote(range.start);
        let sentence = self.doc.sentence_at(range.start);
        self.cast.add_mention(Mention {
            range,
            actor,
            in_quote,
            sentence,
            subject: false,
        });
    }

    fn person_index(&self, name: &[&str]) -> Option<usize> {
        let surname = translit(name.last()?);
        let given = (name.len() >= 2).then(|| translit(name[0]));
        let mut best = None;
        for (index, keys) in self.person_keys.iter().enumerate() {
            let matches = keys.iter().any(|(known_surname, known_given)| {
                similar(known_surname, &surname)
                    && match (&given, known_given) {
                        (Some(given), Some(known_given)) => similar(given, known_given),
                        _ => true,
                    }
            });
            if matches {
                best = Some(index);
            }
        }
        best
    }

    /// Recomputes the transliterated (surname, given name) pairs of a person's names.
    fn refresh_keys(&mut self, index: usize) {
        if self.person_keys.len() < self.cast.actors.len() {
            self.person_keys.resize(self.cast.actors.len(), Vec::new());
        }
        let actor = &self.cast.actors[index];
        self.person_keys[index] = std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .map(|name| {
                let folded = fold_word(name);
                let mut words = folded.split(' ');
                let first = words.next().unwrap_or_default();
                match words.next_back() {
                    Some(last) => (translit(last), Some(translit(first))),
                    None => (translit(first), None),
                }
            })
            .collect();
    }

    fn add_person(&mut self, name: Range<usize>, role: Option<String>) {
        let text = self.name_text(name.clone());
        let folded: Vec<&str> = self.folded[name.clone()].to_vec();
        let surname = folded.last().copied().unwrap_or_default().to_owned();
        let known = self
            .gazetteer
            .by_name(&folded.join(" "))
            .or_else(|| self.gazetteer.by_surname(&surname))
            .filter(|known| known.kind == ActorKind::Person)
            .cloned();
        let existing = known
            .as_ref()
            .and_then(|known| {
                self.cast
                    .actors
                    .iter()
                    .position(|actor| actor.known_id.as_deref() == Some(&known.id))
            })
            .or_else(|| self.person_index(&folded));
        let span = self.span(name.clone());
        let index = match existing {
            Some(index) => {
                let actor = &mut self.cast.actors[index];
                if name.len() >= 2 && actor.known_id.is_none() && !actor.name.contains(' ') {
                    let old = std::mem::replace(&mut actor.name, text.clone());
                    if fold_word(&old) != surname {
                        push_alias(actor, &old);
                    }
                } else {
                    add_spelling(actor, &text);
                }
                index
            }
            None => {
                let mut actor = match &known {
                    Some(known) => {
                        let mut actor = ActorInfo::new(&known.name, ActorKind::Person, span.start);
                        actor.aliases = known.aliases.clone();
                        actor.known_id = Some(known.id.clone());
                        actor.known_role = Some(known.role.clone());
                        add_spelling(&mut actor, &text);
                        actor
                    }
                    None => ActorInfo::new(&text, ActorKind::Person, span.start),
                };
                actor.state = None;
                self.cast.actors.push(actor);
                self.cast.actors.len() - 1
            }
        };
        let role = role.or_else(|| self.context_role(name.clone()));
        if let Some(role) = role {
            set_role(&mut self.cast.actors[index], role);
        }
        self.refresh_keys(index);
        self.mention(index, span);
    }

    fn add_known(&mut self, tokens: Range<usize>, known: &KnownActor, role: Option<String>) {
        if known.kind == ActorKind::Person {
            return self.add_person(tokens, role);
        }
        let span = self.span(tokens.clone());
        let text = self.name_text(tokens);
        let index = match self
            .cast
            .actors
            .iter()
            .position(|actor| actor.known_id.as_deref() == Some(&known.id))
        {
            Some(index) => index,
            None => {
                let mut actor = ActorInfo::new(&known.name, known.kind, span.start);
                actor.aliases = known.aliases.clone();
                actor.known_id = Some(known.id.clone());
                // A state's or an organisation's role in a briefing describes that development;
                // only the built-in lists give one that holds everywhere.
                actor.known_role = organisation_index(&fold_word(&known.name))
                    .map(|index| ORGANISATIONS[index].role.to_owned());
                actor.state = state_of(&fold_word(&known.name)).map(state_key);
                self.cast.actors.push(actor);
                self.cast.actors.len() - 1
            }
        };
        add_spelling(&mut self.cast.actors[index], &text);
        self.mention(index, span);
    }

    fn add_state(&mut self, tokens: Range<usize>, state: usize) {
        let entry = &STATES[state];
        if let Some(known) = self.gazetteer.by_name(&fold_word(entry.name)).cloned() {
            return self.add_known(tokens, &known, None);
        }
        let span = self.span(tokens);
        self.add_state_at(span, state);
    }

    fn add_state_at(&mut self, span: Range<usize>, state: usize) {
        let entry = &STATES[state];
        let index = match self
            .cast
            .actors
            .iter()
            .position(|actor| actor.kind == ActorKind::State && actor.name == entry.name)
        {
            Some(index) => index,
            None => {
                let mut actor = ActorInfo::new(entry.name, ActorKind::State, span.start);
                actor.state = Some(state_key(entry));
                self.cast.actors.push(actor);
                self.cast.actors.len() - 1
            }
        };
        self.mention(index, span);
    }

    fn add_organisation(&mut self, tokens: Range<usize>, organisation: usize) {
        let entry = &ORGANISATIONS[organisation];
        if let Some(known) = self.gazetteer.by_name(&fold_word(entry.name)).cloned() {
            return self.add_known(tokens, &known, None);
        }
        // A group is an actor when it speaks; "the West" is one whenever it is named.
        if entry.group && entry.name != "the West" && !self.voiced(tokens.clone()) {
            return;
        }
        let span = self.span(tokens);
        let kind = if entry.group {
            ActorKind::Group
        } else {
            ActorKind::Organisation
        };
        let index = match self
            .cast
            .actors
            .iter()
            .position(|actor| actor.kind == kind && actor.name == entry.name)
        {
            Some(index) => index,
            None => {
                let mut actor = ActorInfo::new(entry.name, kind, span.start);
                actor.known_role = Some(entry.role.to_owned());
                actor.state = (!entry.state.is_empty()).then(|| entry.state.to_owned());
                self.cast.actors.push(actor);
                self.cast.actors.len() - 1
            }
        };
        self.mention(index, span);
    }

    fn add_new_organisation(&mut self, tokens: Range<usize>, role: Option<String>) {
        let span = self.span(tokens.clone());
        let text = self.name_text(tokens.clone());
        let folded = fold_word(&text);
        let index = match self
            .cast
            .actors
            .iter()
            .position(|actor| fold_word(&actor.name) == folded)
        {
            Some(index) => index,
            None => {
                let mut actor = ActorInfo::new(&text, ActorKind::Organisation, span.start);
                actor.state = self.folded[tokens]
                    .iter()
                    .find_map(|word| state_of(word))
                    .map(state_key);
                actor.state = actor.state.or_else(|| role.as_deref().and_then(role_state));
                actor.role = role;
                self.cast.actors.push(actor);
                self.cast.actors.len() - 1
            }
        };
        self.mention(index, span);
    }

    /// A run of unknown capitalised words: a surname of someone named before, a name the
    /// library knows, or a new person when the text treats it as one (a speech verb, a role).
    fn resolve_unknown(&mut self, name: Range<usize>) {
        let folded: Vec<&str> = self.folded[name.clone()].to_vec();
        if folded
            .iter()
            .any(|word| is_common_word(word) || is_role_noun(word))
            && name.len() == 1
        {
            return;
        }
        if self.person_index(&folded).is_some() {
            return self.add_person(name, None);
        }
        let joined = folded.join(" ");
        if let Some(known) = self
            .gazetteer
            .by_surname(&joined)
            .or_else(|| self.gazetteer.by_name(&joined))
            .cloned()
        {
            return self.add_known(name, &known, None);
        }
        if folded
            .iter()
            .any(|word| word.chars().all(|c| c.is_ascii_digit()))
        {
            return;
        }
        let word = self.word(name.start);
        let shouting = word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && word.chars().count() > 1;
        if shouting {
            return;
        }
        if let Some(role) = self
            .organisation_role_before(name.clone())
            .or_else(|| self.organisation_role_after(name.clone()))
        {
            return self.add_new_organisation(name, Some(role));
        }
        let speaks = self.speech_verb_adjacent(name.clone())
            || name.len() == 1 && lexicon::is_prominent_surname(folded[0]);
        let role = self.context_role(name.clone());
        if speaks || role.is_some() {
            self.add_person(name, role);
        }
    }

    /// "Belaruskali, the state potash producer,": an appositive headed by a company noun.
    fn organisation_role_after(&self, name: Range<usize>) -> Option<String> {
        let span = self.span(name.clone());
        let sentence = &self.doc.sentences[self.doc.tokens[name.start].sentence];
        let after = self.doc.slice(span.end..sentence.range.end);
        if !after.trim_start().starts_with(',') {
            return None;
        }
        let role = APPOSITIVE_AFTER
            .captures(after)?
            .name("role")?
            .as_str()
            .trim();
        let head = role.rsplit(char::is_whitespace).next().unwrap_or_default();
        let words = role.split_whitespace().count();
        (lexicon::is_company_noun(head) && words <= 6).then(|| capitalise_first(role))
    }

    /// "grid operator Litgrid", "state gas monopoly Gazprom": a company noun right before a
    /// name makes it an organisation, and the words before it its role.
    fn organisation_role_before(&self, name: Range<usize>) -> Option<String> {
        let tokens = &self.doc.tokens;
        let noun = name.start.checked_sub(1)?;
        if tokens[noun].sentence != tokens[name.start].sentence
            || !self
                .doc
                .slice(tokens[noun].end..tokens[name.start].start)
                .chars()
                .all(char::is_whitespace)
            || !lexicon::is_company_noun(self.word(noun))
        {
            return None;
        }
        let mut first = noun;
        while first > 0 && noun - first < 3 {
            let previous = first - 1;
            let word = self.word(previous);
            let gap = self.doc.slice(tokens[previous].end..tokens[first].start);
            let usable = tokens[previous].sentence == tokens[noun].sentence
                && gap.chars().all(char::is_whitespace)
                && !is_common_word(self.folded[previous])
                && (word.chars().next().is_some_and(char::is_lowercase)
                    || state_of(self.folded[previous]).is_some());
            if !usable {
                break;
            }
            first = previous;
        }
        Some(capitalise_first(&self.name_text(first..noun + 1)))
    }

    /// True when a speech verb directly follows the name ("Peskov said", "Peskov has said")
    /// or precedes it ("said Lukashenko").
    fn speech_verb_adjacent(&self, name: Range<usize>) -> bool {
        let tokens = &self.doc.tokens;
        let sentence = tokens[name.start].sentence;
        let mut index = name.end;
        let mut skipped = 0;
        while index < tokens.len() && tokens[index].sentence == sentence && skipped <= 2 {
            let word = self.word(index);
            let gap = self.doc.slice(tokens[index - 1].end..tokens[index].start);
            if !gap.chars().all(char::is_whitespace) {
                break;
            }
            // A finite verb only: "on Telegram, saying" does not make Telegram a speaker.
            if lexicon::is_finite_speech_verb(word) {
                return true;
            }
            if !(matches!(
                word,
                "has" | "had" | "have" | "also" | "later" | "then" | "again"
            ) || word.ends_with("ly"))
            {
                break;
            }
            skipped += 1;
            index += 1;
        }
        name.start > 0
            && tokens[name.start - 1].sentence == sentence
            && lexicon::is_finite_speech_verb(self.word(name.start - 1))
            && {
                let gap = self
                    .doc
                    .slice(tokens[name.start - 1].end..tokens[name.start].start);
                gap.trim().is_empty()
            }
    }

    /// A role the words around a name give: "presenter Sergei Brilyov", "Dmitry Peskov, the
    /// Kremlin spokesman,", "the head of the Wagner PMC, Yevgeny Prigozhin".
    fn context_role(&self, name: Range<usize>) -> Option<String> {
        let tokens = &self.doc.tokens;
        let span = self.span(name.clone());
        // Lowercase title words right before the name.
        let mut first = name.start;
        let mut has_noun = false;
        while first > 0 && name.start - first < 4 {
            let previous = first - 1;
            if tokens[previous].sentence != tokens[name.start].sentence {
                break;
            }
            let gap = self.doc.slice(tokens[previous].end..tokens[first].start);
            if !gap.chars().all(char::is_whitespace) {
                break;
            }
            let word = self.word(previous);
            let folded = &self.folded[previous];
            let noun = word.chars().next().is_some_and(char::is_lowercase)
                && is_role_noun(folded)
                && !lexicon::is_adjectival_noun(folded);
            let modifier = has_noun
                && (word.chars().next().is_some_and(char::is_lowercase)
                    && is_role_modifier(folded)
                    || is_capitalised(word)
                        && (state_of(folded).is_some() || is_title_qualifier(folded)));
            if name.start - first == 0 && noun || has_noun && (noun || modifier) {
                has_noun = true;
                first = previous;
            } else {
                break;
            }
        }
        if has_noun {
            return Some(normalise_role(&self.name_text(first..name.start)));
        }
        let sentence = &self.doc.sentences[tokens[name.start].sentence];
        let after = self.doc.slice(span.end..sentence.range.end);
        let comma_after = after.trim_start().starts_with(',');
        if let Some(captures) = APPOSITIVE_AFTER.captures(after).filter(|_| comma_after) {
            if let Some(role) = captures
                .name("role")
                .map(|role| role.as_str())
                .filter(|role| is_role_phrase(role))
            {
                return Some(normalise_role(role));
            }
        }
        let before = self.doc.slice(sentence.range.start..span.start);
        if !before.trim_end().ends_with(',') {
            return None;
        }
        if let Some(captures) = POSSESSIVE_BEFORE.captures(before) {
            if let Some(role) = captures
                .name("role")
                .map(|role| role.as_str())
                .filter(|role| is_role_phrase(role))
            {
                return Some(normalise_role(role));
            }
        }
        if let Some(captures) = APPOSITIVE_BEFORE.captures(before) {
            if let Some(role) = captures
                .name("role")
                .map(|role| role.as_str())
                .filter(|role| is_role_phrase(role))
            {
                return Some(normalise_role(role));
            }
        }
        None
    }

    /// "The office of Belarusian President Alexander Lukashenko" is an organisation.
    fn offices(&mut self) {
        let matches: Vec<Range<usize>> = OFFICE_OF
            .find_iter(&self.doc.text)
            .map(|found| found.range())
            .collect();
        for range in matches {
            let Some(person) = self
                .cast
                .mentions
                .iter()
                .find(|mention| {
                    mention.range.start >= range.end && mention.range.start <= range.end + 40
                })
                .filter(|mention| self.cast.actors[mention.actor].kind == ActorKind::Person)
                .map(|mention| mention.actor)
            else {
                continue;
            };
            let actor = &self.cast.actors[person];
            let name = match actor.best_role() {
                Some(role) if role.contains(" of ") => format!("Office of the {role}"),
                _ => format!("Office of {}", actor.name),
            };
            let state = actor.best_role().and_then(role_state);
            let index = match self
                .cast
                .actors
                .iter()
                .position(|existing| existing.name == name)
            {
                Some(index) => index,
                None => {
                    let mut office = ActorInfo::new(&name, ActorKind::Organisation, range.start);
                    office.known_role = Some(format!("The office of {}", actor.name));
                    office.state = state;
                    self.cast.actors.push(office);
                    self.cast.actors.len() - 1
                }
            };
            let start = range.start
                + self
                    .doc
                    .slice(range.clone())
                    .find(|c: char| c.is_alphabetic())
                    .unwrap_or(0);
            self.mention(index, start..range.end);
        }
    }

    /// "The Russian leader", "the spokesman": a person named before, found by office.
    fn descriptions(&mut self) {
        let found: Vec<(Range<usize>, String, Option<String>)> = DESCRIPTION
            .captures_iter(&self.doc.text)
            .filter_map(|captures| {
                let whole = captures.get(0)?;
                let rest = self.doc.text[whole.end()..].trim_start_matches(' ');
                if rest.chars().next().is_some_and(char::is_uppercase) && !rest.starts_with("of ") {
                    return None; // a title before a name, already read as part of the name
                }
                let noun = captures.name("noun")?.as_str().to_lowercase();
                let place = captures
                    .name("adj")
                    .or(captures.name("of"))
                    .map(|word| fold_word(word.as_str()));
                let state = match place {
                    Some(place) if place == "kremlin" => Some("russia".to_owned()),
                    Some(place) => match state_of(&place) {
                        Some(state) => Some(state_key(state)),
                        None => return None,
                    },
                    None => None,
                };
                Some((whole.range(), noun, state))
            })
            .collect();
        for (range, noun, state) in found {
            let offices = description_offices(&noun);
            let candidate = self
                .cast
                .mentions
                .iter()
                .rev()
                .filter(|mention| mention.range.start < range.start)
                .map(|mention| mention.actor)
                .find(|&actor| {
                    let actor = &self.cast.actors[actor];
                    let Some(role) = actor.best_role() else {
                        return false;
                    };
                    let role = fold_word(role);
                    actor.kind == ActorKind::Person
                        && offices.iter().any(|office| contains_words(&role, office))
                        && state
                            .as_ref()
                            .is_none_or(|state| role_mentions_state(&role, state))
                });
            if let Some(actor) = candidate {
                let start = range.start;
                self.mention(actor, start..range.end);
            }
        }
    }

    /// True when a speech or belief verb follows the words, or "according to" precedes them.
    fn voiced(&self, tokens: Range<usize>) -> bool {
        let all = &self.doc.tokens;
        let sentence = all[tokens.start].sentence;
        let mut index = tokens.end;
        let mut skipped = 0;
        // "Analysts in Minsk said": a short place or affiliation may stand between.
        let phrase = index < all.len()
            && matches!(
                self.word(index),
                "in" | "at"
                    | "from"
                    | "with"
                    | "across"
                    | "inside"
                    | "close"
                    | "familiar"
                    | "based"
                    | "on"
            );
        let budget = if phrase { 6 } else { 2 };
        while index < all.len() && all[index].sentence == sentence && skipped <= budget {
            let word = self.word(index);
            if is_speech_verb(word) || is_belief_verb(word) {
                return true;
            }
            let gap = self.doc.slice(all[index - 1].end..all[index].start);
            let allowed = matches!(
                word,
                "has"
                    | "had"
                    | "have"
                    | "also"
                    | "previously"
                    | "widely"
                    | "are"
                    | "were"
                    | "will"
                    | "would"
                    | "who"
                    | "largely"
            ) || word.ends_with("ly")
                || phrase && !gap.contains([',', '.', ';', ':']);
            if !allowed {
                break;
            }
            skipped += 1;
            index += 1;
        }
        let start = all[tokens.start].start;
        let before = self
            .doc
            .slice(self.doc.sentences[sentence].range.start..start)
            .to_lowercase();
        let before = before.trim_end();
        let before = ["the", "a", "an", "one", "another", "some"]
            .iter()
            .find_map(|determiner| before.strip_suffix(determiner))
            .unwrap_or(before)
            .trim_end();
        before.ends_with("according to")
    }

    /// Groups cited as voices: "Some analysts see", "Russian political commentators have
    /// described", "according to human rights activists". Other mentions of a group found
    /// that way are counted too.
    fn groups(&mut self) {
        let phrases = self.group_phrases();
        for tokens in &phrases {
            let noun_index = tokens.end - 1;
            if self.in_quote(self.doc.tokens[noun_index].start) || !self.voiced(tokens.clone()) {
                continue;
            }
            let first = tokens.start;
            let mut name = self.name_text(tokens.clone());
            let doubtful = self.sentence_initial(first) && state_of(self.folded[first]).is_none();
            if doubtful || first == noun_index {
                name = lowercase_first(&name);
            }
            let words: Vec<String> = self.folded[tokens.clone()]
                .iter()
                .map(|word| (*word).to_owned())
                .collect();
            let span = self.span(tokens.clone());
            let actor = match self.group_index(&words) {
                Some(actor) => {
                    if words.len() > fold_word(&self.cast.actors[actor].name).split(' ').count() {
                        let old = std::mem::replace(&mut self.cast.actors[actor].name, name);
                        push_alias(&mut self.cast.actors[actor], &old);
                    }
                    actor
                }
                None => {
                    let mut group = ActorInfo::new(&name, ActorKind::Group, span.start);
                    group.known_role =
                        Some(format!("{} cited in the article", capitalise_first(&name)));
                    self.cast.actors.push(group);
                    self.cast.actors.len() - 1
                }
            };
            self.mention(actor, span);
        }
        for tokens in phrases {
            let span = self.span(tokens.clone());
            if self
                .cast
                .mentions
                .iter()
                .any(|mention| mention.range == span)
            {
                continue;
            }
            let words: Vec<String> = self.folded[tokens.clone()]
                .iter()
                .map(|word| (*word).to_owned())
                .collect();
            if let Some(actor) = self.group_index(&words) {
                if words.len() > fold_word(&self.cast.actors[actor].name).split(' ').count() {
                    let mut name = self.name_text(tokens.clone());
                    if self.sentence_initial(tokens.start)
                        && state_of(self.folded[tokens.start]).is_none()
                    {
                        name = lowercase_first(&name);
                    }
                    let old = std::mem::replace(&mut self.cast.actors[actor].name, name);
                    push_alias(&mut self.cast.actors[actor], &old);
                }
                self.mention(actor, span);
            }
        }
    }

    /// Anonymous sources: "people familiar with the talks", "a person close to the Kremlin".
    fn anonymous_sources(&mut self) {
        let found: Vec<(Range<usize>, String)> = ANONYMOUS
            .captures_iter(&self.doc.text)
            .filter_map(|captures| {
                let phrase = captures.name("phrase")?;
                Some((phrase.range(), lowercase_first(phrase.as_str())))
            })
            .filter(|(range, _)| !self.in_quote(range.start))
            .collect();
        for (range, name) in found {
            let folded = fold_word(&name);
            let index = match self
                .cast
                .actors
                .iter()
                .position(|actor| fold_word(&actor.name) == folded)
            {
                Some(index) => index,
                None => {
                    let mut group = ActorInfo::new(&name, ActorKind::Group, range.start);
                    group.known_role = Some("Anonymous sources cited in the article".to_owned());
                    self.cast.actors.push(group);
                    self.cast.actors.len() - 1
                }
            };
            self.mention(index, range);
        }
    }

    /// Every voice noun with the modifiers before it ("human rights activists").
    fn group_phrases(&self) -> Vec<Range<usize>> {
        let tokens = &self.doc.tokens;
        let mut phrases = Vec::new();
        for index in 0..tokens.len() {
            let plural = self.doc.flags[index] & lexicon::bit::VOICE_NOUN != 0;
            let singular = lexicon::singular_voice(self.folded[index]).is_some();
            if !plural && !singular {
                continue;
            }
            let mut first = index;
            while first > 0
                && index - first < 3
                && tokens[first - 1].sentence == tokens[index].sentence
                && self
                    .doc
                    .slice(tokens[first - 1].end..tokens[first].start)
                    .chars()
                    .all(char::is_whitespace)
                && is_voice_modifier(self.folded[first - 1])
                && !is_common_word(self.folded[first - 1])
            {
                first -= 1;
            }
            // A single voice only as "a senior official", "one European diplomat".
            let counted =
                first > 0 && matches!(self.folded[first - 1], "a" | "an" | "one" | "another");
            if plural || singular && counted {
                phrases.push(first..index + 1);
            }
        }
        phrases
    }

    /// A group with the same noun whose modifiers include or are included in `words`.
    fn group_index(&self, words: &[String]) -> Option<usize> {
        let noun = words.last()?;
        self.cast.actors.iter().position(|actor| {
            if actor.kind != ActorKind::Group {
                return false;
            }
            let name = fold_word(&actor.name);
            let known: Vec<&str> = name.split(' ').collect();
            known.last() == Some(&noun.as_str()) && {
                let mine: HashSet<&str> = words.iter().map(String::as_str).collect();
                let theirs: HashSet<&str> = known.iter().copied().collect();
                mine.is_subset(&theirs) || theirs.is_subset(&mine)
            }
        })
    }

    /// Actors found without the library (an office, a group, an institution) that a loaded
    /// briefing already describes take its id and names.
    fn link_known(&mut self) {
        for actor in &mut self.cast.actors {
            if actor.known_id.is_some() {
                continue;
            }
            let known = std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .find_map(|name| self.gazetteer.by_name(&fold_word(name)))
                .filter(|known| known.kind == actor.kind);
            if let Some(known) = known {
                let written = std::mem::replace(&mut actor.name, known.name.clone());
                actor.known_id = Some(known.id.clone());
                for alias in known.aliases.iter().chain(std::iter::once(&written)) {
                    push_alias(actor, alias);
                }
                if actor.kind == ActorKind::Person && actor.role.is_none() {
                    actor.known_role = Some(known.role.clone());
                }
            }
        }
    }

    /// Marks the first person named in each sentence outside quotations.
    fn subjects(&mut self) {
        let mut seen = HashSet::new();
        for mention in &mut self.cast.mentions {
            if mention.in_quote || self.cast.actors[mention.actor].kind != ActorKind::Person {
                continue;
            }
            if seen.insert(mention.sentence) {
                mention.subject = true;
            }
        }
    }
}

fn organisation_index(folded: &str) -> Option<usize> {
    lexicon::organisation_named(folded)
}

fn is_belief_verb(word: &str) -> bool {
    matches!(
        word,
        "see"
            | "sees"
            | "believe"
            | "believes"
            | "think"
            | "fear"
            | "fears"
            | "feared"
            | "expect"
            | "expects"
            | "expected"
            | "warn"
            | "argue"
            | "claim"
            | "describe"
            | "suggest"
            | "suggests"
            | "estimate"
            | "estimates"
            | "estimated"
            | "predict"
            | "consider"
            | "considers"
            | "considered"
            | "view"
            | "views"
            | "viewed"
            | "note"
            | "accuse"
            | "accused"
            | "criticise"
            | "criticised"
            | "criticize"
            | "criticized"
            | "welcomed"
            | "condemned"
            | "dismissed"
            | "questioned"
            | "doubt"
            | "doubted"
            | "say"
            | "agree"
            | "agreed"
            | "disagree"
            | "point"
            | "pointed"
            | "cautioned"
            | "caution"
    )
}

static APPOSITIVE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,\s+(?:(?i:the|a|an)\s+)?(?P<role>[^,;:.()\x22“”]+?)\s*(?:,|\.|;|\)|$)")
        .expect("valid regex")
});

static APPOSITIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?i:the|a|an|his|her|their|its)\s+(?P<role>[^,;:\x22“”]+),\s*$")
        .expect("valid regex")
});

static ANONYMOUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?P<phrase>(?i:people|persons|a person|a source|someone)\s+(?:familiar with|close to|briefed on|with knowledge of|involved in|aware of)\s+(?:the\s+)?[\p{L}’'-]+(?:\s+[\p{L}’'-]+){0,2}?)\s*(?:[,.;]|\s(?:said|say|says|told)(?-u:\b)|$)",
    )
    .expect("valid regex")
});

static POSSESSIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?P<role>\p{Lu}[\p{L}-]*[’']s\s+[^,;:\x22“”]+),\s*$").expect("valid regex")
});

static INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?P<owner>\p{Lu}[\p{L}-]+(?:[’']s)?)(?:\s+and\s+(?P<owner2>\p{Lu}[\p{L}-]+))?\s+(?P<field>(?:defen[cs]e|foreign|interior|emergencies|emergency|finance|energy|economy|economic|justice|health|education|agriculture|transport)\s+)?(?P<head>ministry|border service|border guard service|security council|central bank|parliament|embassy|investigative committee|armed forces|security services?|special services|intelligence services?|election commission|presidential administration)(?-u:\b)",
    )
    .expect("valid regex")
});

static INSTITUTION_HEADS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"ministry|service|council|central bank|parliament|embassy|committee|armed forces|commission|administration")
        .expect("valid regex")
});

static OFFICE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:the)\s+(?:office|press service|press office|administration)\s+of\s+")
        .expect("valid regex")
});

static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?i:the)\s+(?:(?P<adj>\p{Lu}[\p{L}-]*)\s+)?(?P<noun>(?i:head of state|press secretary|foreign minister|prime minister|leader|president|spokesman|spokeswoman|spokesperson|premier|minister|chief|commander))(?-u:\b)(?:\s+of\s+(?P<of>\p{Lu}[\p{L}-]*))?",
    )
    .expect("valid regex")
});

/// A role phrase names an office ("Kremlin spokesman"), not a description ("a close ally").
fn is_role_phrase(phrase: &str) -> bool {
    let words: Vec<String> = phrase.split_whitespace().map(fold_word).collect();
    let first = words.first().map(String::as_str).unwrap_or_default();
    !words.is_empty()
        && words.len() <= 10
        && !matches!(
            first,
            "who"
                | "which"
                | "that"
                | "whose"
                | "where"
                | "when"
                | "said"
                | "says"
                | "according"
                | "and"
                | "but"
                | "he"
                | "she"
                | "it"
                | "they"
        )
        && words.iter().any(|word| is_role_noun(word))
        && !words.iter().any(|word| {
            is_speech_verb(word)
                || matches!(
                    word.as_str(),
                    "is" | "was" | "has" | "had" | "have" | "are" | "were"
                )
        })
}

/// "Belarusian President" → "President of Belarus"; "Presidents" → "President"; other roles
/// as the article gives them, first letter capitalised.
pub(crate) fn normalise_role(phrase: &str) -> String {
    let phrase = phrase.trim().trim_end_matches(',');
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let singular = |word: &str| -> String {
        match word {
            "Presidents" | "presidents" => "President".to_owned(),
            "Ministers" | "ministers" => "Minister".to_owned(),
            "Leaders" | "leaders" => "Leader".to_owned(),
            other => other.to_owned(),
        }
    };
    let words: Vec<String> = words.iter().map(|word| singular(word)).collect();
    if let Some((first, rest)) = words.split_first() {
        let folded_rest: Vec<String> = rest.iter().map(|word| fold_word(word)).collect();
        let governmental = folded_rest
            .iter()
            .any(|word| matches!(word.as_str(), "president" | "minister" | "premier"))
            && !folded_rest
                .iter()
                .any(|word| state_of(word).is_some() || word == "of");
        if let Some(state) = state_of(&fold_word(strip_possessive(first))).filter(|_| governmental)
        {
            return format!(
                "{} of {}",
                capitalise_first(&rest.join(" ")),
                state_phrase(state)
            );
        }
    }
    capitalise_first(&words.join(" "))
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True when the folded `text` contains the folded `words` as whole words.
pub(crate) fn contains_words(text: &str, words: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {words} "))
}

/// True when a folded role names the state (by name or demonym).
fn role_mentions_state(role: &str, state: &str) -> bool {
    STATES
        .iter()
        .filter(|entry| state_key(entry) == state)
        .any(|entry| {
            entry
                .names
                .iter()
                .chain(entry.demonyms)
                .any(|name| contains_words(role, name))
        })
        || role.contains("kremlin") && state == "russia"
}

/// The state a role belongs to ("President of Belarus" → "belarus").
pub(crate) fn role_state(role: &str) -> Option<String> {
    let folded = fold_word(role);
    STATES
        .iter()
        .find(|entry| {
            entry
                .names
                .iter()
                .chain(entry.demonyms)
                .any(|name| contains_words(&folded, name))
        })
        .map(state_key)
}

fn set_role(actor: &mut ActorInfo, role: String) {
    match &actor.role {
        None => actor.role = Some(role),
        // A bare title ("President") gives way to a fuller one ("President of Belarus").
        Some(current)
            if !current.contains(' ') && fold_word(&role).contains(&fold_word(current)) =>
        {
            actor.role = Some(role)
        }
        Some(_) => {}
    }
}

fn push_alias(actor: &mut ActorInfo, alias: &str) {
    let folded = fold_word(alias);
    if folded.is_empty() || fold_word(&actor.name) == folded {
        return;
    }
    if !actor
        .aliases
        .iter()
        .any(|existing| fold_word(existing) == folded)
    {
        actor.aliases.push(alias.to_owned());
    }
}

/// Records a spelling the article uses when it differs from the names known so far: a new
/// full name, or a lone word spelled differently ("Lukashenka" beside "Lukashenko").
fn add_spelling(actor: &mut ActorInfo, text: &str) {
    let folded = fold_word(text);
    let names: Vec<String> = std::iter::once(&actor.name)
        .chain(&actor.aliases)
        .map(|name| fold_word(name))
        .collect();
    if folded.is_empty() || names.contains(&folded) {
        return;
    }
    let known_word = names
        .iter()
        .any(|name| name.split(' ').any(|word| word == folded));
    if folded.contains(' ') || !known_word {
        push_alias(actor, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::quotes;

    fn cast(text: &str) -> (Doc, Cast) {
        let doc = Doc::new(text);
        let quotes = quotes::extract(&doc);
        let cast = find(&doc, &quotes, &Gazetteer::new());
        (doc, cast)
    }

    fn summary(text: &str) -> Vec<(String, &'static str, Option<String>, usize)> {
        let (_, cast) = cast(text);
        cast.actors
            .iter()
            .map(|actor| {
                (
                    actor.name.clone(),
                    actor.kind.as_str(),
                    actor.best_role().map(str::to_owned),
                    actor.mentions,
                )
            })
            .collect()
    }

    #[test]
    fn titles_become_roles_and_surnames_merge() {
        let found = summary(
            "Belarusian President Alexander Lukashenko met Russian President Vladimir Putin. Lukashenko said little. Putin smiled.",
        );
        assert_eq!(
            found,
            [
                (
                    "Alexander Lukashenko".to_owned(),
                    "person",
                    Some("President of Belarus".to_owned()),
                    2
                ),
                (
                    "Vladimir Putin".to_owned(),
                    "person",
                    Some("President of Russia".to_owned()),
                    2
                ),
            ]
        );
    }

    #[test]
    fn appositives_give_roles() {
        let found = summary(
            "Dmitry Peskov, the Kremlin spokesman, said so. He spoke to presenter Sergei Brilyov.",
        );
        let role = |name: &str| {
            found
                .iter()
                .find(|actor| actor.0 == name)
                .and_then(|actor| actor.2.clone())
        };
        assert_eq!(role("Dmitry Peskov").as_deref(), Some("Kremlin spokesman"));
        assert_eq!(role("Sergei Brilyov").as_deref(), Some("Presenter"));
        let found = summary(
            "Lithuania’s foreign minister, Rasa Jankauskienė, spoke. The Lithuanian grid operator Litgrid said nothing.",
        );
        let role = |name: &str| {
            found
                .iter()
                .find(|actor| actor.0 == name)
                .map(|actor| (actor.1, actor.2.clone()))
        };
        assert_eq!(
            role("Rasa Jankauskienė"),
            Some(("person", Some("Foreign minister of Lithuania".to_owned())))
        );
        assert_eq!(
            role("Litgrid"),
            Some(("organisation", Some("Lithuanian grid operator".to_owned())))
        );
    }

    #[test]
    fn states_organisations_and_groups_are_found() {
        let found = summary(
            "The Kremlin has not responded, but Russian political commentators say Belarus is drifting. Experts believe NATO is watching.",
        );
        let mut names: Vec<(&str, &str)> = found
            .iter()
            .map(|(name, kind, _, _)| (name.as_str(), *kind))
            .collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                ("Belarus", "state"),
                ("Kremlin", "organisation"),
                ("NATO", "organisation"),
                ("Russian political commentators", "group"),
                ("experts", "group"),
            ]
        );
        let found = summary(
            "Belarus’s defence ministry and the Belarus-Russia talks. Analysts in Minsk said so.",
        );
        let mut names: Vec<(&str, &str)> = found
            .iter()
            .map(|(name, kind, _, _)| (name.as_str(), *kind))
            .collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                ("Belarus", "state"),
                ("Defence Ministry of Belarus", "organisation"),
                ("Russia", "state"),
                ("analysts", "group")
            ]
        );
    }

    #[test]
    fn descriptions_count_as_mentions_of_the_office_holder() {
        let (doc, cast) =
            cast("Russian President Vladimir Putin spoke. The Russian leader added more.");
        assert_eq!(cast.actors[0].mentions, 2);
        assert_eq!(
            &doc.text[cast.mentions[1].range.clone()],
            "The Russian leader"
        );
    }

    #[test]
    fn transliterations_are_one_person() {
        let found = summary(
            "Aliaksandr Lukashenka met him. Alexander Lukashenko left. Lukashenka said so.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].3, 3);
    }
}
