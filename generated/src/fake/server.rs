//! The accept loop. It is hand-rolled (instead of `axum::serve`) so that a
//! fault can close a connection without any answer: each connection gets a
//! [`KillSwitch`] in its requests' extensions, and firing it drops the
//! connection future, which closes the socket.

use std::sync::Arc;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Closes the connection that carried the request, without answering.
#[derive(Clone, Default)]
pub(crate) struct KillSwitch(Arc<Notify>);

impl KillSwitch {
    pub(crate) fn fire(&self) {
        self.0.notify_one();
    }
}

/// Serves `router` on `listener` until `shutdown` fires or is dropped.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
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
        let kill = KillSwitch::default();
        let router = router.clone();
        let switch = kill.clone();
        let service = tower::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(switch.clone());
            let router = router.clone();
            async move { router.oneshot(request).await }
        });
        connections.spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            tokio::select! {
                _ = connection => {}
                // Dropping `connection` here closes the socket mid-request.
                _ = kill.0.notified() => {}
            }
        });
    }
}
