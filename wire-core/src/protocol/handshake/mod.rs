//! `ServiceReady`: the handshake message, built from the same registry as the
//! frozen contract, so drift between deployed peers is visible at connect.
//!
//! It travels as a call of a reserved handler, [`NAME`] (function id
//! [`FUNCTION_ID`]): the request's body is the caller's `ServiceReady`, the
//! reply's the server's. A C++ coro_rpc peer, which has no contract to
//! tell, answers `FunctionNotRegistered`, and the caller falls back to
//! checking each call on its own.
//!
//! # Encoding (frozen, little-endian)
//!
//! ```text
//! magic      4 bytes  "WSRD"
//! version    u16      HANDSHAKE_VERSION (2)
//! codec      u8 length + UTF-8 bytes
//! digest     16 bytes (see below)
//! max_frame  u32      the largest payload (body and attachment) the sender accepts:
//!                     a server's requests, a client's replies
//! build      u16 length + UTF-8 bytes   (informational only)
//! count      u32      number of methods
//! method*    function_id u32 | args_code u32 | return_code u32
//!            | ext_count u16 | (since u16 | code u32) * ext_count
//!            | name: u16 length + UTF-8 bytes
//! ```
//!
//! Methods are sorted by function id; a method's extension levels (its
//! `#[wire(since = N)]` groups, see [`ext`](crate::protocol::ext)) ascend, each at least
//! 1, the last being the highest level it understands. Nothing may follow
//! the last method.
//!
//! # Digest
//!
//! MD5 over the canonical listing: for every method sorted by qualified name
//! (byte order), the line `name TAB id TAB args TAB ret TAB ext LF`, with the
//! three codes as 8 lowercase hex digits and `ext` either `0` (no extension
//! level) or the levels as `since:code` joined by commas (`2:1a2b3c4d,3:…`,
//! since in decimal, code as 8 lowercase hex digits):
//!
//! ```text
//! MasterService::exist_key\t0fb1b691\t9dcffa76\ta8755f88\t0\n
//! ```
//!
//! [`ServiceReady::decode`] recomputes the digest from the methods it read and
//! refuses a message whose digest field differs: [`ServiceReady::check`]
//! trusts equal digests for [`Compat::Identical`].

mod encode;
mod verdict;

pub use encode::HandshakeError;
pub use verdict::{Compat, MethodStatus, Partial, Verdict};

use crate::contract::registry::{Contract, Handler};
use encode::{clip, digest};

/// The handshake format version; a peer with another one is incompatible.
pub const HANDSHAKE_VERSION: u16 = 2;

/// The wire name of the reserved handler that answers the handshake.
pub const NAME: &str = "wire_contracts::ServiceReady";

/// The function id of [`NAME`].
pub const FUNCTION_ID: u32 = crate::function_id(NAME);
const MAGIC: [u8; 4] = *b"WSRD";

/// One handler as a peer advertises it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Method {
    /// `md5_32` of the wire name.
    pub function_id: u32,
    /// The code of the base argument tuple.
    pub args_code: u32,
    /// The code of the return type.
    pub return_code: u32,
    /// The `#[wire(since = N)]` levels the handler understands, ascending.
    pub ext: Vec<ExtLevel>,
    /// The wire name (`Service::method`, or the pinned name).
    pub name: String,
}

/// One extension level of a method: its number and the code of its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExtLevel {
    /// The level (≥ 1): the release that added its parameters.
    pub since: u16,
    /// The args code of the level's parameters.
    pub code: u32,
}

impl Method {
    fn of(h: &Handler) -> Method {
        Method {
            function_id: h.function_id,
            args_code: h.args_code,
            return_code: h.return_code,
            ext: h.ext.iter().map(|g| ExtLevel { since: g.since, code: g.code }).collect(),
            name: h.name.to_owned(),
        }
    }

    /// The highest extension level the method understands (0: none).
    pub fn ext_level(&self) -> u16 {
        self.ext.last().map_or(0, |l| l.since)
    }

    /// The `ext` column of the digest listing (module docs).
    pub fn ext_listing(&self) -> String {
        if self.ext.is_empty() {
            return "0".to_owned();
        }
        let levels: Vec<String> = self.ext.iter().map(|l| format!("{}:{:08x}", l.since, l.code)).collect();
        levels.join(",")
    }
}

/// The handshake message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceReady {
    /// The handshake format version ([`HANDSHAKE_VERSION`]).
    pub version: u16,
    /// The codec both sides must share ([`Codec::NAME`](crate::codec::Codec::NAME)).
    pub codec: String,
    /// MD5 of the canonical listing (module docs).
    pub digest: [u8; 16],
    /// The largest request (body and attachment) the sender accepts, and
    /// the largest reply it sends.
    pub max_frame: u32,
    /// Build or version string: informational only, never compared.
    pub build: String,
    /// Sorted by function id.
    pub methods: Vec<Method>,
}

impl ServiceReady {
    /// The handshake of some handlers (one service, or what a client calls).
    pub fn new<'a>(codec: &str, build: &str, handlers: impl IntoIterator<Item = &'a Handler>) -> ServiceReady {
        let mut methods: Vec<Method> = handlers.into_iter().map(Method::of).collect();
        for m in &mut methods {
            // What `encode` can carry, so the digest covers exactly the bytes sent.
            let keep = clip(&m.name, u16::MAX as usize).len();
            m.name.truncate(keep);
        }
        methods.sort_by_key(|m| m.function_id);
        methods.dedup_by_key(|m| m.function_id);
        let digest = digest(&methods);
        ServiceReady {
            version: HANDSHAKE_VERSION,
            codec: codec.to_owned(),
            digest,
            max_frame: crate::protocol::frame::DEFAULT_MAX_FRAME,
            build: build.to_owned(),
            methods,
        }
    }

    /// This handshake with another frame limit.
    pub fn with_max_frame(mut self, max_frame: u32) -> ServiceReady {
        self.max_frame = max_frame;
        self
    }

    /// The handshake of every handler registered in this binary.
    pub fn current(codec: &str, build: &str) -> Result<ServiceReady, crate::ContractError> {
        let contract = Contract::current()?;
        Ok(ServiceReady::new(codec, build, contract.handlers().iter().copied()))
    }

    /// The handshake of one registered service.
    pub fn for_service(codec: &str, build: &str, service: &str) -> Result<ServiceReady, crate::ContractError> {
        let contract = Contract::current()?;
        Ok(ServiceReady::new(codec, build, contract.service(service)))
    }

    /// The method with this function id.
    pub fn method(&self, function_id: u32) -> Option<&Method> {
        self.methods.binary_search_by_key(&function_id, |m| m.function_id).ok().map(|i| &self.methods[i])
    }
}
