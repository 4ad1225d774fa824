//! What users see when they run the commands: embeds, autocomplete, errors, buttons,
//! reconnects.

use serde_json::{Value, json};

use crate::setup::*;
use crate::support::briefings;
use crate::support::loopback::{self, Fault, Interaction, Recorded, payloads};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn summary_answers_with_the_newest_briefing_and_its_key_quote_verbatim() {
    let setup = Setup::start().await;
    let message = setup.ask("summary", json!([])).await;
    assert!(
        !is_ephemeral(&message),
        "an answer is for the whole channel"
    );
    assert_eq!(
        title(&message),
        "Lukashenko warns Belarus will not become a \"vassal state\""
    );
    let embed = &message["embeds"][0];
    assert_eq!(embed["url"], "https://example.com/vassal");
    assert!(
        embed["description"]
            .as_str()
            .unwrap()
            .starts_with("Lukashenko told a government meeting")
    );
    let text = embed_text(&message);
    assert!(
        text.contains(&format!("“{}”", briefings::KEY_QUOTE)),
        "{text}"
    );
    assert!(text.contains("Why it matters"));
    assert!(
        embed["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with(briefings::NEWEST)
    );
    // The same text `briefbot ask summary` prints: one `answer` for both transports.
    let loaded = briefbot::load::load_dir(setup._briefings.path());
    let reply = briefbot::answer::answer(
        &loaded.library,
        &briefbot::answer::Command::Summary { briefing: None },
    );
    assert_eq!(embed["description"].as_str().unwrap(), reply.text);
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_with_the_expected_embed() {
    let setup = Setup::start().await;
    let id = briefings::NEWEST;

    let quote = setup
        .ask("quote", json!([loopback::option("briefing", id)]))
        .await;
    assert!(title(&quote).starts_with("Key quote"));
    assert!(
        quote["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains(briefings::KEY_QUOTE)
    );

    let all = setup
        .ask("quote", json!([loopback::option("all", true)]))
        .await;
    let text = embed_text(&all);
    assert!(
        text.contains(briefings::KEY_QUOTE) && text.contains("Belarus will remain independent."),
        "{text}"
    );
    assert_eq!(field_names(&all).len(), 2);

    let by_speaker = setup
        .ask("quote", json!([loopback::option("speaker", "LUKASHÉNKA")]))
        .await;
    assert_eq!(
        field_names(&by_speaker).len(),
        2,
        "the alias, accent-insensitive, finds both quotes"
    );

    let actors = setup.ask("actors", json!([])).await;
    assert_eq!(
        field_names(&actors),
        [
            "Alexander Lukashenko (person)",
            "Vladimir Putin (person)",
            "Kremlin (organisation)"
        ]
    );
    let putin = setup
        .ask("actors", json!([loopback::option("name", "putin")]))
        .await;
    assert_eq!(field_names(&putin), ["Vladimir Putin (person)"]);

    let questions = setup
        .ask("questions", json!([loopback::option("briefing", id)]))
        .await;
    assert_eq!(
        field_names(&questions),
        [
            "Is this a lasting shift or a temporary recalibration?",
            "How will Moscow respond?"
        ]
    );

    let sources = setup.ask("sources", json!([])).await;
    assert!(embed_text(&sources).contains("https://example.com/vassal"));

    let list = setup.ask("briefings", json!([])).await;
    let names = field_names(&list);
    assert_eq!(names.len(), 10, "the newest ten");
    assert!(names[0].contains("vassal state"), "{names:?}");

    let interaction = setup.discord.slash(
        "timeline",
        json!([loopback::option("story", "belarus-russia")]),
    );
    let timeline = setup.answer(&interaction).await;
    assert!(title(&timeline).starts_with("Timeline — belarus-russia"));
    // Forty events of up to 400 characters take more than one message; the newest comes last.
    let pages = whole_answer(&setup, &interaction, timeline.clone()).await;
    assert!(pages.len() > 1);
    let last = embed_text(pages.last().unwrap());
    assert!(
        last.contains("2026-11-27 — Lukashenko warns against becoming a vassal state."),
        "{last}"
    );

    let search = setup
        .ask("search", json!([loopback::option("query", "LUKASHÉNKA")]))
        .await;
    assert!(title(&search).starts_with("Search"), "{search}");
    assert!(embed_text(&search).contains(id));

    let help = setup.ask("help", json!([])).await;
    assert!(is_ephemeral(&help), "/help is for the asker alone");
    assert_eq!(title(&help), "briefbot");

    for message in [
        &quote,
        &all,
        &by_speaker,
        &actors,
        &putin,
        &questions,
        &sources,
        &list,
        &timeline,
        &search,
    ] {
        assert!(!is_ephemeral(message));
        assert!(
            message["components"].as_array().is_none_or(Vec::is_empty),
            "only /summary has buttons"
        );
    }
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_returns_at_most_25_matching_choices_newest_first() {
    let setup = Setup::start().await;
    let complete = |partial: &str| {
        setup
            .discord
            .autocomplete("summary", json!([loopback::focused("briefing", partial)]))
    };

    let everything = setup.discord.callback(&complete("")).await;
    assert_eq!(everything.body["type"], 8);
    let choices = everything.body["data"]["choices"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(choices.len(), 25, "33 briefings, Discord allows 25");
    for choice in &choices {
        assert!(choice["name"].as_str().unwrap().chars().count() <= 100);
        assert!(choice["value"].as_str().unwrap().chars().count() <= 100);
    }
    assert_eq!(choices[0]["value"], briefings::NEWEST);
    assert_eq!(
        choices[0]["name"],
        "2026-11-27 · Lukashenko warns Belarus will not become a \"vassal state\""
    );
    assert_eq!(choices[1]["value"], briefings::MENTIONS);

    let values = |recorded: &Recorded| -> Vec<String> {
        let choices = recorded.body["data"]["choices"].as_array().unwrap();
        choices
            .iter()
            .map(|choice| choice["value"].as_str().unwrap().to_owned())
            .collect()
    };
    let fillers = values(&setup.discord.callback(&complete("FILLER")).await);
    let newest_fillers: Vec<String> = (6..=30).rev().map(briefings::filler_id).collect();
    assert_eq!(
        fillers, newest_fillers,
        "the 25 newest matches, newest first"
    );
    let one = values(&setup.discord.callback(&complete("filler 29")).await);
    assert_eq!(one, [briefings::filler_id(29)]);

    let limits = setup.discord.callback(&complete("limits")).await;
    let choice = &limits.body["data"]["choices"][0];
    assert_eq!(choice["value"], briefings::AT_THE_LIMITS);
    assert!(
        choice["name"].as_str().unwrap().ends_with('…'),
        "a 200-character title is cut to 100"
    );

    let stories = setup
        .discord
        .autocomplete("timeline", json!([loopback::focused("story", "bela")]));
    let stories = setup.discord.callback(&stories).await;
    assert_eq!(
        stories.body["data"]["choices"],
        json!([{ "name": "belarus-russia", "value": "belarus-russia" }])
    );
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_briefing_is_an_ephemeral_error_with_a_suggestion() {
    let setup = Setup::start().await;
    let message = setup
        .ask(
            "summary",
            json!([loopback::option("briefing", "2026-11-27-vasal-warning")]),
        )
        .await;
    assert!(is_ephemeral(&message));
    assert_eq!(title(&message), "No briefing “2026-11-27-vasal-warning”");
    assert_eq!(
        message["embeds"][0]["description"],
        format!("Did you mean `{}`?", briefings::NEWEST)
    );
    assert!(
        message["components"].as_array().is_none_or(Vec::is_empty),
        "no buttons under an error"
    );
    // Autocomplete is only a suggestion: whatever the user finally sends is checked.
    let typed = setup
        .ask(
            "questions",
            json!([loopback::option("briefing", "x".repeat(100))]),
        )
        .await;
    assert!(is_ephemeral(&typed));
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_in_a_briefing_never_ping() {
    let setup = Setup::start().await;
    for (command, options) in [
        (
            "summary",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        ),
        (
            "quote",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        ),
        (
            "actors",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        ),
    ] {
        let message = setup.ask(command, options).await;
        assert!(
            embed_text(&message).contains("@everyone"),
            "the text is shown as written"
        );
        assert!(
            message["content"].as_str().unwrap_or_default().is_empty(),
            "mentions would ping only in content"
        );
        assert_mentions_off(&message);
    }
    setup.finish().await;
}

/// Every message of an interaction: the initial response and the follow-ups.
async fn whole_answer(setup: &Setup, interaction: &Interaction, first: Value) -> Vec<Value> {
    let mut messages = vec![first];
    let embeds: Vec<&Value> = messages[0]["embeds"].as_array().unwrap().iter().collect();
    let title = embeds[0]["title"].as_str().unwrap();
    // A paged reply numbers its pages: "(1/3)".
    if let Some(total) = title
        .rsplit_once('/')
        .and_then(|(_, total)| total.trim_end_matches(')').parse::<usize>().ok())
    {
        messages.extend(setup.discord.followups(interaction, total - 1).await);
        let path = format!(
            "/webhooks/{}/{}",
            payloads::APPLICATION_ID,
            interaction.token
        );
        for request in setup.discord.requests_to("POST", &path) {
            assert_mentions_off(&request.body);
        }
    }
    messages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_briefing_with_every_text_at_its_limit_still_yields_valid_embeds() {
    let setup = Setup::start().await;
    let limits = briefings::AT_THE_LIMITS;
    for (command, options) in [
        ("summary", json!([loopback::option("briefing", limits)])),
        (
            "quote",
            json!([
                loopback::option("briefing", limits),
                loopback::option("all", true)
            ]),
        ),
        ("actors", json!([loopback::option("briefing", limits)])),
        ("questions", json!([loopback::option("briefing", limits)])),
        ("sources", json!([loopback::option("briefing", limits)])),
        ("timeline", json!([])),
    ] {
        let interaction = setup.discord.slash(command, options);
        let first = setup.answer(&interaction).await;
        let messages = whole_answer(&setup, &interaction, first).await;
        for message in &messages {
            let embeds = message["embeds"].as_array().unwrap();
            assert!(embeds.len() <= 10);
            let total: usize = embeds
                .iter()
                .map(|embed| loopback::spec::embed_chars(embed.as_object().unwrap()))
                .sum();
            assert!(
                total <= 6000,
                "/{command}: {total} characters in one message"
            );
        }
        let text: String = messages.iter().map(embed_text).collect();
        if command == "questions" {
            for number in 1..=25 {
                assert!(
                    text.contains(&format!("Question{number} ")),
                    "/questions shows question {number}"
                );
            }
        }
        if command == "quote" {
            // 25 quotes of 1,000 characters with 600 of context do not fit in five messages.
            assert_eq!(messages.len(), 5);
            assert!(text.contains("Cut short"), "the cut is said");
        }
    }
    // The loopback checked every body against Discord's API description and the 6000 limit.
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buttons_on_summary_open_the_right_section() {
    let setup = Setup::start().await;
    let summary = setup.ask("summary", json!([])).await;
    let buttons = summary["components"][0]["components"].as_array().unwrap();
    let ids: Vec<&str> = buttons
        .iter()
        .map(|button| button["custom_id"].as_str().unwrap())
        .collect();
    let id = briefings::NEWEST;
    assert_eq!(
        ids,
        [
            format!("briefbot:quotes:{id}"),
            format!("briefbot:actors:{id}"),
            format!("briefbot:questions:{id}")
        ]
    );
    let labels: Vec<&str> = buttons
        .iter()
        .map(|button| button["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Quotes", "Actors", "Open questions"]);

    let quotes = setup
        .answer(&setup.discord.click(&format!("briefbot:quotes:{id}")))
        .await;
    assert!(title(&quotes).starts_with("Quotes — "), "{quotes}");
    assert!(embed_text(&quotes).contains(briefings::KEY_QUOTE));
    assert!(
        is_ephemeral(&quotes),
        "a click opens the section for the clicker alone"
    );
    let actors = setup
        .answer(&setup.discord.click(&format!("briefbot:actors:{id}")))
        .await;
    assert_eq!(field_names(&actors).len(), 3);
    let questions = setup
        .answer(&setup.discord.click(&format!("briefbot:questions:{id}")))
        .await;
    assert!(title(&questions).starts_with("Open questions — "));

    // The mentions briefing has no questions: no button for them.
    let mentions = setup
        .ask(
            "summary",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        )
        .await;
    let labels: Vec<&str> = mentions["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Quotes", "Actors"]);
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_reconnects_after_the_websocket_drops_and_keeps_answering() {
    let setup = Setup::start().await;
    setup.discord.drop_gateway();
    let resume = setup.discord.wait_gateway_op(6, 1).await.remove(0);
    assert_eq!(resume.connection, 2, "a new connection resumed the session");
    let message = setup.ask("summary", json!([])).await;
    assert!(embed_text(&message).contains(briefings::KEY_QUOTE));

    // A session Discord will not resume: the bot identifies again.
    setup.discord.close_gateway(4009);
    let identifies = setup.discord.wait_gateway_op(2, 2).await;
    assert_eq!(identifies.len(), 2);
    setup.discord.wait_ready().await;
    let message = setup.ask("quote", json!([])).await;
    assert!(embed_text(&message).contains(briefings::KEY_QUOTE));
    assert_eq!(
        setup.discord.requests_to("PUT", "/commands").len(),
        1,
        "registration once per start, not per session"
    );
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_on_our_side_is_logged_and_the_user_gets_a_short_generic_line() {
    let setup = Setup::start().await;
    setup
        .discord
        .inject("POST", "/callback", Fault::ServerError, 1);
    let interaction = setup.discord.slash("summary", json!([]));
    let callbacks = setup
        .discord
        .wait_requests("POST", &format!("/interactions/{}/", interaction.id), 2)
        .await;
    assert_eq!(callbacks[0].status, 500);
    let second: &Recorded = &callbacks[1];
    let message = &second.body["data"];
    assert!(is_ephemeral(message));
    assert_eq!(title(message), "Something went wrong");
    let text = embed_text(message);
    assert!(
        !text.contains("500") && !text.contains("Internal") && !text.contains("http"),
        "no raw error text: {text}"
    );
    assert_mentions_off(message);
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_registration_gets_an_ephemeral_line_not_a_hang() {
    let setup = Setup::start().await;
    // Discord sends what the registered command declared; a registration older than the code
    // can send a string where the code now expects a boolean, or a command that is gone.
    let mismatch = setup
        .ask(
            "quote",
            json!([{ "name": "all", "type": 3, "value": "yes" }]),
        )
        .await;
    assert!(is_ephemeral(&mismatch));
    assert_eq!(title(&mismatch), "Something went wrong");
    let gone = setup.ask("poll", json!([])).await;
    assert!(is_ephemeral(&gone));
    assert_eq!(title(&gone), "That command is gone");
    setup.finish().await;
}

/// No file outside `src/discord/` names serenity or poise (STYLE.md: Discord at one edge).
#[test]
fn only_the_discord_adapter_names_serenity_or_poise() {
    fn visit(dir: &std::path::Path, offenders: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.ends_with("discord") {
                continue;
            }
            if path.is_dir() {
                visit(&path, offenders);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("serenity::") || text.contains("poise::") {
                    offenders.push(path.display().to_string());
                }
            }
        }
    }
    let mut offenders = Vec::new();
    visit(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut offenders,
    );
    assert!(offenders.is_empty(), "{offenders:?}");
}
