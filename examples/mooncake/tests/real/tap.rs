//! A transport that passes calls to a [`Client`] and keeps the last raw
//! reply, so a test sees what the real master sent (status, the reply's
//! type-code and literal) beside what the generated client made of it.

use std::sync::{Arc, Mutex};
use wire_core::Handler;
use wire_core::codec::StructPack;
use wire_core::protocol::frame::{Status, payload_code};
use wire_core::protocol::handshake::ServiceReady;
use wire_core::rpc::net::Client;
use wire_core::rpc::{CallError, Outgoing, Reply, Transport};

/// A raw reply, as the master sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The handler called.
    pub handler: &'static str,
    /// The frame's status.
    pub status: Status,
    /// The type-code the body starts with (low bit cleared).
    pub code: Option<u32>,
    /// The body.
    pub body: Vec<u8>,
}

impl Seen {
    /// The type literal the body carries (a debug build's payload), if any:
    /// the bytes after the metainfo byte, up to `len`, when the metainfo says
    /// a literal follows.
    pub fn literal(&self, len: usize) -> Option<&[u8]> {
        let raw = u32::from_le_bytes(*self.body.first_chunk::<4>()?);
        let has_literal = raw & 1 == 1 && self.body.get(4).is_some_and(|m| m & 0b100 != 0);
        has_literal.then(|| self.body.get(5..5 + len)).flatten()
    }

    /// The body as hex.
    pub fn hex(&self) -> String {
        self.body.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The transport of the tests: a [`Client`], and the last reply it got.
#[derive(Clone)]
pub struct Tap {
    /// The client.
    pub client: Client<StructPack>,
    last: Arc<Mutex<Option<Seen>>>,
}

impl Tap {
    /// A tap on `client`.
    pub fn new(client: Client<StructPack>) -> Tap {
        Tap { client, last: Arc::default() }
    }

    /// The last reply, taken (`None`: the call got no reply).
    pub fn take(&self) -> Option<Seen> {
        self.last.lock().expect("tap lock").take()
    }
}

impl Transport for Tap {
    type Codec = StructPack;

    fn codec(&self) -> &StructPack {
        self.client.codec()
    }

    async fn send(&self, handler: &'static Handler, request: Outgoing) -> Result<Reply, CallError> {
        *self.last.lock().expect("tap lock") = None;
        let reply = self.client.send(handler, request).await?;
        let seen = Seen {
            handler: handler.name,
            status: reply.status,
            code: payload_code(&reply.body),
            body: reply.body.clone(),
        };
        *self.last.lock().expect("tap lock") = Some(seen);
        Ok(reply)
    }

    fn peer(&self) -> Option<Arc<ServiceReady>> {
        self.client.peer_contract()
    }
}
