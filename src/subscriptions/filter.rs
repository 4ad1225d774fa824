//! Which briefings a subscription posts: `tag:`, `actor:` and bare-word terms, `-` to exclude.
//!
//! A briefing passes when no exclusion matches it and, if there are inclusions, at least one
//! does. Matching folds case and accents (`Lukašenka` = `lukasenka`), as search does. Pure: the
//! adapter hands over the text of the `filter` option, the engine asks [`Filter::verdict`].

use std::fmt;

use crate::briefing::Briefing;
use crate::text::{edit_distance, fold, words};

/// The most terms one filter may hold.
pub const TERMS_MAX: usize = 20;
/// The longest filter text (the `filter` option's limit).
pub const FILTER_MAX: usize = 200;

/// A parsed filter; [`fmt::Display`] gives its canonical text, which [`Filter::parse`] reads back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// True for a leading `-`.
    exclude: bool,
    /// What the term looks at.
    field: Field,
    /// The value as typed (shown back to the admin).
    value: String,
    /// The value folded into words, as matched.
    words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// `tag:` — one of the briefing's tags.
    Tag,
    /// `actor:` — an actor's id, name or alias.
    Actor,
    /// A bare word or `"quoted words"` — in the title or the tl;dr.
    Word,
}

const PREFIXES: [(&str, Field); 2] = [("tag", Field::Tag), ("actor", Field::Actor)];

/// A filter that cannot be read, located in the text the admin typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// What is wrong and how to fix it.
    pub message: String,
    /// The first character at fault (0-based, in characters).
    pub start: usize,
    /// How many characters are at fault (at least 1).
    pub len: usize,
}

impl FilterError {
    /// The typed text with a caret line under the part at fault.
    pub fn pointer(&self, text: &str) -> String {
        let padding = " ".repeat(self.start);
        let carets = "^".repeat(self.len.max(1));
        format!("{text}\n{padding}{carets}")
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at column {})", self.message, self.start + 1)
    }
}

/// Whether a briefing passes a filter, and if not why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It is posted.
    Pass,
    /// It is not posted; the reason names the term (or terms) that decided.
    Skip(String),
}

impl Filter {
    /// Reads a filter: space-separated terms, each `tag:VALUE`, `actor:VALUE` or a bare word,
    /// with `"…"` around a value of several words and a leading `-` to exclude.
    pub fn parse(text: &str) -> Result<Filter, FilterError> {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() > FILTER_MAX {
            return Err(FilterError {
                message: format!("a filter holds at most {FILTER_MAX} characters"),
                start: FILTER_MAX,
                len: chars.len() - FILTER_MAX,
            });
        }
        let mut terms = Vec::new();
        let mut at = 0;
        while at < chars.len() {
            if chars[at].is_whitespace() {
                at += 1;
                continue;
            }
            let start = at;
            let (term, next) = parse_term(&chars, at)?;
            if terms.len() == TERMS_MAX {
                return Err(FilterError {
                    message: format!("a filter holds at most {TERMS_MAX} terms"),
                    start,
                    len: next - start,
                });
            }
            terms.push(term);
            at = next;
        }
        if terms.is_empty() {
            return Err(FilterError {
                message: "the filter is empty: write terms such as `tag:nuclear -tag:economy`"
                    .to_owned(),
                start: 0,
                len: 1,
            });
        }
        Ok(Filter { terms })
    }

    /// Whether `briefing` is posted under this filter.
    pub fn verdict(&self, briefing: &Briefing) -> Verdict {
        if let Some(excluded) = self
            .terms
            .iter()
            .find(|term| term.exclude && term.matches(briefing))
        {
            return Verdict::Skip(format!("filtered out by `{excluded}`"));
        }
        let inclusions: Vec<&Term> = self.terms.iter().filter(|term| !term.exclude).collect();
        if inclusions.is_empty() || inclusions.iter().any(|term| term.matches(briefing)) {
            return Verdict::Pass;
        }
        let names: Vec<String> = inclusions.iter().map(ToString::to_string).collect();
        Verdict::Skip(format!(
            "filtered out: matches none of `{}`",
            names.join(" ")
        ))
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let terms: Vec<String> = self.terms.iter().map(ToString::to_string).collect();
        f.write_str(&terms.join(" "))
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.exclude {
            f.write_str("-")?;
        }
        match self.field {
            Field::Tag => f.write_str("tag:")?,
            Field::Actor => f.write_str("actor:")?,
            Field::Word => {}
        }
        if self.value.contains(char::is_whitespace) {
            write!(f, "\"{}\"", self.value)
        } else {
            f.write_str(&self.value)
        }
    }
}

