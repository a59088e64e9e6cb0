//! The default codec: bincode 1.3.

use super::{Codec, CodecError, Payload};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// bincode 1.3 with its default wire format (`bincode::serialize`: fixed-width
/// little-endian integers, `u64` lengths, `u32` variant tags).
///
/// bincode is unmaintained (RUSTSEC-2025-0141) and 1.3.3 is its final, complete
/// release: for a *frozen* wire format that is a property, not a risk. Decoding
/// is bounded by the frame (no trailing bytes, reads never past the input).
///
/// Its payload is the type-code (`u32` little-endian), then bincode's bytes.
///
/// ```
/// use wire_core::codec::{Bincode, Codec, Payload};
/// let mut bytes = Vec::new();
/// Bincode.encode(&(7u32, "hi".to_string()), Payload::of::<(u32, String)>(), &mut bytes).unwrap();
/// assert_eq!(bytes[..4], <(u32, String) as wire_core::Wire>::CODE.to_le_bytes());
/// assert_eq!(bytes[4..], bincode::serialize(&(7u32, "hi")).unwrap());
/// let back: (u32, String) = Bincode.decode(&bytes, Payload::of::<(u32, String)>()).unwrap();
/// assert_eq!(back.1, "hi");
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "bincode")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct Bincode;

impl Codec for Bincode {
    const NAME: &'static str = "bincode1";
    const SERIALIZE_TYPE: u8 = b'B';

    fn encode<T: Serialize + ?Sized>(&self, value: &T, payload: Payload, out: &mut Vec<u8>) -> Result<(), CodecError> {
        if payload.is_empty() {
            return Ok(());
        }
        out.extend_from_slice(&payload.code().to_le_bytes());
        bincode::serialize_into(out, value).map_err(|e| CodecError::new(Self::NAME, e.to_string()))
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8], payload: Payload) -> Result<T, CodecError> {
        use bincode::Options;
        let bytes = payload.after_code(Self::NAME, bytes)?;
        bincode::DefaultOptions::new()
            .with_fixint_encoding()
            .with_little_endian()
            .with_limit(bytes.len() as u64)
            .reject_trailing_bytes()
            .deserialize_seed(super::depth::Root::<T>(std::marker::PhantomData), bytes)
            .map_err(|e| CodecError::new(Self::NAME, e.to_string()))
    }
}
