//! Serving and calling `#[wire_rpc]` traits: a [`Server`] routes calls to
//! the [`Service`]s it serves (`server`), a client calls through a
//! [`Transport`] (`client`), in-process ([`Local`]) or over TCP ([`net`]).
//!
//! Nothing is decoded with the wrong layout: the server checks a call's
//! function id and args code before it reads the body, the client checks
//! the return code before it decodes the reply.

mod client;
mod local;
#[cfg(feature = "net")]
#[cfg_attr(docsrs, doc(cfg(feature = "net")))]
pub mod net;
mod server;

pub use client::{Transport, call, call_ext};
pub use local::Local;
pub use server::{Server, Service};

use crate::codec::CodecError;
use crate::protocol::frame::{FrameError, Status};
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A boxed, `Send` future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Why a call failed, naming the handler and, for layout mismatches, both codes.
#[derive(Debug)]
pub enum CallError {
    /// The peer has no handler with this function id.
    FunctionNotRegistered {
        /// The handler's wire name.
        handler: String,
        /// Its function id.
        function_id: u32,
    },
    /// The peer's handler takes another argument layout.
    InvalidArguments {
        /// The handler's wire name.
        handler: String,
        /// This side's args code.
        caller: u32,
        /// The server's args code.
        server: u32,
    },
    /// The peer's handler returns another layout.
    InvalidReturn {
        /// The handler's wire name.
        handler: String,
        /// This side's return code.
        caller: u32,
        /// The server's return code.
        server: u32,
    },
    /// The peer refused the extension section: a level it knows carries other
    /// parameters there (the message names the level and both codes).
    InvalidExtension {
        /// The handler's wire name.
        handler: String,
        /// The server's message.
        message: String,
    },
    /// Encoding or decoding failed.
    Codec {
        /// The handler's wire name.
        handler: String,
        /// What the codec said.
        error: CodecError,
    },
    /// The peer reported an error of its own.
    Remote {
        /// The handler's wire name.
        handler: String,
        /// The status the server answered.
        status: Status,
        /// The server's message.
        message: String,
    },
    /// A malformed frame.
    Frame(FrameError),
    /// The handshake failed or was refused.
    Handshake(String),
    /// The connection failed.
    Io(std::io::Error),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::FunctionNotRegistered { handler, function_id } => {
                write!(f, "FunctionNotRegistered: the peer has no `{handler}` (function id {function_id:#010x})")
            }
            CallError::InvalidArguments { handler, caller, server } => write!(
                f,
                "InvalidArguments: `{handler}` args code {caller:#010x} here, {server:#010x} on the server: \
                 the argument layouts differ, nothing was decoded"
            ),
            CallError::InvalidReturn { handler, caller, server } => write!(
                f,
                "InvalidReturn: `{handler}` return code {caller:#010x} here, {server:#010x} from the server: \
                 the reply was not decoded"
            ),
            CallError::InvalidExtension { handler, message } => {
                write!(f, "InvalidExtension: `{handler}`: {message}")
            }
            CallError::Codec { handler, error } => write!(f, "`{handler}`: {error}"),
            CallError::Remote { handler, status, message } => write!(f, "`{handler}`: {status:?}: {message}"),
            CallError::Frame(e) => write!(f, "{e}"),
            CallError::Handshake(why) => write!(f, "handshake failed: {why}"),
            CallError::Io(e) => write!(f, "connection: {e}"),
        }
    }
}

impl std::error::Error for CallError {}

impl From<std::io::Error> for CallError {
    fn from(e: std::io::Error) -> Self {
        CallError::Io(e)
    }
}

impl From<FrameError> for CallError {
    fn from(e: FrameError) -> Self {
        CallError::Frame(e)
    }
}
