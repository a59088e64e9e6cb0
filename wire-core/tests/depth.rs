//! A hostile peer cannot exhaust a decoder's stack with a deeply nested
//! value of a recursive type: every codec stops at `MAX_DEPTH` levels.

use serde::{Deserialize, Serialize};
use wire_core::Wire;
use wire_core::codec::depth::MAX_DEPTH;
use wire_core::codec::{Bincode, Codec, Payload, Postcard, StructPack};

#[derive(Serialize, Deserialize, Wire, Debug, PartialEq)]
enum Expr {
    Lit(u8),
    Neg(Box<Expr>),
}

fn nested(levels: usize) -> Expr {
    (0..levels).fold(Expr::Lit(7), |e, _| Expr::Neg(Box::new(e)))
}

/// Every payload starts with the type-code of what it holds.
fn code() -> Vec<u8> {
    <Expr as Wire>::CODE.to_le_bytes().to_vec()
}

/// The bincode payload of `Neg^n(Lit(0))`, written directly (building a
/// million-deep `Expr` to encode it would itself recurse when dropped):
/// the code, then a `u32` variant index per level.
fn bincode_bytes(n: usize) -> Vec<u8> {
    let mut b = code();
    b.extend_from_slice(&[1u8, 0, 0, 0].repeat(n));
    b.extend_from_slice(&[0, 0, 0, 0, 0]);
    b
}

/// The same value as struct_pack writes it: a one-byte variant index per level.
fn struct_pack_bytes(n: usize) -> Vec<u8> {
    let mut b = code();
    b.extend_from_slice(&[1u8].repeat(n));
    b.extend_from_slice(&[0, 0]);
    b
}

fn encode<C: Codec>(codec: &C, value: &Expr) -> Vec<u8> {
    let mut out = Vec::new();
    codec.encode(value, Payload::of::<Expr>(), &mut out).unwrap();
    out
}

fn decode<C: Codec>(codec: &C, bytes: &[u8]) -> Result<Expr, wire_core::codec::CodecError> {
    codec.decode(bytes, Payload::of::<Expr>())
}

/// On a thread with the stack of a tokio worker (2 MiB).
fn on_small_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap()
}

#[test]
fn a_million_levels_is_an_error_not_a_stack_overflow() {
    let limit = format!("nests more than {MAX_DEPTH} levels");
    let err = on_small_stack(|| decode(&Bincode, &bincode_bytes(1_000_000)).unwrap_err());
    assert!(err.message.contains(&limit), "{err}");
    let err = on_small_stack(|| decode(&StructPack::default(), &struct_pack_bytes(1_000_000)).unwrap_err());
    assert!(err.message.contains(&limit), "{err}");
    let mut postcard = code();
    postcard.extend_from_slice(&[1u8].repeat(1_000_000));
    let err = on_small_stack(move || decode(&Postcard, &postcard).unwrap_err());
    // postcard drops custom messages; that it is an error, not an overflow, is the point.
    assert!(!err.message.is_empty());
}

#[test]
fn values_up_to_the_limit_decode_on_a_small_stack() {
    // Each variant's payload is one level: n `Neg`s and the `Lit`'s u8 are n + 1.
    let (ok, over) = (MAX_DEPTH - 1, MAX_DEPTH);
    on_small_stack(move || {
        let value = decode(&Bincode, &bincode_bytes(ok)).unwrap();
        assert_eq!(encode(&Bincode, &value), bincode_bytes(ok));
        std::mem::forget(value); // its recursive drop is not what is tested here
        assert!(decode(&Bincode, &bincode_bytes(over)).is_err());

        let value = decode(&StructPack::default(), &struct_pack_bytes(ok)).unwrap();
        assert_eq!(encode(&StructPack::default(), &value), struct_pack_bytes(ok));
        std::mem::forget(value);
        assert!(decode(&StructPack::default(), &struct_pack_bytes(over)).is_err());
    });
    let shallow = nested(3);
    assert_eq!(decode(&Postcard, &encode(&Postcard, &shallow)).unwrap(), shallow);
}
