//! The drafted actors and the date: ids made unique, roles or placeholders, the published date.

use super::*;

pub(crate) fn published(options: &Options) -> (Timestamp, Option<String>) {
    if let Some(published) = options.published {
        return (published, None);
    }
    if let Some(published) = options.source.as_ref().and_then(|meta| meta.published) {
        return (published, None);
    }
    if let Some(date) = source::date_in_id(options.id.as_str()) {
        return (
            Timestamp::from_date(date),
            Some("the date comes from the id: check it is the day of the development".to_owned()),
        );
    }
    if let Some(today) = options.today {
        return (
            Timestamp::from_date(today),
            Some("the article's date is unknown; this is the day the draft was made".to_owned()),
        );
    }
    let epoch = Timestamp::from_date(Date {
        year: 1970,
        month: 1,
        day: 1,
    });
    (
        epoch,
        Some("the article's date is unknown: set it".to_owned()),
    )
}

pub(crate) fn draft_actor(actor: &ActorInfo, id: String) -> DraftActor {
    let (role, role_source) = match (&actor.role, &actor.known_role) {
        (Some(role), _) => (role.clone(), RoleSource::Article),
        (None, Some(role)) => (role.clone(), RoleSource::Known),
        (None, None) => {
            let placeholder = match actor.kind {
                ActorKind::Person => "Named in the article".to_owned(),
                ActorKind::Organisation => "Organisation named in the article".to_owned(),
                ActorKind::State => "State named in the article".to_owned(),
                ActorKind::Group => format!("{} cited in the article", actor.name),
            };
            (placeholder, RoleSource::Placeholder)
        }
    };
    let name = fit(&actor.name, NAME_MAX, "Unnamed");
    let mut aliases: Vec<String> = Vec::new();
    for alias in &actor.aliases {
        let alias = fit(alias, NAME_MAX, "");
        if !alias.is_empty()
            && alias != name
            && !aliases.contains(&alias)
            && aliases.len() < ALIASES_MAX
        {
            aliases.push(alias);
        }
    }
    DraftActor {
        id,
        name,
        aliases,
        kind: actor.kind,
        role: fit(&role, ROLE_MAX, "Named in the article"),
        role_source,
        mentions: actor.mentions,
        known: actor.known_id.is_some(),
    }
}

/// The library's id when it knows the actor, else a slug: a person's surname, another
/// actor's name; made unique within the draft.
pub(crate) fn actor_id(actor: &ActorInfo, drafted: &[DraftActor]) -> String {
    let taken = |id: &str| drafted.iter().any(|actor| actor.id == id);
    // The folded words but "the", each cut to its ASCII letters and digits, joined by "-"
    // within ACTOR_ID_MAX (as `source::slug_within` joins them), built in one buffer.
    let slug = |text: &str| {
        actors::with_folded(text, |folded| {
            let mut slug = String::with_capacity(ACTOR_ID_MAX);
            for word in folded.split(' ').filter(|word| *word != "the") {
                let kept = || word.chars().filter(char::is_ascii_alphanumeric);
                let len = kept().count();
                if len == 0 {
                    continue;
                }
                if slug.len() + usize::from(!slug.is_empty()) + len > ACTOR_ID_MAX {
                    if slug.is_empty() {
                        slug.extend(kept().take(ACTOR_ID_MAX));
                    }
                    break;
                }
                if !slug.is_empty() {
                    slug.push('-');
                }
                slug.extend(kept());
            }
            slug
        })
    };
    // The candidates in order of preference, each made only if the ones before are taken.
    let known = || {
        actor
            .known_id
            .as_deref()
            .filter(|id| is_slug(id, ACTOR_ID_MAX))
            .map(str::to_owned)
    };
    let surname = || {
        (actor.kind == ActorKind::Person)
            .then(|| slug(actor.name.rsplit(' ').next().unwrap_or_default()))
    };
    let full = || Some(slug(&actor.name));
    let makers: [&dyn Fn() -> Option<String>; 3] = [&known, &surname, &full];
    let mut candidates: [Option<String>; 3] = [None, None, None];
    for (make, kept) in makers.into_iter().zip(&mut candidates) {
        let Some(candidate) = make() else {
            continue;
        };
        if is_slug(&candidate, ACTOR_ID_MAX) && !taken(&candidate) {
            return candidate;
        }
        *kept = Some(candidate);
    }
    let base = candidates
        .into_iter()
        .flatten()
        .find(|candidate| is_slug(candidate, ACTOR_ID_MAX - 4))
        .unwrap_or_else(|| "actor".to_owned());
    let mut number = 2;
    loop {
        let candidate = format!("{base}-{number}");
        if !taken(&candidate) {
            return candidate;
        }
        number += 1;
    }
}
