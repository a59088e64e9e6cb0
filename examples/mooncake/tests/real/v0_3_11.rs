//! A call of every handler of v0.3.11.post1 through the generated client,
//! with plausible arguments: one client and one 16 MiB segment, objects put
//! and upserted before they are read, copied, moved, evicted and removed.

use super::Tap;
use super::args::{NOF, SEGMENT, keys, s, show};
use mooncake_example_v0_3_11::*;
use wire_core::rpc::CallError;

/// The generated client over the tap.
pub type Mc = WrappedMasterServiceClient<Tap>;

const CLIENT: Uuid = Uuid { first: 0x1111, second: 0x2222 };
const SEGMENT_ID: Uuid = Uuid { first: 0x3333, second: 0x4444 };
const NOF_ID: Uuid = Uuid { first: 0x5555, second: 0x6666 };

fn segment() -> Segment {
    Segment {
        id: SEGMENT_ID,
        name: s(SEGMENT),
        base: 0x7f00_0000_0000,
        size: 16 << 20,
        te_endpoint: s(SEGMENT),
        protocol: s("tcp"),
    }
}

fn nof_segment() -> NoFSegment {
    NoFSegment { id: NOF_ID, name: s(NOF), base: 0, size: 16 << 20, te_endpoint: s(NOF) }
}

fn config() -> ReplicateConfig {
    ReplicateConfig {
        replica_num: 1,
        nof_replica_num: 0,
        with_soft_pin: false,
        with_hard_pin: false,
        preferred_segments: Vec::new(),
        preferred_segment: s(""),
        preferred_nof_segments: Vec::new(),
        prefer_alloc_in_same_node: false,
        data_type: ObjectDataType::UNKNOWN,
    }
}

