//! How values become bytes: pluggable codecs. The codes never depend on the
//! codec (they describe shapes), but both peers must use the same one: its
//! [`SERIALIZE_TYPE`](Codec::SERIALIZE_TYPE) is in every frame, its
//! [`NAME`](Codec::NAME) in the handshake.

use crate::contract::literal::Root;
use crate::{ExtGroup, Handler, Wire};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

#[cfg(feature = "bincode")]
mod bincode;
// Its serde wrappers serve the serde-format codecs (bincode, postcard).
#[cfg_attr(not(any(feature = "bincode", feature = "postcard")), allow(dead_code))]
pub mod depth;
#[cfg(feature = "postcard")]
mod postcard;
pub mod struct_pack;

#[cfg(feature = "bincode")]
pub use self::bincode::Bincode;
#[cfg(feature = "postcard")]
pub use self::postcard::Postcard;
pub use self::struct_pack::StructPack;

/// A serde codec, writing the payloads of calls and replies.
///
/// Every payload starts with its type-code (a `u32`, little-endian), so a
/// receiver compares codes before it decodes a byte; a call of no arguments
/// is an empty payload (as coro_rpc sends it). What follows the code is the
/// codec's: [`StructPack`] writes struct_pack's payload exactly (it *is* a
/// code first), `Bincode` and `Postcard` their own encoding.
///
/// Decoding reads only from the given bytes, so a length prefix claiming more
/// than the frame holds fails instead of allocating, and the built-in codecs
/// refuse values nested deeper than [`MAX_DEPTH`](crate::codec::depth::MAX_DEPTH)
/// (a hostile recursive value would otherwise exhaust the stack).
pub trait Codec: Send + Sync + 'static {
    /// The name peers compare at handshake (`"bincode1"`, `"struct_pack"`).
    const NAME: &'static str;
    /// The `serialize_type` of the frames that carry this codec's payloads
    /// (struct_pack's is 0, the only one a C++ coro_rpc peer accepts).
    const SERIALIZE_TYPE: u8;
    /// Appends the payload of `value`, which holds what `payload` says.
    fn encode<T: Serialize + ?Sized>(&self, value: &T, payload: Payload, out: &mut Vec<u8>) -> Result<(), CodecError>;
    /// Reads a payload of what `payload` says; its code must be
    /// `payload`'s, and the value must use every byte.
    fn decode<T: DeserializeOwned>(&self, bytes: &[u8], payload: Payload) -> Result<T, CodecError>;
}

/// What a payload holds: a handler's arguments (or one `#[wire(since)]`
/// level of them), its return value, or a value of a type; with its code.
#[derive(Clone, Copy, Debug)]
pub struct Payload {
    pub(crate) root: Root<'static>,
    pub(crate) code: u32,
}

impl Payload {
    /// The base arguments of `handler`.
    pub const fn args(handler: &'static Handler) -> Payload {
        Payload { root: Root::Args(handler.args), code: handler.args_code }
    }

    /// The return value of `handler`.
    pub const fn returns(handler: &'static Handler) -> Payload {
        Payload { root: Root::Type(handler.returns), code: handler.return_code }
    }

    /// The parameters of one `#[wire(since = N)]` level.
    pub const fn level(group: &'static ExtGroup) -> Payload {
        Payload { root: Root::Args(group.args), code: group.code }
    }

    /// A value of `T`.
    pub const fn of<T: Wire + ?Sized>() -> Payload {
        Payload { root: Root::Type(T::SCHEMA), code: T::CODE }
    }

    /// The type-code the payload starts with.
    pub const fn code(self) -> u32 {
        self.code
    }

    /// Whether this is an argument list of no arguments: an empty payload.
    pub const fn is_empty(self) -> bool {
        matches!(self.root, Root::Args([]))
    }

    /// The type literal (what struct_pack's debug payloads carry).
    pub fn literal(self) -> Vec<u8> {
        crate::contract::literal::literal_of_root(self.root)
    }

    /// Checks the code a payload starts with against this one, for codecs
    /// that put a plain code first: returns the bytes after it (all of
    /// them for an empty payload, which has no code).
    #[cfg_attr(not(any(feature = "bincode", feature = "postcard")), allow(dead_code))]
    fn after_code<'b>(self, codec: &'static str, bytes: &'b [u8]) -> Result<&'b [u8], CodecError> {
        if self.is_empty() {
            return Ok(bytes);
        }
        let Some((code, rest)) = bytes.split_first_chunk::<4>() else {
            return Err(CodecError::new(codec, format!("a payload of {} bytes has no type code", bytes.len())));
        };
        let code = u32::from_le_bytes(*code);
        if code != self.code {
            return Err(CodecError::new(codec, format!("type code {code:#010x}, expected {:#010x}", self.code)));
        }
        Ok(rest)
    }
}

/// A value that could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError {
    /// The codec's name.
    pub codec: &'static str,
    /// What the codec said.
    pub message: String,
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.codec, self.message)
    }
}

impl std::error::Error for CodecError {}

impl CodecError {
    /// An error of `codec`.
    pub fn new(codec: &'static str, message: impl Into<String>) -> CodecError {
        CodecError { codec, message: message.into() }
    }
}
