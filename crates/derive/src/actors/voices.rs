//! Offices, descriptions, the groups an article cites as voices, anonymous sources, subjects.

use super::*;

impl<'a> Builder<'a> {
    /// "The office of Belarusian President Alexander Lukashenko" is an organisation.
    pub(super) fn offices(&mut self) {
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
    pub(super) fn descriptions(&mut self) {
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
    pub(super) fn voiced(&self, tokens: Range<usize>) -> bool {
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
    pub(super) fn groups(&mut self) {
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
    pub(super) fn anonymous_sources(&mut self) {
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
    pub(super) fn group_phrases(&self) -> Vec<Range<usize>> {
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
    pub(super) fn group_index(&self, words: &[&str]) -> Option<usize> {
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
    pub(super) fn link_known(&mut self) {
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
    pub(super) fn subjects(&mut self) {
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
