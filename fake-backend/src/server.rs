//! The HTTP server: its thread and runtime, the accept loop, and per-connection serving.
//!
//! The server runs on an OS thread of its own with a current-thread tokio runtime, so it
//! outlives the short runtimes of `#[tokio::test]` functions that share one instance.
//! Connections are served with hyper directly (not `axum::serve`) for two faults that need
//! the socket itself:
//!
//! * dropping a connection without a response: each connection task watches a [`Notify`]
//!   that the handler fires, and then drops the connection;
//! * refusing connections: the accept loop drops its listener (connects then get
//!   `ECONNREFUSED`) and binds the same address again on resume; open keep-alive connections
//!   are shut down gracefully so that a client cannot keep using them.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::SyncSender;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post, put};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc, watch};
use tower_service::Service;

use crate::backend::{self, ConnKill};
use crate::control;
use crate::state::Shared;

/// What the handle (or the control API) asks of the accept loop.
pub(crate) enum Command {
    /// Close the listening socket (`true`) or open it again on the same address (`false`).
    /// The result goes to `ack` if there is one, else to stderr if it is an error.
    Refuse {
        refuse: bool,
        ack: Option<SyncSender<io::Result<()>>>,
    },
    /// Stop serving; the thread then drops its runtime, which ends every connection.
    Shutdown,
}

/// The axum state: what handlers need.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) shared: Arc<Shared>,
    pub(crate) commands: mpsc::UnboundedSender<Command>,
}

/// The route table: the control API under `/__fake/`, everything else to the backend handler.
fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/__fake/calls",
            get(control::list_calls).delete(control::clear_calls),
        )
        .route(
            "/__fake/rules",
            get(control::list_rules).delete(control::clear_rules),
        )
        .route(
            "/__fake/rules/{id}",
            put(control::put_rule).delete(control::delete_rule),
        )
        .route(
            "/__fake/latency",
            get(control::get_latency).put(control::put_latency),
        )
        .route("/__fake/refuse", put(control::put_refuse))
        .route("/__fake/stats", get(control::get_stats))
        .route("/__fake/stats/reset", post(control::reset_stats))
        .route("/__fake/deleted", get(control::get_deleted))
        .route("/__fake/reset", post(control::reset))
        .fallback(backend::handle)
        .with_state(state)
}

/// Serves on `listener` until a [`Command::Shutdown`] (or until every sender is gone).
pub(crate) async fn run(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    commands: mpsc::UnboundedSender<Command>,
    mut inbox: mpsc::UnboundedReceiver<Command>,
) {
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    let mut listener = match TcpListener::from_std(listener) {
        Ok(listener) => Some(listener),
        Err(err) => {
            eprintln!("fake-backend: cannot serve on {addr}: {err}");
            return;
        }
    };
    let app = router(AppState {
        shared: Arc::clone(&shared),
        commands,
    });
    let (refusing_tx, refusing_rx) = watch::channel(false);
    loop {
        tokio::select! {
            command = inbox.recv() => match command {
                None | Some(Command::Shutdown) => return,
                Some(Command::Refuse { refuse, ack }) => {
                    let result = if refuse {
                        listener = None;
                        Ok(())
                    } else if listener.is_none() {
                        TcpListener::bind(addr).await.map(|l| listener = Some(l))
                    } else {
                        Ok(())
                    };
                    let refusing = listener.is_none();
                    shared.set_refusing(refusing);
                    refusing_tx.send_replace(refusing);
                    match ack {
                        Some(ack) => {
                            let _ = ack.send(result);
                        }
                        None => {
                            if let Err(err) = result {
                                eprintln!("fake-backend: cannot listen again on {addr}: {err}");
                            }
                        }
                    }
                }
            },
            accepted = accept(listener.as_ref()) => match accepted {
                Ok(stream) => {
                    tokio::spawn(serve_connection(stream, app.clone(), refusing_rx.clone()));
                }
                Err(err) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    eprintln!("fake-backend: accept failed: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
}

async fn accept(listener: Option<&TcpListener>) -> io::Result<TcpStream> {
    match listener {
        Some(listener) => {
            let (stream, _) = listener.accept().await?;
            // Answers are tiny; do not let Nagle add latency to them.
            let _ = stream.set_nodelay(true);
            Ok(stream)
        }
        None => std::future::pending().await,
    }
}

async fn serve_connection(stream: TcpStream, app: Router, mut refusing: watch::Receiver<bool>) {
    let kill = Arc::new(Notify::new());
    let conn_kill = ConnKill(Arc::clone(&kill));
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(conn_kill.clone());
        let mut app = app.clone();
        async move { app.call(request).await }
    });
    let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let mut closing = false;
    loop {
        tokio::select! {
            _ = conn.as_mut() => return,
            // Returning drops `conn` and with it the socket, without a response.
            _ = kill.notified() => return,
            changed = refusing.wait_for(|refusing| *refusing), if !closing => {
                closing = true;
                if changed.is_ok() {
                    // Finish the request in progress, if any, then close.
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
}
