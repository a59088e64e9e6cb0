//! What the calls of both releases share (`v0_3_11.rs`, `v0_3_13.rs`):
//! their order, and the arguments and helpers that do not depend on a
//! release's types.

use std::fmt::Debug;
use wire_core::rpc::CallError;

/// The segment the calls mount (name and transfer endpoint).
pub const SEGMENT: &str = "127.0.0.1:12345";
/// The NoF segment the calls mount.
pub const NOF: &str = "127.0.0.1:12346";

/// The short names of every handler of both releases, in the order the calls
/// make them: the segment is mounted and objects exist before the handlers
/// that need them, and what removes or unmounts comes last. v0.3.11.post1
/// calls the 59 of them it has ([`super::order`]), in the same order.
pub const ORDER: &[&str] = &[
    "ServiceReady",
    "GetStorageConfig",
    "GetFsdir",
    "MountSegment",
    "Ping",
    "BatchQueryIp",
    "QuerySegmentStatus",
    "QuerySegmentStatusById",
    "PutStart",
    "PutEnd",
    "ExistKey",
    "BatchExistKey",
    "GetReplicaList",
    "BatchGetReplicaList",
    "GetReplicaListByRegex",
    "PutRevoke",
    "BatchPutStart",
    "BatchPutEnd",
    "BatchPutRevoke",
    "UpsertStart",
    "UpsertEnd",
    "UpsertRevoke",
    "BatchUpsertStart",
    "BatchUpsertEnd",
    "BatchUpsertRevoke",
    "CreateCopyTask",
    "CreateMoveTask",
    "QueryTask",
    "FetchTasks",
    "MarkTaskToComplete",
    "CopyStart",
    "CopyEnd",
    "CopyRevoke",
    "DynamicReplicaCopyStart",
    "DynamicReplicaCopyEnd",
    "DynamicReplicaCopyRevoke",
    "MoveStart",
    "MoveEnd",
    "MoveRevoke",
    "MountLocalDiskSegment",
    "ReportSsdCapacity",
    "OffloadObjectHeartbeat",
    "NotifyOffloadSuccess",
    "PromotionObjectHeartbeat",
    "PromotionAllocStart",
    "NotifyPromotionSuccess",
    "NotifyPromotionFailure",
    "EvictDiskReplica",
    "BatchEvictDiskReplica",
    "UnmountLocalDiskSegment",
    "MountNoFSegment",
    "ReMountNoFSegment",
    "GetAllNoFSegments",
    "GetNoFSegmentsByName",
    "UnmountNoFSegment",
    "BatchReplicaClear",
    "Remove",
    "RemoveByRegex",
    "BatchRemove",
    "RemoveAll",
    "PollRemoveAll",
    "ReMountSegment",
    "GracefulUnmountSegment",
    "UnmountSegment",
];

/// An owned string.
pub fn s(text: &str) -> String {
    text.to_owned()
}

/// Owned keys.
pub fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| s(k)).collect()
}

/// The decoded reply, shown.
pub fn show<T: Debug>(reply: Result<T, CallError>) -> Result<String, CallError> {
    reply.map(|value| format!("{value:?}"))
}
