//! The client side: a transport, and a call that checks the return code first.

use super::CallError;
use crate::codec::Codec;
use crate::contract::registry::Handler;
use crate::protocol::frame::{RequestHeader, ResponseHeader, Status};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;

/// How a client reaches a server: one request frame out, one response back.
pub trait Transport: Send + Sync {
    /// The codec of both sides.
    type Codec: Codec;
    /// The codec.
    fn codec(&self) -> &Self::Codec;
    /// Sends a call and waits for its response. `payload` is the body
    /// followed by the extension section (`header.body_len` + `header.ext_len` bytes).
    fn round_trip(
        &self,
        header: RequestHeader,
        payload: Vec<u8>,
    ) -> impl Future<Output = Result<(ResponseHeader, Vec<u8>), CallError>> + Send;
}

/// Calls `handler` with `args` (the base argument tuple) through `transport`,
/// checking the return code before decoding. Sends no extension section:
/// the server defaults the handler's `#[wire(since)]` parameters.
pub async fn call<T, A, R>(transport: &T, handler: &'static Handler, args: &A) -> Result<R, CallError>
where
    T: Transport + ?Sized,
    A: Serialize + ?Sized + Sync,
    R: DeserializeOwned,
{
    call_ext(transport, handler, args, &[]).await
}

/// [`call`] with an extension section carrying the handler's
/// `#[wire(since)]` parameters (written with [`ExtWriter`](crate::protocol::ext::ExtWriter)).
/// `#[wire_rpc]`'s clients use this.
pub async fn call_ext<T, A, R>(transport: &T, handler: &'static Handler, args: &A, ext: &[u8]) -> Result<R, CallError>
where
    T: Transport + ?Sized,
    A: Serialize + ?Sized + Sync,
    R: DeserializeOwned,
{
    let codec = transport.codec();
    let mut payload = codec.encode(args).map_err(|error| CallError::Codec { handler: handler.name.into(), error })?;
    let body_len = payload.len() as u32;
    payload.extend_from_slice(ext);
    let header = RequestHeader::call(handler, body_len, ext.len() as u32);
    let (reply, body) = transport.round_trip(header, payload).await?;
    let name = || handler.name.to_owned();
    match reply.status {
        Status::Ok if reply.return_code != handler.return_code => {
            Err(CallError::InvalidReturn { handler: name(), caller: handler.return_code, server: reply.return_code })
        }
        Status::Ok => codec.decode(&body).map_err(|error| CallError::Codec { handler: name(), error }),
        Status::FunctionNotRegistered => {
            Err(CallError::FunctionNotRegistered { handler: name(), function_id: handler.function_id })
        }
        Status::InvalidArguments => {
            Err(CallError::InvalidArguments { handler: name(), caller: handler.args_code, server: reply.return_code })
        }
        Status::InvalidExtension => {
            Err(CallError::InvalidExtension { handler: name(), message: String::from_utf8_lossy(&body).into_owned() })
        }
        status => {
            Err(CallError::Remote { handler: name(), status, message: String::from_utf8_lossy(&body).into_owned() })
        }
    }
}
