//! An in-process transport: frames go through their bytes to a server in this process.

use super::{CallError, Server, Transport};
use crate::codec::Codec;
use crate::protocol::frame::{self, RequestHeader, ResponseHeader};
use std::sync::Arc;

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
