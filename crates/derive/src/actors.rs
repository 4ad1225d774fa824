//! Actors: named people with their roles, organisations, states and the groups an article
//! cites as voices, each with its mentions (later surname-only mentions merged in).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::doc::{Doc, strip_possessive, strip_suffix_lowercase};
use super::gazetteer::{Gazetteer, KnownActor};
use super::lexicon::{
    self, Entry, ORGANISATIONS, STATES, bit, description_offices, is_role_noun, is_speech_verb,
    is_voice_modifier,
};
use super::quotes::QuoteSpan;
use briefbot_format::ActorKind;

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
    pub state: Option<&'static str>,
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

/// Folds one word or name for lookup: [`briefbot_text::fold_words`], the project's one folding.
pub(crate) fn fold_word(word: &str) -> String {
    briefbot_text::fold_words(word)
}

/// Calls `f` with [`fold_word`] of `word`.
pub(crate) fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    f(&fold_word(word))
}

/// `fold_word(word) == folded`.
fn folds_to(word: &str, folded: &str) -> bool {
    fold_word(word) == folded
}

/// True when one of the words of `fold_word(name)` is `word`.
fn folded_has_word(name: &str, word: &str) -> bool {
    fold_word(name).split(' ').any(|part| part == word)
}

/// Transliteration-insensitive form, so "Aliaksandr" ≈ "Alexander" and "Dzmitry" ≈ "Dmitry".
fn translit(folded: &str) -> String {
    // y → i first, so "ya" and "ye" become "ia" and "ie" before those become "e".
    let y_to_i = |c: char| if c == 'y' { 'i' } else { c };
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars().map(y_to_i).peekable();
    while let Some(c) = chars.next() {
        let replaced = match (c, chars.peek()) {
            ('k', Some('s')) => 'x',
            ('k', Some('h')) => 'h',
            ('d', Some('z')) => 'd',
            ('i', Some('a' | 'e')) => 'e',
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push(replaced);
        chars.next();
    }
    out
}

/// Calls `f` with [`translit`] of `folded`, built on the stack for a short ASCII word.
fn with_translit<R>(folded: &str, f: impl FnOnce(&str) -> R) -> R {
    const WIDTH: usize = 48;
    let bytes = folded.as_bytes();
    if bytes.len() > WIDTH || !folded.is_ascii() {
        return f(&translit(folded));
    }
    // The rules of `translit`, byte by byte: y → i first, then ks → x, kh → h, dz → d,
    // ia/ie → e.
    let y_to_i = |byte: u8| if byte == b'y' { b'i' } else { byte };
    let mut out = [0u8; WIDTH];
    let mut len = 0;
    let mut index = 0;
    while index < bytes.len() {
        let c = y_to_i(bytes[index]);
        let next = bytes.get(index + 1).copied().map(y_to_i);
        let (replaced, consumed) = match (c, next) {
            (b'k', Some(b's')) => (b'x', 2),
            (b'k', Some(b'h')) => (b'h', 2),
            (b'd', Some(b'z')) => (b'd', 2),
            (b'i', Some(b'a' | b'e')) => (b'e', 2),
            _ => (c, 1),
        };
        out[len] = replaced;
        len += 1;
        index += consumed;
    }
    match std::str::from_utf8(&out[..len]) {
        Ok(text) => f(text),
        Err(_) => f(&translit(folded)),
    }
}

/// A transliterated name word with what [`similar`] asks of it counted once.
#[derive(Debug, Clone)]
struct NameKey {
    text: String,
    chars: usize,
    ascii: bool,
}

impl NameKey {
    fn new(text: String) -> Self {
        Self {
            chars: text.chars().count(),
            ascii: text.is_ascii(),
            text,
        }
    }

    fn as_ref(&self) -> NameKeyRef<'_> {
        NameKeyRef {
            text: &self.text,
            chars: self.chars,
            ascii: self.ascii,
        }
    }

    fn borrowed(text: &str) -> NameKeyRef<'_> {
        NameKeyRef {
            text,
            chars: text.chars().count(),
            ascii: text.is_ascii(),
        }
    }
}

/// A borrowed [`NameKey`].
#[derive(Clone, Copy)]
struct NameKeyRef<'a> {
    text: &'a str,
    chars: usize,
    ascii: bool,
}

