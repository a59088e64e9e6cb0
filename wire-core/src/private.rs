//! What the servers and clients written by `#[wire_rpc]` call: the generic
//! part of every method, compiled once here instead of once per generated
//! method. A method then costs its caller's crate a closure (server) or a
//! small plain function (client) and no `async` body of its own, which is
//! most of `#[wire_rpc]`'s compile time.

use crate::codec::{Codec, CodecError, Payload};
use crate::contract::registry::Handler;
use crate::rpc::{BoxFuture, CallError, HandlerError, Transport};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;

/// Runs a handler with a plain return value: decodes the arguments `A`,
/// calls, encodes the result (on the first poll, like an `async fn`).
///
/// Boxed here, once, rather than in each generated arm: the coercion to
/// `dyn Future + Send` is then proved for this generic body, not again for
/// every method of every served trait.
pub fn serve<'a, S, C, A, R>(
    service: &'a S,
    codec: &'a C,
    handler: &'static Handler,
    body: &'a [u8],
    call: impl FnOnce(&'a S, A) -> R + Send + 'a,
) -> BoxFuture<'a, Result<Vec<u8>, HandlerError>>
where
    S: ?Sized + Sync,
    C: Codec,
    A: DeserializeOwned,
    R: Serialize,
{
    Box::pin(async move {
        let args = codec.decode(body, Payload::args(handler)).map_err(HandlerError::Args)?;
        let ret = call(service, args);
        encode_reply(codec, handler, &ret)
    })
}

fn encode_reply<C: Codec, R: Serialize>(
    codec: &C,
    handler: &'static Handler,
    ret: &R,
) -> Result<Vec<u8>, HandlerError> {
    let mut out = Vec::new();
    codec.encode(ret, Payload::returns(handler), &mut out).map_err(HandlerError::Reply)?;
    Ok(out)
}

/// [`serve`] for an `async fn` handler: awaits the call's future.
pub fn serve_async<'a, S, C, A, F>(
    service: &'a S,
    codec: &'a C,
    handler: &'static Handler,
    body: &'a [u8],
    call: impl FnOnce(&'a S, A) -> F + Send + 'a,
) -> BoxFuture<'a, Result<Vec<u8>, HandlerError>>
where
    S: ?Sized + Sync,
    C: Codec,
    A: DeserializeOwned,
    F: Future + Send + 'a,
    F::Output: Serialize,
{
    Box::pin(async move {
        let args = codec.decode(body, Payload::args(handler)).map_err(HandlerError::Args)?;
        let ret = call(service, args).await;
        encode_reply(codec, handler, &ret)
    })
}

/// The handler with `function_id` among a service's `handlers`: how a
/// generated client method finds its own (ids are unique in a service;
/// `#[wire_rpc]` only asks for ids it wrote).
pub fn handler(handlers: &'static [&'static Handler], function_id: u32) -> &'static Handler {
    match handlers.iter().find(|h| h.function_id == function_id) {
        Some(handler) => handler,
        None => unreachable!("#[wire_rpc] wrote a client method for {function_id:#010x} but no handler"),
    }
}

/// `serve_N(service, codec, body, <S as Trait>::method)`: [`serve`] and
/// [`serve_async`] for a method of `N` plain parameters, passed as the fn
/// item itself. The tuple is taken apart here, once per arity, so a
/// generated arm needs no closure of its own to type-check.
macro_rules! serve_arity {
    ($(($serve:ident, $serve_async:ident, $($arg:ident $ty:ident),*)),* $(,)?) => {$(
        #[doc(hidden)]
        pub fn $serve<'a, S, C, $($ty,)* R>(
            service: &'a S,
            codec: &'a C,
            handler: &'static Handler,
            body: &'a [u8],
            method: fn(&'a S $(, $ty)*) -> R,
        ) -> BoxFuture<'a, Result<Vec<u8>, HandlerError>>
        where
            S: ?Sized + Sync,
            C: Codec,
            $($ty: 'a,)*
            ($($ty,)*): DeserializeOwned + Send,
            R: Serialize + 'a,
        {
            serve(service, codec, handler, body, move |service, ($($arg,)*): ($($ty,)*)| method(service $(, $arg)*))
        }

        #[doc(hidden)]
        pub fn $serve_async<'a, S, C, $($ty,)* F>(
            service: &'a S,
            codec: &'a C,
            handler: &'static Handler,
            body: &'a [u8],
            method: fn(&'a S $(, $ty)*) -> F,
        ) -> BoxFuture<'a, Result<Vec<u8>, HandlerError>>
        where
            S: ?Sized + Sync,
            C: Codec,
            $($ty: 'a,)*
            ($($ty,)*): DeserializeOwned + Send,
            F: Future + Send + 'a,
            F::Output: Serialize,
        {
            serve_async(service, codec, handler, body, move |service, ($($arg,)*): ($($ty,)*)| method(service $(, $arg)*))
        }
    )*};
}

serve_arity! {
    (serve0, serve_async0,),
    (serve1, serve_async1, a A),
    (serve2, serve_async2, a A, b B),
    (serve3, serve_async3, a A, b B, c D),
    (serve4, serve_async4, a A, b B, c D, d E),
    (serve5, serve_async5, a A, b B, c D, d E, e G),
    (serve6, serve_async6, a A, b B, c D, d E, e G, g H),
}

/// A client call with the argument tuple by value, so the generated method
/// can return this future instead of being an `async fn` itself.
pub async fn call<T, A, R>(transport: &T, handler: &'static Handler, args: A) -> Result<R, CallError>
where
    T: Transport + ?Sized,
    A: Serialize + Sync,
    R: DeserializeOwned,
{
    crate::rpc::call(transport, handler, &args, Vec::new()).await
}

/// The future of an arm that failed before running the handler (an
/// extension level that did not decode).
pub fn failed<'a>(error: CodecError) -> BoxFuture<'a, Result<Vec<u8>, HandlerError>> {
    Box::pin(core::future::ready(Err(HandlerError::Args(error))))
}

/// [`call`] with an extension section (or the error writing it).
pub async fn call_ext<T, A, R>(
    transport: &T,
    handler: &'static Handler,
    args: A,
    ext: Result<Vec<u8>, CodecError>,
) -> Result<R, CallError>
where
    T: Transport + ?Sized,
    A: Serialize + Sync,
    R: DeserializeOwned,
{
    let ext = ext.map_err(|error| CallError::Codec { handler: handler.name, error })?;
    crate::rpc::call(transport, handler, &args, ext).await
}

/// Compiles only for a type a `#[wire(since)]` parameter can have: one with
/// a value for "not sent" (`Option<T>`, or `T: Default`). Its wire shape is
/// checked where the handler's codes are computed, so a type without `Wire`
/// is reported as that, once, and not as a missing default.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[wire(since = N)]` parameter: it has no default",
    label = "a peer that does not send this parameter needs a value for it",
    note = "use `Option<{Self}>` (None when not sent) or a type that implements `Default`"
)]
pub trait SinceParam: Default {}

impl<T: Default> SinceParam for T {}

/// `assert_since_param::<T>()` in a const: the compile-time check of [`SinceParam`].
pub const fn assert_since_param<T: SinceParam>() {}

/// The value of a `#[wire(since)]` parameter its caller did not send.
pub fn since_default<T: SinceParam>() -> T {
    T::default()
}
