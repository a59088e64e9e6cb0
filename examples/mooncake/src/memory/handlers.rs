//! Every handler of [`WrappedMasterService`] on [`MemoryMaster`]: the few a
//! client needs at start-up keep state, the rest answer from it or say this
//! master stores no objects.

use super::{MemoryMaster, STORE_VERSION};
use crate::service::{WrappedMasterService, WrappedMasterServiceRpc as Rpc};
use crate::types::*;
use std::collections::HashMap;

impl WrappedMasterService for MemoryMaster {
    fn exist_key(&self, _key: String, #[cfg(not(feature = "v0_3_11"))] _tenant_id: String) -> Result<bool, ErrorCode> {
        self.reply(&Rpc::exist_key, Ok(false))
    }

    fn batch_query_ip(&self, client_ids: Vec<Uuid>) -> Result<HashMap<Uuid, Vec<String>>, ErrorCode> {
        let state = self.state.lock().expect("state lock");
        let mut ips: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (owner, segment) in state.segments.values().filter(|(owner, _)| client_ids.contains(owner)) {
            let ip = segment.name.rsplit_once(':').map_or(segment.name.as_str(), |(host, _)| host).to_owned();
            let list = ips.entry(*owner).or_default();
            if !list.contains(&ip) {
                list.push(ip);
            }
        }
        drop(state);
        self.reply(&Rpc::batch_query_ip, Ok(ips))
    }

    fn batch_replica_clear(
        &self,
        _object_keys: Vec<String>,
        _client_id: Uuid,
        _segment_name: String,
    ) -> Result<Vec<String>, ErrorCode> {
        self.reply(&Rpc::batch_replica_clear, Ok(Vec::new()))
    }