/// [`similar`] on keys whose lengths are known: most pairs differ in length too much to be
/// spellings of one name, and are settled without looking at a character.
fn similar_keys(left: NameKeyRef<'_>, right: NameKeyRef<'_>) -> bool {
    let shorter = left.chars.min(right.chars);
    if shorter < 5 {
        return left.text == right.text;
    }
    let allowed = 1 + usize::from(shorter >= 8);
    if left.chars.abs_diff(right.chars) > allowed {
        return false;
    }
    left.text == right.text
        || if left.ascii && right.ascii {
            within_edits(left.text.as_bytes(), right.text.as_bytes(), allowed)
        } else {
            briefbot_text::edit_distance(left.text, right.text) <= allowed
        }
}

/// True when two transliterated name words are spellings of one name ("lukashenko",
/// "lukashenka"): equal, or one or two edits apart in a long enough word. (The rule, as
/// [`similar_keys`] applies it.)
#[cfg(test)]
fn similar(left: &str, right: &str) -> bool {
    if left == right {
        return true;
    }
    let (left_len, right_len) = (left.chars().count(), right.chars().count());
    let shorter = left_len.min(right_len);
    let allowed = 1 + usize::from(shorter >= 8);
    shorter >= 5 && left_len.abs_diff(right_len) <= allowed && {
        if left.is_ascii() && right.is_ascii() {
            within_edits(left.as_bytes(), right.as_bytes(), allowed)
        } else {
            briefbot_text::edit_distance(left, right) <= allowed
        }
    }
}

