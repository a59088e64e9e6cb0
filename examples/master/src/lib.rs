//! A KV-cache metadata master, as seen from the wire: the types its handlers
//! exchange and the `MasterService` trait. Modelled on the Mooncake Store
//! master (objects split into replicas placed on mounted memory segments).
//!
//! Its contract is frozen in `contracts/master.wire` and checked by
//! `tests/gate.rs`; `contracts/releases/` holds the released contracts that
//! deployed peers still speak.

use serde::{Deserialize, Serialize};
use wire_core::{Wire, wire_rpc};

/// A client's identity (a UUID as two words).
#[derive(Serialize, Deserialize, Wire, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientId(pub [u64; 2]);

/// A mounted segment's identity (a UUID as two words).
#[derive(Serialize, Deserialize, Wire, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SegmentId(pub [u64; 2]);

/// A contiguous range of memory a client lends to the store.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Segment {
    pub id: SegmentId,
    pub name: String,
    pub base: u64,
    pub size: u64,
    /// Transfer-engine endpoint serving this segment, `host:port`.
    pub te_endpoint: String,
}

/// Where a replica lives.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplicaType {
    Memory,
    Disk,
}

/// How to place a new object.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq, Default)]
pub struct ReplicateConfig {
    pub replica_num: u32,
    pub with_soft_pin: bool,
    pub preferred_segment: Option<String>,
}

/// Lifecycle of one replica.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplicaStatus {
    Undefined,
    Initialized,
    Processing,
    Complete,
    Removed,
    Failed,
}

/// One buffer of a memory replica.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct BufferDescriptor {
    pub segment_name: String,
    pub size: u64,
    pub buffer_address: u64,
    pub transport_endpoint: String,
}

/// A replica held in memory segments.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct MemoryDescriptor {
    pub buffers: Vec<BufferDescriptor>,
}

/// A replica spilled to a file.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct DiskDescriptor {
    pub file_path: String,
    pub file_size: u64,
}

/// Where a replica's bytes are.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub enum ReplicaDescriptor {
    Memory(MemoryDescriptor),
    Disk(DiskDescriptor),
}

/// One copy of an object.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Replica {
    pub descriptor: ReplicaDescriptor,
    pub status: ReplicaStatus,
}

/// What the master thinks of a pinging client.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientStatus {
    Ok,
    NeedRemount,
}

/// The reply to [`MasterService::ping`].
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct PingResponse {
    pub view_version: u64,
    pub client_status: ClientStatus,
}

/// Why a master call failed.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq, Eq)]
pub enum ErrorCode {
    ObjectNotFound,
    ObjectAlreadyExists,
    ReplicaIsNotReady,
    NoAvailableHandle,
    SegmentNotFound,
    SegmentAlreadyExists,
    InvalidParams { reason: String },
    InternalError(String),
}

/// The master's handlers. Every one is registered with its function id and
/// codes; `MasterServiceRpc::<method>` holds them as constants.
#[wire_rpc]
pub trait MasterService {
    fn exist_key(&self, key: String) -> Result<bool, ErrorCode>;
    fn batch_exist_key(&self, keys: Vec<String>) -> Vec<Result<bool, ErrorCode>>;
    fn get_replica_list(&self, key: String) -> Result<Vec<Replica>, ErrorCode>;
    async fn put_start(
        &self,
        key: String,
        value_length: u64,
        slice_lengths: Vec<u64>,
        config: ReplicateConfig,
    ) -> Result<Vec<Replica>, ErrorCode>;
    async fn put_end(
        &self,
        key: String,
        replica_type: ReplicaType,
        // v2 only: a bare trailing argument, the silent wire break this library catches.
        #[cfg(feature = "v2")] tenant_id: String,
        // v3 only: the same tenant, added the compatible way. Outside the
        // args code; an older server skips it, a newer one sees `None` from
        // an older client.
        #[cfg(feature = "v3")]
        #[wire(since = 2)]
        tenant_id: Option<String>,
    ) -> Result<(), ErrorCode>;
    async fn put_revoke(&self, key: String, replica_type: ReplicaType) -> Result<(), ErrorCode>;
    fn remove(&self, key: String) -> Result<(), ErrorCode>;
    fn remove_all(&self) -> Result<u64, ErrorCode>;
    fn mount_segment(&self, segment: Segment, client_id: ClientId) -> Result<(), ErrorCode>;
    fn unmount_segment(&self, segment_id: SegmentId, client_id: ClientId) -> Result<(), ErrorCode>;
    fn ping(&self, client_id: ClientId) -> Result<PingResponse, ErrorCode>;
    fn get_fsdir(&self) -> Result<String, ErrorCode>;
    /// The master's build string: informational (the handshake compares codes, not this).
    fn service_ready(&self) -> Result<String, ErrorCode>;
    /// v2 only: bytes stored on behalf of a tenant.
    #[cfg(feature = "v2")]
    fn get_tenant_usage(&self, tenant_id: String) -> Result<u64, ErrorCode>;
}

mod store;
pub use store::MemoryMaster;

/// The build string this crate reports (informational only).
pub const BUILD: &str = if cfg!(feature = "v2") {
    "master-example v2"
} else if cfg!(feature = "v3") {
    "master-example v3"
} else {
    "master-example v1"
};

#[cfg(all(feature = "v2", feature = "v3"))]
compile_error!("features `v2` and `v3` are two alternative evolutions of put_end: enable one");

/// The number of wire handlers this crate defines (and a function to call:
/// referencing the crate keeps its registrations in a test binary).
pub fn handler_count() -> usize {
    MasterServiceRpc::HANDLERS.len()
}
