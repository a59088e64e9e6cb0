//! A hostile peer cannot exhaust a decoder's stack with a deeply nested
//! value of a recursive type: the codecs stop at `MAX_DEPTH` levels.

use serde::{Deserialize, Serialize};
use wire_core::codec::depth::MAX_DEPTH;
use wire_core::codec::{Bincode, Codec, Postcard};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Expr {
    Lit(u8),
    Neg(Box<Expr>),
}

fn nested(levels: usize) -> Expr {
    (0..levels).fold(Expr::Lit(7), |e, _| Expr::Neg(Box::new(e)))
}

/// bincode of `Neg^n(Lit(0))`, written directly (building a million-deep
/// `Expr` to encode it would itself recurse when dropped).
fn bincode_bytes(n: usize) -> Vec<u8> {
    let mut b = [1u8, 0, 0, 0].repeat(n);
    b.extend_from_slice(&[0, 0, 0, 0, 0]);
    b
}

/// On a thread with the stack of a tokio worker (2 MiB).
fn on_small_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap()
}

#[test]
fn a_million_levels_is_an_error_not_a_stack_overflow() {
    let err = on_small_stack(|| Bincode.decode::<Expr>(&bincode_bytes(1_000_000)).unwrap_err());
    assert!(err.message.contains(&format!("nests more than {MAX_DEPTH} levels")), "{err}");
    let postcard = [1u8].repeat(1_000_000);
    let err = on_small_stack(move || Postcard.decode::<Expr>(&postcard).unwrap_err());
    // postcard drops custom messages; that it is an error, not an overflow, is the point.
    assert!(!err.message.is_empty());
}

#[test]
fn values_up_to_the_limit_decode_on_a_small_stack() {
    // Each variant's payload is one level: n `Neg`s and the `Lit`'s u8 are n + 1.
    let (ok, over) = (MAX_DEPTH - 1, MAX_DEPTH);
    on_small_stack(move || {
        let value: Expr = Bincode.decode(&bincode_bytes(ok)).unwrap();
        assert_eq!(Bincode.encode(&value).unwrap(), bincode_bytes(ok));
        std::mem::forget(value); // its recursive drop is not what is tested here
        assert!(Bincode.decode::<Expr>(&bincode_bytes(over)).is_err());
    });
    let shallow = nested(3);
    assert_eq!(Postcard.decode::<Expr>(&Postcard.encode(&shallow).unwrap()).unwrap(), shallow);
}
