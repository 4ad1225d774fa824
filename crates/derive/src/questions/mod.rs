//! Open questions: sentences that state uncertainty or an unanswered matter, turned into
//! questions ("The Kremlin has not yet responded" → "Will the Kremlin respond?").

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::doc::Doc;
use super::lexicon::{irregular_base, is_common_word};
use super::quotes::QuoteSpan;

/// A question drafted from one sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundQuestion {
    /// The question, ending in `?`.
    pub text: String,
    /// Index of the sentence it comes from.
    pub sentence: usize,
    /// True when the wording is a fallback an editor should rephrase.
    pub rephrase: bool,
}

const CLAUSE_START: &str = r"(?:^|[,;—–]\s*(?:but\s+|and\s+|while\s+|although\s+)?|(?-u:\b)(?:but|while|although|though|as|and)\s+)";

static HAS_NOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{CLAUSE_START}(?P<subject>[^,;:.!?\x22“”]+?)\s+(?:has|have|had)\s+not\s+(?:yet\s+|so\s+far\s+|still\s+|publicly\s+|officially\s+)*(?P<verb>responded|commented|confirmed|issued|announced|said|explained|decided|replied|reacted|clarified|disclosed|revealed|specified|answered|set|given|made|published|signed|ratified|recognised|recognized|approved|agreed|addressed|named|elaborated|acknowledged|indicated|provided|released|denied)(?-u:\b)(?P<rest>[^,;.!?\x22“”]*)"
    ))
    .expect("valid regex")
});

static YET_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{CLAUSE_START}(?P<subject>[^,;:.!?\x22“”]+?)(?:,[^,]+,)?\s+(?:has|have|is|are)\s+yet\s+to\s+(?P<verb>[a-z]+)(?P<rest>[^,;.!?\x22“”]*)"
    ))
    .expect("valid regex")
});

static WITHOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)without\s+(?:giving|providing|offering|setting|naming|announcing)\s+(?:a\s+|any\s+)?(?P<noun>timetable|timeline|date|deadline|details|figures?|reason|explanation)(?-u:\b)")
        .expect("valid regex")
});

static DID_NOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{CLAUSE_START}(?P<subject>[^,;:.!?\x22“”]+?)\s+(?:did\s+not|didn't|does\s+not|do\s+not|declined\s+to|refused\s+to)\s+(?:immediately\s+|publicly\s+)?(?P<verb>respond|reply|comment|confirm|deny|react|elaborate)(?-u:\b)(?P<rest>[^,;.!?\x22“”]*)"
    ))
    .expect("valid regex")
});

static WH_REMAINS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i){CLAUSE_START}(?P<wh>whether|if|how|when|what|why|who|where)\s+(?P<clause>[^;:!?\x22“”]+?)\s+(?:remains?|is|was|are|were)\s+(?:still\s+|yet\s+|also\s+)?(?:uncertain|unclear|unknown|not\s+(?:yet\s+)?clear|an\s+open\s+question|to\s+be\s+seen|undecided|in\s+doubt)(?-u:\b)"
    ))
    .expect("valid regex")
});

static UNCLEAR_WH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:it\s+(?:is|was|remains|remained)\s+(?:still\s+|also\s+)?(?:unclear|uncertain|unknown|not\s+(?:yet\s+|immediately\s+)?clear|to\s+be\s+seen|an\s+open\s+question)|it\s+remains\s+to\s+be\s+seen|(?:nobody|no\s+one)\s+knows|(?:did|does|do)\s+not\s+(?:say|specify|disclose|explain|reveal)|(?:would|will)\s+not\s+say|declined\s+to\s+say|unclear|uncertain)\s+(?P<wh>whether|if|how|when|what|why|who|where|which)\s+(?P<clause>[^;!?\x22“”]+)")
        .expect("valid regex")
});

static RAISES_QUESTIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:raises?|raised|raising|poses?|posed|posing|leaves?|left|leaving|prompts?|prompted|prompting)\s+(?:[\w-]+\s+){0,2}?questions?\s+(?:about|over|on|as\s+to|regarding|of)\s+(?P<topic>[^;:!?\x22“”]+)")
        .expect("valid regex")
});

static SPECULATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:sparking|sparked|sparks|fuelling|fueling|fuelled|fueled|fuels|prompting|prompted|raising|raised|raises|casting|cast|casts)\s+(?:[\w-]+\s+)?(?:speculation|doubts?)\s+(?P<link>about|over|on|that|whether|as\s+to)\s+(?P<topic>[^;:!?\x22“”]+)")
        .expect("valid regex")
});