/// Calls the handler `name` (its short name) with its arguments in this
/// test's sequence, and shows the decoded reply. Panics for a name without
/// a call here: every handler must have one.
pub async fn call(mc: &Mc, name: &str) -> Result<String, CallError> {
    let all = ReplicaType::ALL;
    match name {
        "ServiceReady" => show(mc.service_ready().await),
        "GetStorageConfig" => show(mc.get_storage_config().await),
        "GetFsdir" => show(mc.get_fsdir().await),
        "MountSegment" => show(mc.mount_segment(segment(), CLIENT).await),
        "Ping" => show(mc.ping(CLIENT).await),
        "BatchQueryIp" => show(mc.batch_query_ip(vec![CLIENT]).await),
        "QuerySegmentStatus" => show(mc.query_segment_status(s(SEGMENT)).await),
        "QuerySegmentStatusById" => show(mc.query_segment_status_by_id(SEGMENT_ID).await),
        "PutStart" => show(mc.put_start(CLIENT, s("k1"), 1024, config()).await),
        "PutEnd" => show(mc.put_end(CLIENT, s("k1"), all).await),
        "ExistKey" => show(mc.exist_key(s("k1")).await),
        "BatchExistKey" => show(mc.batch_exist_key(keys(&["k1", "nokey"])).await),
        "GetReplicaList" => show(mc.get_replica_list(s("k1")).await),
        "BatchGetReplicaList" => show(mc.batch_get_replica_list(keys(&["k1", "nokey"])).await),
        "GetReplicaListByRegex" => show(mc.get_replica_list_by_regex(s("^k")).await),
        "PutRevoke" => show(mc.put_revoke(CLIENT, s("nokey"), all).await),
        "BatchPutStart" => show(mc.batch_put_start(CLIENT, keys(&["b1", "b2"]), vec![1024, 1024], config()).await),
        "BatchPutEnd" => show(mc.batch_put_end(CLIENT, keys(&["b1"]), all).await),
        "BatchPutRevoke" => show(mc.batch_put_revoke(CLIENT, keys(&["b2"]), all).await),
        "UpsertStart" => show(mc.upsert_start(CLIENT, s("u1"), 1024, config()).await),
        "UpsertEnd" => show(mc.upsert_end(CLIENT, s("u1"), all).await),
        "UpsertRevoke" => show(mc.upsert_revoke(CLIENT, s("nokey"), all).await),
        "BatchUpsertStart" => {
            show(mc.batch_upsert_start(CLIENT, keys(&["u2", "u3"]), vec![1024, 1024], config()).await)
        }
        "BatchUpsertEnd" => show(mc.batch_upsert_end(CLIENT, keys(&["u2"])).await),
        "BatchUpsertRevoke" => show(mc.batch_upsert_revoke(CLIENT, keys(&["u3"])).await),
        "CreateCopyTask" => show(mc.create_copy_task(s("k1"), keys(&[SEGMENT])).await),
        "CreateMoveTask" => show(mc.create_move_task(s("k1"), s(SEGMENT), s(SEGMENT)).await),
        "QueryTask" => show(mc.query_task(Uuid::default()).await),
        "FetchTasks" => show(mc.fetch_tasks(CLIENT, 16).await),
        "MarkTaskToComplete" => {
            let request = TaskCompleteRequest { id: Uuid::default(), status: TaskStatus::SUCCESS, message: s("") };
            show(mc.mark_task_to_complete(CLIENT, request).await)
        }
        "CopyStart" => show(mc.copy_start(CLIENT, s("k1"), s(SEGMENT), keys(&[SEGMENT])).await),
        "CopyEnd" => show(mc.copy_end(CLIENT, s("k1")).await),
        "CopyRevoke" => show(mc.copy_revoke(CLIENT, s("k1")).await),
        "MoveStart" => show(mc.move_start(CLIENT, s("k1"), s(SEGMENT), s(SEGMENT)).await),
        "MoveEnd" => show(mc.move_end(CLIENT, s("k1")).await),
        "MoveRevoke" => show(mc.move_revoke(CLIENT, s("k1")).await),
        "MountLocalDiskSegment" => show(mc.mount_local_disk_segment(CLIENT, true).await),
        "ReportSsdCapacity" => show(mc.report_ssd_capacity(CLIENT, 1 << 30).await),
        "OffloadObjectHeartbeat" => show(mc.offload_object_heartbeat(CLIENT, true).await),
        "NotifyOffloadSuccess" => show(mc.notify_offload_success(CLIENT, Vec::new(), Vec::new()).await),
        "PromotionObjectHeartbeat" => show(mc.promotion_object_heartbeat(CLIENT).await),
        "PromotionAllocStart" => show(mc.promotion_alloc_start(CLIENT, s("k1"), 1024, Vec::new()).await),
        "NotifyPromotionSuccess" => show(mc.notify_promotion_success(CLIENT, s("k1")).await),
        "NotifyPromotionFailure" => show(mc.notify_promotion_failure(CLIENT, s("k1")).await),
        "EvictDiskReplica" => show(mc.evict_disk_replica(CLIENT, s("k1"), ReplicaType::DISK).await),
        "BatchEvictDiskReplica" => show(mc.batch_evict_disk_replica(CLIENT, keys(&["k1"]), ReplicaType::DISK).await),
        "MountNoFSegment" => show(mc.mount_nof_segment(nof_segment(), CLIENT).await),
        "ReMountNoFSegment" => show(mc.re_mount_nof_segment(vec![nof_segment()], CLIENT).await),
        "GetAllNoFSegments" => show(mc.get_all_nof_segments().await),
        "GetNoFSegmentsByName" => show(mc.get_nof_segments_by_name(s(NOF)).await),
        "UnmountNoFSegment" => show(mc.unmount_nof_segment(NOF_ID, CLIENT).await),
        "BatchReplicaClear" => show(mc.batch_replica_clear(keys(&["b1"]), CLIENT, s(SEGMENT)).await),
        "Remove" => show(mc.remove(s("k1"), false).await),
        "RemoveByRegex" => show(mc.remove_by_regex(s("^u"), false).await),
        "BatchRemove" => show(mc.batch_remove(keys(&["b1"]), false).await),
        "RemoveAll" => show(mc.remove_all(false).await),
        "ReMountSegment" => show(mc.re_mount_segment(vec![segment()], CLIENT).await),
        "GracefulUnmountSegment" => show(mc.graceful_unmount_segment(SEGMENT_ID, CLIENT, 0).await),
        "UnmountSegment" => show(mc.unmount_segment(SEGMENT_ID, CLIENT).await),
        other => panic!("no call of `{other}` in tests/real/v0_3_11.rs: add one"),
    }
}
