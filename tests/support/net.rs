//! A server on an ephemeral loopback port over wire-core's `net` transport,
//! with what it reports, a client of it, and a service wrapper that sees
//! every call first (`tests/interop_matrix.rs`, `tests/load.rs`).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use wire_core::Handler;
use wire_core::codec::Bincode;
use wire_core::protocol::ext::ExtSection;
use wire_core::rpc::net::{Client, ServeConfig, serve};
use wire_core::rpc::{BoxFuture, HandlerError, Server, Service};

/// A server accepting connections on 127.0.0.1 until dropped.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// What it serves.
    pub server: Arc<Server<Bincode>>,
    reports: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Serves `service` as build `build`.
    pub async fn start<S: Service<Bincode>>(build: &str, service: S) -> Running {
        let server =
            Arc::new(Server::new(Bincode).with_build(build).add_service(service).expect("one service, distinct ids"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let reports = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&reports);
        let config = ServeConfig::default().on_error(move |e| sink.lock().unwrap().push(e.to_string()));
        let task = tokio::spawn(serve(listener, Arc::clone(&server), config));
        Running { addr, server, reports, task }
    }

    /// A client connected to it that calls `handlers` (what its handshake
    /// advertises).
    pub async fn client(&self, handlers: &'static [&'static Handler]) -> Client<Bincode> {
        Client::builder().calls(handlers).connect(self.addr).await.expect("connect + handshake")
    }

    /// The server never closed a connection for misbehaviour, nor saw a
    /// handler fail.
    #[track_caller]
    pub fn assert_nothing_reported(&self) {
        let reports = self.reports.lock().unwrap();
        assert!(reports.is_empty(), "the server reported: {reports:?}");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What a [`Hooked`] service answers in place of the service it wraps.
pub type Answer = BoxFuture<'static, Result<Vec<u8>, HandlerError>>;

/// Serves `inner`, showing each call's handler to `hook` first: `None` lets
/// `inner` answer, `Some` is the answer instead.
pub struct Hooked<S, F> {
    /// The service that answers when `hook` does not.
    pub inner: S,
    /// Sees every call first.
    pub hook: F,
}

impl<S, F> Service<Bincode> for Hooked<S, F>
where
    S: Service<Bincode>,
    F: Fn(&'static Handler) -> Option<Answer> + Send + Sync + 'static,
{
    fn handlers(&self) -> &'static [&'static Handler] {
        self.inner.handlers()
    }

    fn call<'a>(
        &'a self,
        codec: &'a Bincode,
        handler: &'static Handler,
        body: &'a [u8],
        ext: &'a ExtSection<'a>,
    ) -> BoxFuture<'a, Result<Vec<u8>, HandlerError>> {
        match (self.hook)(handler) {
            Some(answer) => answer,
            None => self.inner.call(codec, handler, body, ext),
        }
    }
}