static NO_X_YET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)no\s+(?P<noun>date|decision|agreement|details|timeline|timetable|deal|explanation|reason|figures?)\s+(?:has|have)\s+(?:yet\s+|so\s+far\s+)?been\s+(?P<verb>set|made|reached|announced|given|agreed|disclosed|released|published|fixed|offered|provided)(?P<rest>[^;:.!?\x22“”]*)")
        .expect("valid regex")
});

static NP_UNCLEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{CLAUSE_START}(?P<np>(?i:the|many|some|several|key|most|other|its|their)\s+[^,;:.!?\x22“”]+?)\s+(?P<verb>remains?|is|are|was|were)\s+(?:still\s+|also\s+)?(?P<state>unclear|uncertain|unknown|undecided|unsettled|unresolved|an\s+open\s+question|not\s+(?:yet\s+)?(?:known|clear|settled|resolved))(?-u:\b)"
    ))
    .expect("valid regex")
});

static CUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:not|n't|declined|refused|knows|yet\s+to|without|unclear|uncertain|unknown|undecided|unsettled|unresolved|whether|questions?|speculation|doubts?|seen|no\s+(?:date|decision|agreement|details|timeline|timetable|deal|explanation|reason|figures?))(?-u:\b)|\?")
        .expect("valid regex")
});

/// Finds the open questions of an article, at most one per sentence.
pub(crate) fn find(doc: &Doc, quotes: &[&QuoteSpan]) -> Vec<FoundQuestion> {
    let mut found = Vec::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.range.clone();
        let quoted: usize = quotes
            .iter()
            .map(|quote| {
                quote
                    .close
                    .min(range.end)
                    .saturating_sub(quote.open.max(range.start))
            })
            .sum();
        if quoted * 2 > range.len() {
            continue;
        }
        if !CUES.is_match(doc.slice(range.clone())) {
            continue;
        }
        let text = doc.slice(range.clone()).replace('\n', " ");
        let inside = |offset: usize| {
            quotes
                .iter()
                .any(|quote| quote.contains(range.start + offset))
        };
        if let Some((question, rephrase)) = question_for_cued(&text, &inside) {
            found.push(FoundQuestion {
                text: question,
                sentence: index,
                rephrase,
            });
        }
    }
    found
}

#[cfg(test)]
fn question_for(sentence: &str, inside: &dyn Fn(usize) -> bool) -> Option<(String, bool)> {
    // Most sentences hold no cue at all; one cheap search spares them every pattern below.
    if !CUES.is_match(sentence) {
        return None;
    }
    question_for_cued(sentence, inside)
}

