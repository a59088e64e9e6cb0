//! The values and the clock of the codec bench (`benches/codec.rs`):
//! struct_pack against bincode, through wire-core's `Codec` trait, on the
//! same values.
//!
//! ```text
//! cargo bench --manifest-path benches/Cargo.toml -p codec-bench
//! ```

pub mod ab;
pub mod cpu;
pub mod values;
