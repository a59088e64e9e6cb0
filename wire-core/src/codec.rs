//! How values become bytes: pluggable codecs. The codes never depend on the
//! codec (they describe shapes), but both peers must use the same one, so
//! its [`NAME`](Codec::NAME) travels in [`ServiceReady`](crate::ServiceReady).

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// A serde codec.
///
/// Decoding reads only from the given bytes, so a length prefix claiming more
/// than the frame holds fails instead of allocating, and the built-in codecs
/// refuse values nested deeper than [`MAX_DEPTH`](crate::depth::MAX_DEPTH)
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

/// bincode 1.3 with its default wire format (`bincode::serialize`: fixed-width
/// little-endian integers, `u64` lengths, `u32` variant tags).
///
/// bincode is unmaintained (RUSTSEC-2025-0141) and 1.3.3 is its final, complete
/// release: for a *frozen* wire format that is a property, not a risk. Decoding
/// is bounded by the frame (no trailing bytes, reads never past the input).
///
/// ```
/// use wire_core::codec::{Bincode, Codec};
/// let bytes = Bincode.encode(&(7u32, "hi".to_string())).unwrap();
/// assert_eq!(bytes, bincode::serialize(&(7u32, "hi")).unwrap());
/// let back: (u32, String) = Bincode.decode(&bytes).unwrap();
/// assert_eq!(back.1, "hi");
/// ```
#[cfg(feature = "bincode")]
#[cfg_attr(docsrs, doc(cfg(feature = "bincode")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct Bincode;

#[cfg(feature = "bincode")]
impl Codec for Bincode {
    const NAME: &'static str = "bincode1";

    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Vec<u8>, CodecError> {
        bincode::serialize(value).map_err(|e| CodecError { codec: Self::NAME, message: e.to_string() })
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, CodecError> {
        use bincode::Options;
        bincode::DefaultOptions::new()
            .with_fixint_encoding()
            .with_little_endian()
            .with_limit(bytes.len() as u64)
            .reject_trailing_bytes()
            .deserialize_seed(crate::depth::Root::<T>(std::marker::PhantomData), bytes)
            .map_err(|e| CodecError { codec: Self::NAME, message: e.to_string() })
    }
}

/// postcard 1 (varint integers): more compact, not bincode-compatible.
#[cfg(feature = "postcard")]
#[cfg_attr(docsrs, doc(cfg(feature = "postcard")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct Postcard;

#[cfg(feature = "postcard")]
impl Codec for Postcard {
    const NAME: &'static str = "postcard1";

    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Vec<u8>, CodecError> {
        postcard::to_allocvec(value).map_err(|e| CodecError { codec: Self::NAME, message: e.to_string() })
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, CodecError> {
        let mut de = postcard::Deserializer::from_bytes(bytes);
        let value = serde::de::DeserializeSeed::deserialize(crate::depth::Root::<T>(std::marker::PhantomData), &mut de);
        match value.and_then(|value| de.finalize().map(|rest| (value, rest))) {
            Ok((value, [])) => Ok(value),
            Ok((_, rest)) => Err(CodecError { codec: Self::NAME, message: format!("{} trailing bytes", rest.len()) }),
            Err(e) => Err(CodecError { codec: Self::NAME, message: e.to_string() }),
        }
    }
}
