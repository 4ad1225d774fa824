//! What the library already knows: the actors of loaded briefings, looked up by name.

use std::collections::HashMap;

use briefbot_format::ActorKind;

/// An actor some briefing already describes.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownActor {
    /// The id briefings use for it, reused so one actor keeps one id across briefings.
    pub id: String,
    /// The name briefings show.
    pub name: String,
    /// Other spellings briefings list.
    pub aliases: Vec<String>,
    /// Person, organisation, state or group.
    pub kind: ActorKind,
    /// The role briefings give it most often (the shortest among equals): a person's office
    /// recurs across briefings, while one-off roles describe a single development.
    pub role: String,
}

impl KnownActor {
    /// The name followed by every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The actors one loaded briefing describes: what the gazetteer is built from.
///
/// The bot builds these from its library; keeping the briefing's id lets an evaluation leave
/// out the briefing drafted from the very article it scores.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefingActors {
    /// The briefing's id.
    pub briefing: String,
    /// Its actors, as it lists them.
    pub actors: Vec<KnownActor>,
}

/// The actors of a set of briefings, indexed by every name, alias and (for people) surname.
///
/// Built from briefings newest first, so an actor's name is the most recent one given.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    actors: Vec<KnownActor>,
    /// Every role given to each actor, with how many briefings give it.
    roles: Vec<Vec<(String, usize)>>,
    /// Every folded name and alias, to its actor.
    by_name: HashMap<String, usize>,
    /// Every folded surname of a person, to the people who have it.
    by_surname: HashMap<String, Vec<usize>>,
}

/// Folds a name for lookup: diacritics and case dropped, words joined by single spaces.
pub(crate) fn fold_name(name: &str) -> String {
    briefbot_text::fold_words(name)
}

impl Gazetteer {
    /// An empty gazetteer: `derive` then relies on the article alone.
    pub fn new() -> Self {
        Self::default()
    }

    /// The actors of `briefings`, which should come newest first (as the library keeps them).
    pub fn from_briefings<'a>(briefings: impl IntoIterator<Item = &'a BriefingActors>) -> Self {
        let mut gazetteer = Self::new();
        for briefing in briefings {
            for actor in &briefing.actors {
                gazetteer.add(actor);
            }
        }
        gazetteer
    }

    /// The actors of every briefing but the one with id `left_out`: an article is scored
    /// against what the library knew without the briefing drafted from it (leave-one-out),
    /// or the score would reward `derive` for reading the answer.
    pub fn from_briefings_except(briefings: &[BriefingActors], left_out: &str) -> Self {
        Self::from_briefings(
            briefings
                .iter()
                .filter(|briefing| briefing.briefing != left_out),
        )
    }

    /// Adds one actor; an actor whose id is already known only contributes new aliases.
    pub fn add(&mut self, actor: &KnownActor) {
        let index = match self.actors.iter().position(|known| known.id == actor.id) {
            Some(index) => {
                let known = &mut self.actors[index];
                for name in actor.names() {
                    let folded = fold_name(name);
                    if !known.names().any(|existing| fold_name(existing) == folded) {
                        known.aliases.push(name.to_owned());
                    }
                }
                index
            }
            None => {
                self.actors.push(KnownActor {
                    id: actor.id.clone(),
                    name: actor.name.clone(),
                    aliases: actor.aliases.clone(),
                    kind: actor.kind,
                    role: actor.role.clone(),
                });
                self.roles.push(Vec::new());
                self.actors.len() - 1
            }
        };
        let roles = &mut self.roles[index];
        match roles.iter_mut().find(|(role, _)| *role == actor.role) {
            Some((_, count)) => *count += 1,
            None => roles.push((actor.role.clone(), 1)),
        }
        if let Some((role, _)) = roles
            .iter()
            .max_by(|(left, left_count), (right, right_count)| {
                left_count
                    .cmp(right_count)
                    .then(right.len().cmp(&left.len()))
            })
        {
            self.actors[index].role = role.clone();
        }
        for name in actor.names() {
            let folded = fold_name(name);
            if folded.is_empty() {
                continue;
            }
            if actor.kind == ActorKind::Person {
                if let Some(surname) = folded
                    .rsplit(' ')
                    .next()
                    .filter(|surname| surname.chars().count() > 2)
                {
                    let entry = self.by_surname.entry(surname.to_owned()).or_default();
                    if !entry.contains(&index) {
                        entry.push(index);
                    }
                }
            }
            self.by_name.entry(folded).or_insert(index);
        }
    }

    /// How many actors it knows.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// True when it knows no actor.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The known actors, in the order they were added.
    pub fn actors(&self) -> &[KnownActor] {
        &self.actors
    }

    /// The actor with this folded name or alias.
    pub(crate) fn by_name(&self, folded: &str) -> Option<&KnownActor> {
        self.by_name.get(folded).map(|&index| &self.actors[index])
    }

    /// The one person with this folded surname; `None` when none or several share it.
    pub(crate) fn by_surname(&self, folded: &str) -> Option<&KnownActor> {
        match self.by_surname.get(folded).map(Vec::as_slice) {
            Some([index]) => Some(&self.actors[*index]),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, name: &str, role: &str) -> KnownActor {
        KnownActor {
            id: id.to_owned(),
            name: name.to_owned(),
            aliases: vec!["Lukashenka".to_owned()],
            kind: ActorKind::Person,
            role: role.to_owned(),
        }
    }

    #[test]
    fn names_aliases_and_surnames_find_an_actor_with_its_usual_role() {
        let mut gazetteer = Gazetteer::new();
        gazetteer.add(&actor(
            "lukashenko",
            "Alexander Lukashenko",
            "Leader who warned Moscow",
        ));
        gazetteer.add(&actor(
            "lukashenko",
            "Alexander Lukashenko",
            "President of Belarus",
        ));
        gazetteer.add(&actor(
            "lukashenko",
            "Alexander Lukashenko",
            "President of Belarus",
        ));
        assert_eq!(gazetteer.len(), 1);
        assert_eq!(gazetteer.by_name("lukashenka").unwrap().id, "lukashenko");
        assert_eq!(
            gazetteer.by_surname("lukashenko").unwrap().role,
            "President of Belarus"
        );
        assert!(gazetteer.by_name("putin").is_none());
    }

    #[test]
    fn leaving_a_briefing_out_forgets_what_only_it_knew() {
        let briefings = [
            BriefingActors {
                briefing: "2014-03-23-crimea".to_owned(),
                actors: vec![actor(
                    "lukashenko",
                    "Alexander Lukashenko",
                    "President of Belarus",
                )],
            },
            BriefingActors {
                briefing: "2021-03-15-kremlin".to_owned(),
                actors: vec![actor("peskov", "Dmitry Peskov", "Kremlin spokesman")],
            },
        ];
        let all = Gazetteer::from_briefings(&briefings);
        assert!(all.by_surname("peskov").is_some());
        let without = Gazetteer::from_briefings_except(&briefings, "2021-03-15-kremlin");
        assert!(without.by_surname("peskov").is_none());
        assert_eq!(without.by_surname("lukashenko").unwrap().id, "lukashenko");
        assert_eq!(without.len(), 1);
    }
}
