//! A client-side limit on posts per second, under Discord's global 50 requests/s.
//!
//! A small GCRA token bucket on `tokio::time` rather than governor: governor reads its own
//! clock (quanta) and sleeps through futures-timer, so `tokio::time::pause()` cannot drive it
//! and tests would have to sleep for real; this one is ~40 lines on tokio's clock, which tests
//! control, and it needs no extra dependency.

use std::num::NonZeroU32;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// Spaces calls to at most `rate` per second, allowing `burst` back to back.
#[derive(Debug)]
pub struct RateLimiter {
    /// Time between two calls at the steady rate.
    interval: Duration,
    /// How far ahead of the steady schedule a call may go (`burst - 1` intervals).
    tolerance: Duration,
    /// The theoretical arrival time of the next call at the steady rate. A std mutex: it is
    /// held only to read and bump this value, never across an `.await`.
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// At most `rate` calls per second, with bursts of up to `burst` calls.
    pub fn new(rate: NonZeroU32, burst: NonZeroU32) -> Self {
        let interval = Duration::from_secs(1) / rate.get();
        Self {
            interval,
            tolerance: interval * (burst.get() - 1),
            next: Mutex::new(None),
        }
    }

    /// Waits until a call is allowed and reserves it. Callers are served in the order they
    /// reserved, so a long queue of posts goes out at exactly the configured rate.
    pub async fn acquire(&self) {
        let now = Instant::now();
        let allowed_at = {
            let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
            let scheduled = next.map_or(now, |next| next.max(now));
            *next = Some(scheduled + self.interval);
            scheduled.checked_sub(self.tolerance).unwrap_or(now)
        };
        if allowed_at > now {
            tokio::time::sleep_until(allowed_at).await;
        }
    }

    /// Lets no call through before `until`: Discord said the bot as a whole is rate limited.
    pub fn hold_until(&self, until: Instant) {
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let held = until + self.tolerance;
        *next = Some(next.map_or(held, |next| next.max(held)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(rate: u32, burst: u32) -> RateLimiter {
        RateLimiter::new(
            NonZeroU32::new(rate).unwrap(),
            NonZeroU32::new(burst).unwrap(),
        )
    }

    #[tokio::test(start_paused = true)]
    async fn calls_are_spaced_at_the_rate() {
        let limiter = limiter(50, 1);
        let start = Instant::now();
        for _ in 0..101 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_goes_at_once_then_the_rate_holds() {
        let limiter = limiter(10, 5);
        let start = Instant::now();
        for _ in 0..5 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        for _ in 0..10 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_limiter_does_not_save_up_more_than_a_burst() {
        let limiter = limiter(10, 2);
        limiter.acquire().await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        let start = Instant::now();
        for _ in 0..4 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }

    #[tokio::test(start_paused = true)]
    async fn a_hold_stops_every_caller_until_it_ends() {
        let limiter = limiter(100, 1);
        let start = Instant::now();
        limiter.hold_until(start + Duration::from_secs(3));
        limiter.acquire().await;
        assert_eq!(start.elapsed(), Duration::from_secs(3));
        limiter.acquire().await;
        assert_eq!(start.elapsed(), Duration::from_millis(3010));
    }
}
