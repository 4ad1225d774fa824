//! One capitalised run split into title, name and kind.

use super::*;

impl<'a> Builder<'a> {
    /// Splits one capitalised run into title, name and kind.
    pub(super) fn analyse(
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
}
