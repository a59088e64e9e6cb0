//! `md5_32` at macro-expansion time, for function ids.
//!
//! A function id is `md5_32` of the wire name, and the macro knows the name,
//! so it writes the id as a literal: native code takes microseconds where
//! const evaluation of the same MD5 takes milliseconds per handler.
//! `wire_core::function_id` is the same function in `const`; the tests check
//! every generated id against it.

use md5::{Digest, Md5};

/// The first four MD5 digest bytes read big-endian (struct_pack's `MD5Hash32`).
pub fn md5_32(bytes: &[u8]) -> u32 {
    let digest = Md5::digest(bytes);
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}
