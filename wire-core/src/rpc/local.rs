//! An in-process transport: requests and replies go through their frame
//! bytes to a server in this process (tests, benchmarks).

use super::client::{Outgoing, Reply};
use super::server::Incoming;
use super::{CallError, Server, Transport};
use crate::codec::Codec;
use crate::contract::registry::Handler;
use crate::protocol::frame::{self, RequestHeader, ResponseHeader};
use crate::protocol::handshake::ServiceReady;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// A transport to a [`Server`] in this process, through frame bytes.
///
/// ```
/// use std::sync::Arc;
/// use wire_core::codec::Bincode;
/// use wire_core::rpc::{Local, Server};
///
/// #[wire_core::wire_rpc]
/// pub trait Hello {
///     fn hello(&self, name: String) -> String;
/// }
/// struct Impl;
/// impl Hello for Impl {
///     fn hello(&self, name: String) -> String {
///         format!("hello {name}")
///     }
/// }
///
/// let server = Server::new(Bincode).add_service(HelloServer::new(Impl)).unwrap();
/// let client = HelloClient::new(Local::new(Arc::new(server)));
/// let reply = tokio_test_block_on(client.hello("you".into())).unwrap();
/// assert_eq!(reply, "hello you");
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     let waker = std::task::Waker::noop();
/// #     let mut f = std::pin::pin!(f);
/// #     loop {
/// #         if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut std::task::Context::from_waker(&waker)) {
/// #             return v;
/// #         }
/// #     }
/// # }
/// ```
pub struct Local<C: Codec> {
    server: Arc<Server<C>>,
    seq: AtomicU32,
}

impl<C: Codec> Local<C> {
    /// A transport to `server`.
    pub fn new(server: Arc<Server<C>>) -> Local<C> {
        Local { server, seq: AtomicU32::new(0) }
    }
}

impl<C: Codec> Transport for Local<C> {
    type Codec = C;

    fn codec(&self) -> &C {
        self.server.codec()
    }

    fn peer(&self) -> Option<Arc<ServiceReady>> {
        Some(Arc::new(self.server.ready().clone()))
    }

    /// Fails with `FrameTooLarge` before framing a request larger than the
    /// server accepts, as a connection's client does.
    async fn send(&self, handler: &'static Handler, request: Outgoing) -> Result<Reply, CallError> {
        let size = (request.body.len() + request.attachment.len()) as u64;
        let limit = self.server.max_frame();
        if size > u64::from(limit) {
            return Err(CallError::FrameTooLarge { handler: handler.name, size, limit });
        }
        let header = RequestHeader {
            serialize_type: C::SERIALIZE_TYPE,
            msg_type: 0,
            seq: self.seq.fetch_add(1, Ordering::Relaxed),
            function_id: request.function_id,
            body_len: request.body.len() as u32,
            attachment_len: request.attachment.len() as u32,
        };
        let frame = [&header.encode()[..], &request.body, &request.attachment].concat();
        let (header, body, attachment) = frame::split_request(&frame, u32::MAX)?;
        let reply = self.server.handle(Incoming { header, body, attachment }).await;
        let head = ResponseHeader {
            status: reply.status.byte(),
            msg_type: 0,
            seq: header.seq,
            body_len: reply.body.len() as u32,
            attachment_len: reply.attachment.len() as u32,
        };
        let frame = [&head.encode()[..], &reply.body, &reply.attachment].concat();
        let (head, body, attachment) = frame::split_response(&frame, u32::MAX)?;
        Ok(Reply { status: Reply::status_of(head.status, body), body: body.to_vec(), attachment: attachment.to_vec() })
    }
}
