//! Where an object's replicas are (replica.h, allocator.h) and how the
//! master should place them (`ReplicateConfig`).

#[cfg(not(feature = "v0_3_11"))]
use super::SoftPinAction;
use super::{ObjectDataType, ReplicaStatus, Uuid};
use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// C++ `AllocatedBuffer::Descriptor` (allocator.h): a buffer in a mounted
/// segment, as a client reaches it.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct AllocatedBufferDescriptor {
    /// Bytes (`uint64_t`).
    pub size_: u64,
    /// The buffer's address in the segment owner's memory (`uintptr_t`).
    pub buffer_address_: u64,
    /// Transport protocol, e.g. `tcp` or `rdma`.
    pub protocol_: String,
    /// Transfer-engine endpoint, `host:port`.
    pub transport_endpoint_: String,
}

/// C++ `MemoryDescriptor` (replica.h): a replica in a memory segment.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct MemoryDescriptor {
    /// The buffer holding it.
    pub buffer_descriptor: AllocatedBufferDescriptor,
}

/// C++ `NoFDescriptor` (replica.h): a replica on an NVMe-oF segment. The same
/// shape as [`MemoryDescriptor`]: only the variant index tells them apart.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct NoFDescriptor {
    /// The buffer holding it.
    pub buffer_descriptor: AllocatedBufferDescriptor,
}

/// C++ `DiskDescriptor` (replica.h): a replica in a file.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct DiskDescriptor {
    /// The file.
    pub file_path: String,
    /// The object's size in bytes.
    pub object_size: u64,
}

/// C++ `LocalDiskDescriptor` (replica.h): a replica on a client's local disk.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct LocalDiskDescriptor {
    /// The client holding it.
    pub client_id: Uuid,
    /// The object's size in bytes.
    pub object_size: u64,
    /// Where to fetch it, `host:port`.
    pub transport_endpoint: String,
}

/// C++ `DistributedFSDescriptor` (replica.h, v0.3.13): a replica in a
/// distributed filesystem.
#[cfg(not(feature = "v0_3_11"))]
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct DistributedFSDescriptor {
    /// The file.
    pub file_path: String,
    /// Where the object starts in it.
    pub offset: u64,
    /// The object's size in bytes.
    pub object_size: u64,
    /// The size rounded up to the filesystem's alignment.
    pub aligned_size: u64,
    /// C++ `int`.
    pub shard_idx: i32,
}

/// C++ `std::variant<MemoryDescriptor, NoFDescriptor, DiskDescriptor,
/// LocalDiskDescriptor, DistributedFSDescriptor>`
/// (`Replica::Descriptor::descriptor_variant`): the variants in the order of
/// the alternatives, since the index is what goes on the wire. v0.3.11 has
/// the first four.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub enum ReplicaDescriptorVariant {
    /// Alternative 0.
    Memory(MemoryDescriptor),
    /// Alternative 1.
    NoF(NoFDescriptor),
    /// Alternative 2.
    Disk(DiskDescriptor),
    /// Alternative 3.
    LocalDisk(LocalDiskDescriptor),
    /// Alternative 4 (v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    DistributedFS(DistributedFSDescriptor),
}

/// C++ `Replica::Descriptor` (replica.h): one replica of an object.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct ReplicaDescriptor {
    /// C++ `ReplicaID` (`uint64_t`).
    pub id: u64,
    /// Where its bytes are.
    pub descriptor_variant: ReplicaDescriptorVariant,
    /// Its lifecycle state.
    pub status: ReplicaStatus,
}

/// C++ `ReplicateConfig` (replica.h): how to place a new object. No
/// `YLT_REFL`, so struct_pack reflects the members in declaration order.
/// C++ gives every member a default; the wire always carries all of them.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct ReplicateConfig {
    /// Memory replicas (`size_t`, C++ default 1).
    pub replica_num: u64,
    /// NVMe-oF replicas (`size_t`, default 0).
    pub nof_replica_num: u64,
    /// Distributed filesystem replicas (`size_t`, default 0; v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    pub dfs_replica_num: u64,
    /// The soft-pin transition (default `PRESERVE`; v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    pub soft_pin_action: SoftPinAction,
    /// Soft-pin TTL override; `None` = the master's default (v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    pub soft_pin_ttl_ms: Option<u64>,
    /// Soft-pin the object (v0.3.11; replaced by `soft_pin_action` in v0.3.13).
    #[cfg(feature = "v0_3_11")]
    pub with_soft_pin: bool,
    /// Hard pin: the object cannot be evicted.
    pub with_hard_pin: bool,
    /// Preferred segments for allocation.
    pub preferred_segments: Vec<String>,
    /// Deprecated: a single preferred segment.
    pub preferred_segment: String,
    /// Preferred NVMe-oF segments for allocation.
    pub preferred_nof_segments: Vec<String>,
    /// Prefer segments on the writer's node.
    pub prefer_alloc_in_same_node: bool,
    /// What the object holds.
    pub data_type: ObjectDataType,
    /// The writer's host (v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    pub host_id: String,
    /// Per-key routing group ids; an empty string leaves a key ungrouped (v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    pub group_ids: Option<Vec<String>>,
}
