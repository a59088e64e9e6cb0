//! The small C++ `enum class`es: each goes on the wire as its underlying
//! integer (`int` = `i32` where C++ names none).

use wire_core::Wire;

/// C++ `enum class ReplicaType` (allocator.h), underlying `int`.
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(i32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum ReplicaType {
    /// Memory replica.
    MEMORY = 0,
    /// Disk replica.
    DISK = 1,
    /// Local disk replica.
    LOCAL_DISK = 2,
    /// NVMe-oF SSD replica.
    NOF_SSD = 3,
    /// All synchronous replicas in the put finalize path (the C++ default argument).
    ALL = 4,
    /// Distributed filesystem page-offset replica.
    #[cfg(not(feature = "v0_3_11"))]
    DFS = 100,
}

/// C++ `enum class ReplicaStatus` (replica.h), underlying `int`.
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(i32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum ReplicaStatus {
    /// Uninitialized.
    UNDEFINED = 0,
    /// Space allocated, waiting for write.
    INITIALIZED = 1,
    /// Write in progress.
    PROCESSING = 2,
    /// Write complete, replica is available.
    COMPLETE = 3,
    /// Replica has been removed.
    REMOVED = 4,
    /// Failed state (can be used for reassignment).
    FAILED = 5,
}

/// C++ `enum class ClientStatus` (types.h), underlying `int`: the client as
/// the master sees it, in [`PingResponse`](crate::PingResponse).
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(i32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum ClientStatus {
    /// Uninitialized.
    UNDEFINED = 0,
    /// Client is alive, no need to remount for now.
    OK = 1,
    /// Ping TTL expired, or the first contact with the master: remount.
    NEED_REMOUNT = 2,
}

/// C++ `enum class SegmentStatus` (segment.h), underlying `int`.
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(i32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum SegmentStatus {
    /// Uninitialized.
    UNDEFINED = 0,
    /// Mounted and available for allocation.
    OK = 1,
    /// Readable, but accepts no new allocations.
    DRAINING = 2,
    /// Drained, awaiting unmount.
    DRAINED = 3,
    /// Readable, no new allocations, grace timer running.
    GRACEFULLY_UNMOUNTING = 4,
    /// Being unmounted.
    UNMOUNTING = 5,
}

/// C++ `enum class ObjectDataType : uint8_t` (types.h): what an object holds.
/// Values 10-255 are reserved in C++; this build rejects them.
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(u8)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum ObjectDataType {
    /// Not said (the default).
    UNKNOWN = 0,
    /// KV cache.
    KVCACHE = 1,
    /// A tensor.
    TENSOR = 2,
    /// Model weights.
    WEIGHT = 3,
    /// A training sample.
    SAMPLE = 4,
    /// Activations.
    ACTIVATION = 5,
    /// Gradients.
    GRADIENT = 6,
    /// Optimizer state.
    OPTIMIZER_STATE = 7,
    /// Metadata.
    METADATA = 8,
    /// Anything else.
    GENERAL = 9,
}

/// C++ `enum class SoftPinAction : uint8_t` (replica.h, v0.3.13): the
/// soft-pin transition a Put or Upsert requests.
#[cfg(not(feature = "v0_3_11"))]
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(u8)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum SoftPinAction {
    /// Keep the object's soft pin as it is (the default).
    PRESERVE = 0,
    /// Soft-pin the object.
    ENABLE = 1,
    /// Drop the soft pin.
    DISABLE = 2,
}
