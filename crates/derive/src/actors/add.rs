//! Adding what a run turned out to be to the cast: people, known actors, states, organisations.

use super::*;

impl<'a> Builder<'a> {
    pub(super) fn is_known(&self, tokens: Range<usize>) -> bool {
        let folded = self.folded_span(tokens.clone());
        let entry = self.span_entry(tokens, &folded);
        entry.state().is_some()
            || entry.organisation().is_some()
            || self.gazetteer.by_name(&folded).is_some()
            || self.gazetteer.by_surname(&folded).is_some()
    }

    pub(super) fn mention(&mut self, actor: usize, range: Range<usize>) {
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

    pub(super) fn person_index(&self, name: &[&str]) -> Option<usize> {
        let surname = name.last()?;
        let given = (name.len() >= 2).then(|| name[0]);
        with_translit(surname, |surname| match given {
            Some(given) => with_translit(given, |given| self.person_matching(surname, Some(given))),
            None => self.person_matching(surname, None),
        })
    }

    /// The last person with a name whose transliterated surname and given name are similar to
    /// these.
    pub(super) fn person_matching(&self, surname: &str, given: Option<&str>) -> Option<usize> {
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
    pub(super) fn refresh_keys(&mut self, index: usize) {
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

    pub(super) fn add_person(&mut self, name: Range<usize>, role: Option<String>) {
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

    pub(super) fn add_known(
        &mut self,
        tokens: Range<usize>,
        known: &KnownActor,
        role: Option<String>,
    ) {
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

    pub(super) fn add_state(&mut self, tokens: Range<usize>, state: usize) {
        let entry = &STATES[state];
        let gazetteer: &'a Gazetteer = self.gazetteer;
        if let Some(known) = gazetteer.by_name(&entry.key) {
            return self.add_known(tokens, known, None);
        }
        let span = self.span(tokens);
        self.add_state_at(span, state);
    }

    pub(super) fn add_state_at(&mut self, span: Range<usize>, state: usize) {
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

    pub(super) fn add_organisation(&mut self, tokens: Range<usize>, organisation: usize) {
        let entry = &ORGANISATIONS[organisation];
        let gazetteer: &'a Gazetteer = self.gazetteer;
        if let Some(known) = gazetteer.by_name(&entry.key) {
            return self.add_known(tokens, known, None);
        }
        // A group is an actor when it speaks; "the West" is one whenever it is named.
        if entry.group && entry.name != "the West" && !self.voiced(tokens.clone()) {
            return;
        }
        let span = self.span(tokens.clone());
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
                // The article's own words win over the built-in role ("Russia's
                // state-controlled gas monopoly Gazprom").
                actor.role = self
                    .organisation_role_before(tokens.clone())
                    .or_else(|| self.organisation_role_after(tokens.clone()));
                actor.state = (!entry.state.is_empty()).then_some(entry.state.as_str());
                self.cast.actors.push(actor);
                self.cast.actors.len() - 1
            }
        };
        self.mention(index, span);
    }

    pub(super) fn add_new_organisation(&mut self, tokens: Range<usize>, role: Option<String>) {
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
    pub(super) fn resolve_unknown(&mut self, name: Range<usize>) {
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
}
