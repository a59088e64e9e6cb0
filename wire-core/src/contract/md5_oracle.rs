//! The const-fn streaming MD5 of `wire_core` agrees with the `md-5` crate.
//!
//! Codes and function ids are frozen into peers' binaries, so a hashing slip
//! (a padding boundary, a length overflow, a chunking bug in the streaming
//! state) would silently change the contract. `md-5` is the oracle: random
//! inputs of every length up to 4 KiB, an exhaustive sweep over every padding
//! boundary up to 300 bytes, and arbitrary chunk splits of the same input.

use super::Md5;
use crate::{function_id, md5_32, type_code};
use md5::{Digest, Md5 as Oracle};
use proptest::prelude::*;

fn oracle(bytes: &[u8]) -> [u8; 16] {
    Oracle::digest(bytes).into()
}

fn oracle_32(bytes: &[u8]) -> u32 {
    let d = oracle(bytes);
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// A fixed, non-repeating-looking pattern so a byte out of place changes the digest.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(131) ^ (i >> 3)) as u8).collect()
}

/// Splits `bytes` at the (sorted, clamped) cut points.
fn chunks<'a>(bytes: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        out.push(&bytes[start..c]);
        start = c;
    }
    out.push(&bytes[start..]);
    out
}

#[test]
fn known_answers() {
    // RFC 1321 appendix A.5.
    let cases: [(&[u8], &str); 7] = [
        (b"", "d41d8cd98f00b204e9800998ecf8427e"),
        (b"a", "0cc175b9c0f1b6a831c399e269772661"),
        (b"abc", "900150983cd24fb0d6963f7d28e17f72"),
        (b"message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        (b"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        (b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (
            b"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a",
        ),
    ];
    for (input, hex) in cases {
        let got: String = Md5::new().update(input).finish().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(got, hex, "input {:?}", String::from_utf8_lossy(input));
    }
}

#[test]
fn const_evaluation_matches_run_time() {
    const ABC: [u8; 16] = Md5::new().update(b"abc").finish();
    const ID: u32 = function_id("MasterService::put_start");
    const CODE: u32 = type_code(&[0xFD, 0x80, 0x0C, 0x04, 0xFF]);
    assert_eq!(ABC, oracle(b"abc"));
    assert_eq!(ID, oracle_32(b"MasterService::put_start"));
    assert_eq!(CODE, oracle_32(&[0xFD, 0x80, 0x0C, 0x04, 0xFF]) & !1);
}

/// Every length 0..=300 crosses each padding boundary of the first four
/// blocks (55/56 where the length no longer fits, 63/64 block ends, …).
#[test]
fn every_length_up_to_300() {
    let data = pattern(300);
    for len in 0..=300 {
        let input = &data[..len];
        let want = oracle(input);
        assert_eq!(Md5::new().update(input).finish(), want, "len {len}");
        assert_eq!(Md5::default().update(input).finish(), want, "default, len {len}");
        let mut pushed = Md5::new();
        for &b in input {
            pushed.push(b);
        }
        assert_eq!(pushed.finish(), want, "push, len {len}");
        let want32 = u32::from_be_bytes([want[0], want[1], want[2], want[3]]);
        assert_eq!(md5_32(input), want32, "md5_32, len {len}");
        assert_eq!(Md5::new().update(input).finish_u32(), want32, "finish_u32, len {len}");
        assert_eq!(type_code(input), want32 & !1, "type_code, len {len}");
    }
}

/// A hasher state is `Copy`: finishing a copy must not disturb the original,
/// so one prefix state can be extended to many digests.
#[test]
fn finishing_a_copy_leaves_the_state_intact() {
    let data = pattern(200);
    let mut h = Md5::new();
    for (i, &b) in data.iter().enumerate() {
        assert_eq!(h.finish(), oracle(&data[..i]), "prefix {i}");
        h.push(b);
    }
    assert_eq!(h.finish(), oracle(&data));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn digest_matches_oracle(bytes in prop::collection::vec(any::<u8>(), 0..=4096)) {
        let want = oracle(&bytes);
        prop_assert_eq!(Md5::new().update(&bytes).finish(), want);
        prop_assert_eq!(md5_32(&bytes), u32::from_be_bytes([want[0], want[1], want[2], want[3]]));
    }

    #[test]
    fn chunked_writes_equal_one_shot(
        bytes in prop::collection::vec(any::<u8>(), 0..=1024),
        cuts in prop::collection::vec(any::<usize>(), 0..8),
        push_every_other in any::<bool>(),
    ) {
        let one_shot = Md5::new().update(&bytes).finish();
        prop_assert_eq!(one_shot, oracle(&bytes));
        let mut h = Md5::new();
        for (i, chunk) in chunks(&bytes, &cuts).into_iter().enumerate() {
            if push_every_other && i % 2 == 1 {
                for &b in chunk {
                    h.push(b);
                }
            } else {
                h.write(chunk);
            }
        }
        prop_assert_eq!(h.finish(), one_shot);
    }

    #[test]
    fn type_code_is_md5_32_with_low_bit_cleared(bytes in prop::collection::vec(any::<u8>(), 0..=300)) {
        let code = type_code(&bytes);
        prop_assert_eq!(code & 1, 0);
        prop_assert_eq!(code, md5_32(&bytes) & !1);
        prop_assert_eq!(code, oracle_32(&bytes) & 0xFFFF_FFFE);
    }

    #[test]
    fn function_id_is_first_four_digest_bytes_big_endian(name in "\\PC{0,80}") {
        let d = oracle(name.as_bytes());
        let id = function_id(&name);
        prop_assert_eq!(id, u32::from_be_bytes([d[0], d[1], d[2], d[3]]));
        prop_assert_eq!(id, md5_32(name.as_bytes()));
        // Not masked: the low bit is whatever the digest says.
        prop_assert_eq!(id & 1, u32::from(d[3] & 1));
    }
}
