//! A client-side limit on posts per second, under Discord's global 50 requests/s.
//!
//! A small GCRA token bucket on `tokio::time` rather than governor: governor reads its own
//! clock (quanta) and sleeps through futures-timer, so `tokio::time::pause()` cannot drive it
//! and tests would have to sleep for real; this one is ~40 lines on tokio's clock, which tests
//! control, and it needs no extra dependency.
//!
//! Replicas sharing one database share the bot's rate: [`Share`] is one replica's part of it,
//! and [`RateLimiter::set_share`] applies it while posts are going out.

use std::num::{NonZeroU32, NonZeroUsize};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// One replica's part of the bot's `delivery_rate` when `live` replicas share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// The bot's total, posts per second.
    pub total: NonZeroU32,
    /// Replicas alive, this one included.
    pub live: NonZeroUsize,
}

impl Share {
    /// The whole rate, for a process alone (or one that has not heard of others yet).
    pub fn alone(total: NonZeroU32) -> Self {
        Self {
            total,
            live: NonZeroUsize::MIN,
        }
    }

    /// Time between two posts of this replica: `live / total` seconds, rounded up to the
    /// nanosecond, so that the shares of all replicas never add up to more than the total
    /// (dividing posts per second instead, 50 among 3 would be 16 + 16 + 16, or 17 × 3 = 51).
    /// It is never zero nor unbounded: at worst one post per `live` seconds.
    pub fn interval(self) -> Duration {
        let nanos =
            (1_000_000_000u128 * self.live.get() as u128).div_ceil(u128::from(self.total.get()));
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }

    /// Posts per second this replica sends at most (for the metrics and the logs).
    pub fn per_second(self) -> f64 {
        f64::from(self.total.get()) / self.live.get() as f64
    }

    /// Posts this replica sends back to back: `burst` divided among the replicas, at least one.
    pub fn burst(self, burst: NonZeroU32) -> NonZeroU32 {
        let live = u32::try_from(self.live.get()).unwrap_or(u32::MAX);
        NonZeroU32::new(burst.get() / live).unwrap_or(NonZeroU32::MIN)
    }

    /// Posts this replica sends within `span` at most.
    pub fn posts_within(self, span: Duration) -> u128 {
        u128::from(self.total.get()) * span.as_millis() / (1_000 * self.live.get() as u128)
    }

    /// Rows one claim takes: `batch`, but no more than this replica sends in half a `lease`,
    /// so that a claim is normally sent within its lease (should it take longer — the share
    /// shrank as replicas joined — the heartbeat renews the leases of what this replica still
    /// holds); and while replicas share the rate, no more than [`SHARED_CLAIM`]
    /// of posts: a claim is work the others cannot take, so at the end of a fanout a large
    /// one would leave them idle (their share unused) while this one still sends.
    pub fn claim(self, batch: usize, lease: Duration) -> usize {
        let span = if self.live.get() > 1 {
            (lease / 2).min(SHARED_CLAIM)
        } else {
            lease / 2
        };
        let posts = usize::try_from(self.posts_within(span)).unwrap_or(usize::MAX);
        batch.min(posts).max(1)
    }
}

/// The most posting time one claim holds while replicas share the rate. Short, since at the
/// end of a fanout the replicas finish their last claims one by one; a claim is one quick
/// transaction, so a second's worth costs the database nothing.
pub const SHARED_CLAIM: Duration = Duration::from_secs(1);

/// The interval between two calls at `share`, and how far ahead of it a burst may go (its
/// part of `burst`, less one, in intervals).
fn pacing(share: Share, burst: NonZeroU32) -> (Duration, Duration) {
    let interval = share.interval();
    (interval, interval * (share.burst(burst).get() - 1))
}

/// Spaces calls to at most `rate` per second, allowing `burst` back to back.
#[derive(Debug)]
pub struct RateLimiter {
    /// A std mutex: it is held only to read and bump the schedule, never across an `.await`.
    schedule: Mutex<Schedule>,
}

#[derive(Debug)]
struct Schedule {
    /// Time between two calls at the steady rate.
    interval: Duration,
    /// How far ahead of the steady schedule a call may go (`burst - 1` intervals).
    tolerance: Duration,
    /// The theoretical arrival time of the next call at the steady rate.
    next: Option<Instant>,
}

impl RateLimiter {
    /// At most `rate` calls per second, with bursts of up to `burst` calls: a process alone.
    pub fn new(rate: NonZeroU32, burst: NonZeroU32) -> Self {
        let (interval, tolerance) = pacing(Share::alone(rate), burst);
        Self {
            schedule: Mutex::new(Schedule {
                interval,
                tolerance,
                next: None,
            }),
        }
    }

