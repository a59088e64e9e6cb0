//! Offloading objects to, and promoting them back from, clients' local SSDs.

use super::ReplicaDescriptor;
use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// C++ `StorageObjectMetadata` (types.h): where an offloaded object is.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct StorageObjectMetadata {
    /// The bucket holding it.
    pub bucket_id: i64,
    /// Offset in the bucket.
    pub offset: i64,
    /// Key length in bytes.
    pub key_size: i64,
    /// Value length in bytes.
    pub data_size: i64,
    /// Where to fetch it, `host:port`.
    pub transport_endpoint: String,
}

/// C++ `OffloadTaskItem` (types.h, v0.3.13): an object a client should offload.
#[cfg(not(feature = "v0_3_11"))]
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct OffloadTaskItem {
    /// The object's tenant.
    pub tenant_id: String,
    /// The object's key.
    pub key: String,
    /// Its size in bytes.
    pub size: i64,
}

/// C++ `PromotionTaskItem` (types.h, v0.3.13): an object a client should
/// promote back to memory.
#[cfg(not(feature = "v0_3_11"))]
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct PromotionTaskItem {
    /// The object's tenant.
    pub tenant_id: String,
    /// The object's key.
    pub key: String,
    /// Its size in bytes.
    pub size: i64,
}

/// C++ `PromotionAllocStartResponse` (rpc_types.h): the memory replica
/// allocated for a promotion.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct PromotionAllocStartResponse {
    /// The new memory replica.
    pub memory_descriptor: ReplicaDescriptor,
}

/// What OffloadObjectHeartbeat returns: the objects to offload, as
/// `std::vector<OffloadTaskItem>` (v0.3.13).
#[cfg(not(feature = "v0_3_11"))]
pub type OffloadTasks = Vec<OffloadTaskItem>;

/// What OffloadObjectHeartbeat returns: the objects to offload, as
/// `std::unordered_map<std::string, int64_t>` of key to size (v0.3.11).
#[cfg(feature = "v0_3_11")]
pub type OffloadTasks = std::collections::HashMap<String, i64>;

/// What PromotionObjectHeartbeat returns: the objects to promote, as
/// `std::vector<PromotionTaskItem>` (v0.3.13).
#[cfg(not(feature = "v0_3_11"))]
pub type PromotionTasks = Vec<PromotionTaskItem>;

/// What PromotionObjectHeartbeat returns: the objects to promote, as
/// `std::unordered_map<std::string, int64_t>` of key to size (v0.3.11).
#[cfg(feature = "v0_3_11")]
pub type PromotionTasks = std::collections::HashMap<String, i64>;
