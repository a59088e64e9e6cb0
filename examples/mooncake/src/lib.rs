//! Mooncake Store's master RPC contract, `mooncake::WrappedMasterService`,
//! declared in Rust: the [`WrappedMasterService`] trait with every handler of
//! the real `mooncake_master` under its real wire name, and Rust types of the
//! same shapes as the C++ ones ([`types`]). `#[wire_rpc]` computes every
//! function id and type-code at compile time exactly as the C++ struct_pack
//! does, so `tests/codes.rs` checks them against the codes measured from the
//! real C++ declarations and binaries (`tests/data/`).
//!
//! Two releases, one source:
//!
//! - `mooncake-example` (this package): v0.3.13.post1, 64 handlers, frozen in
//!   `contracts/mooncake.wire`.
//! - `mooncake-example-v0-3-11` (the `v0_3_11` feature): v0.3.11.post1,
//!   59 handlers, frozen in `contracts/releases/v0.3.11.post1.wire`, the
//!   release still in the window.
//!
//! [`MemoryMaster`] implements the trait in memory, enough for a real
//! `mooncake_client` to start against it (`src/bin/mooncake-master.rs`
//! serves it; `tests/real_client.rs` runs the real client on it).
//!
//! ```
//! assert_eq!(mooncake_example::MOONCAKE_VERSION, "v0.3.13.post1");
//! assert_eq!(mooncake_example::handler_count(), 64);
//! ```

#![deny(missing_docs)]

mod memory;
mod service;
pub mod types;

pub use memory::{MemoryMaster, STORE_VERSION, Tally};
pub use service::*;
pub use types::*;

/// The Mooncake release whose declarations this build compiles.
pub const MOONCAKE_VERSION: &str = if cfg!(feature = "v0_3_11") { "v0.3.11.post1" } else { "v0.3.13.post1" };

/// The number of handlers of [`WrappedMasterService`] in this build (and a
/// function to call: referencing the crate keeps its handler registrations in
/// a test binary).
pub fn handler_count() -> usize {
    WrappedMasterServiceRpc::HANDLERS.len()
}
