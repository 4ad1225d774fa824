//! `/actor`, `/quote speaker:` across the story, suggestions and `/timeline`'s picture in
//! Discord, asserted on what the bot sent to the loopback Discord.

use serde_json::{Value, json};

use super::support::bot::RunningBot;
use super::support::loopback::{self, Loopback, Recorded};
use super::{decode_png, shipped};

const EPHEMERAL: u64 = 1 << 6;

struct Setup {
    discord: Loopback,
    bot: RunningBot,
}

impl Setup {
    /// briefbot on the shipped briefings, registered in the loopback's guild.
    async fn start() -> Setup {
        let discord = Loopback::start().await;
        let bot = RunningBot::start(&discord, &shipped(), true).await;
        discord.wait_request("PUT", "/commands").await;
        Setup { discord, bot }
    }

    /// The recorded initial response to a slash command.
    async fn ask(&self, command: &str, options: Value) -> Recorded {
        let interaction = self.discord.slash(command, options);
        let callback = self.discord.callback(&interaction).await;
        assert_eq!(callback.status, 204, "{}", self.discord.describe());
        assert_eq!(callback.body["type"], 4, "a message, not a deferral");
        assert_eq!(
            callback.body["data"]["allowed_mentions"]["parse"],
            json!([])
        );
        callback
    }

    /// The request that carried a picture answer to `interaction`, and its message. A picture
    /// that takes long to draw (a starved machine) is sent after a deferral, in the follow-up;
    /// either way it is one request carrying the message and the file.
    async fn picture_answer(&self, interaction: &loopback::Interaction) -> (Recorded, Value) {
        let callback = self.discord.callback(interaction).await;
        if callback.body["type"] == 5 {
            let followup = self.discord.wait_request("POST", "/webhooks/").await;
            let message = followup.body.clone();
            (followup, message)
        } else {
            assert_eq!(callback.body["type"], 4, "{}", self.discord.describe());
            let message = callback.body["data"].clone();
            (callback, message)
        }
    }

    async fn finish(self) {
        self.discord.assert_no_violations();
        self.bot.stop().await.expect("the bot stops cleanly");
    }
}

fn is_ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