    /// Paces calls at `share` of `burst` from the next reservation on; calls already
    /// scheduled keep their times, so a change never lets a burst through.
    pub fn set_share(&self, share: Share, burst: NonZeroU32) {
        let (interval, tolerance) = pacing(share, burst);
        let mut schedule = self.lock();
        schedule.interval = interval;
        schedule.tolerance = tolerance;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Schedule> {
        self.schedule.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a call is allowed and reserves it. Callers are served in the order they
    /// reserved, so a long queue of posts goes out at exactly the configured rate.
    pub async fn acquire(&self) {
        let now = Instant::now();
        let allowed_at = {
            let mut schedule = self.lock();
            let scheduled = schedule.next.map_or(now, |next| next.max(now));
            schedule.next = Some(scheduled + schedule.interval);
            scheduled.checked_sub(schedule.tolerance).unwrap_or(now)
        };
        if allowed_at > now {
            tokio::time::sleep_until(allowed_at).await;
        }
    }

    /// Lets no call through before `until`: Discord said the bot as a whole is rate limited.
    pub fn hold_until(&self, until: Instant) {
        let mut schedule = self.lock();
        let held = until + schedule.tolerance;
        schedule.next = Some(schedule.next.map_or(held, |next| next.max(held)));
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

    fn share(total: u32, live: usize) -> Share {
        Share {
            total: NonZeroU32::new(total).unwrap(),
            live: NonZeroUsize::new(live).unwrap(),
        }
    }

    #[test]
    fn shares_of_every_replica_never_add_up_to_more_than_the_total() {
        for total in [1, 2, 3, 7, 10, 40, 49, 50, 97, 500, 1000, 4999] {
            for live in 1..=12 {
                let interval = share(total, live).interval();
                assert!(interval > Duration::ZERO);
                // `live` replicas each sending one post per `interval`, in nanoseconds.
                let sum = live as f64 * 1e9 / interval.as_nanos() as f64;
                assert!(sum <= f64::from(total), "{total}/s among {live}: {sum}/s");
                // Rounding up to the nanosecond loses less than a ten-thousandth of the total.
                assert!(
                    sum > f64::from(total) * 0.999_9,
                    "{total}/s among {live}: {sum}/s"
                );
            }
        }
    }

    #[test]
    fn fifty_among_three_is_a_third_each_not_sixteen_or_seventeen() {
        let third = share(50, 3);
        assert_eq!(third.interval(), Duration::from_millis(60));
        assert!((third.per_second() - 50.0 / 3.0).abs() < 1e-9);
        assert_eq!(share(50, 1).interval(), Duration::from_millis(20));
        assert_eq!(Share::alone(NonZeroU32::new(40).unwrap()), share(40, 1));
    }

    #[test]
    fn more_replicas_than_posts_per_second_still_post_slowly_rather_than_never() {
        let tiny = share(2, 5);
        assert_eq!(tiny.interval(), Duration::from_millis(2500));
        assert_eq!(tiny.burst(NonZeroU32::new(3).unwrap()).get(), 1);
        assert_eq!(tiny.posts_within(Duration::from_secs(30)), 12);
        assert_eq!(tiny.claim(10_000, Duration::from_secs(60)), 1);
    }

    #[test]
    fn bursts_and_claims_are_divided_too() {
        let half = share(40, 2);
        assert_eq!(half.burst(NonZeroU32::new(10).unwrap()).get(), 5);
        assert_eq!(half.posts_within(Duration::from_secs(30)), 600);
        assert_eq!(share(40, 1).posts_within(Duration::from_secs(30)), 1200);
    }

    #[test]
    fn a_process_alone_claims_half_a_lease_and_replicas_a_second_each() {
        let minute = Duration::from_secs(60);
        // Alone: half a lease at the whole rate, as before replicas shared anything.
        assert_eq!(share(40, 1).claim(10_000, minute), 1200);
        assert_eq!(share(40, 1).claim(500, minute), 500);
        // Sharing: a second of this replica's share, so the fanout's end is shared too.
        assert_eq!(share(40, 2).claim(10_000, minute), 20);
        assert_eq!(share(300, 3).claim(10_000, minute), 100);
        // A short lease still bounds it.
        assert_eq!(share(300, 3).claim(10_000, Duration::from_secs(1)), 50);
    }

    #[tokio::test(start_paused = true)]
    async fn a_new_share_paces_the_calls_after_it() {
        let limiter = limiter(50, 1);
        let start = Instant::now();
        for _ in 0..51 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_secs(1));
        // A second replica came up: each now sends 25 a second. The call reserved at 1.02 s
        // keeps its time; the 24 after it are 40 ms apart.
        limiter.set_share(share(50, 2), NonZeroU32::MIN);
        for _ in 0..25 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_millis(1980));
        limiter.set_share(share(50, 1), NonZeroU32::MIN);
        for _ in 0..50 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_millis(3000));
    }
}
