//! Why a subscription stopped receiving posts, worded for the admin in this one place.
//!
//! The Discord adapter decides which reason a refusal means and names the permissions involved
//! (only it knows Discord's permission names); the engine and the store carry the reason as a
//! value, and `/subscriptions` shows [`PauseReason`]'s `Display`.

use std::fmt;

/// Why Discord refused a subscription's posts. Each reason says what to fix, then to run
/// `/subscribe` again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PauseReason {
    /// Discord refused access to the channel: the bot cannot see it.
    CannotSee {
        /// The permissions to grant, as Discord's settings name them.
        needs: Vec<String>,
    },
    /// Discord refused the post: the bot lacks a permission there.
    CannotPost {
        /// The permissions to grant, as Discord's settings name them.
        needs: Vec<String>,
    },
    /// The post went out, but Discord refused to publish it to following servers.
    CannotPublish {
        /// The permissions to grant, as Discord's settings name them.
        needs: Vec<String>,
    },
    /// The thread is archived (or locked) and the bot may not reopen it.
    ThreadArchived {
        /// The permissions that would let the bot reopen it.
        needs: Vec<String>,
    },
    /// A reason written by an older briefbot, kept as it was worded then.
    Legacy(String),
}

impl PauseReason {
    /// The code the store keeps (with [`PauseReason::needs`] beside it).
    pub(crate) fn code(&self) -> &str {
        match self {
            Self::CannotSee { .. } => "cannot-see",
            Self::CannotPost { .. } => "cannot-post",
            Self::CannotPublish { .. } => "cannot-publish",
            Self::ThreadArchived { .. } => "thread-archived",
            Self::Legacy(text) => text,
        }
    }

    /// The permissions the reason names.
    pub fn needs(&self) -> &[String] {
        match self {
            Self::CannotSee { needs }
            | Self::CannotPost { needs }
            | Self::CannotPublish { needs }
            | Self::ThreadArchived { needs } => needs,
            Self::Legacy(_) => &[],
        }
    }

    /// Reads back what [`PauseReason::code`] and [`PauseReason::needs`] stored; any other text
    /// is an older briefbot's wording.
    pub(crate) fn from_stored(code: &str, needs: Vec<String>) -> Self {
        match code {
            "cannot-see" => Self::CannotSee { needs },
            "cannot-post" => Self::CannotPost { needs },
            "cannot-publish" => Self::CannotPublish { needs },
            "thread-archived" => Self::ThreadArchived { needs },
            other => Self::Legacy(other.to_owned()),
        }
    }
}

impl fmt::Display for PauseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let grant = |needs: &[String]| match needs {
            [] => "the permissions it needs".to_owned(),
            needs => join_and(needs),
        };
        match self {
            Self::CannotSee { needs } => write!(
                f,
                "briefbot cannot see this channel; give it {} there, then run /subscribe again",
                grant(needs)
            ),
            Self::CannotPost { needs } => write!(
                f,
                "briefbot may not post here; it needs {} there, then run /subscribe again",
                grant(needs)
            ),
            Self::CannotPublish { needs } => write!(
                f,
                "briefbot may not publish its posts to following servers; it needs {} there, \
                 then run /subscribe again",
                grant(needs)
            ),
            Self::ThreadArchived { needs } => write!(
                f,
                "the thread is archived and briefbot may not reopen it; unarchive it or give \
                 briefbot {}, then run /subscribe again",
                grant(needs)
            ),
            Self::Legacy(text) => f.write_str(text.trim_end_matches('.')),
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_survive_the_store_and_name_what_to_grant() {
        let needs = vec!["Send Messages".to_owned(), "Embed Links".to_owned()];
        let reason = PauseReason::CannotPost {
            needs: needs.clone(),
        };
        assert_eq!(
            PauseReason::from_stored(reason.code(), reason.needs().to_vec()),
            reason
        );
        assert_eq!(
            reason.to_string(),
            "briefbot may not post here; it needs Send Messages and Embed Links there, then run \
             /subscribe again"
        );
        let old = PauseReason::from_stored("briefbot may not post here.", Vec::new());
        assert_eq!(
            old,
            PauseReason::Legacy("briefbot may not post here.".into())
        );
        assert_eq!(old.to_string(), "briefbot may not post here");
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
        assert_eq!(join_and::<&str>(&[]), "");
    }
}
