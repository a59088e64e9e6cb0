//! Serving and calling `#[wire_rpc]` traits over coro_rpc frames: a
//! [`Server`] routes calls to the [`Service`]s it serves, a client calls
//! through a [`Transport`], in-process ([`Local`]) or over a connection
//! ([`net`]).
//!
//! Nothing is decoded with the wrong layout: the server compares a call's
//! args code (the code its body starts with) with the handler's before it
//! reads a byte of values, the client compares the reply's code with the
//! return code before it decodes.

// The docs link to `net`, which exists with the `net` feature (docs.rs
// builds with every feature); without it those links have no target.
#![cfg_attr(not(feature = "net"), allow(rustdoc::broken_intra_doc_links))]

mod client;
mod error;
mod local;
#[cfg(feature = "net")]
#[cfg_attr(docsrs, doc(cfg(feature = "net")))]
pub mod net;
mod server;

pub use client::{Outgoing, Reply, Transport, call};
pub use error::{CallError, HandlerError};
pub use local::Local;
pub use server::{Incoming, Server, Service};

use std::future::Future;
use std::pin::Pin;

/// A boxed, `Send` future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A transport that can connect itself to an address with its defaults:
/// what `<Trait>Client::connect(addr)` uses. Implemented by
/// [`net::Client<Bincode>`](net::Client) (feature `net`).
pub trait Connect<A>: Transport + Sized {
    /// Connects to `addr` as a client calling `calls`.
    fn connect(
        addr: A,
        calls: &'static [&'static crate::Handler],
    ) -> impl Future<Output = Result<Self, CallError>> + Send;
}

/// A client of one service over a transport: what `#[wire_rpc]` writes as
/// `<Trait>Client<T>`, so a connection can be made for it in one line
/// ([`net::ClientBuilder::connect_service`]).
pub trait ServiceClient<T: Transport>: Sized {
    /// The handlers the client calls.
    const HANDLERS: &'static [&'static crate::Handler];
    /// The client over `transport`.
    fn from_transport(transport: T) -> Self;
}