    fn get_replica_list_by_regex(
        &self,
        _str: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<HashMap<String, Vec<ReplicaDescriptor>>, ErrorCode> {
        self.reply(&Rpc::get_replica_list_by_regex, Ok(HashMap::new()))
    }

    fn get_replica_list(
        &self,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<GetReplicaListResponse, ErrorCode> {
        self.reply(&Rpc::get_replica_list, Err(ErrorCode::OBJECT_NOT_FOUND))
    }

    fn batch_get_replica_list(
        &self,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<GetReplicaListResponse, ErrorCode>> {
        self.fail_each(&Rpc::batch_get_replica_list, keys.len(), ErrorCode::OBJECT_NOT_FOUND)
    }

    fn put_start(
        &self,
        _client_id: Uuid,
        _key: String,
        _slice_length: u64,
        _config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<Vec<ReplicaDescriptor>, ErrorCode> {
        self.unavailable(&Rpc::put_start)
    }

    fn put_end(
        &self,
        _client_id: Uuid,
        #[cfg(feature = "v0_3_11")] _key: String,
        #[cfg(not(feature = "v0_3_11"))] _object_meta: ObjectMeta,
        _replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::put_end)
    }

    fn put_revoke(
        &self,
        _client_id: Uuid,
        _key: String,
        _replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::put_revoke)
    }

    fn batch_put_start(
        &self,
        _client_id: Uuid,
        keys: Vec<String>,
        _slice_lengths: Vec<u64>,
        _config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<Vec<ReplicaDescriptor>, ErrorCode>> {
        self.fail_each(&Rpc::batch_put_start, keys.len(), ErrorCode::UNAVAILABLE_IN_CURRENT_MODE)
    }

    fn batch_put_end(
        &self,
        _client_id: Uuid,
        #[cfg(feature = "v0_3_11")] keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] object_metas: Vec<ObjectMeta>,
        _replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>> {
        #[cfg(not(feature = "v0_3_11"))]
        let keys = object_metas;
        self.fail_each(&Rpc::batch_put_end, keys.len(), ErrorCode::UNAVAILABLE_IN_CURRENT_MODE)
    }

    fn batch_put_revoke(
        &self,
        _client_id: Uuid,
        keys: Vec<String>,
        _replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>> {
        self.fail_each(&Rpc::batch_put_revoke, keys.len(), ErrorCode::UNAVAILABLE_IN_CURRENT_MODE)
    }

    fn upsert_start(
        &self,
        _client_id: Uuid,
        _key: String,
        _slice_length: u64,
        _config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<Vec<ReplicaDescriptor>, ErrorCode> {
        self.unavailable(&Rpc::upsert_start)
    }

    fn upsert_end(
        &self,
        _client_id: Uuid,
        #[cfg(feature = "v0_3_11")] _key: String,
        #[cfg(not(feature = "v0_3_11"))] _object_meta: ObjectMeta,
        _replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::upsert_end)
    }

    fn upsert_revoke(
        &self,
        _client_id: Uuid,
        _key: String,
        _replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::upsert_revoke)
    }

    fn batch_upsert_start(
        &self,
        _client_id: Uuid,
        keys: Vec<String>,
        _slice_lengths: Vec<u64>,
        _config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<Vec<ReplicaDescriptor>, ErrorCode>> {
        self.fail_each(&Rpc::batch_upsert_start, keys.len(), ErrorCode::UNAVAILABLE_IN_CURRENT_MODE)
    }

    fn batch_upsert_end(
        &self,
        _client_id: Uuid,
        #[cfg(feature = "v0_3_11")] keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] object_metas: Vec<ObjectMeta>,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>> {
        #[cfg(not(feature = "v0_3_11"))]
        let keys = object_metas;
        self.fail_each(&Rpc::batch_upsert_end, keys.len(), ErrorCode::UNAVAILABLE_IN_CURRENT_MODE)
    }

    fn batch_upsert_revoke(
        &self,
        _client_id: Uuid,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>> {
        self.fail_each(&Rpc::batch_upsert_revoke, keys.len(), ErrorCode::UNAVAILABLE_IN_CURRENT_MODE)
    }

    fn remove(
        &self,
        _key: String,
        _force: bool,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.reply(&Rpc::remove, Err(ErrorCode::OBJECT_NOT_FOUND))
    }

    fn remove_by_regex(
        &self,
        _str: String,
        _force: bool,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<i64, ErrorCode> {
        self.reply(&Rpc::remove_by_regex, Ok(0))
    }

    fn remove_all(&self, _force: bool, #[cfg(not(feature = "v0_3_11"))] _tenant_id: String) -> i64 {
        self.note(&Rpc::remove_all, true, 0)
    }

    fn batch_remove(
        &self,
        keys: Vec<String>,
        _force: bool,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>> {
        self.fail_each(&Rpc::batch_remove, keys.len(), ErrorCode::OBJECT_NOT_FOUND)
    }

    fn mount_segment(&self, segment: Segment, client_id: Uuid) -> Result<(), ErrorCode> {
        let result = self.mount(segment, client_id);
        self.reply(&Rpc::mount_segment, result)
    }

    fn mount_nof_segment(&self, _segment: NoFSegment, _client_id: Uuid) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::mount_nof_segment)
    }

    fn re_mount_segment(&self, segments: Vec<Segment>, client_id: Uuid) -> Result<(), ErrorCode> {
        let result = segments.into_iter().try_for_each(|s| self.mount(s, client_id));
        self.reply(&Rpc::re_mount_segment, result)
    }

    fn re_mount_nof_segment(&self, _segments: Vec<NoFSegment>, _client_id: Uuid) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::re_mount_nof_segment)
    }

    fn unmount_segment(&self, segment_id: Uuid, client_id: Uuid) -> Result<(), ErrorCode> {
        let result = self.unmount(segment_id, client_id);
        self.reply(&Rpc::unmount_segment, result)
    }

    fn graceful_unmount_segment(
        &self,
        segment_id: Uuid,
        client_id: Uuid,
        _grace_period_ms: u64,
    ) -> Result<(), ErrorCode> {
        let result = self.unmount(segment_id, client_id);
        self.reply(&Rpc::graceful_unmount_segment, result)
    }

    fn unmount_nof_segment(&self, _segment_id: Uuid, _client_id: Uuid) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::unmount_nof_segment)
    }

    fn get_all_nof_segments(&self) -> Result<Vec<NoFSegment>, ErrorCode> {
        self.reply(&Rpc::get_all_nof_segments, Ok(Vec::new()))
    }

    fn get_nof_segments_by_name(&self, _segment_name: String) -> Result<Vec<NoFSegmentOwnerInfo>, ErrorCode> {
        self.reply(&Rpc::get_nof_segments_by_name, Err(ErrorCode::SEGMENT_NOT_FOUND))
    }

    fn ping(&self, client_id: Uuid) -> Result<PingResponse, ErrorCode> {
        let known = self.state.lock().expect("state lock").mounted_by(client_id);
        let client_status = if known { ClientStatus::OK } else { ClientStatus::NEED_REMOUNT };
        self.reply(&Rpc::ping, Ok(PingResponse { view_version_id: 0, client_status }))
    }

    fn get_fsdir(&self) -> Result<String, ErrorCode> {
        self.reply(&Rpc::get_fsdir, Ok(String::new()))
    }

    fn query_segment_status(&self, segment_name: String) -> Result<SegmentStatus, ErrorCode> {
        let result = self.segment_status(|s| s.name == segment_name);
        self.reply(&Rpc::query_segment_status, result)
    }

    fn query_segment_status_by_id(&self, segment_id: Uuid) -> Result<SegmentStatus, ErrorCode> {
        let result = self.segment_status(|s| s.id == segment_id);
        self.reply(&Rpc::query_segment_status_by_id, result)
    }

    fn get_storage_config(&self) -> Result<GetStorageConfigResponse, ErrorCode> {
        let config = GetStorageConfigResponse { fsdir: String::new(), enable_disk_eviction: false, quota_bytes: 0 };
        self.reply(&Rpc::get_storage_config, Ok(config))
    }

    fn batch_exist_key(
        &self,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Vec<Result<bool, ErrorCode>> {
        self.batch(&Rpc::batch_exist_key, keys.iter().map(|_| Ok(false)).collect())
    }

    fn service_ready(&self) -> Result<String, ErrorCode> {
        self.reply(&Rpc::service_ready, Ok(STORE_VERSION.to_owned()))
    }

    fn mount_local_disk_segment(&self, _client_id: Uuid, _enable_offloading: bool) -> Result<(), ErrorCode> {
        self.reply(&Rpc::mount_local_disk_segment, Err(ErrorCode::UNABLE_OFFLOAD))
    }

    #[cfg(not(feature = "v0_3_11"))]
    fn unmount_local_disk_segment(&self, _client_id: Uuid) -> Result<(), ErrorCode> {
        self.reply(&Rpc::unmount_local_disk_segment, Err(ErrorCode::UNABLE_OFFLOAD))
    }

    fn offload_object_heartbeat(&self, _client_id: Uuid, _enable_offloading: bool) -> Result<OffloadTasks, ErrorCode> {
        self.reply(&Rpc::offload_object_heartbeat, Err(ErrorCode::UNABLE_OFFLOAD))
    }

    fn report_ssd_capacity(&self, _client_id: Uuid, _ssd_total_capacity_bytes: i64) -> Result<(), ErrorCode> {
        self.reply(&Rpc::report_ssd_capacity, Err(ErrorCode::UNABLE_OFFLOAD))
    }

    fn notify_offload_success(
        &self,
        _client_id: Uuid,
        #[cfg(feature = "v0_3_11")] _keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] _tasks: Vec<OffloadTaskItem>,
        _metadatas: Vec<StorageObjectMetadata>,
    ) -> Result<(), ErrorCode> {
        self.reply(&Rpc::notify_offload_success, Err(ErrorCode::UNABLE_OFFLOAD))
    }

    fn promotion_object_heartbeat(&self, _client_id: Uuid) -> Result<PromotionTasks, ErrorCode> {
        self.reply(&Rpc::promotion_object_heartbeat, Err(ErrorCode::UNABLE_OFFLOAD))
    }

    fn promotion_alloc_start(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
        _size: u64,
        _preferred_segments: Vec<String>,
    ) -> Result<PromotionAllocStartResponse, ErrorCode> {
        self.unavailable(&Rpc::promotion_alloc_start)
    }

    fn notify_promotion_success(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::notify_promotion_success)
    }

    fn notify_promotion_failure(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::notify_promotion_failure)
    }

    fn copy_start(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
        _src_segment: String,
        _tgt_segments: Vec<String>,
    ) -> Result<CopyStartResponse, ErrorCode> {
        self.unavailable(&Rpc::copy_start)
    }

    #[cfg(not(feature = "v0_3_11"))]
    fn dynamic_replica_copy_start(
        &self,
        _client_id: Uuid,
        _key: String,
        _tenant_id: String,
        _src_segment: String,
        _tgt_segments: Vec<String>,
        _dynamic_replication_lease_id: Uuid,
        _dynamic_replication_version_epoch: u64,
    ) -> Result<CopyStartResponse, ErrorCode> {
        self.unavailable(&Rpc::dynamic_replica_copy_start)
    }

    fn copy_end(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::copy_end)
    }

