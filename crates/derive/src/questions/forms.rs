//! The wording of a question: from a topic, a wh-clause, a participle's base form.

use super::*;

/// "the future of X" → "What is the future of X?"; "whether …" → a yes/no question;
/// anything else → "What does this mean for …?".
pub(super) fn topic_question(topic: &str) -> (String, bool) {
    let topic = topic.trim().trim_end_matches(['.', ',']);
    let lower = topic.to_lowercase();
    for wh in [
        "whether", "how", "what", "why", "when", "who", "where", "if",
    ] {
        if let Some(clause) = lower.strip_prefix(wh).filter(|rest| rest.starts_with(' ')) {
            let clause = &topic[topic.len() - clause.len()..];
            return clause_question(wh, clause);
        }
    }
    if lower.starts_with("the ") {
        return finish(format!("What is {}", subject(topic)), false);
    }
    if lower.starts_with("a ") || lower.starts_with("an ") {
        return finish(format!("Is there {topic}"), false);
    }
    finish(format!("What does this mean for {topic}"), true)
}

pub(super) const AUXILIARIES: &[&str] = &[
    "will", "would", "can", "could", "should", "may", "might", "must", "shall", "is", "are", "was",
    "were", "has", "have", "had", "does", "do", "did",
];

/// Turns an embedded clause into a question: "whether the Kremlin will respond" → "Will the
/// Kremlin respond?", "whether this signals a shift" → "Does this signal a shift?", "how
/// Moscow will react" → "How will Moscow react?".
pub(super) fn clause_question(wh: &str, clause: &str) -> (String, bool) {
    let clause = clause.trim().trim_end_matches(['.', ',', ' ']);
    let words: Vec<&str> = clause.split_whitespace().collect();
    let wh = wh.to_lowercase();
    let yes_no = wh == "whether" || wh == "if";
    let prefix = if yes_no {
        String::new()
    } else {
        format!("{} ", capitalise(&wh))
    };
    if !yes_no
        && words
            .first()
            .is_some_and(|word| AUXILIARIES.contains(&word.to_lowercase().as_str()))
    {
        return finish(format!("{prefix}{clause}"), false);
    }
    let determiner = |word: &str| {
        matches!(
            word.to_lowercase().as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "these" | "those" | "our"
        )
    };
    for (index, word) in words.iter().enumerate().take(7).skip(1) {
        let lower = word.to_lowercase();
        if AUXILIARIES.contains(&lower.as_str()) {
            let subject_words = words[..index].join(" ");
            let rest = words[index + 1..].join(" ");
            let auxiliary = if yes_no { capitalise(&lower) } else { lower };
            return finish(
                join_words(&[
                    &prefix,
                    &auxiliary,
                    " ",
                    &subject(&subject_words),
                    " ",
                    &rest,
                ]),
                false,
            );
        }
    }
    // Do-support for a verb in -s or -ed right after a short subject.
    for (index, word) in words.iter().enumerate().take(4).skip(1) {
        if index == 1 && determiner(words[0]) {
            continue;
        }
        let lower = word.to_lowercase();
        if !word.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let (auxiliary, base) = if lower.ends_with("ed") && lower.len() > 4 {
            ("did", base_form(&lower))
        } else if lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && lower.len() > 3
        {
            ("does", present_base(&lower))
        } else {
            continue;
        };
        let subject_words = words[..index].join(" ");
        let rest = words[index + 1..].join(" ");
        let auxiliary = if yes_no {
            capitalise(auxiliary)
        } else {
            auxiliary.to_owned()
        };
        return finish(
            join_words(&[
                &prefix,
                &auxiliary,
                " ",
                &subject(&subject_words),
                " ",
                &base,
                " ",
                &rest,
            ]),
            false,
        );
    }
    if yes_no {
        finish(format!("Will it become clear whether {clause}"), true)
    } else {
        finish(format!("{prefix}{clause}"), true)
    }
}

pub(super) fn join_words(parts: &[&str]) -> String {
    parts
        .concat()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A subject inside a question: "The Kremlin" → "the Kremlin", names keep their capital.
pub(super) fn subject(text: &str) -> String {
    let text = text.trim();
    let mut words = text.splitn(2, ' ');
    let first = words.next().unwrap_or_default();
    let rest = words.next();
    let first = if is_common_word(&first.to_lowercase()) && first != "I" {
        first.to_lowercase()
    } else {
        first.to_owned()
    };
    match rest {
        Some(rest) => format!("{first} {rest}"),
        None => first,
    }
}

/// Capitalises, trims trailing punctuation and appends `?`.
pub(super) fn finish(text: String, rephrase: bool) -> (String, bool) {
    let text = text
        .trim()
        .trim_end_matches(['.', ',', ';', ':', ' ', '—', '–']);
    (format!("{}?", capitalise(text)), rephrase)
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The base form of a past participle or past tense: "issued" → "issue", "responded" →
/// "respond", "replied" → "reply", "said" → "say".
pub(crate) fn base_form(participle: &str) -> String {
    let lower = participle.to_lowercase();
    if let Some(base) = irregular_base(&lower) {
        return base.to_owned();
    }
    let Some(stem) = lower.strip_suffix("ed") else {
        return lower;
    };
    if stem.ends_with('e') {
        return format!("{stem}e"); // "agreed" → "agree"
    }
    if let Some(stem) = stem.strip_suffix('i') {
        return format!("{stem}y");
    }
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    if n >= 2 && chars[n - 1] == chars[n - 2] && !matches!(chars[n - 1], 'l' | 's' | 'z' | 'f') {
        return chars[..n - 1].iter().collect();
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let last = chars.last().copied().unwrap_or_default();
    let keeps_e = matches!(last, 'c' | 'v' | 'z' | 'g' | 'u')
        || last == 's' && n >= 2 && vowel(chars[n - 2])
        || n >= 3
            && !vowel(last)
            && vowel(chars[n - 2])
            && !vowel(chars[n - 3])
            && matches!(last, 'd' | 't' | 'k' | 'r' | 'p' | 'm' | 'n' | 'b')
            && !matches!(
                stem,
                "visit"
                    | "edit"
                    | "limit"
                    | "credit"
                    | "exhibit"
                    | "profit"
                    | "benefit"
                    | "deposit"
                    | "audit"
                    | "inherit"
                    | "answer"
                    | "offer"
                    | "differ"
                    | "enter"
                    | "render"
                    | "deliver"
                    | "consider"
                    | "gather"
                    | "happen"
                    | "open"
                    | "listen"
                    | "threaten"
                    | "question"
                    | "mention"
                    | "sharpen"
                    | "weaken"
                    | "strengthen"
                    | "order"
                    | "alter"
                    | "remember"
                    | "wonder"
                    | "murder"
                    | "broker"
                    | "summon"
                    | "reckon"
                    | "develop"
            );
    if keeps_e || stem.ends_with("at") && n > 3 {
        format!("{stem}e")
    } else {
        stem.to_owned()
    }
}

/// The base form of a present tense in -s: "signals" → "signal", "tries" → "try".
pub(super) fn present_base(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "sses", "xes", "zes", "oes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}