impl Term {
    fn matches(&self, briefing: &Briefing) -> bool {
        match self.field {
            Field::Tag => briefing
                .tags
                .iter()
                .any(|tag| folded_words(tag) == self.words),
            Field::Actor => briefing.actors.iter().any(|actor| {
                folded_words(&actor.id) == self.words
                    || actor
                        .names()
                        .any(|name| contains_run(&folded_words(name), &self.words))
            }),
            Field::Word => [&briefing.title, &briefing.summary.tldr]
                .iter()
                .any(|text| contains_run(&folded_words(text), &self.words)),
        }
    }
}

/// Reads one term starting at `start`; returns it and where the next one may begin.
fn parse_term(chars: &[char], start: usize) -> Result<(Term, usize), FilterError> {
    let mut at = start;
    let exclude = chars[at] == '-';
    if exclude {
        at += 1;
    }
    // A prefix is the letters before a colon, when the colon comes before any space or quote.
    let word_end = (at..chars.len())
        .find(|&index| chars[index].is_whitespace() || chars[index] == '"')
        .unwrap_or(chars.len());
    let colon = (at..word_end).find(|&index| chars[index] == ':');
    let field = match colon {
        Some(colon) => {
            let prefix: String = chars[at..colon].iter().collect();
            let known = PREFIXES
                .iter()
                .find(|(name, _)| prefix.eq_ignore_ascii_case(name));
            match known {
                Some((_, field)) => {
                    at = colon + 1;
                    *field
                }
                None => {
                    return Err(FilterError {
                        message: unknown_prefix(&prefix),
                        start: at,
                        len: colon + 1 - at,
                    });
                }
            }
        }
        None => Field::Word,
    };
    let (value, next) = if chars.get(at) == Some(&'"') {
        let Some(close) = (at + 1..chars.len()).find(|&index| chars[index] == '"') else {
            return Err(FilterError {
                message: "this quote is never closed: end the value with `\"`".to_owned(),
                start: at,
                len: chars.len() - at,
            });
        };
        (chars[at + 1..close].iter().collect::<String>(), close + 1)
    } else {
        let end = (at..chars.len())
            .find(|&index| chars[index].is_whitespace())
            .unwrap_or(chars.len());
        (chars[at..end].iter().collect::<String>(), end)
    };
    let value = value.trim().to_owned();
    let folded = folded_words(&value);
    if folded.is_empty() {
        let message = match field {
            Field::Tag => "`tag:` needs a tag after it, e.g. `tag:nuclear`".to_owned(),
            Field::Actor => "`actor:` needs an actor after it, e.g. `actor:putin`".to_owned(),
            Field::Word if exclude => "`-` needs a term after it, e.g. `-tag:economy`".to_owned(),
            Field::Word => "this term has no letters or digits to match".to_owned(),
        };
        return Err(FilterError {
            message,
            start,
            len: (next - start).max(1),
        });
    }
    Ok((
        Term {
            exclude,
            field,
            value,
            words: folded,
        },
        next,
    ))
}

/// "unknown term `tga:`, did you mean `tag:`?" — or the terms there are.
fn unknown_prefix(prefix: &str) -> String {
    let typed = prefix.to_ascii_lowercase();
    let closest = PREFIXES
        .iter()
        .map(|(name, _)| (edit_distance(&typed, name), *name))
        .min();
    match closest {
        Some((distance, name)) if distance <= 2 => {
            format!("unknown term `{prefix}:`, did you mean `{name}:`?")
        }
        _ => format!(
            "unknown term `{prefix}:`; a term is `tag:…`, `actor:…` or a bare word (with `-` in \
             front to exclude)"
        ),
    }
}

fn folded_words(text: &str) -> Vec<String> {
    words(&fold(text)).map(str::to_owned).collect()
}