fn field_names(message: &Value) -> Vec<String> {
    message["embeds"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|embed| embed["fields"].as_array().cloned().unwrap_or_default())
        .map(|field| field["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actor_is_registered_with_an_autocompleted_name_that_finds_aliases() {
    let setup = Setup::start().await;
    let registered = setup
        .discord
        .registered_commands(Some(loopback::payloads::GUILD_ID));
    let actor = registered
        .iter()
        .find(|command| command["name"] == "actor")
        .expect("/actor is registered");
    assert_eq!(actor["options"][0]["name"], "name");
    assert_eq!(actor["options"][0]["required"], true);
    assert_eq!(actor["options"][0]["autocomplete"], true);

    let typed = setup
        .discord
        .autocomplete("actor", json!([loopback::focused("name", "lukashenka")]));
    let answer = setup.discord.callback(&typed).await;
    assert_eq!(answer.body["type"], 8);
    let choices = answer.body["data"]["choices"].as_array().unwrap();
    assert_eq!(choices[0]["value"], "lukashenko");
    assert_eq!(
        choices[0]["name"],
        "Alexander Lukashenko (Lukashenka) · person"
    );
    let everyone = setup
        .discord
        .autocomplete("actor", json!([loopback::focused("name", "")]));
    let everyone = setup.discord.callback(&everyone).await;
    assert_eq!(
        everyone.body["data"]["choices"].as_array().unwrap().len(),
        25
    );
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actor_shows_the_dossier_and_an_unknown_name_gets_a_suggestion() {
    let setup = Setup::start().await;
    let interaction = setup
        .discord
        .slash("actor", json!([loopback::option("name", "lukashenko")]));
    let callback = setup.discord.callback(&interaction).await;
    assert_eq!(callback.body["type"], 4, "{}", setup.discord.describe());
    let first = &callback.body["data"];
    assert!(!is_ephemeral(first));
    // Lukashenko is in most shipped briefings: his dossier is paged, "(1/N)", the rest of the
    // pages follow up in order.
    let title = first["embeds"][0]["title"].as_str().unwrap().to_owned();
    let total: usize = title
        .strip_prefix("Alexander Lukashenko (1/")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|total| total.parse().ok())
        .unwrap_or_else(|| panic!("a paged dossier: {title}"));
    let mut pages = vec![first.clone()];
    pages.extend(setup.discord.followups(&interaction, total - 1).await);
    let mut names = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        assert_eq!(
            page["embeds"][0]["title"],
            format!("Alexander Lukashenko ({}/{total})", number + 1)
        );
        names.extend(field_names(page));
    }
    let path = format!(
        "/webhooks/{}/{}",
        loopback::payloads::APPLICATION_ID,
        interaction.token
    );
    let sent = setup.discord.requests_to("POST", &path);
    assert_eq!(sent.len(), total - 1);
    assert!(
        sent.iter()
            .all(|request| request.body["allowed_mentions"]["parse"] == json!([])),
        "no follow-up page may ping"
    );
    assert_eq!(names[0], "Roles over time");
    assert_eq!(
        names[1],
        "2026-11-27 · 2026-11-27-lukashenko-vassal-warning (key quote)"
    );
    assert!(names.contains(
        &"2010-06-22 · 2010-06-22-lukashenko-orders-gas-transit-halt (key quote)".to_owned()
    ));
    let briefings = names
        .iter()
        .position(|name| name == "Briefings, newest first")
        .expect("the dossier lists the briefings");
    assert!(
        names[briefings + 1..]
            .iter()
            .all(|name| name == "(continued)"),
        "the briefings come last: {names:?}"
    );

    let unknown = setup
        .ask("actor", json!([loopback::option("name", "peskow")]))
        .await;
    let message = &unknown.body["data"];
    assert!(is_ephemeral(message));
    assert_eq!(message["embeds"][0]["title"], "No actor “peskow”");
    assert_eq!(
        message["embeds"][0]["description"],
        "Did you mean `peskov` (Dmitry Peskov)?"
    );
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quote_by_speaker_without_a_briefing_spans_the_story_and_misspelt_ids_get_suggestions() {
    let setup = Setup::start().await;
    let peskov = setup
        .ask("quote", json!([loopback::option("speaker", "peskov")]))
        .await;
    let message = &peskov.body["data"];
    assert_eq!(message["embeds"][0]["title"], "Quotes by Dmitry Peskov");
    // Every quote of his in the shipped briefings, whichever briefing holds it, newest first.
    let names = field_names(message);
    assert!(names.len() >= 5, "{message}");
    assert!(
        names.iter().all(|name| name.contains(" · Dmitry Peskov, ")),
        "{message}"
    );
    let dates: Vec<&str> = names.iter().map(|name| &name[..10]).collect();
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "{dates:?}");
    assert!(names.contains(
        &"2021-03-15 · 2021-03-15-kremlin-brothers-not-friends · Dmitry Peskov, Kremlin spokesman (key quote)"
            .to_owned()
    ));
    assert!(
        names
            .iter()
            .any(|name| name.starts_with("2007-01-05 · 2007-01-05-oil-transit-duty-row")),
        "briefings from other years too: {names:?}"
    );
    for (typed, expected) in [
        ("lukashenko-vasal", "2026-11-27-lukashenko-vassal-warning"),
        ("orehsnik", "2025-10-31-oreshnik-combat-duty-december"),
        (
            "crimea-precedent",
            "2014-03-23-lukashenko-crimea-bad-precedent",
        ),
    ] {
        let answer = setup
            .ask("summary", json!([loopback::option("briefing", typed)]))
            .await;
        let message = &answer.body["data"];
        assert!(is_ephemeral(message));
        let description = message["embeds"][0]["description"].as_str().unwrap();
        assert!(
            description.starts_with(&format!("Did you mean `{expected}`")),
            "{typed}: {description}"
        );
    }
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_uploads_its_picture_and_the_embed_shows_the_attachment() {
    let setup = Setup::start().await;
    let interaction = setup.discord.slash("timeline", json!([]));
    let (timeline, message) = setup.picture_answer(&interaction).await;
    assert_eq!(message["allowed_mentions"]["parse"], json!([]));
    assert_eq!(message["embeds"][0]["title"], "Timeline — belarus-russia");
    assert_eq!(
        message["embeds"][0]["image"]["url"],
        "attachment://timeline.png"
    );
    assert_eq!(message["attachments"][0]["filename"], "timeline.png");
    assert_eq!(timeline.files.len(), 1, "one file uploaded");
    let file = &timeline.files[0];
    assert_eq!(file.field, "files[0]");
    assert_eq!(file.file_name.as_deref(), Some("timeline.png"));
    assert_eq!(file.content_type.as_deref(), Some("image/png"));
    let (width, height, _) = decode_png(&file.bytes);
    assert_eq!(width, 1200);
    assert!(height >= 800, "{height}");
    // A command without a picture uploads nothing and sends plain JSON.
    let summary = setup.ask("summary", json!([])).await;
    assert!(summary.files.is_empty());
    assert!(summary.body["data"]["embeds"][0]["image"].is_null());
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_from_to_narrows_text_and_picture_and_a_bad_period_is_an_ephemeral_error() {
    let setup = Setup::start().await;
    let registered = setup
        .discord
        .registered_commands(Some(loopback::payloads::GUILD_ID));
    let timeline = registered
        .iter()
        .find(|command| command["name"] == "timeline")
        .expect("/timeline is registered");
    let options: Vec<(&str, u64)> = timeline["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|option| {
            (
                option["name"].as_str().unwrap(),
                option["max_length"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(options, [("story", 100), ("from", 10), ("to", 10)]);

    let interaction = setup.discord.slash(
        "timeline",
        json!([
            loopback::option("from", "2014"),
            loopback::option("to", "2015")
        ]),
    );
    let (_, message) = setup.picture_answer(&interaction).await;
    let embed = &message["embeds"][0];
    assert_eq!(embed["title"], "Timeline — belarus-russia, 2014 to 2015");
    let description = embed["description"].as_str().unwrap();
    assert!(
        description
            .lines()
            .all(|line| line.starts_with("2014-") || line.starts_with("2015-")),
        "{description}"
    );
    assert_eq!(embed["image"]["url"], "attachment://timeline.png");

    let refused = setup
        .ask("timeline", json!([loopback::option("from", "last year")]))
        .await;
    let message = &refused.body["data"];
    assert!(is_ephemeral(message));
    assert_eq!(
        message["embeds"][0]["title"],
        "`from` is not a year or a day"
    );
    assert!(message["attachments"].as_array().is_none_or(Vec::is_empty));
    setup.finish().await;
}
