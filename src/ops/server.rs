//! The listener of `metrics_addr`: `GET /metrics` (Prometheus text), `GET /healthz` (200 while
//! the process runs) and `GET /readyz` (200 once the bot serves, else 503 with the reason;
//! either way then the store and the shards this replica serves with).
//!
//! HTTP/1 on hyper's own connection type: three routes need no framework. Connections are
//! served until shutdown; a scraper's keep-alive connection does not hold the bot up.

use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{ALLOW, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use crate::updates::Shutdown;

use super::Ops;
use super::metrics::CONTENT_TYPE as METRICS_CONTENT_TYPE;

/// The content type of the probes' one-line answers.
const TEXT: &str = "text/plain; charset=utf-8";

/// Serves the routes on `listener` until `shutdown`.
pub async fn serve(listener: TcpListener, ops: Arc<Ops>, mut shutdown: Shutdown) {
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            () = shutdown.triggered() => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of file descriptors, say: the next accept may work.
                tracing::warn!(%error, "the metrics listener could not accept a connection");
                continue;
            }
        };
        let ops = Arc::clone(&ops);
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let ops = Arc::clone(&ops);
                async move { Ok::<_, Infallible>(route(&ops, &request).await) }
            });
            if let Err(error) = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                tracing::debug!(%error, "a metrics connection ended with an error");
            }
        });
        // Reap finished connections so a long run does not keep their handles.
        while connections.try_join_next().is_some() {}
    }
    connections.abort_all();
}

/// The answer to one request.
async fn route(ops: &Ops, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    let path = request.uri().path();
    if !matches!(path, "/metrics" | "/healthz" | "/readyz") {
        return text(
            StatusCode::NOT_FOUND,
            "not found: briefbot serves /metrics, /healthz and /readyz\n".to_owned(),
        );
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n".to_owned(),
        );
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    match path {
        "/metrics" => {
            let mut response = Response::new(Full::new(Bytes::from(ops.scrape().await)));
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(METRICS_CONTENT_TYPE));
            response
        }
        "/healthz" => text(StatusCode::OK, "ok\n".to_owned()),
        _ => {
            let readiness = ops.readiness().await;
            let status = match readiness.waiting {
                None => StatusCode::OK,
                Some(_) => StatusCode::SERVICE_UNAVAILABLE,
            };
            text(status, readiness.body())
        }
    }
}

fn text(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(TEXT));
    response
}
