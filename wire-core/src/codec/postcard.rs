//! postcard 1, an alternative codec.

use super::{Codec, CodecError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// postcard 1 (varint integers): more compact, not bincode-compatible.
#[cfg_attr(docsrs, doc(cfg(feature = "postcard")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct Postcard;

impl Codec for Postcard {
    const NAME: &'static str = "postcard1";

    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Vec<u8>, CodecError> {
        postcard::to_allocvec(value).map_err(|e| CodecError { codec: Self::NAME, message: e.to_string() })
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, CodecError> {
        let mut de = postcard::Deserializer::from_bytes(bytes);
        let value = serde::de::DeserializeSeed::deserialize(super::depth::Root::<T>(std::marker::PhantomData), &mut de);
        match value.and_then(|value| de.finalize().map(|rest| (value, rest))) {
            Ok((value, [])) => Ok(value),
            Ok((_, rest)) => Err(CodecError { codec: Self::NAME, message: format!("{} trailing bytes", rest.len()) }),
            Err(e) => Err(CodecError { codec: Self::NAME, message: e.to_string() }),
        }
    }
}
