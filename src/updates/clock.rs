//! The wall clock digests are scheduled by: the system's, or one that starts at a chosen
//! instant and moves with tokio's clock, so tests run days of digests in paused time.

use std::time::SystemTime;

use tokio::time::Instant;

/// Tells the engine what time it is (UTC) and when, on tokio's clock, an instant comes.
#[derive(Debug, Clone, Copy, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// `origin` at the tokio instant `start`, then moving as tokio's clock moves.
    Driven {
        /// The wall time at `start`.
        origin: SystemTime,
        /// The tokio instant of `origin`.
        start: Instant,
    },
}

impl Clock {
    /// A clock reading `origin` now and moving with tokio's (paused, in tests) clock.
    pub fn starting_at(origin: SystemTime) -> Self {
        Self::Driven {
            origin,
            start: Instant::now(),
        }
    }

    /// The time now.
    pub fn now(&self) -> SystemTime {
        match self {
            Self::System => SystemTime::now(),
            Self::Driven { origin, start } => *origin + start.elapsed(),
        }
    }

    /// The tokio instant at which this clock reads `time` (now, if it is past).
    pub fn instant_of(&self, time: SystemTime) -> Instant {
        let ahead = time.duration_since(self.now()).unwrap_or_default();
        Instant::now() + ahead
    }
}
