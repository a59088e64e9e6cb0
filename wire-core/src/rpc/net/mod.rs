//! Serving and calling over connections (feature `net`): TCP, Unix sockets,
//! or any byte stream (TLS around TCP), with coro_rpc's frames.
//!
//! - Many calls in flight on one connection, each matched to its reply by
//!   sequence number (replies come back in any order); a bounded number at
//!   once, with backpressure on both sides.
//! - Deadlines: per call (a [`Client`]'s default, or
//!   [`Client::send_with_timeout`]), failing that call with `Timeout` and
//!   leaving the connection usable; on the server, an idle timeout and a
//!   read timeout for a frame that stalls.
//! - A [`Client`] reconnects with backoff after the peer went away, shakes
//!   hands again and checks the new verdict ([`Strict`]).
//! - Frame limits are in the handshake: a request too large for the peer
//!   fails before a byte is sent, a reply too large for its frame becomes an
//!   error status.
//! - A handler that panics answers `HandlerFailed` (the connection stays);
//!   synchronous handlers run on blocking threads ([`SyncHandlers`]).
//! - [`Shutdown`]: stop accepting, finish the calls in flight.
//! - `tracing` spans and events with the `tracing` feature.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use std::sync::Arc;
//! use wire_core::codec::Bincode;
//! use wire_core::rpc::Server;
//! use wire_core::rpc::net::{ServeConfig, Shutdown, serve};
//!
//! #[wire_core::wire_rpc]
//! pub trait Hello {
//!     async fn hello(&self, name: String) -> String;
//! }
//! struct Impl;
//! impl Hello for Impl {
//!     async fn hello(&self, name: String) -> String {
//!         format!("hello {name}")
//!     }
//! }
//!
//! let server = Arc::new(Server::new(Bincode).add_service(HelloServer::new(Impl)).unwrap());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let shutdown = Shutdown::new();
//! let serving = tokio::spawn(serve(listener, server, ServeConfig::default().shutdown(&shutdown)));
//! // ...
//! shutdown.trigger();
//! serving.await.unwrap()?;
//! # Ok(())
//! # }
//! ```

mod accept;
mod client;
mod conn;
mod io;
mod serve;
mod trace;

pub use accept::{ACCEPT_BACKOFF, Listener};
pub use client::{Client, ClientBuilder, ClientConfig, Reconnect, Stream, Strict};
pub use io::ConnectionError;
pub use serve::{ServeConfig, ServeError, Shutdown, ShutdownSignal, SyncHandlers, serve, serve_connection};
