//! The server side: services, and the routing that checks codes first.

use super::BoxFuture;
use crate::codec::{Codec, CodecError};
use crate::contract::registry::{Contract, ContractError, Handler};
use crate::protocol::ext::ExtSection;
use crate::protocol::frame::{self, RequestHeader, ResponseHeader, Status};
use crate::protocol::handshake::ServiceReady;
use std::collections::HashMap;
use std::sync::Arc;

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
