//! The server side: services, and the routing that checks codes first.

use super::client::Reply;
use super::{BoxFuture, HandlerError};
use crate::codec::Codec;
use crate::contract::registry::{Contract, ContractError, Handler};
use crate::protocol::ext::ExtSection;
use crate::protocol::frame::{self, RequestHeader, Status, payload_code};
use crate::protocol::handshake::{self, ServiceReady};
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// A served trait implementation. `#[wire_rpc]` writes `<Trait>Server<S>`,
/// which implements this for every `S: Trait`.
pub trait Service<C: Codec>: Send + Sync + 'static {
    /// The handlers this service answers.
    fn handlers(&self) -> &'static [&'static Handler];
    /// Decodes `body` as `handler`'s arguments (and its `#[wire(since)]`
    /// parameters from `ext`, whose codes the server has checked), runs it
    /// and encodes its return value.
    fn call<'a>(
        &'a self,
        codec: &'a C,
        handler: &'static Handler,
        body: &'a [u8],
        ext: &'a ExtSection<'a>,
    ) -> BoxFuture<'a, Result<Vec<u8>, HandlerError>>;
}

/// A request as the server reads it off a frame.
#[derive(Clone, Copy, Debug)]
pub struct Incoming<'a> {
    /// The request header.
    pub header: RequestHeader,
    /// The arguments' payload.
    pub body: &'a [u8],
    /// The attachment: the extension section.
    pub attachment: &'a [u8],
}

struct Route<C: Codec> {
    handler: &'static Handler,
    service: Arc<dyn Service<C>>,
}

/// Routes calls to services, checking ids and codes first.
///
/// Build one with [`add_service`](Server::add_service) for each service,
/// then serve it over connections ([`net`](super::net)) or in process
/// ([`Local`](super::Local)).
pub struct Server<C: Codec> {
    codec: C,
    routes: HashMap<u32, Route<C>>,
    build: String,
    ready: ServiceReady,
    /// `ready` encoded: the body of every handshake reply.
    ready_encoded: Vec<u8>,
    max_frame: u32,
}

impl<C: Codec> Server<C> {
    /// A server with no service yet.
    pub fn new(codec: C) -> Server<C> {
        let mut server = Server {
            codec,
            routes: HashMap::new(),
            build: String::new(),
            ready: ServiceReady::new(C::NAME, "", []),
            ready_encoded: Vec::new(),
            max_frame: frame::DEFAULT_MAX_FRAME,
        };
        server.refresh();
        server
    }

    /// The informational build string sent in the handshake.
    pub fn with_build(mut self, build: &str) -> Server<C> {
        self.build = build.to_owned();
        self.refresh();
        self
    }

    /// The largest request (body and attachment) accepted, and reply sent;
    /// peers learn it in the handshake.
    pub fn with_max_frame(mut self, max: u32) -> Server<C> {
        self.max_frame = max;
        self.refresh();
        self
    }

    /// Adds a service; fails if one of its function ids is already served.
    pub fn add_service<S: Service<C>>(mut self, service: S) -> Result<Server<C>, ContractError> {
        let service: Arc<dyn Service<C>> = Arc::new(service);
        let all = self.routes.values().map(|r| r.handler).chain(service.handlers().iter().copied());
        Contract::from_handlers(all)?;
        for &handler in service.handlers() {
            self.routes.insert(handler.function_id, Route { handler, service: Arc::clone(&service) });
        }
        self.refresh();
        Ok(self)
    }

    fn refresh(&mut self) {
        self.ready = ServiceReady::new(C::NAME, &self.build, self.routes.values().map(|r| r.handler))
            .with_max_frame(self.max_frame);
        self.ready_encoded = self.ready.encode();
    }

    /// The handshake this server sends.
    pub fn ready(&self) -> &ServiceReady {
        &self.ready
    }

    /// The codec.
    pub fn codec(&self) -> &C {
        &self.codec
    }

    /// The frame limit.
    pub fn max_frame(&self) -> u32 {
        self.max_frame
    }

