//! A database as a bot that ran before leaves it, for tests and benches that start
//! `briefbot run` on one: the updates of a briefings folder recorded, channels subscribed.

use std::path::Path;

use briefbot::subscriptions::{Changes, ChannelId, GuildId, Store, Story, TargetKind};
use briefbot::updates::detect;

/// Records the updates of the briefings in `folder` (so they count as posted before), then
/// subscribes each `(guild, channel, kind)` — ids as the loopback gives them — to the story
/// with the default settings.
pub fn left_by_a_running_bot<'a>(
    store: &dyn Store,
    folder: &Path,
    subscriptions: impl IntoIterator<Item = (&'a str, &'a str, TargetKind)>,
) {
    let library = briefbot::load::load_dir(folder).library;
    store
        .record_updates(&detect(&store.known().unwrap(), library.briefings()))
        .unwrap();
    let story = Story::parse("belarus-russia").unwrap();
    for (guild, channel, kind) in subscriptions {
        let guild = GuildId::new(guild.parse().unwrap()).unwrap();
        let channel = ChannelId::new(channel.parse().unwrap()).unwrap();
        store
            .subscribe(guild, channel, &story, kind, &Changes::default())
            .unwrap();
    }
}

/// Each of `channels`, a text channel of `guild`.
pub fn text_channels<'a>(
    guild: &'a str,
    channels: &'a [String],
) -> impl Iterator<Item = (&'a str, &'a str, TargetKind)> {
    channels
        .iter()
        .map(move |channel| (guild, channel.as_str(), TargetKind::Text))
}
