//! The remaining request and reply structs of rpc_types.h.

use super::{ClientStatus, ReplicaDescriptor};
use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// C++ `PingResponse` (rpc_types.h): the reply to Ping.
#[derive(Serialize, Deserialize, Wire, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PingResponse {
    /// C++ `ViewVersionId` (`int64_t`): the master's view version.
    pub view_version_id: i64,
    /// Whether the client must remount its segments.
    pub client_status: ClientStatus,
}

/// C++ `GetReplicaListResponse` (rpc_types.h): an object's replicas.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct GetReplicaListResponse {
    /// The replicas.
    pub replicas: Vec<ReplicaDescriptor>,
    /// How long the read lease lasts.
    pub lease_ttl_ms: u64,
    /// The object's checksum, if stored (v0.3.13).
    #[cfg(not(feature = "v0_3_11"))]
    pub object_checksum: Option<u64>,
}

/// C++ `GetStorageConfigResponse` (rpc_types.h): the master's storage settings.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct GetStorageConfigResponse {
    /// The storage root directory.
    pub fsdir: String,
    /// Whether disk eviction is on.
    pub enable_disk_eviction: bool,
    /// The storage quota in bytes.
    pub quota_bytes: u64,
}

/// C++ `ObjectMeta` (rpc_types.h, v0.3.13): an object finished by PutEnd or
/// UpsertEnd, with its checksum.
#[cfg(not(feature = "v0_3_11"))]
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct ObjectMeta {
    /// The object's key.
    pub key: String,
    /// The object's checksum, if computed.
    pub object_checksum: Option<u64>,
}
