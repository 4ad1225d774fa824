//! Roles from the words around a name: appositives, pre-modifiers, "X, the …,".

use super::*;

impl<'a> Builder<'a> {
    /// "Belaruskali, the state potash producer,": an appositive headed by a company noun.
    pub(super) fn organisation_role_after(&self, name: Range<usize>) -> Option<String> {
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
    pub(super) fn organisation_role_before(&self, name: Range<usize>) -> Option<String> {
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
    pub(super) fn speech_verb_adjacent(&self, name: Range<usize>) -> bool {
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
    pub(super) fn context_role(&self, name: Range<usize>) -> Option<String> {
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
}