/// [`question_for`] on a sentence [`CUES`] matches (the caller searched already).
fn question_for_cued(sentence: &str, inside: &dyn Fn(usize) -> bool) -> Option<(String, bool)> {
    // A subject, clause or topic longer than this is a sentence the pattern misread.
    let fits = |captures: &Captures<'_>| {
        ["subject", "np"].iter().all(|name| {
            captures
                .name(name)
                .is_none_or(|part| part.as_str().len() <= 120)
        }) && ["clause", "topic"].iter().all(|name| {
            captures
                .name(name)
                .is_none_or(|part| part.as_str().len() <= 300)
        })
    };
    let usable = |captures: &Captures<'_>| {
        captures.get(0).is_some_and(|whole| !inside(whole.start())) && fits(captures)
    };
    // Each pattern needs a word of its own; checking for it first spares the full search.
    let lower = sentence.to_ascii_lowercase();
    let has = |word: &str| lower.contains(word);
    // For the case-insensitive patterns: "ſ" and the Kelvin sign match "s" and "k" there,
    // and a lowercase ASCII copy cannot show them, so with either no word is ruled out.
    let exotic = sentence.contains(['ſ', '\u{212A}']);
    let has_ignoring_case = |word: &str| exotic || has(word);
    let negation = has("not ") || has("n't") || has("declined") || has("refused");
    let unclear = has("unclear")
        || has("uncertain")
        || has("unknown")
        || has("seen")
        || has("open question")
        || has("undecided")
        || has("in doubt")
        || has("not clear")
        || has("knows")
        || has("not say")
        || has("not specify")
        || has("not disclose")
        || has("not explain")
        || has("not reveal")
        || has("to say")
        || has("clear") && negation;
    if !negation
        && !unclear
        && !has("question")
        && !has("speculation")
        && !has("doubt")
        && !has("no ")
        && !has("unsettled")
        && !has("unresolved")
        && !has("yet to")
        && !has("without")
        && !sentence.trim_end().ends_with('?')
    {
        return None;
    }
    let has_had_have = || has("has") || has("had") || has("have");
    if let Some(captures) = (negation && has_had_have())
        .then(|| HAS_NOT.captures(sentence))
        .flatten()
        .filter(usable)
    {
        let verb = base_form(&captures["verb"]);
        return Some(finish(
            format!(
                "Will {} {}{}",
                subject(&captures["subject"]),
                verb,
                captures["rest"].trim_end()
            ),
            false,
        ));
    }
    if let Some(captures) = has("yet to")
        .then(|| YET_TO.captures(sentence))
        .flatten()
        .filter(usable)
    {
        let (subject_text, verb) = (subject(&captures["subject"]), &captures["verb"]);
        let rest = captures["rest"].trim_end();
        return Some(finish(format!("Will {subject_text} {verb}{rest}"), false));
    }
    if let Some(captures) = has("without")
        .then(|| WITHOUT.captures(sentence))
        .flatten()
        .filter(usable)
    {
        // "…, without giving a timetable": the article says what is missing, not about what.
        let question = match captures["noun"].to_lowercase().as_str() {
            "timetable" | "timeline" | "date" | "deadline" => "When will it happen?".to_owned(),
            other => format!("What are the {other}?"),
        };
        return Some((question, true));
    }
    // The pattern's verbs (lowercase there) as a literal check first.
    let did_not_verb = || {
        [
            "respond",
            "reply",
            "comment",
            "confirm",
            "deny",
            "react",
            "elaborate",
        ]
        .iter()
        .any(|verb| has(verb))
    };
    if let Some(captures) = (negation && did_not_verb())
        .then(|| DID_NOT.captures(sentence))
        .flatten()
        .filter(usable)
    {
        return Some(finish(
            format!(
                "Will {} {}{}",
                subject(&captures["subject"]),
                &captures["verb"],
                captures["rest"].trim_end()
            ),
            false,
        ));
    }
    if let Some(captures) = unclear
        .then(|| WH_REMAINS.captures(sentence))
        .flatten()
        .filter(usable)
    {
        return Some(clause_question(&captures["wh"], &captures["clause"]));
    }
    if let Some(captures) = unclear
        .then(|| UNCLEAR_WH.captures(sentence))
        .flatten()
        .filter(usable)
    {
        return Some(clause_question(&captures["wh"], &captures["clause"]));
    }
    if let Some(captures) = has_ignoring_case("question")
        .then(|| RAISES_QUESTIONS.captures(sentence))
        .flatten()
        .filter(usable)
    {
        return Some(topic_question(&captures["topic"]));
    }
    if let Some(captures) = (has_ignoring_case("speculation") || has("doubt"))
        .then(|| SPECULATION.captures(sentence))
        .flatten()
        .filter(usable)
    {
        let topic = captures["topic"].trim_end_matches(['.', ' ']);
        return Some(match captures["link"].to_lowercase().as_str() {
            "whether" => clause_question("whether", topic),
            "that" => finish(format!("Is it true that {topic}"), true),
            _ => topic_question(topic),
        });
    }
    if let Some(captures) = has("been")
        .then(|| NO_X_YET.captures(sentence))
        .flatten()
        .filter(usable)
    {
        let noun = captures["noun"].to_lowercase();
        let article = if noun.ends_with('s') { "" } else { "a " };
        let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) && !article.is_empty() {
            "an "
        } else {
            article
        };
        return Some(finish(
            format!(
                "Will {article}{noun} be {}{}",
                &captures["verb"],
                captures["rest"].trim_end()
            ),
            false,
        ));
    }
    // Every state the pattern names (lowercase there) holds "un", "not" or "question".
    if let Some(captures) = (has("un") || has("not") || has("question"))
        .then(|| NP_UNCLEAR.captures(sentence))
        .flatten()
        .filter(usable)
    {
        let np = captures["np"].trim();
        let (determiner, rest) = np.split_once(' ').unwrap_or((np, ""));
        if determiner.eq_ignore_ascii_case("the") {
            let plural = matches!(&captures["verb"], "are" | "remain" | "were");
            let verb = if plural { "are" } else { "is" };
            return Some(finish(format!("What {verb} {}", subject(np)), false));
        }
        // "Many details of the plan remain unsettled" → "Which details of the plan remain unsettled?"
        return Some(finish(
            format!("Which {rest} {} {}", &captures["verb"], &captures["state"]),
            false,
        ));
    }
    let trimmed = sentence.trim();
    if trimmed.ends_with('?') && !inside(0) && !trimmed.starts_with(['"', '“', '‘', '\'']) {
        return Some((trimmed.to_owned(), false));
    }
    None
}

mod forms;

pub(crate) use forms::base_form;
use forms::*;

#[cfg(test)]
mod tests;
