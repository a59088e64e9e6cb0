//! Serving and calling `#[wire_rpc]` traits, independent of the transport.
//!
//! A [`Server`] routes a request to the [`Service`] that owns its function id
//! after checking the id and the args code in the header: nothing is decoded
//! with the wrong layout. A client goes through a [`Transport`] and checks
//! the return code the same way before decoding the reply.

use crate::codec::{Codec, CodecError};
use crate::ext::ExtSection;
use crate::frame::{self, FrameError, RequestHeader, ResponseHeader, Status};
use crate::ready::ServiceReady;
use crate::registry::{Contract, ContractError, Handler};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed, `Send` future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

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
    ) -> BoxFuture<'a, Result<Vec<u8>, CodecError>>;
}

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

struct Route<C: Codec> {
    handler: &'static Handler,
    service: Arc<dyn Service<C>>,
}

/// Routes calls to services, checking ids and codes first.
pub struct Server<C: Codec> {
    codec: C,
    routes: HashMap<u32, Route<C>>,
    build: String,
    ready: ServiceReady,
    max_frame: u32,
}

impl<C: Codec> Server<C> {
    /// A server with no service yet.
    pub fn new(codec: C) -> Server<C> {
        Server {
            codec,
            routes: HashMap::new(),
            build: String::new(),
            ready: ServiceReady::new(C::NAME, "", []),
            max_frame: frame::DEFAULT_MAX_FRAME,
        }
    }

    /// The informational build string sent in the handshake.
    pub fn with_build(mut self, build: &str) -> Server<C> {
        self.build = build.to_owned();
        self.refresh();
        self
    }

    /// The largest request body (plus extension) accepted.
    pub fn with_max_frame(mut self, max: u32) -> Server<C> {
        self.max_frame = max;
        self
    }

    /// Serves a service; fails if one of its function ids is already served.
    pub fn serve<S: Service<C>>(mut self, service: S) -> Result<Server<C>, ContractError> {
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
        self.ready = ServiceReady::new(C::NAME, &self.build, self.routes.values().map(|r| r.handler));
    }

    /// The handshake this server sends.
    pub fn ready(&self) -> &ServiceReady {
        &self.ready
    }

    /// The codec.
    pub fn codec(&self) -> &C {
        &self.codec
    }

    /// The request size limit.
    pub fn max_frame(&self) -> u32 {
        self.max_frame
    }

    /// Answers one call: unknown id -> `FunctionNotRegistered`; known id with
    /// another args code -> `InvalidArguments` (the response's `return_code`
    /// field then carries the server's args code); a malformed extension
    /// section, or one of the handler's levels with another code ->
    /// `InvalidExtension`; else the handler runs. Extension levels the handler
    /// does not know are skipped.
    pub async fn handle(&self, header: &RequestHeader, body: &[u8], ext: &[u8]) -> (ResponseHeader, Vec<u8>) {
        let Some(route) = self.routes.get(&header.function_id) else {
            let message = format!("no handler with function id {:#010x}", header.function_id);
            return error(header, Status::FunctionNotRegistered, 0, message);
        };
        let handler = route.handler;
        if header.args_code != handler.args_code {
            let message = format!(
                "`{}`: args code {:#010x} from the caller, {:#010x} here",
                handler.name, header.args_code, handler.args_code
            );
            return error(header, Status::InvalidArguments, handler.args_code, message);
        }
        let section = match ExtSection::parse(ext) {
            Ok(section) => section,
            Err(e) => return error(header, Status::InvalidExtension, 0, format!("`{}`: {e}", handler.name)),
        };
        if let Some((since, sent, here)) = section.mismatch(handler) {
            let message = format!(
                "`{}`: extension level {since} code {sent:#010x} from the caller, {here:#010x} here: \
                 the parameters of that level differ, nothing was decoded",
                handler.name
            );
            return error(header, Status::InvalidExtension, here, message);
        }
        self.run(route, header, body, &section).await
    }

    /// [`handle`](Server::handle) without the code check: only for measuring what the check costs.
    #[doc(hidden)]
    pub async fn handle_unchecked(&self, header: &RequestHeader, body: &[u8]) -> (ResponseHeader, Vec<u8>) {
        match self.routes.get(&header.function_id) {
            Some(route) => self.run(route, header, body, &ExtSection::default()).await,
            None => error(header, Status::FunctionNotRegistered, 0, String::new()),
        }
    }

    async fn run(
        &self,
        route: &Route<C>,
        header: &RequestHeader,
        body: &[u8],
        ext: &ExtSection<'_>,
    ) -> (ResponseHeader, Vec<u8>) {
        let handler = route.handler;
        match route.service.call(&self.codec, handler, body, ext).await {
            Ok(reply) => (
                ResponseHeader {
                    status: Status::Ok,
                    seq: header.seq,
                    function_id: header.function_id,
                    return_code: handler.return_code,
                    body_len: reply.len() as u32,
                },
                reply,
            ),
            Err(e) => error(header, Status::DecodeFailed, handler.return_code, format!("`{}`: {e}", handler.name)),
        }
    }
}

fn error(header: &RequestHeader, status: Status, code: u32, message: String) -> (ResponseHeader, Vec<u8>) {
    let body = message.into_bytes();
    let h = ResponseHeader {
        status,
        seq: header.seq,
        function_id: header.function_id,
        return_code: code,
        body_len: body.len() as u32,
    };
    (h, body)
}

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
/// `#[wire(since)]` parameters (written with [`ExtWriter`](crate::ext::ExtWriter)).
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

/// An in-process transport: frames go through their byte encoding to a
/// [`Server`] in the same process (tests, benchmarks).
pub struct Local<C: Codec> {
    server: Arc<Server<C>>,
    /// Skip the server's code check (benchmarks only).
    unchecked: bool,
}

impl<C: Codec> Local<C> {
    /// A transport to `server`.
    pub fn new(server: Arc<Server<C>>) -> Local<C> {
        Local { server, unchecked: false }
    }

    #[doc(hidden)]
    pub fn unchecked(server: Arc<Server<C>>) -> Local<C> {
        Local { server, unchecked: true }
    }
}

impl<C: Codec> Transport for Local<C> {
    type Codec = C;

    fn codec(&self) -> &C {
        self.server.codec()
    }

    async fn round_trip(
        &self,
        header: RequestHeader,
        payload: Vec<u8>,
    ) -> Result<(ResponseHeader, Vec<u8>), CallError> {
        let mut frame = header.encode().to_vec();
        frame.extend_from_slice(&payload);
        let (header, body, ext) = frame::split_request(&frame, self.server.max_frame())?;
        let (reply, reply_body) = if self.unchecked {
            self.server.handle_unchecked(&header, body).await
        } else {
            self.server.handle(&header, body, ext).await
        };
        let mut frame = reply.encode().to_vec();
        frame.extend_from_slice(&reply_body);
        let (reply, body) = frame::split_response(&frame, u32::MAX)?;
        Ok((reply, body.to_vec()))
    }
}
