//! The scorer on tiny annotations: what counts, what the table and the lines say.

use super::*;

#[test]
fn a_perfect_annotation_scores_one_and_a_wrong_one_less() {
    let article = "Belarusian President Alexander Lukashenko spoke. “We will not become a vassal state,” he said.";
    let good = r#"
[[quotes]]
text = "We will not become a vassal state,"
speaker = "Alexander Lukashenko"
[[actors]]
name = "Alexander Lukashenko"
kind = "person"
role = "President of Belarus"
"#;
    let case = |annotation: &str| Case {
        name: "t".to_owned(),
        article: article.to_owned(),
        annotation: annotation.to_owned(),
    };
    let report = evaluate(&[case(good)], &[]).unwrap();
    for field in report.fields.iter().filter(|field| !field.is_empty()) {
        assert_eq!(
            (field.precision(), field.recall()),
            (1.0, 1.0),
            "{report}\n{:#?}",
            report.mismatches
        );
    }
    let wrong = good
        .replace("vassal state", "vassal nation")
        .replace("role = \"President of Belarus\"", "role = \"Spokesman\"");
    let report = evaluate(&[case(&wrong)], &[]).unwrap();
    assert_eq!(report.field("quotes").unwrap().recall(), 0.0);
    assert_eq!(report.field("roles").unwrap().precision(), 0.0);
    assert!(report.to_string().starts_with("field"), "{report}");
}

#[test]
fn a_speaker_must_be_an_annotated_actor() {
    let case = Case {
        name: "t".to_owned(),
        article: "Text.".to_owned(),
        annotation: "[[quotes]]\ntext = \"x\"\nspeaker = \"Nobody\"\n".to_owned(),
    };
    let error = evaluate(&[case], &[]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("speaker \"Nobody\" is not the name"),
        "{error}"
    );
}

#[test]
fn an_empty_field_prints_a_dash_and_the_summary_says_so() {
    let case = Case {
        name: "t".to_owned(),
        article: "Lukashenko spoke in Minsk on Tuesday.".to_owned(),
        annotation: "[[actors]]\nname = \"Lukashenko\"\nkind = \"person\"\n".to_owned(),
    };
    let table = evaluate(&[case], &[]).unwrap().to_string();
    assert!(
        table.contains("\nquestions           —       —      —     0     0     0\n"),
        "{table}"
    );
    assert!(
        table.contains("\nactors          1.000   1.000  1.000     1     0     0\n"),
        "{table}"
    );
    assert!(
        table.ends_with("1 article; — nothing annotated and nothing found: quotes, speakers, roles, questions, key quote"),
        "{table}"
    );
}

#[test]
fn a_wrong_speaker_is_counted_apart_and_explained_with_its_sentence() {
    let article = "Dmitry Peskov met Alexander Lukashenko. “The talks went well,” Peskov said.";
    let annotation = r#"
[[quotes]]
text = "The talks went well,"
speaker = "Alexander Lukashenko"
[[actors]]
name = "Dmitry Peskov"
kind = "person"
[[actors]]
name = "Alexander Lukashenko"
kind = "person"
"#;
    let case = Case {
        name: "t".to_owned(),
        article: article.to_owned(),
        annotation: annotation.to_owned(),
    };
    let report = evaluate(&[case], &[]).unwrap();
    assert_eq!((report.tally.given, report.tally.wrong_speaker), (1, 1));
    assert_eq!(report.tally.wrong_speaker_rate(), 1.0);
    assert_eq!(report.tally.speaker_accuracy(), 0.0);
    assert_eq!(report.tally.person_recall(), 1.0);
    let table = report.to_string();
    assert!(
        table.contains("\nwrong speaker    100.0 %  1 of 1 found quotes given a speaker\n"),
        "{table}"
    );
    let explained: Vec<String> = report.mismatches.iter().map(ToString::to_string).collect();
    assert_eq!(
        explained,
        [
            "t: wrong speaker of \"The talks went well,\": expected Alexander Lukashenko, got peskov\n    in: “The talks went well,” Peskov said."
        ]
    );
}

#[test]
fn an_article_is_scored_without_the_briefing_drafted_from_it() {
    let known = |briefing: &str| BriefingActors {
        briefing: briefing.to_owned(),
        actors: vec![crate::KnownActor {
            id: "peskov".to_owned(),
            name: "Dmitry Peskov".to_owned(),
            aliases: Vec::new(),
            kind: ActorKind::Person,
            role: "Kremlin spokesman".to_owned(),
        }],
    };
    let case = Case {
        name: "2021-03-15-kremlin".to_owned(),
        article: "Peskov dismissed the report on Monday.".to_owned(),
        annotation: "[[actors]]\nname = \"Dmitry Peskov\"\nkind = \"person\"\nrole = \"Kremlin spokesman\"\n"
            .to_owned(),
    };
    // Another briefing's knowledge is fair: the role comes from the library.
    let other = evaluate(std::slice::from_ref(&case), &[known("2020-01-01-other")]).unwrap();
    assert_eq!(other.role_accuracy(), 1.0, "{other}");
    // The article's own briefing is left out: the article alone gives no role.
    let own = evaluate(&[case], &[known("2021-03-15-kremlin")]).unwrap();
    assert_eq!(own.role_accuracy(), 0.0, "{own}");
}

#[test]
fn outlets_and_vias_are_read_and_checked() {
    let case = |annotation: &str| Case {
        name: "t".to_owned(),
        article: "Minsk, May 2 (BelTA). Lukashenko spoke. “We stand firm,” he said.".to_owned(),
        annotation: annotation.to_owned(),
    };
    let good = "outlets = [\"BelTA\"]\n[[quotes]]\ntext = \"We stand firm,\"\nspeaker = \"Lukashenko\"\nvia = \"pronoun\"\nopening = true\n[[actors]]\nname = \"Lukashenko\"\nkind = \"person\"\n";
    let report = evaluate(&[case(good)], &[]).unwrap();
    assert_eq!(report.tally.right_speaker, 1, "{report}");
    let error = evaluate(&[case(&good.replace("pronoun", "telepathy"))], &[]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("via = \"telepathy\"; use pronoun, descriptor, continuation, document"),
        "{error}"
    );
}
