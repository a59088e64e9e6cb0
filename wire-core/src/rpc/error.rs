//! Why a call failed, and why a handler did.

use crate::codec::CodecError;
use crate::protocol::frame::{FrameError, Status};
use crate::protocol::handshake::HandshakeError;
use std::fmt;
use std::time::Duration;

/// Why a call failed, naming the handler and, for layout mismatches, both codes.
#[derive(Debug)]
#[non_exhaustive]
pub enum CallError {
    /// The peer has no handler with this function id.
    FunctionNotRegistered {
        /// The handler's wire name.
        handler: &'static str,
        /// Its function id.
        function_id: u32,
    },
    /// The peer's handler takes another argument layout, or did not read
    /// the arguments under its own: nothing ran.
    InvalidArguments {
        /// The handler's wire name.
        handler: &'static str,
        /// The args code sent.
        caller: u32,
        /// The peer's args code, when its handshake told it.
        server: Option<u32>,
        /// What the peer said.
        message: String,
    },
    /// The peer's handler returns another layout: the reply was not decoded.
    InvalidReturn {
        /// The handler's wire name.
        handler: &'static str,
        /// The return code expected here.
        caller: u32,
        /// The code the reply carries.
        server: u32,
    },
    /// The handler ran and failed (a panic, a C++ exception), or its reply
    /// could not be encoded.
    HandlerFailed {
        /// The handler's wire name.
        handler: &'static str,
        /// What the peer said.
        message: String,
    },
    /// The request is larger than the peer accepts: nothing was sent.
    FrameTooLarge {
        /// The handler's wire name.
        handler: &'static str,
        /// Bytes of the request's body and attachment.
        size: u64,
        /// The peer's limit.
        limit: u32,
    },
    /// No reply within the call's deadline. The connection stays usable; a
    /// late reply is dropped. The handler may still have run.
    Timeout {
        /// The handler's wire name.
        handler: &'static str,
        /// The deadline.
        after: Duration,
    },
    /// The connection is down (and, depending on the reconnect policy,
    /// being re-established): the call was not sent, or its reply was lost.
    Disconnected {
        /// The handler's wire name.
        handler: &'static str,
        /// Why.
        reason: String,
    },
    /// Encoding the arguments or decoding the reply failed.
    Codec {
        /// The handler's wire name.
        handler: &'static str,
        /// The codec's error.
        error: CodecError,
    },
    /// The peer answered with another error status.
    Remote {
        /// The handler's wire name.
        handler: &'static str,
        /// The status.
        status: Status,
        /// What the peer said.
        message: String,
    },
    /// A malformed frame.
    Frame(FrameError),
    /// The peer's handshake could not be read.
    Handshake(HandshakeError),
    /// The peer's contract is not the one this side requires (strict mode),
    /// or the handshake was refused.
    Refused(String),
    /// The connection failed.
    Io(std::io::Error),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::FunctionNotRegistered { handler, function_id } => {
                write!(f, "FunctionNotRegistered: the peer has no `{handler}` (function id {function_id:#010x})")
            }
            CallError::InvalidArguments { handler, caller, server: Some(server), message } if server != caller => {
                write!(
                    f,
                    "InvalidArguments: `{handler}` args code {caller:#010x} here, {server:#010x} on the server: \
                 the argument layouts differ, nothing was decoded ({message})"
                )
            }
            CallError::InvalidArguments { handler, caller, message, .. } => write!(
                f,
                "InvalidArguments: `{handler}` args code {caller:#010x} here: the server refused it: {message}"
            ),
            CallError::InvalidReturn { handler, caller, server } => write!(
                f,
                "InvalidReturn: `{handler}` return code {caller:#010x} here, {server:#010x} from the server: \
                 the reply was not decoded"
            ),
            CallError::HandlerFailed { handler, message } => write!(f, "HandlerFailed: `{handler}`: {message}"),
            CallError::FrameTooLarge { handler, size, limit } => write!(
                f,
                "FrameTooLarge: `{handler}`: a request of {size} bytes, the peer accepts {limit}: nothing was sent"
            ),
            CallError::Timeout { handler, after } => {
                write!(f, "Timeout: `{handler}`: no reply within {after:?} (the handler may still have run)")
            }
            CallError::Disconnected { handler, reason } => write!(f, "Disconnected: `{handler}`: {reason}"),
            CallError::Codec { handler, error } => write!(f, "`{handler}`: {error}"),
            CallError::Remote { handler, status, message } => write!(f, "`{handler}`: {status}: {message}"),
            CallError::Frame(e) => write!(f, "{e}"),
            CallError::Handshake(e) => write!(f, "handshake: {e}"),
            CallError::Refused(why) => write!(f, "refused: {why}"),
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

/// Why a served handler produced no value: what the server reports to the
/// caller with an error status.
#[derive(Debug)]
#[non_exhaustive]
pub enum HandlerError {
    /// The arguments (or a `#[wire(since)]` level) did not decode under the
    /// handler's layout: reported as `InvalidArguments`.
    Args(CodecError),
    /// The return value could not be encoded: `HandlerFailed`.
    Reply(CodecError),
    /// The handler panicked: `HandlerFailed`.
    Panicked(String),
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandlerError::Args(e) => write!(f, "the arguments did not decode: {e}"),
            HandlerError::Reply(e) => write!(f, "the reply did not encode: {e}"),
            HandlerError::Panicked(message) => write!(f, "the handler panicked: {message}"),
        }
    }
}

impl std::error::Error for HandlerError {}
