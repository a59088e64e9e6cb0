//! postcard 1, an alternative codec.

use super::{Codec, CodecError, Payload};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// postcard 1 (varint integers): more compact, not bincode-compatible. Its
/// payload is the type-code (`u32` little-endian), then postcard's bytes.
#[cfg_attr(docsrs, doc(cfg(feature = "postcard")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct Postcard;

impl Codec for Postcard {
    const NAME: &'static str = "postcard1";
    const SERIALIZE_TYPE: u8 = b'P';

    fn encode<T: Serialize + ?Sized>(&self, value: &T, payload: Payload, out: &mut Vec<u8>) -> Result<(), CodecError> {
        if payload.is_empty() {
            return Ok(());
        }
        out.extend_from_slice(&payload.code().to_le_bytes());
        postcard::to_extend(value, std::mem::take(out))
            .map(|bytes| *out = bytes)
            .map_err(|e| CodecError::new(Self::NAME, e.to_string()))
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8], payload: Payload) -> Result<T, CodecError> {
        let bytes = payload.after_code(Self::NAME, bytes)?;
        let mut de = postcard::Deserializer::from_bytes(bytes);
        let value = serde::de::DeserializeSeed::deserialize(super::depth::Root::<T>(std::marker::PhantomData), &mut de);
        match value.and_then(|value| de.finalize().map(|rest| (value, rest))) {
            Ok((value, [])) => Ok(value),
            Ok((_, rest)) => Err(CodecError::new(Self::NAME, format!("{} trailing bytes", rest.len()))),
            Err(e) => Err(CodecError::new(Self::NAME, e.to_string())),
        }
    }
}
