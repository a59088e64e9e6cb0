//! Segments: memory (and NVMe-oF) regions clients lend to the store (types.h).

use super::Uuid;
use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// C++ `Segment` (types.h): a contiguous memory region a client mounts.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The segment's id.
    pub id: Uuid,
    /// Logical segment name, used for preferred allocation.
    pub name: String,
    /// Start address in the owner's memory (`uintptr_t`).
    pub base: u64,
    /// Bytes (`size_t`).
    pub size: u64,
    /// Transfer-engine P2P endpoint, `ip:port`.
    pub te_endpoint: String,
    /// Transport protocol, e.g. `tcp`.
    pub protocol: String,
    /// The owner's host (v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    pub host_id: String,
}

/// C++ `NoFSegment` (types.h): a contiguous NVMe-oF SSD region.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct NoFSegment {
    /// The segment's id.
    pub id: Uuid,
    /// Logical segment name, used for preferred allocation.
    pub name: String,
    /// Start offset (`uintptr_t`).
    pub base: u64,
    /// Bytes (`size_t`).
    pub size: u64,
    /// Transfer-engine P2P endpoint, `ip:port`.
    pub te_endpoint: String,
}

/// C++ `NoFSegmentOwnerInfo` (rpc_types.h). It has a `YLT_REFL`, so it is not
/// trivially copyable although both members are.
#[derive(Serialize, Deserialize, Wire, Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoFSegmentOwnerInfo {
    /// The segment.
    pub segment_id: Uuid,
    /// The client that mounted it.
    pub client_id: Uuid,
}
