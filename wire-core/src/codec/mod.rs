//! How values become bytes: pluggable codecs. The codes never depend on the
//! codec (they describe shapes), but both peers must use the same one, so
//! its [`NAME`](Codec::NAME) travels in [`ServiceReady`](crate::ServiceReady).

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

#[cfg(feature = "bincode")]
mod bincode;
pub mod depth;
#[cfg(feature = "postcard")]
mod postcard;
pub mod struct_pack;

#[cfg(feature = "bincode")]
pub use self::bincode::Bincode;
#[cfg(feature = "postcard")]
pub use self::postcard::Postcard;

/// A serde codec.
///
/// Decoding reads only from the given bytes, so a length prefix claiming more
/// than the frame holds fails instead of allocating, and the built-in codecs
/// refuse values nested deeper than [`MAX_DEPTH`](crate::codec::depth::MAX_DEPTH)
/// (a hostile recursive value would otherwise exhaust the stack).
pub trait Codec: Send + Sync + 'static {
    /// The name peers compare at handshake (`"bincode1"`, `"postcard1"`).
    const NAME: &'static str;
    /// Encodes a value.
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Vec<u8>, CodecError>;
    /// Decodes a value that must use every byte.
    fn decode<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, CodecError>;
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
