//! `ErrorCode`: why a master call failed.

use wire_core::Wire;

/// C++ `enum class ErrorCode : int32_t` (types.h): on the wire, its `int32_t`.
///
/// The enumerators keep their C++ spelling (so they can be found in
/// Mooncake's sources) and C++ values; the comments are Mooncake's.
/// v0.3.11.post1 has 59 of them; v0.3.13.post1 adds 13 (the `#[cfg]`'d
/// ones), removes none and changes no value. No type-code sees the
/// enumerators (only the underlying integer): decoding a value this build
/// does not know is an error.
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(i32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum ErrorCode {
    /// Operation successful.
    OK = 0,
    /// Internal error occurred.
    INTERNAL_ERROR = -1,
    /// Insufficient buffer space.
    BUFFER_OVERFLOW = -10,
    /// Shard index is out of bounds.
    SHARD_INDEX_OUT_OF_RANGE = -100,
    /// No available segments found.
    SEGMENT_NOT_FOUND = -101,
    /// Segment already exists.
    SEGMENT_ALREADY_EXISTS = -102,
    /// Client not found.
    CLIENT_NOT_FOUND = -103,
    /// Memory allocation failed due to insufficient space.
    NO_AVAILABLE_HANDLE = -200,
    /// Invalid version.
    INVALID_VERSION = -300,
    /// Invalid key.
    INVALID_KEY = -400,
    /// Write operation failed.
    WRITE_FAIL = -500,
    /// Invalid parameters.
    INVALID_PARAMS = -600,
    /// Illegal client to do the operation.
    ILLEGAL_CLIENT = -601,
    /// Invalid write operation.
    INVALID_WRITE = -700,
    /// Invalid read operation.
    INVALID_READ = -701,
    /// Invalid replica operation.
    INVALID_REPLICA = -702,
    /// Replica is not ready.
    REPLICA_IS_NOT_READY = -703,
    /// Object not found.
    OBJECT_NOT_FOUND = -704,
    /// Object already exists.
    OBJECT_ALREADY_EXISTS = -705,
    /// Object has lease.
    OBJECT_HAS_LEASE = -706,
    /// Lease expired before data transfer completed.
    LEASE_EXPIRED = -707,
    /// Object has ongoing replication task.
    OBJECT_HAS_REPLICATION_TASK = -708,
    /// Object does not have ongoing replication task.
    OBJECT_NO_REPLICATION_TASK = -709,
    /// Replica not found.
    REPLICA_NOT_FOUND = -710,
    /// Replica already exists.
    REPLICA_ALREADY_EXISTS = -711,
    /// Replica existed once, but is gone now.
    REPLICA_IS_GONE = -712,
    /// Replica does not reside in current node memory.
    REPLICA_NOT_IN_LOCAL_MEMORY = -713,
    /// Object replicas have non-zero refcnt.
    OBJECT_REPLICA_BUSY = -714,
    /// Transfer operation failed.
    TRANSFER_FAIL = -800,
    /// Store checksum verification failed.
    #[cfg(not(feature = "v0_3_11"))]
    CHECKSUM_MISMATCH = -801,
    /// RPC operation failed.
    RPC_FAIL = -900,
    /// RPC call timed out (client-side deadline hit).
    #[cfg(not(feature = "v0_3_11"))]
    RPC_TIMEOUT = -901,
    /// etcd operation failed.
    ETCD_OPERATION_ERROR = -1000,
    /// Key not found in etcd.
    ETCD_KEY_NOT_EXIST = -1001,
    /// etcd transaction failed.
    ETCD_TRANSACTION_FAIL = -1002,
    /// etcd context cancelled.
    ETCD_CTX_CANCELLED = -1003,
    /// OpLog entry not found (backend-agnostic).
    OPLOG_ENTRY_NOT_FOUND = -1004,
    /// K8s Lease operation failed.
    K8S_LEASE_OPERATION_ERROR = -1005,
    /// K8s Lease not found.
    K8S_LEASE_NOT_FOUND = -1006,
    /// Promotion catch-up could not prove all durable OpLog entries were
    /// applied, or unresolved skipped/missing gaps remain.
    #[cfg(not(feature = "v0_3_11"))]
    INCOMPLETE_OPLOG_CATCH_UP = -1007,
    /// Request cannot be done in current status.
    UNAVAILABLE_IN_CURRENT_STATUS = -1010,
    /// Request cannot be done in current mode.
    UNAVAILABLE_IN_CURRENT_MODE = -1011,
    /// Operation is not supported in current mode.
    #[cfg(not(feature = "v0_3_11"))]
    NOT_SUPPORTED = -1012,
    /// File not found.
    FILE_NOT_FOUND = -1100,
    /// Error open file or write to a exist file.
    FILE_OPEN_FAIL = -1101,
    /// Error reading file.
    FILE_READ_FAIL = -1102,
    /// Error writing file.
    FILE_WRITE_FAIL = -1103,
    /// File buffer is wrong.
    FILE_INVALID_BUFFER = -1104,
    /// File lock operation failed.
    FILE_LOCK_FAIL = -1105,
    /// Invalid file handle.
    FILE_INVALID_HANDLE = -1106,
    /// Bucket not found.
    BUCKET_NOT_FOUND = -1200,
    /// Bucket already exists.
    BUCKET_ALREADY_EXISTS = -1201,
    /// Keys exceed bucket limit.
    KEYS_EXCEED_BUCKET_LIMIT = -1202,
    /// Keys ultra limit.
    KEYS_ULTRA_LIMIT = -1203,
    /// The offload functionality is not enabled.
    UNABLE_OFFLOAD = -1300,
    /// Unable offloading.
    UNABLE_OFFLOADING = -1301,
    /// Serialization unsupported.
    SERIALIZE_UNSUPPORTED = -1500,
    /// Serialization failed.
    SERIALIZE_FAIL = -1501,
    /// Deserialization failed.
    DESERIALIZE_FAIL = -1502,
    /// Persistent failed.
    PERSISTENT_FAIL = -1503,
    /// Task not found.
    TASK_NOT_FOUND = -1400,
    /// Total pending tasks exceed the limit.
    TASK_PENDING_LIMIT_EXCEEDED = -1401,
    /// Job not found.
    JOB_NOT_FOUND = -1402,
    /// DFS network timeout.
    #[cfg(not(feature = "v0_3_11"))]
    DFS_NETWORK_TIMEOUT = -1600,
    /// DFS service unavailable.
    #[cfg(not(feature = "v0_3_11"))]
    DFS_SERVICE_UNAVAILABLE = -1601,
    /// DFS quota exceeded.
    #[cfg(not(feature = "v0_3_11"))]
    DFS_QUOTA_EXCEEDED = -1602,
    /// DFS permission denied.
    #[cfg(not(feature = "v0_3_11"))]
    DFS_PERMISSION_DENIED = -1603,
    /// DFS file handle expired.
    #[cfg(not(feature = "v0_3_11"))]
    DFS_STALE_HANDLE = -1604,
    /// DFS partial write success.
    #[cfg(not(feature = "v0_3_11"))]
    DFS_PARTIAL_WRITE = -1605,
    /// Tenant memory quota exceeded.
    #[cfg(not(feature = "v0_3_11"))]
    TENANT_QUOTA_EXCEEDED = -1700,
    /// Tenant has no quota policy.
    #[cfg(not(feature = "v0_3_11"))]
    TENANT_NOT_REGISTERED = -1701,
    /// Tenant still owns objects or quota.
    #[cfg(not(feature = "v0_3_11"))]
    TENANT_NOT_EMPTY = -1702,
}
