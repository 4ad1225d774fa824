//! What the library already knows: the actors of loaded briefings, looked up by name.

use std::collections::HashMap;

use crate::briefing::{Actor, ActorKind, Briefing};

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

/// The actors of a set of briefings, indexed by every name, alias and (for people) surname.
///
/// Built from briefings newest first, so an actor's name is the most recent one given.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    actors: Vec<KnownActor>,
    /// Every role given to each actor, with how many briefings give it.
    roles: Vec<Vec<(String, usize)>>,
    by_name: HashMap<String, usize>,
    by_surname: HashMap<String, Vec<usize>>,
}

/// Folds a name for lookup: diacritics and case dropped, words joined by single spaces.
pub(crate) fn fold_name(name: &str) -> String {
    let folded = crate::text::fold(name);
    crate::text::words(&folded).collect::<Vec<_>>().join(" ")
}

impl Gazetteer {
    /// An empty gazetteer: `derive` then relies on the article alone.
    pub fn new() -> Self {
        Self::default()
    }

    /// The actors of `briefings`, which should come newest first (as the library keeps them).
    pub fn from_briefings<'a>(briefings: impl IntoIterator<Item = &'a Briefing>) -> Self {
        let mut gazetteer = Self::new();
        for briefing in briefings {
            for actor in &briefing.actors {
                gazetteer.add(actor);
            }
        }
        gazetteer
    }

    /// Adds one actor; an actor whose id is already known only contributes new aliases.
    pub fn add(&mut self, actor: &Actor) {
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

    fn actor(id: &str, name: &str, role: &str) -> Actor {
        Actor {
            id: id.to_owned(),
            name: name.to_owned(),
            aliases: vec!["Lukashenka".to_owned()],
            kind: ActorKind::Person,
            role: role.to_owned(),
            position: None,
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
}
