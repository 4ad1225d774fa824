//! Actors found in short texts: names, roles, kinds, merges.

use super::*;
use crate::quotes;

fn cast(text: &str) -> (Doc, Cast) {
    let doc = Doc::new(text);
    let quotes = quotes::extract(&doc);
    let cast = find(&doc, &quotes, &Gazetteer::new());
    (doc, cast)
}

fn summary(text: &str) -> Vec<(String, &'static str, Option<String>, usize)> {
    let (_, cast) = cast(text);
    cast.actors
        .iter()
        .map(|actor| {
            (
                actor.name.clone(),
                actor.kind.as_str(),
                actor.best_role().map(str::to_owned),
                actor.mentions,
            )
        })
        .collect()
}

#[test]
fn titles_become_roles_and_surnames_merge() {
    let found = summary(
        "Belarusian President Alexander Lukashenko met Russian President Vladimir Putin. Lukashenko said little. Putin smiled.",
    );
    assert_eq!(
        found,
        [
            (
                "Alexander Lukashenko".to_owned(),
                "person",
                Some("President of Belarus".to_owned()),
                2
            ),
            (
                "Vladimir Putin".to_owned(),
                "person",
                Some("President of Russia".to_owned()),
                2
            ),
        ]
    );
}

#[test]
fn appositives_give_roles() {
    let found = summary(
        "Dmitry Peskov, the Kremlin spokesman, said so. He spoke to presenter Sergei Brilyov.",
    );
    let role = |name: &str| {
        found
            .iter()
            .find(|actor| actor.0 == name)
            .and_then(|actor| actor.2.clone())
    };
    assert_eq!(role("Dmitry Peskov").as_deref(), Some("Kremlin spokesman"));
    assert_eq!(role("Sergei Brilyov").as_deref(), Some("Presenter"));
    let found = summary(
        "Lithuania’s foreign minister, Rasa Jankauskienė, spoke. The Lithuanian grid operator Litgrid said nothing.",
    );
    let role = |name: &str| {
        found
            .iter()
            .find(|actor| actor.0 == name)
            .map(|actor| (actor.1, actor.2.clone()))
    };
    assert_eq!(
        role("Rasa Jankauskienė"),
        Some(("person", Some("Foreign minister of Lithuania".to_owned())))
    );
    assert_eq!(
        role("Litgrid"),
        Some(("organisation", Some("Lithuanian grid operator".to_owned())))
    );
}

#[test]
fn states_organisations_and_groups_are_found() {
    let found = summary(
        "The Kremlin has not responded, but Russian political commentators say Belarus is drifting. Experts believe NATO is watching.",
    );
    let mut names: Vec<(&str, &str)> = found
        .iter()
        .map(|(name, kind, _, _)| (name.as_str(), *kind))
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            ("Belarus", "state"),
            ("Kremlin", "organisation"),
            ("NATO", "organisation"),
            ("Russian political commentators", "group"),
            ("experts", "group"),
        ]
    );
    let found = summary(
        "Belarus’s defence ministry and the Belarus-Russia talks. Analysts in Minsk said so.",
    );
    let mut names: Vec<(&str, &str)> = found
        .iter()
        .map(|(name, kind, _, _)| (name.as_str(), *kind))
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            ("Belarus", "state"),
            ("Defence Ministry of Belarus", "organisation"),
            ("Russia", "state"),
            ("analysts", "group")
        ]
    );
}

#[test]
fn descriptions_count_as_mentions_of_the_office_holder() {
    let (doc, cast) =
        cast("Russian President Vladimir Putin spoke. The Russian leader added more.");
    assert_eq!(cast.actors[0].mentions, 2);
    assert_eq!(
        &doc.text[cast.mentions[1].range.clone()],
        "The Russian leader"
    );
}