/// Whether `needle` occurs in `haystack` as consecutive whole words.
fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::updates::testing::briefing;

    fn tagged(tags: &[&str]) -> Briefing {
        let mut briefing = (*briefing("a", "2026-11-27", None)).clone();
        briefing.tags = tags.iter().map(|tag| (*tag).to_owned()).collect();
        briefing
    }

    fn passes(filter: &str, briefing: &Briefing) -> bool {
        Filter::parse(filter).unwrap().verdict(briefing) == Verdict::Pass
    }

    #[test]
    fn an_exclusion_wins_over_an_inclusion() {
        let briefing = tagged(&["nuclear", "economy"]);
        assert!(passes("tag:nuclear", &briefing));
        assert!(!passes("tag:nuclear -tag:economy", &briefing));
        assert_eq!(
            Filter::parse("tag:nuclear -tag:Economy")
                .unwrap()
                .verdict(&briefing),
            Verdict::Skip("filtered out by `-tag:Economy`".into())
        );
        assert!(
            passes("-tag:energy", &briefing),
            "only exclusions: the rest passes"
        );
    }

    #[test]
    fn one_matching_inclusion_is_enough() {
        let briefing = tagged(&["union-state"]);
        assert!(passes("tag:nuclear tag:union-state", &briefing));
        assert_eq!(
            Filter::parse("tag:nuclear actor:putin")
                .unwrap()
                .verdict(&briefing),
            Verdict::Skip("filtered out: matches none of `tag:nuclear actor:putin`".into())
        );
    }

    #[test]
    fn actors_match_by_id_name_or_alias_and_words_by_title_or_tldr() {
        let mut briefing = tagged(&[]);
        briefing.actors[0].aliases = vec!["Lukašenka".to_owned()];
        assert!(passes("actor:lukashenko", &briefing));
        assert!(passes("actor:ALEXANDER", &briefing));
        assert!(passes("actor:lukasenka", &briefing), "accents folded");
        assert!(passes("actor:\"Alexander Lukashenko\"", &briefing));
        assert!(!passes("actor:putin", &briefing));
        assert!(passes("TITLE", &briefing), "the title is `Title of a`");
        assert!(passes("tl", &briefing), "the tl;dr is `The tl;dr of a.`");
        assert!(!passes("body", &briefing), "the body is not searched");
        assert!(!passes("titl", &briefing), "whole words only");
    }

    #[test]
    fn a_filter_reads_back_from_its_canonical_text() {
        let typed = "  tag:nuclear   -actor:\"Vladimir Putin\" Minsk ";
        let filter = Filter::parse(typed).unwrap();
        assert_eq!(
            filter.to_string(),
            "tag:nuclear -actor:\"Vladimir Putin\" Minsk"
        );
        assert_eq!(Filter::parse(&filter.to_string()).unwrap(), filter);
    }

    #[test]
    fn mistakes_are_located_with_a_suggestion() {
        let typed = "tag:nuclear -tga:economy";
        let error = Filter::parse(typed).unwrap_err();
        assert_eq!(error.message, "unknown term `tga:`, did you mean `tag:`?");
        assert_eq!(
            error.pointer(typed),
            "tag:nuclear -tga:economy\n             ^^^^"
        );
        assert_eq!(
            error.to_string(),
            "unknown term `tga:`, did you mean `tag:`? (at column 14)"
        );
        let far = Filter::parse("colour:red").unwrap_err();
        assert!(
            far.message.starts_with("unknown term `colour:`; a term is"),
            "{}",
            far.message
        );
        assert_eq!(
            Filter::parse("tag:").unwrap_err().message,
            "`tag:` needs a tag after it, e.g. `tag:nuclear`"
        );
        assert_eq!(Filter::parse("-").unwrap_err().start, 0);
        assert!(
            Filter::parse("actor:\"Putin")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(
            Filter::parse("   ")
                .unwrap_err()
                .message
                .starts_with("the filter is empty")
        );
        let many = vec!["a"; TERMS_MAX + 1].join(" ");
        assert!(
            Filter::parse(&many)
                .unwrap_err()
                .message
                .contains("at most 20 terms")
        );
    }
}
