//! Reading a `briefbot run` process's `/metrics`, for tests and benches that run several.

use std::net::SocketAddr;
use std::time::Duration;

use super::loopback::WAIT_LIMIT;

/// A port of 127.0.0.1 free a moment ago, for a process's `metrics_addr`.
pub fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

/// `GET /metrics` of the process at `addr`.
pub async fn scrape(addr: SocketAddr) -> Option<String> {
    let response = reqwest::get(format!("http://{addr}/metrics")).await.ok()?;
    response.text().await.ok()
}

/// Waits until the process at `addr` reports `value` for `name`, and returns its last scrape.
pub async fn wait_metric(addr: SocketAddr, name: &str, value: f64) -> String {
    let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
    loop {
        let text = scrape(addr).await.unwrap_or_default();
        if briefbot::ops::metrics::sample(&text, name, "") == Some(value) {
            return text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited for {name} {value} at {addr}; the last scrape:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