#[test]
fn folded_comparisons_agree_with_fold_word() {
    let names = [
        "",
        "Lukashenko",
        "Alexander Lukashenko",
        "O'Brien",
        "U.S.",
        "  Vice-President  Putin ",
        "Łukašenka",
        "Dzmitry Kiselyov",
        "the West",
        "A--B..c",
        "'s",
    ];
    for name in names {
        let folded = fold_word(name);
        with_folded(name, |stacked| assert_eq!(stacked, folded, "{name:?}"));
        with_translit(&folded, |stacked| assert_eq!(stacked, translit(&folded)));
        for other in names {
            let other_folded = fold_word(other);
            assert_eq!(folds_to(name, &other_folded), folded == other_folded);
            for word in other_folded.split(' ').chain(["", "putin", "b"]) {
                assert_eq!(
                    folded_has_word(name, word),
                    folded.split(' ').any(|part| part == word),
                    "{name:?} {word:?}"
                );
            }
        }
    }
    for word in [
        "aliaksandr",
        "dzmitry",
        "khrenin",
        "kseniya",
        "yelena",
        "yyyy",
        "kskh",
    ] {
        with_translit(word, |stacked| {
            assert_eq!(stacked, translit(word), "{word}")
        });
    }
}

#[test]
fn similar_keys_apply_the_similar_rule() {
    let words = [
        "",
        "lukashenko",
        "lukashenka",
        "lukasenko",
        "putin",
        "putinn",
        "pieskov",
        "peskov",
        "alexander",
        "aleksandr",
        "alexandr",
        "łukašenka",
        "lukašenka",
        "abcd",
        "abce",
    ];
    for left in words {
        for right in words {
            assert_eq!(
                similar_keys(NameKey::borrowed(left), NameKey::borrowed(right)),
                similar(left, right),
                "{left} {right}"
            );
        }
    }
}

#[test]
fn contains_words_agrees_with_padded_search() {
    let texts = [
        "",
        " ",
        "a",
        "a a a",
        "xa a a",
        "president",
        "prime minister of x",
        "a  b",
    ];
    let words = [
        "",
        "a",
        "a a",
        "president",
        "minister",
        "prime minister",
        " ",
        "b",
    ];
    for text in texts {
        for word in words {
            assert_eq!(
                contains_words(text, word),
                format!(" {text} ").contains(&format!(" {word} ")),
                "{text:?} {word:?}"
            );
        }
    }
}

#[test]
fn the_banded_edit_check_agrees_with_the_edit_distance() {
    let words = [
        "",
        "a",
        "lukashenko",
        "lukashenka",
        "lukasenko",
        "lukashenkoo",
        "ukashenko",
        "aleksandr",
        "alexander",
        "alexandr",
        "aliaksandr",
        "dmitri",
        "dmitry",
        "dzmitry",
        "peskov",
        "pieskov",
        "abcdefgh",
        "hgfedcba",
        "kolesnikova",
        "kalesnikava",
    ];
    for left in words {
        for right in words {
            for limit in 0..4 {
                assert_eq!(
                    within_edits(left.as_bytes(), right.as_bytes(), limit),
                    briefbot_text::edit_distance(left, right) <= limit,
                    "{left} {right} {limit}"
                );
            }
        }
    }
}

#[test]
fn transliterations_are_one_person() {
    let found =
        summary("Aliaksandr Lukashenka met him. Alexander Lukashenko left. Lukashenka said so.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, 3);
}

#[test]
fn hyphenated_titles_and_an_articles_own_words_give_roles() {
    let found = summary(
        "NATO Secretary-General Jens Stoltenberg spoke. Russia's state-controlled gas monopoly Gazprom said no.",
    );
    let role = |name: &str| {
        found
            .iter()
            .find(|actor| actor.0 == name)
            .and_then(|actor| actor.2.clone())
    };
    assert_eq!(
        role("Jens Stoltenberg").as_deref(),
        Some("NATO Secretary-General")
    );
    // The article's pre-modifier, not the built-in "Russian state gas company".
    assert_eq!(
        role("Gazprom").as_deref(),
        Some("Russia's state-controlled gas monopoly")
    );
}

#[test]
fn a_title_before_a_ministry_is_the_ministry_and_a_title_alone_is_nobody() {
    let found = summary(
        "The exercise began, the Russian Defense Ministry announced. Later the Secretary General arrived.",
    );
    let names: Vec<(&str, &str)> = found
        .iter()
        .map(|actor| (actor.0.as_str(), actor.1))
        .collect();
    assert!(
        names.contains(&("Russian Defense Ministry", "organisation")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|(_, kind)| *kind == "person"),
        "no person called Ministry or General: {names:?}"
    );
}
