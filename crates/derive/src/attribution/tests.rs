//! One test (or a few) per sieve, through the real pipeline: the article's quotes, its cast,
//! then the sieves. Each checks who speaks and which sieve decided.

use super::*;
use crate::actors;
use crate::gazetteer::Gazetteer;
use crate::quotes;

/// Each quote's speaker (by name), the deciding sieve, and whether it was left unsure.
fn attributed(text: &str) -> Vec<(Option<String>, Option<&'static str>, bool)> {
    let doc = Doc::new(text);
    let spans = quotes::extract(&doc);
    let cast = actors::find(&doc, &spans, &Gazetteer::new());
    let real: Vec<&QuoteSpan> = spans.iter().filter(|quote| !quote.scare).collect();
    attribute(&doc, &real, &cast)
        .into_iter()
        .map(|found| {
            (
                found.speaker.map(|actor| cast.actors[actor].name.clone()),
                found.sieve.map(Sieve::name),
                found.unsure.is_some(),
            )
        })
        .collect()
}

fn one(text: &str) -> (Option<String>, Option<&'static str>, bool) {
    let all = attributed(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

fn sure(name: &str, sieve: &'static str) -> (Option<String>, Option<&'static str>, bool) {
    (Some(name.to_owned()), Some(sieve), false)
}

#[test]
fn interrupted_the_attribution_between_the_parts() {
    assert_eq!(
        one("“We will not,” Alexander Lukashenko said on Friday, “become anyone’s vassal.”"),
        sure("Alexander Lukashenko", "interrupted")
    );
}

#[test]
fn trailing_names_inverts_and_survives_a_question_mark() {
    assert_eq!(
        one("“The border stays open,” Dmitry Peskov told reporters in Moscow."),
        sure("Dmitry Peskov", "trailing")
    );
    assert_eq!(
        one("Alexander Lukashenko met officials. “The border stays open,” said Lukashenko."),
        sure("Alexander Lukashenko", "trailing")
    );
    assert_eq!(
        one("Vladimir Putin spoke in Sochi. “Why should we pay more?” Putin asked."),
        sure("Vladimir Putin", "trailing")
    );
}

#[test]
fn trailing_a_state_inside_a_longer_phrase_is_not_the_speaker() {
    // "the president of Belarus" with no president named: Belarus is a place here.
    let (speaker, sieve, unsure) =
        one("Talks resumed in Minsk. “We want peace,” said the foreign partner of Belarus.");
    assert_eq!((speaker, sieve, unsure), (None, Some("trailing"), true));
    // As the grammatical subject, a state or its capital does speak.
    assert_eq!(
        one("Russia and Belarus met. “The deal is done,” Moscow said."),
        sure("Russia", "trailing")
    );
}

#[test]
fn trailing_according_to() {
    assert_eq!(
        one("Talks went on. “No deal was reached,” according to Dmitry Peskov."),
        sure("Dmitry Peskov", "trailing according-to")
    );
}

#[test]
fn colon_the_verb_before_a_colon_and_a_participle() {
    assert_eq!(
        one("Alexander Lukashenko told the state broadcaster: “We stand firm.”"),
        sure("Alexander Lukashenko", "colon")
    );
    assert_eq!(
        one("Dmitry Peskov dismissed the report on Monday, adding: “Nothing was discussed.”"),
        sure("Dmitry Peskov", "colon")
    );
}

#[test]
fn leading_a_verb_right_before_the_quote() {
    assert_eq!(
        one("Alexander Lukashenko said, “The union is not a merger.”"),
        sure("Alexander Lukashenko", "leading")
    );
}

#[test]
fn leading_according_to() {
    assert_eq!(
        one("According to Dmitry Peskov, “the talks were constructive and long.”"),
        sure("Dmitry Peskov", "leading according-to")
    );
}

#[test]
fn sentence_verb_the_subject_of_an_earlier_speech_verb() {
    assert_eq!(
        one("Alexander Lukashenko described the talks as “difficult but necessary for us both.”"),
        sure("Alexander Lukashenko", "sentence verb")
    );
}

#[test]
fn sentence_verb_of_several_people_the_sentences_subject_speaks() {
    // Lukashenko heads the sentence; Putin is only named inside it.
    assert_eq!(
        one(
            "Alexander Lukashenko, after talks with Vladimir Putin, described the plan as “dead on arrival for everyone.”"
        ),
        sure("Alexander Lukashenko", "sentence verb")
    );
}

#[test]
fn continuation_a_following_quote_keeps_its_speaker() {
    let all =
        attributed("“We will not yield,” Alexander Lukashenko said. “Nobody will make us kneel.”");
    assert_eq!(
        all,
        [
            sure("Alexander Lukashenko", "trailing"),
            sure("Alexander Lukashenko", "continuation")
        ]
    );
}

#[test]
fn pronouns_point_to_who_last_reported_speech() {
    // Putin is the sentence's subject, but Peskov is the one speaking: "he" is Peskov.
    let all = attributed(
        "Vladimir Putin did not offer a merger, Kremlin spokesman Dmitry Peskov told TASS on Wednesday. “No, it is not true,” he said.",
    );
    assert_eq!(all, [sure("Dmitry Peskov", "trailing")]);
}

#[test]
fn a_pronoun_with_nobody_before_it_is_unsure() {
    assert_eq!(
        one("“It is over,” he said on Tuesday."),
        (None, Some("trailing"), true)
    );
}

#[test]
fn the_statement_goes_to_the_organisation_that_issued_it() {
    assert_eq!(
        one(
            "The Kremlin issued a statement on Monday. “The visit is postponed,” the statement said."
        ),
        sure("Kremlin", "trailing")
    );
}

#[test]
fn no_attribution_leaves_the_quote_unattributed_without_a_guess() {
    assert_eq!(
        one(
            "A banner at the rally read “Belarus is not for sale to anyone at all”. Nobody claimed it."
        ),
        (None, None, false)
    );
}

#[test]
fn trailing_an_outlet_quoting_someone_gives_the_one_quoted() {
    assert_eq!(
        one(
            "Viktor Hulevich spoke on Monday. “Our country has to respond,” state-run news agency BelTA quotes Hulevich."
        ),
        sure("Viktor Hulevich", "trailing")
    );
}

#[test]
fn descriptors_point_back_to_the_office_holder_named_before() {
    let all = attributed(
        "Belarusian President Alexander Lukashenko met Kremlin spokesman Dmitry Peskov in Minsk. “We are brothers,” noted the Belarusian leader. “Nothing was signed,” the Kremlin spokesman added. “The union stays,” said the president of Belarus.",
    );
    assert_eq!(
        all,
        [
            sure("Alexander Lukashenko", "trailing"),
            sure("Dmitry Peskov", "trailing"),
            sure("Alexander Lukashenko", "trailing"),
        ]
    );
}

#[test]
fn an_outlet_that_reports_is_not_the_one_who_spoke() {
    let all = attributed(
        "Alexander Lukashenko spoke in Minsk on Friday. “The union is not a merger,” BelTA reported.",
    );
    assert_eq!(all.len(), 1);
    assert_ne!(all[0].0.as_deref(), Some("BelTA"));
}
