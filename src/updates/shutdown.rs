//! A shutdown signal that long-running tasks watch: triggered once, seen by every clone.

use tokio::sync::watch;

/// Sends the shutdown signal; dropping it without [`ShutdownTrigger::trigger`] also counts.
#[derive(Debug)]
pub struct ShutdownTrigger(watch::Sender<bool>);

/// Tells a task that it should finish what it is doing and return.
#[derive(Debug, Clone)]
pub struct Shutdown(Option<watch::Receiver<bool>>);

/// A connected trigger and signal.
pub fn shutdown_signal() -> (ShutdownTrigger, Shutdown) {
    let (sender, receiver) = watch::channel(false);
    (ShutdownTrigger(sender), Shutdown(Some(receiver)))
}

impl ShutdownTrigger {
    /// Asks every holder of the signal to stop.
    pub fn trigger(&self) {
        self.0.send_replace(true);
    }
}

impl Shutdown {
    /// A signal that never fires, for callers that stop by other means (and tests).
    pub fn never() -> Self {
        Self(None)
    }

    /// True once shutdown was asked for (or the trigger was dropped).
    pub fn is_triggered(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|receiver| *receiver.borrow() || receiver.has_changed().is_err())
    }

    /// Completes when shutdown is asked for (or the trigger is dropped).
    pub async fn triggered(&mut self) {
        match &mut self.0 {
            // An error means the trigger is gone, which is also a reason to stop.
            Some(receiver) => drop(receiver.wait_for(|stop| *stop).await),
            None => std::future::pending().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_clone_sees_the_trigger() {
        let (trigger, signal) = shutdown_signal();
        let mut clone = signal.clone();
        assert!(!signal.is_triggered());
        trigger.trigger();
        clone.triggered().await;
        assert!(signal.is_triggered());
    }

    #[tokio::test]
    async fn dropping_the_trigger_stops_too() {
        let (trigger, mut signal) = shutdown_signal();
        drop(trigger);
        signal.triggered().await;
        assert!(signal.is_triggered());
    }

    #[tokio::test]
    async fn never_stays_quiet() {
        let signal = Shutdown::never();
        assert!(!signal.is_triggered());
    }
}
