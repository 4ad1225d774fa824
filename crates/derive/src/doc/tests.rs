//! Cleaning, paragraphs, sentences and words of short texts.

use super::*;

fn words(text: &str) -> Vec<String> {
    let doc = Doc::new(text);
    doc.tokens
        .iter()
        .map(|token| doc.word(token).to_owned())
        .collect()
}

#[test]
fn words_keep_apostrophes_acronyms_and_decimals() {
    assert_eq!(
        words("Belarus’s U.S. ally won 65.2 percent, in Belarus-Russia talks (Gazprom)."),
        [
            "Belarus’s",
            "U.S",
            "ally",
            "won",
            "65.2",
            "percent",
            "in",
            "Belarus-Russia",
            "talks",
            "Gazprom"
        ]
    );
}

#[test]
fn blank_lines_separate_paragraphs_and_join_wrapped_lines() {
    let doc = Doc::new("One line\nwrapped here.\n\nSecond paragraph.\n");
    assert_eq!(doc.paragraphs.len(), 2);
    assert_eq!(
        doc.slice(doc.paragraphs[0].clone()),
        "One line\nwrapped here."
    );
    let doc = Doc::new("\nFirst.\nSecond.\r\nThird.\n\n");
    assert_eq!(doc.paragraphs.len(), 3);
}

#[test]
fn lowercase_suffixes_are_stripped_as_after_lowercasing() {
    for text in [
        "According To",
        "according to",
        "ACCORDING TO",
        "Haccording to",
        "ccording to",
        "İ",
        "İs",
        "x K",
        "ΣA",
        "",
        "So-Called",
    ] {
        for suffix in ["according to", "to", "i", "s", "k", "a", "", "so-called"] {
            let lower = text.to_lowercase();
            assert_eq!(
                strip_suffix_lowercase(text, suffix).map(str::to_lowercase),
                lower.strip_suffix(suffix).map(str::to_owned),
                "{text:?} {suffix:?}"
            );
        }
    }
}

#[test]
fn general_punctuation_holds_no_word_characters() {
    for c in GENERAL_PUNCTUATION {
        assert!(
            !c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c),
            "{c:?}"
        );
    }
}

#[test]
fn control_and_direction_characters_are_cleaned() {
    assert_eq!(clean("a\tb\r\nc\u{202E}d\u{0}e\rf"), "a b\ncd e\nf");
    for dirty in ["\u{85}", "\u{2028}", "\u{2069}", "\u{FEFF}x", "\u{7F}"] {
        assert!(needs_cleaning(dirty), "{dirty:?}");
    }
    assert!(!needs_cleaning("“Curly” quotes — and dashes…\nare fine"));
}
