//! The client side: a transport, and a call that checks the return code first.

use super::CallError;
use crate::codec::{Codec, Payload, struct_pack};
use crate::contract::registry::Handler;
use crate::protocol::frame::{Status, payload_code};
use crate::protocol::handshake::ServiceReady;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::Arc;

/// A request on its way out: the transport frames it and numbers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// The handler called.
    pub function_id: u32,
    /// The arguments' payload.
    pub body: Vec<u8>,
    /// The attachment: the extension section, or nothing.
    pub attachment: Vec<u8>,
}

/// A response: its status, body and attachment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The outcome.
    pub status: Status,
    /// The return value's payload, or (for an error status) a message.
    pub body: Vec<u8>,
    /// The attachment.
    pub attachment: Vec<u8>,
}

impl Reply {
    /// A reply carrying a return value's payload.
    pub fn ok(body: Vec<u8>) -> Reply {
        Reply { status: Status::OK, body, attachment: Vec::new() }
    }

    /// An error reply: as coro_rpc writes them, the message is a
    /// struct_pack `std::string` (a status above 254 travels as 255, and its
    /// body is struct_pack's `pair<uint16_t, string>` of the code and message).
    pub fn error(status: Status, message: String) -> Reply {
        let body =
            if status.0 < 255 { struct_pack::to_vec(&message) } else { struct_pack::to_vec(&(status.0, message)) };
        Reply { status, body: body.expect("a string always encodes"), attachment: Vec::new() }
    }

    /// The message of an error reply (the bytes as text if they are not a
    /// struct_pack string).
    pub fn message(&self) -> String {
        let read = if self.status.byte() == u8::MAX {
            struct_pack::from_slice::<(u16, String)>(&self.body).map(|(_, message)| message)
        } else {
            struct_pack::from_slice::<String>(&self.body)
        };
        read.unwrap_or_else(|_| String::from_utf8_lossy(&self.body).into_owned())
    }

    /// The status a response header's byte and body stand for (255: the code is in the body).
    pub fn status_of(byte: u8, body: &[u8]) -> Status {
        if byte == u8::MAX
            && let Ok((code, _)) = struct_pack::from_slice::<(u16, String)>(body)
        {
            return Status(code);
        }
        Status(u16::from(byte))
    }
}

/// How a client reaches a server: one request out, its reply back.
pub trait Transport: Send + Sync {
    /// The codec of both sides.
    type Codec: Codec;
    /// The codec.
    fn codec(&self) -> &Self::Codec;
    /// Sends a request of `handler` and waits for its reply.
    fn send(
        &self,
        handler: &'static Handler,
        request: Outgoing,
    ) -> impl Future<Output = Result<Reply, CallError>> + Send;
    /// The peer's contract, when its handshake told it (a C++ coro_rpc peer
    /// has none: then every call is checked on its own).
    fn peer(&self) -> Option<Arc<ServiceReady>> {
        None
    }
}

/// Calls `handler` with `args` (the tuple of its base arguments) and the
/// extension section `ext` (its `#[wire(since)]` parameters, written with
/// [`ExtWriter`](crate::protocol::ext::ExtWriter), or empty) through
/// `transport`, checking the reply's code before decoding it.
pub async fn call<T, A, R>(transport: &T, handler: &'static Handler, args: &A, ext: Vec<u8>) -> Result<R, CallError>
where
    T: Transport + ?Sized,
    A: Serialize + ?Sized + Sync,
    R: DeserializeOwned,
{
    let codec = transport.codec();
    let name = handler.name;
    let mut body = Vec::new();
    codec.encode(args, Payload::args(handler), &mut body).map_err(|error| CallError::Codec { handler: name, error })?;
    let request = Outgoing { function_id: handler.function_id, body, attachment: ext };
    let reply = transport.send(handler, request).await?;
    match reply.status {
        Status::OK => match payload_code(&reply.body) {
            Some(code) if code == handler.return_code => codec
                .decode(&reply.body, Payload::returns(handler))
                .map_err(|error| CallError::Codec { handler: name, error }),
            code => {
                Err(CallError::InvalidReturn { handler: name, caller: handler.return_code, server: code.unwrap_or(0) })
            }
        },
        Status::FUNCTION_NOT_REGISTERED => {
            Err(CallError::FunctionNotRegistered { handler: name, function_id: handler.function_id })
        }
        Status::INVALID_ARGUMENTS => Err(CallError::InvalidArguments {
            handler: name,
            caller: handler.args_code,
            server: transport.peer().and_then(|peer| peer.method(handler.function_id).map(|m| m.args_code)),
            message: reply.message(),
        }),
        Status::HANDLER_FAILED => Err(CallError::HandlerFailed { handler: name, message: reply.message() }),
        status => Err(CallError::Remote { handler: name, status, message: reply.message() }),
    }
}
