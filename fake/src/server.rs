//! The accept loop: HTTP/1.1 on hyper, one task per connection. A handler
//! that answers `None` drops the connection without answering (a fault).

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinSet;

use super::handle;
use super::state::Shared;

/// The most a request body may be (larger ones are refused, not read).
const MAX_BODY: usize = 16 * 1024 * 1024;

/// Serves until `shutdown` fires or is dropped.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    // Dropping the set when this task ends aborts every open connection.
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut shutdown => break,
        };
        while connections.try_join_next().is_some() {}
        let Ok((stream, _peer)) = accepted else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let kill = Arc::new(Notify::new());
        let shared = shared.clone();
        let switch = kill.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let shared = shared.clone();
            let switch = switch.clone();
            async move {
                match answer(&shared, request).await {
                    Some(answer) => Ok::<_, Infallible>(answer),
                    None => {
                        // Never answered: the connection task drops the socket.
                        switch.notify_one();
                        std::future::pending::<Result<Response<Full<Bytes>>, Infallible>>().await
                    }
                }
            }
        });
        connections.spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                // Dropping `connection` here closes the socket mid-request.
                _ = kill.notified() => {}
            }
        });
    }
}

async fn answer(shared: &Shared, request: Request<Incoming>) -> Option<Response<Full<Bytes>>> {
    let (parts, body) = request.into_parts();
    let limited = http_body_util::Limited::new(body, MAX_BODY);
    let body = match limited.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return Some(handle::plain(
                413,
                "the request body is too large or broken",
            ));
        }
    };
    let latency = shared.with(|d| d.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    handle::handle(shared, &parts, body).await
}
