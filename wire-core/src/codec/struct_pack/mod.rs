//! struct_pack, the serialization of yalantinglibs (C++) that coro_rpc
//! speaks: the payload layout and a schema-guided serde serializer and
//! deserializer for it.
//!
//! ```text
//! payload = code u32 LE (low bit: a metainfo byte follows)
//!           [metainfo u8: bits 4:3 size width 1/2/4/8, bit 2 literal follows, bits 1:0 compat length width]
//!           [compat total length: 2/4/8 bytes]        (C++ types with struct_pack::compatible<> fields)
//!           [type literal, then 00]                   (debug builds of the C++ library)
//!           values: integers LE, bool/option/expected flags and variant indexes one byte,
//!                   strings and containers as a size (of the width) then their elements,
//!                   arrays, tuples and structs as their elements
//! ```

mod de;
mod guide;
mod ser;

use super::{Codec, CodecError, Payload};
use crate::contract::literal::Root;
use crate::contract::schema::Field;
use guide::Node;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// struct_pack, the codec of C++ coro_rpc services: payloads exactly as
/// yalantinglibs writes and reads them (see the module docs). A release
/// build of the C++ library is written by default;
/// [`with_literal`](StructPack::with_literal) also writes the type literal,
/// as debug builds (Mooncake's released binaries among them) do. Either is
/// read, and a literal in a payload must be this side's.
///
/// ```
/// use wire_core::codec::{Codec, Payload, StructPack};
/// let mut bytes = Vec::new();
/// StructPack::default().encode(&Some(5u32), Payload::of::<Option<u32>>(), &mut bytes).unwrap();
/// assert_eq!(bytes[4..], [1, 5, 0, 0, 0]);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct StructPack {
    literal: bool,
}

impl StructPack {
    /// Writes payloads with the type literal, as debug builds of the C++ library do.
    pub const fn with_literal() -> StructPack {
        StructPack { literal: true }
    }
}

impl Codec for StructPack {
    const NAME: &'static str = "struct_pack";
    const SERIALIZE_TYPE: u8 = 0;

    fn encode<T: Serialize + ?Sized>(&self, value: &T, payload: Payload, out: &mut Vec<u8>) -> Result<(), CodecError> {
        let literal = self.literal.then(|| payload.literal());
        encode(value, payload.root, payload.code, literal.as_deref(), out).map_err(|e| CodecError::new(Self::NAME, e.0))
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8], payload: Payload) -> Result<T, CodecError> {
        decode(bytes, payload.root, payload.code).map_err(|e| CodecError::new(Self::NAME, e.0))
    }
}

/// What went wrong writing or reading struct_pack bytes.
///
/// A boxed `str`, not a `String`: every value written or read returns a
/// `Result` of it, which stays two registers wide instead of going
/// through memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub(crate) Box<str>);

impl Error {
    pub(crate) fn new(message: String) -> Error {
        Error(message.into_boxed_str())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(msg.to_string())
    }
}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(msg.to_string())
    }
}

/// Metainfo: the size width (bits 4:3).
const WIDTH_SHIFT: u8 = 3;
/// Metainfo: the type literal and a `00` follow (bit 2).
const HAS_LITERAL: u8 = 0b100;
/// Metainfo: the width of a compatible-fields total length (bits 1:0).
const COMPAT_MASK: u8 = 0b11;

/// The node at the top of a payload, and its argument list if it is one.
fn node(root: Root<'static>) -> (Node, &'static [Field]) {
    match root {
        Root::Type(s) => (Node::Schema(s), &[]),
        Root::Args(args) => (Node::Args, args),
    }
}

/// The width struct_pack uses for sizes up to `max`.
fn width_for(max: usize) -> usize {
    match max as u64 {
        0..0x100 => 1,
        0x100..0x1_0000 => 2,
        0x1_0000..0x1_0000_0000 => 4,
        _ => 8,
    }
}

/// Appends the payload of `value` (shaped as `root`, whose code is `code`)
/// to `out`, with the type literal after the metainfo if `literal` is given
/// (what debug builds of the C++ library write).
///
/// An argument list of no arguments is an empty payload, as coro_rpc sends it.
pub(crate) fn encode<T: Serialize + ?Sized>(
    value: &T,
    root: Root<'static>,
    code: u32,
    literal: Option<&[u8]>,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    if let Root::Args([]) = root {
        return Ok(());
    }
    let start = out.len();
    // Sizes are one byte unless one of them is 256 or more: write them so,
    // and write again, wider, in the rare case one is (the pass stops there).
    let mut width: usize = 1;
    loop {
        out.truncate(start);
        let metainfo = literal.is_some() || width > 1;
        out.extend_from_slice(&(code | metainfo as u32).to_le_bytes());
        if metainfo {
            let bits = (width.trailing_zeros() as u8) << WIDTH_SHIFT;
            out.push(bits | if literal.is_some() { HAS_LITERAL } else { 0 });
        }
        if let Some(literal) = literal {
            out.extend_from_slice(literal);
            out.push(0);
        }
        let (node, args) = node(root);
        let mut w = ser::Writer::new(out, width, args);
        let written = value.serialize(ser::Ser { w: &mut w, node });
        match w.wider {
            Some(wider) => width = wider,
            None => return written,
        }
    }
}

/// The payload's head, read: where the values start and how they are sized.
struct Head {
    values: usize,
    width: usize,
    /// The total length of a payload with compatible fields, which follow the values.
    compat_len: Option<usize>,
}

