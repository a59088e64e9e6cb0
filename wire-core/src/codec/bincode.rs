//! The default codec: bincode 1.3.

use super::{Codec, CodecError};
use serde::Serialize;
use serde::de::DeserializeOwned;

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
#[cfg_attr(docsrs, doc(cfg(feature = "bincode")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct Bincode;

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
            .deserialize_seed(super::depth::Root::<T>(std::marker::PhantomData), bytes)
            .map_err(|e| CodecError { codec: Self::NAME, message: e.to_string() })
    }
}