/// True when the Levenshtein distance of two ASCII words is at most `limit`, as
/// `edit_distance(left, right) <= limit`, without allocating: only the band of the table
/// within `limit` of its diagonal can hold such a path, and cells are capped at `limit + 1`.
fn within_edits(left: &[u8], right: &[u8], limit: usize) -> bool {
    const WIDTH: usize = 64;
    if right.len() >= WIDTH {
        return briefbot_text::edit_distance(
            &String::from_utf8_lossy(left),
            &String::from_utf8_lossy(right),
        ) <= limit;
    }
    let cap = limit + 1;
    // Two rows of `right.len() + 1` cells, swapped as references: no row is copied.
    let (mut first_row, mut second_row) = ([cap; WIDTH], [cap; WIDTH]);
    let mut previous = &mut first_row[..=right.len()];
    let mut current = &mut second_row[..=right.len()];
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j.min(cap);
    }
    for (i, &left_byte) in left.iter().enumerate() {
        let row = i + 1;
        let first = row.saturating_sub(limit).max(1);
        let last = (row + limit).min(right.len());
        current.fill(cap);
        current[0] = row.min(cap);
        let mut best = current[0];
        for j in first..=last {
            let substitution = previous[j - 1] + usize::from(left_byte != right[j - 1]);
            let value = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(cap);
            current[j] = value;
            best = best.min(value);
        }
        if best >= cap {
            return false;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()] <= limit
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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

fn state_key(state: &'static lexicon::State) -> &'static str {
    &state.key
}

/// What a capitalised run turned out to be.
enum Found<'a> {
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
        known: &'a KnownActor,
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
    /// For each actor (empty unless a person), its names as transliterated (surname, given
    /// name) pairs, so "Aliaksandr Lukashenka" meets "Alexander Lukashenko" cheaply.
    person_keys: Vec<Vec<(NameKey, Option<NameKey>)>>,
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
    let mut builder = Builder {
        doc,
        gazetteer,
        quoted,
        folded,
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
        let written = strip_possessive(self.doc.slice(span));
        // Editorial brackets ("[Russian President Vladimir] Putin") are not part of a name.
        if written.contains(['[', ']']) {
            let text: String = written
                .chars()
                .filter(|c| !matches!(c, '[' | ']'))
                .collect();
            super::one_line(&text)
        } else {
            super::one_line(written)
        }
    }

    /// The folded words of a span joined by spaces; a single word is borrowed as it is.
    fn folded_span(&self, tokens: Range<usize>) -> Cow<'a, str> {
        match self.folded[tokens] {
            [word] => Cow::Borrowed(word),
            ref words => Cow::Owned(words.join(" ")),
        }
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
        // The tokenizer noted both facts: its first letter is uppercase, and a hyphenated
        // modifier ("US-supplied") or compound ("Belarus-Russia") is a name only when known.
        self.doc.capitalised(index) && (!self.doc.hyphenated(index) || self.known_compound(index))
    }

    fn known_compound(&self, index: usize) -> bool {
        self.entry(index).organisation().is_some()
            || self.gazetteer.by_name(self.folded[index]).is_some()
    }

    /// What the word lists say about a token's folded word (looked up once per article).
    fn entry(&self, index: usize) -> Entry {
        self.doc.entry(index)
    }

    /// What the word lists say about a span's folded words, as [`Self::folded_span`] joins
    /// them.
    fn span_entry(&self, tokens: Range<usize>, folded: &str) -> Entry {
        if tokens.len() == 1 {
            self.entry(tokens.start)
        } else {
            lexicon::entry(folded)
        }
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
                        && !self.entry(next).has(bit::COMMON_WORD)
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
                } => self.add_known(tokens, known, role),
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
            if !self.doc.hyphenated(index) {
                continue;
            }
            let word = self.word(index);
            let start = self.doc.tokens[index].start;
            let mut part_start = 0;
            let hyphens = word
                .match_indices(['-', '‐'])
                .map(|(at, hyphen)| (at, at + hyphen.len()));
            for (part_end, next_start) in hyphens.chain(std::iter::once((word.len(), word.len()))) {
                let part = strip_possessive(&word[part_start..part_end]);
                if is_capitalised(part) {
                    if let Some(state) = lexicon::state_named(&fold_word(part)) {
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
        let mut found: Vec<(Range<usize>, String, &'static str, String)> = Vec::new();
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
            let head = fold_word(name.split(" of ").next().unwrap_or_default());
            let existing = self.cast.actors.iter().position(|actor| {
                actor.name == name
                    || actor.kind == ActorKind::Organisation
                        && actor.state == Some(state)
                        && head
                            .split(' ')
                            .all(|word| folded_has_word(&actor.name, word))
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
    fn analyse(
        &self,
        run: Range<usize>,
        inherited_role: Option<String>,
        found: &mut Vec<Found<'a>>,
    ) {
        let gazetteer: &'a Gazetteer = self.gazetteer;
        let mut start = run.start;
        let end = run.end;
        while start < end {
            let entry = self.entry(start);
            // A capital opening a sentence proves nothing when the article writes the word in
            // lowercase elsewhere. Cheapest checks first.
            let doubtful_opening = || {
                !entry.has(bit::TITLE_WORD)
                    && self.sentence_initial(start)
                    && self.doc.written_lowercase(self.word(start))
            };
            if entry.has(bit::COMMON_WORD | bit::VOICE_NOUN)
                || doubtful_opening() && !self.is_known(start..start + 1)
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
            let entry = self.entry(cursor);
            if entry.has(bit::TITLE_WORD) {
                has_title = true;
                plural |= matches!(folded, "presidents" | "ministers" | "leaders");
            } else if entry.has(bit::TITLE_QUALIFIER) || entry.state().is_some() {
                // "Russian", "Kremlin" before a title.
            } else if entry.has(bit::PORTFOLIO_WORD)
                && !matches!(folded, "of" | "for" | "on" | "the" | "and")
            {
                // "Energy Minister", "Defence Minister".
            } else if has_title && matches!(folded, "for" | "of" | "on") {
                cursor += 1;
                while cursor + 1 < end
                    && !self.entry(cursor).has(bit::GIVEN_NAME)
                    && (end - cursor > 2 || self.entry(cursor).has(bit::PORTFOLIO_WORD))
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
        let personal =
            has_title || inherited_role.is_some() || self.entry(cursor).has(bit::GIVEN_NAME);
        if personal {
            if let Some(connector) =
                (cursor + 1..end).find(|&index| matches!(self.folded[index], "of" | "for" | "on"))
            {
                name = cursor..connector;
            }
        }
        let end = name.end;
        let role = if has_title {
            let not_honorific = |index: &usize| !self.entry(*index).has(bit::HONORIFIC);
            let first = role_words.clone().find(not_honorific);
            let last = role_words.clone().rev().find(not_honorific);
            match (first, last) {
                (Some(first), Some(last)) => Some(normalise_role(&self.name_text(first..last + 1))),
                _ => None,
            }
        } else {
            None
        }
        .or(inherited_role.clone());
        let folded = self.folded_span(name.clone());
        let folded = folded.as_ref();
        let lexicon_entry = self.span_entry(name.clone(), folded);
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
        if lexicon_entry.has(bit::OUTLET)
            || names_an_outlet
            || lexicon_entry.has(bit::PLACE) && !lexicon_entry.has(bit::CAPITAL)
        {
            return;
        }
        if let Some(known) = gazetteer.by_name(folded) {
            found.push(Found::Gazetteer {
                tokens: name,
                known,
                role,
            });
            return;
        }
        if let Some(state) = lexicon_entry.state_named() {
            found.push(Found::State {
                tokens: name,
                state,
            });
            return;
        }
        if let Some(organisation) = lexicon_entry.organisation() {
            found.push(Found::Organisation {
                tokens: name,
                organisation,
            });
            return;
        }
        if lexicon_entry.has(bit::CAPITAL) {
            return;
        }
        if has_title && self.entry(end - 1).has(bit::ORGANISATION_HEAD) {
            // "Russian Defense Ministry": the title words name the ministry's field, and the
            // run is an organisation, not a person called "Ministry".
            if !self.entry(name.start).has(bit::GIVEN_NAME) {
                found.push(Found::NewOrganisation { tokens: start..end });
                return;
            }
        }
        if (has_title || inherited_role.is_some())
            && name
                .clone()
                .all(|index| self.entry(index).has(bit::TITLE_WORD))
        {
            // "Secretary General", "Deputy Minister": a title alone is nobody.
            return;
        }
        if has_title || inherited_role.is_some() {
            found.push(Found::Person { name, role, plural });
            return;
        }
        // "Belarusian Election Commission", "State Border Guard Service of Ukraine".
        let head_then_of = (name.start..end.saturating_sub(1)).any(|index| {
            self.entry(index).has(bit::ORGANISATION_HEAD) && self.folded[index + 1] == "of"
        });
        if name.len() >= 2
            && (self.entry(end - 1).has(bit::ORGANISATION_HEAD) || head_then_of)
            && !self.entry(name.start).has(bit::GIVEN_NAME)
        {
            found.push(Found::NewOrganisation { tokens: name });
            return;
        }
        if name.len() >= 2 && self.entry(name.start).has(bit::GIVEN_NAME) {
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
                let lexicon_entry = self.span_entry(index..stop, &folded);
                if let Some(state) = lexicon_entry.state_named() {
                    matched = Some((
                        stop,
                        Found::State {
                            tokens: index..stop,
                            state,
                        },
                    ));
                } else if let Some(organisation) = lexicon_entry.organisation() {
                    matched = Some((
                        stop,
                        Found::Organisation {
                            tokens: index..stop,
                            organisation,
                        },
                    ));
                } else if let Some(known) = gazetteer.by_name(&folded) {
                    matched = Some((
                        stop,
                        Found::Gazetteer {
                            tokens: index..stop,
                            known,
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
        let folded = self.folded_span(tokens.clone());
        let entry = self.span_entry(tokens, &folded);
        entry.state().is_some()
            || entry.organisation().is_some()
            || self.gazetteer.by_name(&folded).is_some()
            || self.gazetteer.by_surname(&folded).is_some()
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
        let surname = name.last()?;
        let given = (name.len() >= 2).then(|| name[0]);
        with_translit(surname, |surname| match given {
            Some(given) => with_translit(given, |given| self.person_matching(surname, Some(given))),
            None => self.person_matching(surname, None),
        })
    }

    /// The last person with a name whose transliterated surname and given name are similar to
    /// these.
    fn person_matching(&self, surname: &str, given: Option<&str>) -> Option<usize> {
        let surname = NameKey::borrowed(surname);
        let given = given.map(NameKey::borrowed);
        let mut best = None;
        for (index, keys) in self.person_keys.iter().enumerate() {
            let matches = keys.iter().any(|(known_surname, known_given)| {
                similar_keys(known_surname.as_ref(), surname)
                    && match (given, known_given) {
                        (Some(given), Some(known_given)) => {
                            similar_keys(given, known_given.as_ref())
                        }
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
                    Some(last) => (
                        NameKey::new(translit(last)),
                        Some(NameKey::new(translit(first))),
                    ),
                    None => (NameKey::new(translit(first)), None),
                }
            })
            .collect();
    }

    fn add_person(&mut self, name: Range<usize>, role: Option<String>) {
        let text = self.name_text(name.clone());
        let surname: &'a str = self.folded[name.clone()]
            .last()
            .copied()
            .unwrap_or_default();
        let gazetteer: &'a Gazetteer = self.gazetteer;
        let known = if gazetteer.is_empty() {
            None
        } else {
            gazetteer
                .by_name(&self.folded_span(name.clone()))
                .or_else(|| gazetteer.by_surname(surname))
                .filter(|known| known.kind == ActorKind::Person)
        };
        let existing = known
            .as_ref()
            .and_then(|known| {
                self.cast
                    .actors
                    .iter()
                    .position(|actor| actor.known_id.as_deref() == Some(&known.id))
            })
            .or_else(|| self.person_index(&self.folded[name.clone()]));
        let span = self.span(name.clone());
        // Whether this mention changes the person's names, and so their matching keys.
        let mut names_changed = true;
        let index = match existing {
            Some(index) => {
                let actor = &mut self.cast.actors[index];
                let aliases = actor.aliases.len();
                if name.len() >= 2 && actor.known_id.is_none() && !actor.name.contains(' ') {
                    let old = std::mem::replace(&mut actor.name, text.clone());
                    if !folds_to(&old, surname) {
                        push_alias(actor, &old);
                    }
                } else {
                    add_spelling(actor, &text);
                    names_changed = actor.aliases.len() != aliases;
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
        if names_changed {
            self.refresh_keys(index);
        }
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
        let gazetteer: &'a Gazetteer = self.gazetteer;
        if let Some(known) = gazetteer.by_name(&entry.key) {
            return self.add_known(tokens, known, None);
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
                let mut actor = ActorInfo::new(&entry.name, ActorKind::State, span.start);
                actor.state = Some(state_key(entry));
                self.cast.actors.push(actor);
                self.cast.actors.len() - 1
            }
        };
        self.mention(index, span);
    }

    fn add_organisation(&mut self, tokens: Range<usize>, organisation: usize) {
        let entry = &ORGANISATIONS[organisation];
        let gazetteer: &'a Gazetteer = self.gazetteer;
        if let Some(known) = gazetteer.by_name(&entry.key) {
            return self.add_known(tokens, known, None);
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
                let mut actor = ActorInfo::new(&entry.name, kind, span.start);
                actor.known_role = Some(entry.role.clone());
                actor.state = (!entry.state.is_empty()).then_some(entry.state.as_str());
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
        if name.len() == 1
            && self
                .entry(name.start)
                .has(bit::COMMON_WORD | bit::ROLE_NOUN)
        {
            return;
        }
        if self.person_index(&self.folded[name.clone()]).is_some() {
            return self.add_person(name, None);
        }
        let gazetteer: &'a Gazetteer = self.gazetteer;
        if !gazetteer.is_empty() {
            let joined = self.folded_span(name.clone());
            if let Some(known) = gazetteer
                .by_surname(&joined)
                .or_else(|| gazetteer.by_name(&joined))
            {
                return self.add_known(name, known, None);
            }
        }
        if self.folded[name.clone()]
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
            || name.len() == 1 && self.entry(name.start).has(bit::PROMINENT_SURNAME);
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
                && !self.entry(previous).has(bit::COMMON_WORD)
                && (word.chars().next().is_some_and(char::is_lowercase)
                    || self.entry(previous).state().is_some());
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
            if self.doc.written_entry(index).has(bit::SPEECH_VERB) {
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
            && self.doc.written_entry(name.start - 1).has(bit::SPEECH_VERB)
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
            let entry = self.entry(previous);
            let noun = word.chars().next().is_some_and(char::is_lowercase)
                && entry.has(bit::ROLE_NOUN)
                && !entry.has(bit::ADJECTIVAL_NOUN);
            let modifier = has_noun
                && (word.chars().next().is_some_and(char::is_lowercase)
                    && entry.has(bit::ROLE_MODIFIER)
                    || is_capitalised(word)
                        && (entry.state().is_some() || entry.has(bit::TITLE_QUALIFIER)));
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
        // The appositive needs the comma: no search without it.
        if let Some(captures) = comma_after
            .then(|| APPOSITIVE_AFTER.captures(after))
            .flatten()
        {
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
        // The possessive's "’s" or "'s" is a literal of the pattern: a cheap check first.
        let possessive = before.contains("’s") || before.contains("'s");
        if let Some(captures) = possessive
            .then(|| POSSESSIVE_BEFORE.captures(before))
            .flatten()
        {
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
        // Every match names an office, a service or an administration as a word of its own;
        // most articles name none, and the search (slowed by every "the" it must try) is
        // skipped.
        if !self
            .doc
            .may_have_word_ignoring_case(&["office", "service", "administration"])
        {
            return;
        }
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
        let found: Vec<(Range<usize>, String, Option<&'static str>)> = DESCRIPTION
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
                    Some(place) if place == "kremlin" => Some("russia"),
                    Some(place) => match state_of(&place) {
                        Some(state) => Some(state_key(state)),
                        None => return None,
                    },
                    None => None,
                };
                Some((whole.range(), noun, state))
            })
            .collect();
        // Each person's role folded once: a description is checked against every mention
        // before it, and mentions added here change no role.
        let mut folded_roles: Vec<Option<Option<String>>> = vec![None; self.cast.actors.len()];
        for (range, noun, state) in found {
            let offices = description_offices(&noun);
            if offices.is_empty() {
                continue;
            }
            let candidate = self
                .cast
                .mentions
                .iter()
                .rev()
                .filter(|mention| mention.range.start < range.start)
                .map(|mention| mention.actor)
                .find(|&index| {
                    let actor = &self.cast.actors[index];
                    if actor.kind != ActorKind::Person {
                        return false;
                    }
                    let role =
                        folded_roles[index].get_or_insert_with(|| actor.best_role().map(fold_word));
                    let Some(role) = role.as_deref() else {
                        return false;
                    };
                    offices.iter().any(|office| contains_words(role, office))
                        && state
                            .as_ref()
                            .is_none_or(|state| role_mentions_state(role, state))
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
            if self
                .doc
                .written_entry(index)
                .has(bit::SPEECH_VERB | bit::SPEECH_PARTICIPLE)
                || is_belief_verb(word)
            {
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
        // Case-insensitive, reading back from the words: no lowercase copy of the sentence.
        let before = self
            .doc
            .slice(self.doc.sentences[sentence].range.start..start)
            .trim_end();
        let before = ["the", "a", "an", "one", "another", "some"]
            .iter()
            .find_map(|determiner| strip_suffix_lowercase(before, determiner))
            .unwrap_or(before)
            .trim_end();
        strip_suffix_lowercase(before, "according to").is_some()
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
            let doubtful = self.sentence_initial(first) && self.entry(first).state().is_none();
            if doubtful || first == noun_index {
                name = lowercase_first(&name);
            }
            let words: &[&str] = &self.folded[tokens.clone()];
            let span = self.span(tokens.clone());
            let actor = match self.group_index(words) {
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
            let words: &[&str] = &self.folded[tokens.clone()];
            if let Some(actor) = self.group_index(words) {
                if words.len() > fold_word(&self.cast.actors[actor].name).split(' ').count() {
                    let mut name = self.name_text(tokens.clone());
                    if self.sentence_initial(tokens.start)
                        && self.entry(tokens.start).state().is_none()
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
        // The pattern's middle words ("familiar with", "close to", …) are words of the text
        // when it can match: without one of them there is nothing to search for.
        let middles = [
            "familiar",
            "close",
            "briefed",
            "knowledge",
            "involved",
            "aware",
        ];
        if !middles
            .iter()
            .any(|word| self.doc.distinct_id(word).is_some())
        {
            return;
        }
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
                && is_voice_modifier(self.folded[first - 1], self.entry(first - 1))
                && !self.entry(first - 1).has(bit::COMMON_WORD)
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
    fn group_index(&self, words: &[&str]) -> Option<usize> {
        let noun = words.last()?;
        self.cast.actors.iter().position(|actor| {
            if actor.kind != ActorKind::Group {
                return false;
            }
            // The name's last folded word must be the noun before anything else is compared.
            if !folded_has_word(&actor.name, noun) {
                return false;
            }
            let name = fold_word(&actor.name);
            let known: Vec<&str> = name.split(' ').collect();
            known.last() == Some(noun) && {
                let mine: HashSet<&str> = words.iter().copied().collect();
                let theirs: HashSet<&str> = known.iter().copied().collect();
                mine.is_subset(&theirs) || theirs.is_subset(&mine)
            }
        })
    }

    /// Actors found without the library (an office, a group, an institution) that a loaded
    /// briefing already describes take its id and names.
    fn link_known(&mut self) {
        if self.gazetteer.is_empty() {
            return;
        }
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
        // Mentions are in text order, so their sentences never decrease: a sentence is new
        // exactly when it differs from the last one marked.
        let mut last = None;
        for mention in &mut self.cast.mentions {
            if mention.in_quote || self.cast.actors[mention.actor].kind != ActorKind::Person {
                continue;
            }
            if last != Some(mention.sentence) {
                last = Some(mention.sentence);
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
    let fields = lexicon::alternation(lexicon::MINISTRY_FIELDS.iter().copied());
    let heads = lexicon::alternation(lexicon::INSTITUTION_HEADS.iter().copied());
    Regex::new(&format!(
        r"(?-u:\b)(?P<owner>\p{{Lu}}[\p{{L}}-]+(?:[’']s)?)(?:\s+and\s+(?P<owner2>\p{{Lu}}[\p{{L}}-]+))?\s+(?P<field>(?:{fields})\s+)?(?P<head>{heads})(?-u:\b)",
    ))
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
    let nouns = lexicon::alternation(
        lexicon::story::DESCRIPTORS
            .iter()
            .map(|(noun, _)| noun.as_str()),
    );
    Regex::new(&format!(
        r"(?-u:\b)(?i:the)\s+(?:(?P<adj>\p{{Lu}}[\p{{L}}-]*)\s+)?(?P<noun>(?i:{nouns}))(?-u:\b)(?:\s+of\s+(?P<of>\p{{Lu}}[\p{{L}}-]*))?",
    ))
    .expect("valid regex")
});

/// A role phrase names an office ("Kremlin spokesman"), not a description ("a close ally").
fn is_role_phrase(phrase: &str) -> bool {
    let count = phrase.split_whitespace().count();
    if count == 0 || count > 10 {
        return false;
    }
    let mut role_noun = false;
    for (index, word) in phrase.split_whitespace().enumerate() {
        let verdict = with_folded(word, |word| {
            let opens_a_clause = index == 0
                && matches!(
                    word,
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
                );
            let verb = is_speech_verb(word)
                || matches!(word, "is" | "was" | "has" | "had" | "have" | "are" | "were");
            (opens_a_clause || verb, is_role_noun(word))
        });
        if verdict.0 {
            return false;
        }
        role_noun |= verdict.1;
    }
    role_noun
}

/// "Belarusian President" → "President of Belarus"; "Presidents" → "President"; other roles
/// as the article gives them, first letter capitalised.
pub(crate) fn normalise_role(phrase: &str) -> String {
    let phrase = phrase.trim().trim_end_matches(',');
    fn singular(word: &str) -> &str {
        match word {
            "Presidents" | "presidents" => "President",
            "Ministers" | "ministers" => "Minister",
            "Leaders" | "leaders" => "Leader",
            other => other,
        }
    }
    let mut words = phrase.split_whitespace().map(singular);
    if let Some(first) = words.next() {
        let rest = words.clone();
        let (mut governmental, mut blocked) = (false, false);
        for word in rest.clone() {
            with_folded(word, |word| {
                governmental |= matches!(word, "president" | "minister" | "premier");
                blocked |= word == "of" || state_of(word).is_some();
            });
        }
        let state = (governmental && !blocked)
            .then(|| with_folded(strip_possessive(first), state_of))
            .flatten();
        if let Some(state) = state {
            let mut role = join_capitalised(rest);
            role.push_str(" of ");
            if state.name.starts_with("United ") || state.name.starts_with("Soviet ") {
                role.push_str("the ");
            }
            role.push_str(&state.name);
            return role;
        }
    }
    join_capitalised(phrase.split_whitespace().map(singular))
}

/// The words joined by single spaces, the first letter capitalised (as [`capitalise_first`]
/// of the joined words), in one buffer.
fn join_capitalised<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let mut joined = String::new();
    for word in words {
        if joined.is_empty() {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                joined.extend(first.to_uppercase());
                joined.push_str(chars.as_str());
            }
            continue;
        }
        joined.push(' ');
        joined.push_str(word);
    }
    joined
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
    // As `format!(" {text} ").contains(&format!(" {words} "))`, without the copies: an
    // occurrence of `words` with a space or an end of `text` on each side. Occurrences may
    // overlap, so the search moves on one character at a time.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find(words) {
        let start = from + found;
        let end = start + words.len();
        if (start == 0 || bytes[start - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ') {
            return true;
        }
        match text[start..].chars().next() {
            Some(c) => from = start + c.len_utf8(),
            None => return false,
        }
    }
    false
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
                .chain(&entry.demonyms)
                .any(|name| contains_words(role, name))
        })
        || role.contains("kremlin") && state == "russia"
}

/// The state a role belongs to ("President of Belarus" → "belarus").
pub(crate) fn role_state(role: &str) -> Option<&'static str> {
    let folded = fold_word(role);
    STATES
        .iter()
        .find(|entry| {
            entry
                .names
                .iter()
                .chain(&entry.demonyms)
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
    if folded.is_empty() || folds_to(&actor.name, &folded) {
        return;
    }
    if !actor
        .aliases
        .iter()
        .any(|existing| folds_to(existing, &folded))
    {
        actor.aliases.push(alias.to_owned());
    }
}

/// Records a spelling the article uses when it differs from the names known so far: a new
/// full name, or a lone word spelled differently ("Lukashenka" beside "Lukashenko").
fn add_spelling(actor: &mut ActorInfo, text: &str) {
    let add = with_folded(text, |folded| {
        let mut names = std::iter::once(&actor.name).chain(&actor.aliases);
        if folded.is_empty() || names.any(|name| folds_to(name, folded)) {
            return false;
        }
        let known_word = std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .any(|name| folded_has_word(name, folded));
        folded.contains(' ') || !known_word
    });
    if add {
        push_alias(actor, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes;

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
    fn folded_comparisons_agree_with_fold_word() {
        let names = [
            "",
            "Lukashenko",
            "Alexander Lukashenko",
            "O'Brien",
            "U.S.",
            "  Vice-President  Putin ",
            "Łukašenka",
            "Dzmitry Kiselyov",
            "the West",
            "A--B..c",
            "'s",
        ];
        for name in names {
            let folded = fold_word(name);
            with_folded(name, |stacked| assert_eq!(stacked, folded, "{name:?}"));
            with_translit(&folded, |stacked| assert_eq!(stacked, translit(&folded)));
            for other in names {
                let other_folded = fold_word(other);
                assert_eq!(folds_to(name, &other_folded), folded == other_folded);
                for word in other_folded.split(' ').chain(["", "putin", "b"]) {
                    assert_eq!(
                        folded_has_word(name, word),
                        folded.split(' ').any(|part| part == word),
                        "{name:?} {word:?}"
                    );
                }
            }
        }
        for word in [
            "aliaksandr",
            "dzmitry",
            "khrenin",
            "kseniya",
            "yelena",
            "yyyy",
            "kskh",
        ] {
            with_translit(word, |stacked| {
                assert_eq!(stacked, translit(word), "{word}")
            });
        }
    }

    #[test]
    fn similar_keys_apply_the_similar_rule() {
        let words = [
            "",
            "lukashenko",
            "lukashenka",
            "lukasenko",
            "putin",
            "putinn",
            "pieskov",
            "peskov",
            "alexander",
            "aleksandr",
            "alexandr",
            "łukašenka",
            "lukašenka",
            "abcd",
            "abce",
        ];
        for left in words {
            for right in words {
                assert_eq!(
                    similar_keys(NameKey::borrowed(left), NameKey::borrowed(right)),
                    similar(left, right),
                    "{left} {right}"
                );
            }
        }
    }

    #[test]
    fn contains_words_agrees_with_padded_search() {
        let texts = [
            "",
            " ",
            "a",
            "a a a",
            "xa a a",
            "president",
            "prime minister of x",
            "a  b",
        ];
        let words = [
            "",
            "a",
            "a a",
            "president",
            "minister",
            "prime minister",
            " ",
            "b",
        ];
        for text in texts {
            for word in words {
                assert_eq!(
                    contains_words(text, word),
                    format!(" {text} ").contains(&format!(" {word} ")),
                    "{text:?} {word:?}"
                );
            }
        }
    }

    #[test]
    fn the_banded_edit_check_agrees_with_the_edit_distance() {
        let words = [
            "",
            "a",
            "lukashenko",
            "lukashenka",
            "lukasenko",
            "lukashenkoo",
            "ukashenko",
            "aleksandr",
            "alexander",
            "alexandr",
            "aliaksandr",
            "dmitri",
            "dmitry",
            "dzmitry",
            "peskov",
            "pieskov",
            "abcdefgh",
            "hgfedcba",
            "kolesnikova",
            "kalesnikava",
        ];
        for left in words {
            for right in words {
                for limit in 0..4 {
                    assert_eq!(
                        within_edits(left.as_bytes(), right.as_bytes(), limit),
                        briefbot_text::edit_distance(left, right) <= limit,
                        "{left} {right} {limit}"
                    );
                }
            }
        }
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