/// Reads the head of `payload`: its code must be `code`, and a literal in it
/// must be `literal()`.
fn head(payload: &[u8], code: u32, literal: impl FnOnce() -> Vec<u8>) -> Result<Head, Error> {
    let Some(raw) = payload.first_chunk::<4>() else {
        return Err(Error::new(format!("a payload of {} bytes has no type code", payload.len())));
    };
    let raw = u32::from_le_bytes(*raw);
    if raw & !1 != code {
        return Err(Error::new(format!("type code {:#010x}, expected {code:#010x}", raw & !1)));
    }
    let mut head = Head { values: 4, width: 1, compat_len: None };
    if raw & 1 == 0 {
        return Ok(head);
    }
    let metainfo = *payload.get(4).ok_or_else(|| Error("the metainfo byte is missing".into()))?;
    head.values = 5;
    head.width = 1 << ((metainfo >> WIDTH_SHIFT) & 0b11);
    let compat = metainfo & COMPAT_MASK;
    if compat != 0 {
        let n = 1 << compat;
        let bytes = payload.get(5..5 + n).ok_or_else(|| Error("the compatible-fields length is cut off".into()))?;
        let mut le = [0u8; 8];
        le[..n].copy_from_slice(bytes);
        let len = usize::try_from(u64::from_le_bytes(le)).unwrap_or(usize::MAX);
        if len > payload.len() {
            return Err(Error::new(format!("compatible-fields length {len} exceeds the payload's {}", payload.len())));
        }
        head.compat_len = Some(len);
        head.values += n;
    }
    if metainfo & HAS_LITERAL != 0 {
        let ours = literal();
        let theirs = payload.get(head.values..head.values + ours.len() + 1);
        if theirs.is_none_or(|t| t[..ours.len()] != ours[..] || t[ours.len()] != 0) {
            let end = payload[head.values..].iter().position(|&b| b == 0).map_or(payload.len(), |i| head.values + i);
            return Err(Error::new(format!(
                "the payload's type literal {} is not this side's {}: the layouts differ",
                hex(&payload[head.values..end]),
                hex(&ours)
            )));
        }
        head.values += ours.len() + 1;
    }
    // The total length counts the whole payload, head included.
    if let Some(len) = head.compat_len
        && len < head.values
    {
        return Err(Error::new(format!(
            "compatible-fields length {len} ends inside the payload's {}-byte head",
            head.values
        )));
    }
    Ok(head)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a payload written by [`encode`] or by the C++ library: its code
/// must be `code` (low bit aside), a literal in it must be `root`'s, and the
/// values must use every byte (but for C++ compatible fields after them).
pub(crate) fn decode<T: DeserializeOwned>(payload: &[u8], root: Root<'static>, code: u32) -> Result<T, Error> {
    if let Root::Args([]) = root {
        // coro_rpc sends no bytes for no arguments (and ignores any).
        return T::deserialize(de::De { r: &mut de::Reader::new(&[], 0, 1, &[]), node: Node::Args });
    }
    let head = head(payload, code, || crate::contract::literal::literal_of_root(root))?;
    let end = head.compat_len.unwrap_or(payload.len());
    let (node, args) = node(root);
    let mut reader = de::Reader::new(&payload[..end], head.values, head.width, args);
    let value = T::deserialize(de::De { r: &mut reader, node })?;
    if head.compat_len.is_none() && reader.pos() != payload.len() {
        return Err(Error::new(format!("{} bytes after the value", payload.len() - reader.pos())));
    }
    Ok(value)
}

/// The struct_pack payload of `value`, as a release build of the C++
/// library writes it: the type code, a metainfo byte only when a size
/// needs more than one byte, then the values.
///
/// ```
/// let bytes = wire_core::codec::struct_pack::to_vec(&(7u32, "hi".to_string())).unwrap();
/// let code = <(u32, String) as wire_core::Wire>::CODE;
/// assert_eq!(bytes[..4], code.to_le_bytes());
/// assert_eq!(bytes[4..], [7, 0, 0, 0, 2, b'h', b'i']);
/// ```
pub fn to_vec<T: Serialize + crate::Wire + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    encode(value, Root::Type(T::SCHEMA), T::CODE, None, &mut out)?;
    Ok(out)
}

/// [`to_vec`] with the type literal after the metainfo byte, as a debug
/// build of the C++ library writes it (and checks it when it reads).
pub fn to_vec_with_literal<T: Serialize + crate::Wire + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let literal = T::SCHEMA.try_literal().map_err(|e| Error::new(e.to_string()))?;
    encode(value, Root::Type(T::SCHEMA), T::CODE, Some(&literal), &mut out)?;
    Ok(out)
}

/// Reads a payload of `T` written by either build of the C++ library, or by
/// [`to_vec`]: the code must be `T`'s, a literal in it must be `T`'s, and
/// the values must use every byte.
///
/// ```
/// let bytes = wire_core::codec::struct_pack::to_vec(&Some(5u8)).unwrap();
/// assert_eq!(wire_core::codec::struct_pack::from_slice::<Option<u8>>(&bytes).unwrap(), Some(5));
/// assert!(wire_core::codec::struct_pack::from_slice::<Option<u16>>(&bytes).is_err());
/// ```
pub fn from_slice<T: DeserializeOwned + crate::Wire>(payload: &[u8]) -> Result<T, Error> {
    decode(payload, Root::Type(T::SCHEMA), T::CODE)
}
