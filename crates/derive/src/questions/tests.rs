//! Questions drafted from the sentences that state uncertainty.

use super::*;

fn ask(sentence: &str) -> Option<String> {
    question_for(sentence, &|_| false).map(|(text, _)| text)
}

#[test]
fn unanswered_matters_become_questions() {
    assert_eq!(
        ask("The Kremlin has not yet issued an official response, but commentators were critical.")
            .as_deref(),
        Some("Will the Kremlin issue an official response?")
    );
    assert_eq!(
        ask(
            "Whether this signals a long-term shift or a temporary recalibration remains uncertain."
        )
        .as_deref(),
        Some("Does this signal a long-term shift or a temporary recalibration?")
    );
    assert_eq!(
        ask("It is unclear how Moscow will react to the move.").as_deref(),
        Some("How will Moscow react to the move?")
    );
    assert_eq!(
        ask("This development raises critical questions about the future of Belarus-Russia relations.").as_deref(),
        Some("What is the future of Belarus-Russia relations?")
    );
    assert_eq!(
        ask("Peskov did not say whether Putin would attend the summit.").as_deref(),
        Some("Would Putin attend the summit?")
    );
    assert_eq!(
        ask("No date has been set for the next meeting.").as_deref(),
        Some("Will a date be set for the next meeting?")
    );
    assert_eq!(
        ask("Belaruskali, the state potash producer, has yet to comment on the decision.")
            .as_deref(),
        Some("Will Belaruskali comment on the decision?")
    );
    assert_eq!(
        ask("The operator Litgrid declined to comment on the plan.").as_deref(),
        Some("Will the operator Litgrid comment on the plan?")
    );
    assert_eq!(
        ask("The ministry did not respond to a request for comment.").as_deref(),
        Some("Will the ministry respond to a request for comment?")
    );
    assert_eq!(
        ask("The timing of the deployment remains unclear.").as_deref(),
        Some("What is the timing of the deployment?")
    );
    assert_eq!(
        ask("They agreed, but many details of the plan remain unsettled.").as_deref(),
        Some("Which details of the plan remain unsettled?")
    );
}

#[test]
fn plain_statements_are_not_questions() {
    assert_eq!(ask("Lukashenko said the talks went well."), None);
    assert_eq!(ask("It is clear whether he will come."), None);
}

#[test]
fn participles_lose_their_ending() {
    let cases = [
        ("issued", "issue"),
        ("responded", "respond"),
        ("replied", "reply"),
        ("commented", "comment"),
        ("confirmed", "confirm"),
        ("announced", "announce"),
        ("decided", "decide"),
        ("stated", "state"),
        ("said", "say"),
        ("visited", "visit"),
        ("committed", "commit"),
        ("agreed", "agree"),
        ("released", "release"),
        ("addressed", "address"),
        ("ratified", "ratify"),
        ("recognised", "recognise"),
    ];
    for (participle, base) in cases {
        assert_eq!(base_form(participle), base, "{participle}");
    }
}