    /// The handler a function id routes to.
    pub fn handler(&self, function_id: u32) -> Option<&'static Handler> {
        self.routes.get(&function_id).map(|r| r.handler)
    }

    /// Answers a handshake request whose body is `body`: this server's
    /// `ServiceReady`, or `InvalidArguments` if the caller's does not decode;
    /// with the caller's frame limit when it sends one (not 0). The one
    /// place a caller's handshake is decoded ([`handle`](Server::handle)
    /// and the connection loop, which learns the limit, both come here).
    pub(crate) fn answer_handshake(&self, body: &[u8]) -> (Reply, Option<u32>) {
        match ServiceReady::decode(body) {
            Ok(caller) => (Reply::ok(self.ready_encoded.clone()), Some(caller.max_frame).filter(|&max| max != 0)),
            Err(e) => (Reply::error(Status::INVALID_ARGUMENTS, e.to_string()), None),
        }
    }

    /// Answers one request:
    /// - the handshake's function id -> this server's `ServiceReady`, whatever
    ///   the request's codec;
    /// - another codec (`serialize_type`) -> `ProtocolError`;
    /// - an unknown function id -> `FunctionNotRegistered`;
    /// - a body whose code is not the handler's args code, an extension
    ///   level whose code is not the handler's, arguments that do not decode
    ///   -> `InvalidArguments`, naming the handler and both codes;
    /// - else the handler runs: its value (`Ok`), or `HandlerFailed` if it
    ///   panicked or its value did not encode, or `MessageTooLarge` if the
    ///   value exceeds the frame limit.
    ///
    /// Extension levels the handler does not know are skipped; the
    /// attachment of a call of a handler without levels is not read.
    pub async fn handle(&self, call: Incoming<'_>) -> Reply {
        // The handshake's body is its own encoding, whatever the codec: a
        // peer learns this server's codec from the answer.
        if call.header.function_id == handshake::FUNCTION_ID {
            return self.answer_handshake(call.body).0;
        }
        if call.header.serialize_type != C::SERIALIZE_TYPE {
            return Reply::error(
                Status::PROTOCOL_ERROR,
                format!(
                    "this server speaks {} (serialize_type {}), the call is serialize_type {}",
                    C::NAME,
                    C::SERIALIZE_TYPE,
                    call.header.serialize_type
                ),
            );
        }
        let Some(route) = self.routes.get(&call.header.function_id) else {
            return Reply::error(
                Status::FUNCTION_NOT_REGISTERED,
                format!(
                    "the rpc function not registered: no handler with function id {:#010x}",
                    call.header.function_id
                ),
            );
        };
        let handler = route.handler;
        let sent = payload_code(call.body);
        if !handler.args.is_empty() && sent != Some(handler.args_code) {
            let sent = sent.map_or_else(|| "no code".to_owned(), |c| format!("{c:#010x}"));
            return Reply::error(
                Status::INVALID_ARGUMENTS,
                format!(
                    "`{}`: args code {sent} from the caller, {:#010x} here: the argument layouts differ, \
                     nothing was decoded",
                    handler.name, handler.args_code
                ),
            );
        }
        // A handler without extension levels does not read the attachment: a
        // C++ coro_rpc client may send one of its own (C++ leaves it to the handler).
        let section = if handler.ext.is_empty() {
            ExtSection::default()
        } else {
            match ExtSection::parse(call.attachment) {
                Ok(section) => section,
                Err(e) => return Reply::error(Status::INVALID_ARGUMENTS, format!("`{}`: {e}", handler.name)),
            }
        };
        if let Some((since, sent, here)) = section.mismatch(handler) {
            return Reply::error(
                Status::INVALID_ARGUMENTS,
                format!(
                    "`{}`: extension level {since} code {sent:#010x} from the caller, {here:#010x} here: \
                     the parameters of that level differ, nothing was decoded",
                    handler.name
                ),
            );
        }
        let ran = CatchUnwind(route.service.call(&self.codec, handler, call.body, &section)).await;
        match ran.unwrap_or_else(|panic| Err(HandlerError::Panicked(panic_message(&*panic)))) {
            Ok(body) if body.len() as u64 > u64::from(self.max_frame) => Reply::error(
                Status::MESSAGE_TOO_LARGE,
                format!(
                    "`{}`: a reply of {} bytes, over the frame limit of {} bytes: not sent",
                    handler.name,
                    body.len(),
                    self.max_frame
                ),
            ),
            Ok(body) => Reply::ok(body),
            Err(e @ HandlerError::Args(_)) => {
                Reply::error(Status::INVALID_ARGUMENTS, format!("`{}`: {e}", handler.name))
            }
            Err(e) => Reply::error(Status::HANDLER_FAILED, format!("`{}`: {e}", handler.name)),
        }
    }
}

/// A boxed future whose panic is caught and returned.
struct CatchUnwind<'a, T>(BoxFuture<'a, T>);

impl<T> Future for CatchUnwind<'_, T> {
    type Output = Result<T, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = &mut self.0;
        match std::panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// The message of a panic payload (`panic!("...")` or a formatted one).
pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_owned(),
        (_, Some(s)) => s.clone(),
        _ => "a panic without a message".to_owned(),
    }
}
