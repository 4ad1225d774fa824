//! The builder's view of the text: words, capitalised runs, names, compounds, institutions.

use super::*;

impl<'a> Builder<'a> {
    pub(super) fn in_quote(&self, offset: usize) -> bool {
        let index = self.quoted.partition_point(|range| range.start <= offset);
        index > 0 && self.quoted[index - 1].contains(&offset)
    }

    pub(super) fn word(&self, index: usize) -> &'a str {
        let doc: &'a Doc = self.doc;
        doc.word(&doc.tokens[index])
    }

    pub(super) fn span(&self, tokens: Range<usize>) -> Range<usize> {
        let first = &self.doc.tokens[tokens.start];
        let last = &self.doc.tokens[tokens.end - 1];
        first.start..last.end
    }

    /// The run's words as the article writes them, possessive dropped.
    pub(super) fn name_text(&self, tokens: Range<usize>) -> String {
        let span = self.span(tokens);
        let written = strip_possessive(self.doc.slice(span));
        // Editorial brackets ("[Russian President Vladimir] Putin") are not part of a name.
        if written.contains(['[', ']']) {
            let text: String = written
                .chars()
                .filter(|c| !matches!(c, '[' | ']'))
                .collect();
            crate::one_line(&text)
        } else {
            crate::one_line(written)
        }
    }

    /// The folded words of a span joined by spaces; a single word is borrowed as it is.
    pub(super) fn folded_span(&self, tokens: Range<usize>) -> Cow<'a, str> {
        match self.folded[tokens] {
            [word] => Cow::Borrowed(word),
            ref words => Cow::Owned(words.join(" ")),
        }
    }

    pub(super) fn sentence_initial(&self, index: usize) -> bool {
        let token = &self.doc.tokens[index];
        let sentence = &self.doc.sentences[token.sentence];
        self.doc
            .slice(sentence.range.start..token.start)
            .chars()
            .all(|c| !c.is_alphanumeric())
    }

    /// Whether the gap between two tokens lets a name run on ("Mr. Lavrov", "[Vladimir] Putin").
    pub(super) fn joins(&self, left: usize, right: usize) -> bool {
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

    pub(super) fn capitalised(&self, index: usize) -> bool {
        // The tokenizer noted both facts: its first letter is uppercase, and a hyphenated
        // modifier ("US-supplied") or compound ("Belarus-Russia") is a name only when known.
        // A hyphenated title ("Secretary-General", "Vice-President") is a title like any other.
        self.doc.capitalised(index)
            && (!self.doc.hyphenated(index)
                || self.known_compound(index)
                || self.entry(index).has(bit::TITLE_WORD))
    }

    pub(super) fn known_compound(&self, index: usize) -> bool {
        self.entry(index).organisation().is_some()
            || self.gazetteer.by_name(self.folded[index]).is_some()
    }

    /// What the word lists say about a token's folded word (looked up once per article).
    pub(super) fn entry(&self, index: usize) -> Entry {
        self.doc.entry(index)
    }

    /// What the word lists say about a span's folded words, as [`Self::folded_span`] joins
    /// them.
    pub(super) fn span_entry(&self, tokens: Range<usize>, folded: &str) -> Entry {
        if tokens.len() == 1 {
            self.entry(tokens.start)
        } else {
            lexicon::entry(folded)
        }
    }

    /// Maximal runs of capitalised words, with "of", "for", "on the" inside.
    pub(super) fn runs(&self) -> Vec<Range<usize>> {
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

    pub(super) fn names(&mut self) {
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
    pub(super) fn compounds(&mut self) {
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
    pub(super) fn institutions(&mut self) {
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
}