    #[cfg(not(feature = "v0_3_11"))]
    fn dynamic_replica_copy_end(
        &self,
        _client_id: Uuid,
        _key: String,
        _tenant_id: String,
        _dynamic_replication_lease_id: Uuid,
        _dynamic_replication_version_epoch: u64,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::dynamic_replica_copy_end)
    }

    fn copy_revoke(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::copy_revoke)
    }

    #[cfg(not(feature = "v0_3_11"))]
    fn dynamic_replica_copy_revoke(
        &self,
        _client_id: Uuid,
        _key: String,
        _tenant_id: String,
        _dynamic_replication_lease_id: Uuid,
        _dynamic_replication_version_epoch: u64,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::dynamic_replica_copy_revoke)
    }

    fn move_start(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
        _src_segment: String,
        _tgt_segment: String,
    ) -> Result<MoveStartResponse, ErrorCode> {
        self.unavailable(&Rpc::move_start)
    }

    fn move_end(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::move_end)
    }

    fn move_revoke(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::move_revoke)
    }

    fn evict_disk_replica(
        &self,
        _client_id: Uuid,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
        _replica_type: ReplicaType,
    ) -> Result<(), ErrorCode> {
        self.unavailable(&Rpc::evict_disk_replica)
    }

    fn batch_evict_disk_replica(
        &self,
        _client_id: Uuid,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
        _replica_type: ReplicaType,
    ) -> Vec<Result<(), ErrorCode>> {
        self.fail_each(&Rpc::batch_evict_disk_replica, keys.len(), ErrorCode::UNAVAILABLE_IN_CURRENT_MODE)
    }

    #[cfg(not(feature = "v0_3_11"))]
    fn poll_remove_all(&self, _client_id: Uuid) -> Result<bool, ErrorCode> {
        self.reply(&Rpc::poll_remove_all, Ok(false))
    }

    fn create_copy_task(
        &self,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
        _targets: Vec<String>,
    ) -> Result<Uuid, ErrorCode> {
        self.unavailable(&Rpc::create_copy_task)
    }

    fn create_move_task(
        &self,
        _key: String,
        #[cfg(not(feature = "v0_3_11"))] _tenant_id: String,
        _source: String,
        _target: String,
    ) -> Result<Uuid, ErrorCode> {
        self.unavailable(&Rpc::create_move_task)
    }

    fn query_task(&self, _task_id: Uuid) -> Result<QueryTaskResponse, ErrorCode> {
        self.reply(&Rpc::query_task, Err(ErrorCode::TASK_NOT_FOUND))
    }

    fn fetch_tasks(&self, _client_id: Uuid, _batch_size: u64) -> Result<Vec<TaskAssignment>, ErrorCode> {
        self.reply(&Rpc::fetch_tasks, Ok(Vec::new()))
    }

    fn mark_task_to_complete(&self, _client_id: Uuid, _request: TaskCompleteRequest) -> Result<(), ErrorCode> {
        self.reply(&Rpc::mark_task_to_complete, Err(ErrorCode::TASK_NOT_FOUND))
    }
}
