//! Shutdown: SIGINT/SIGTERM from the operator, and the signal every long-running task watches
//! (triggered once, seen by every clone).

use std::sync::Arc;

use tokio::sync::watch;

/// Sends the shutdown signal; dropping every clone without [`ShutdownTrigger::trigger`] also
/// counts.
#[derive(Debug, Clone)]
pub struct ShutdownTrigger(Arc<watch::Sender<bool>>);

/// Tells a task that it should finish what it is doing and return.
#[derive(Debug, Clone)]
pub struct Shutdown(Option<watch::Receiver<bool>>);

/// A connected trigger and signal.
pub fn shutdown_signal() -> (ShutdownTrigger, Shutdown) {
    let (sender, receiver) = watch::channel(false);
    (ShutdownTrigger(Arc::new(sender)), Shutdown(Some(receiver)))
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

/// Completes when the process receives SIGINT (Ctrl-C) or SIGTERM, the two ways an operator or
/// a service manager stops the bot.
pub async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
                return;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; only Ctrl-C stops the bot")
            }
        }
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        tracing::error!(%error, "cannot listen for Ctrl-C either");
        std::future::pending::<()>().await;
    }
}

impl ShutdownTrigger {
    /// Triggers shutdown on SIGINT or SIGTERM; the returned task ends when it did.
    pub fn on_interrupt(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            interrupted().await;
            tracing::info!("shutting down");
            self.trigger();
        })
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
