//! `UUID`: the one trivially copyable composite on Mooncake's wire.

use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// C++ `using UUID = std::pair<uint64_t, uint64_t>;` (types.h): client,
/// segment and task ids.
///
/// struct_pack treats a `std::pair` of two trivially copyable members as
/// trivially copyable: the value is the pair's 16 bytes as laid out in memory
/// (`first`, then `second`, little-endian) and the literal carries its
/// alignment. `#[wire(trivial)]` on a C-layout struct of the same two `u64`s
/// has exactly that literal and layout.
///
/// ```
/// use mooncake_example::Uuid;
///
/// // FD, the two fields (u64 = 04), the pack and field alignment (8 = 0x89), FF.
/// assert_eq!(wire_core::literal::<Uuid>(), [0xFD, 0x04, 0x04, 0x89, 0x89, 0xFF]);
/// ```
#[derive(Serialize, Deserialize, Wire, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[wire(trivial)]
#[repr(C)]
pub struct Uuid {
    /// `std::pair::first`.
    pub first: u64,
    /// `std::pair::second`.
    pub second: u64,
}
