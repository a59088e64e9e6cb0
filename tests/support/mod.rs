//! What the test binaries of `tests/` share. Each file there is a crate of
//! its own and includes this module with `mod support;`.
//!
//! Each binary compiles every submodule and uses a part of them, so a
//! submodule's items are dead code in the binaries that do not use it: the
//! `allow(dead_code)` below is on each submodule for that reason only (every
//! item is used by some binary).

/// The schema-driven reader of the bincode 1.3 encoding (`tests/schema_truth.rs`).
#[allow(dead_code)]
pub mod bincode_reader;
/// Rust mirrors of the C++ types of `tests/data/struct_pack-*.tsv`.
#[allow(dead_code)]
pub mod cpp;
/// Bytes as hex, and back.
#[allow(dead_code)]
pub mod hex;
/// A master server of the example crates on a loopback port.
#[allow(dead_code)]
pub mod net;
/// The tab-separated files of `tests/data/`.
#[allow(dead_code)]
pub mod tsv;
