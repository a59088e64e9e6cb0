//! The service: `mooncake::WrappedMasterService`, every handler Mooncake's
//! `RegisterRpcService()` registers, in registration order.

use crate::types::*;
use std::collections::HashMap;

/// Mooncake Store's master RPC service, `mooncake::WrappedMasterService`
/// (mooncake-store/include/rpc_service.h), as its coro_rpc peers see it.
///
/// Each method is one handler: its `#[wire(name)]` is the name coro_rpc hashes
/// into the function id (the C++ member function's qualified name), its
/// parameters are the C++ parameters in order (names as in C++), its return
/// type the C++ return type. Every C++ handler is a plain synchronous member
/// function (no `Lazy<>`, no `coro_rpc::context` parameter), hence plain
/// `fn`s. C++ default arguments (`tenant_id = "default"`, `force = false`,
/// `replica_type = ReplicaType::ALL`) do not exist on the wire: coro_rpc always
/// sends every parameter, so they are ordinary parameters here.
///
/// Built as `mooncake-example`, this is v0.3.13.post1 (64 handlers); with the
/// `v0_3_11` feature (the `mooncake-example-v0-3-11` package), v0.3.11.post1
/// (59 handlers). The `#[cfg]`s mark what differs; each method's doc gives
/// the C++ declaration of both versions when they differ.
///
/// ```
/// use mooncake_example::WrappedMasterServiceRpc;
///
/// let exist_key = WrappedMasterServiceRpc::exist_key;
/// assert_eq!(exist_key.name, "mooncake::WrappedMasterService::ExistKey");
/// assert_eq!(exist_key.function_id, wire_core::function_id(exist_key.name));
/// assert_eq!(WrappedMasterServiceRpc::SERVICE, "mooncake::WrappedMasterService");
/// ```
#[wire_core::wire_rpc]
#[wire(name = "mooncake::WrappedMasterService")]
pub trait WrappedMasterService {
    /// `tl::expected<bool, ErrorCode> ExistKey(const std::string& key, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<bool, ErrorCode> ExistKey(const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::ExistKey")]
    fn exist_key(&self, key: String, #[cfg(not(feature = "v0_3_11"))] tenant_id: String) -> Result<bool, ErrorCode>;

    /// `tl::expected<std::unordered_map<UUID, std::vector<std::string>, boost::hash<UUID>>, ErrorCode> BatchQueryIp(const std::vector<UUID>& client_ids)`
    #[wire(name = "mooncake::WrappedMasterService::BatchQueryIp")]
    fn batch_query_ip(&self, client_ids: Vec<Uuid>) -> Result<HashMap<Uuid, Vec<String>>, ErrorCode>;

    /// `tl::expected<std::vector<std::string>, ErrorCode> BatchReplicaClear(const std::vector<std::string>& object_keys, const UUID& client_id, const std::string& segment_name)`
    #[wire(name = "mooncake::WrappedMasterService::BatchReplicaClear")]
    fn batch_replica_clear(
        &self,
        object_keys: Vec<String>,
        client_id: Uuid,
        segment_name: String,
    ) -> Result<Vec<String>, ErrorCode>;

    /// `tl::expected<std::unordered_map<std::string, std::vector<Replica::Descriptor>>, ErrorCode> GetReplicaListByRegex(const std::string& str, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<std::unordered_map<std::string, std::vector<Replica::Descriptor>>, ErrorCode> GetReplicaListByRegex(const std::string& str)`
    #[wire(name = "mooncake::WrappedMasterService::GetReplicaListByRegex")]
    fn get_replica_list_by_regex(
        &self,
        str: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<HashMap<String, Vec<ReplicaDescriptor>>, ErrorCode>;

    /// `tl::expected<GetReplicaListResponse, ErrorCode> GetReplicaList(const std::string& key, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<GetReplicaListResponse, ErrorCode> GetReplicaList(const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::GetReplicaList")]
    fn get_replica_list(
        &self,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<GetReplicaListResponse, ErrorCode>;

    /// `std::vector<tl::expected<GetReplicaListResponse, ErrorCode>> BatchGetReplicaList(const std::vector<std::string>& keys, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<GetReplicaListResponse, ErrorCode>> BatchGetReplicaList(const std::vector<std::string>& keys)`
    #[wire(name = "mooncake::WrappedMasterService::BatchGetReplicaList")]
    fn batch_get_replica_list(
        &self,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<GetReplicaListResponse, ErrorCode>>;

    /// `tl::expected<std::vector<Replica::Descriptor>, ErrorCode> PutStart(const UUID& client_id, const std::string& key, const uint64_t slice_length, const ReplicateConfig& config, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<std::vector<Replica::Descriptor>, ErrorCode> PutStart(const UUID& client_id, const std::string& key, const uint64_t slice_length, const ReplicateConfig& config)`
    #[wire(name = "mooncake::WrappedMasterService::PutStart")]
    fn put_start(
        &self,
        client_id: Uuid,
        key: String,
        slice_length: u64,
        config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<Vec<ReplicaDescriptor>, ErrorCode>;

    /// `tl::expected<void, ErrorCode> PutEnd(const UUID& client_id, const ObjectMeta& object_meta, ReplicaType replica_type = ReplicaType::ALL, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> PutEnd(const UUID& client_id, const std::string& key, ReplicaType replica_type = ReplicaType::ALL)`
    #[wire(name = "mooncake::WrappedMasterService::PutEnd")]
    fn put_end(
        &self,
        client_id: Uuid,
        #[cfg(feature = "v0_3_11")] key: String,
        #[cfg(not(feature = "v0_3_11"))] object_meta: ObjectMeta,
        replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> PutRevoke(const UUID& client_id, const std::string& key, ReplicaType replica_type = ReplicaType::ALL, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> PutRevoke(const UUID& client_id, const std::string& key, ReplicaType replica_type = ReplicaType::ALL)`
    #[wire(name = "mooncake::WrappedMasterService::PutRevoke")]
    fn put_revoke(
        &self,
        client_id: Uuid,
        key: String,
        replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `std::vector<tl::expected<std::vector<Replica::Descriptor>, ErrorCode>> BatchPutStart(const UUID& client_id, const std::vector<std::string>& keys, const std::vector<uint64_t>& slice_lengths, const ReplicateConfig& config, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<std::vector<Replica::Descriptor>, ErrorCode>> BatchPutStart(const UUID& client_id, const std::vector<std::string>& keys, const std::vector<uint64_t>& slice_lengths, const ReplicateConfig& config)`
    #[wire(name = "mooncake::WrappedMasterService::BatchPutStart")]
    fn batch_put_start(
        &self,
        client_id: Uuid,
        keys: Vec<String>,
        slice_lengths: Vec<u64>,
        config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<Vec<ReplicaDescriptor>, ErrorCode>>;

    /// `std::vector<tl::expected<void, ErrorCode>> BatchPutEnd(const UUID& client_id, const std::vector<ObjectMeta>& object_metas, ReplicaType replica_type = ReplicaType::ALL, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<void, ErrorCode>> BatchPutEnd(const UUID& client_id, const std::vector<std::string>& keys, ReplicaType replica_type = ReplicaType::ALL)`
    #[wire(name = "mooncake::WrappedMasterService::BatchPutEnd")]
    fn batch_put_end(
        &self,
        client_id: Uuid,
        #[cfg(feature = "v0_3_11")] keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] object_metas: Vec<ObjectMeta>,
        replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>>;

    /// `std::vector<tl::expected<void, ErrorCode>> BatchPutRevoke(const UUID& client_id, const std::vector<std::string>& keys, ReplicaType replica_type = ReplicaType::ALL, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<void, ErrorCode>> BatchPutRevoke(const UUID& client_id, const std::vector<std::string>& keys, ReplicaType replica_type = ReplicaType::ALL)`
    #[wire(name = "mooncake::WrappedMasterService::BatchPutRevoke")]
    fn batch_put_revoke(
        &self,
        client_id: Uuid,
        keys: Vec<String>,
        replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>>;

    /// `tl::expected<std::vector<Replica::Descriptor>, ErrorCode> UpsertStart(const UUID& client_id, const std::string& key, const uint64_t slice_length, const ReplicateConfig& config, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<std::vector<Replica::Descriptor>, ErrorCode> UpsertStart(const UUID& client_id, const std::string& key, const uint64_t slice_length, const ReplicateConfig& config)`
    #[wire(name = "mooncake::WrappedMasterService::UpsertStart")]
    fn upsert_start(
        &self,
        client_id: Uuid,
        key: String,
        slice_length: u64,
        config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<Vec<ReplicaDescriptor>, ErrorCode>;

    /// `tl::expected<void, ErrorCode> UpsertEnd(const UUID& client_id, const ObjectMeta& object_meta, ReplicaType replica_type = ReplicaType::ALL, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> UpsertEnd(const UUID& client_id, const std::string& key, ReplicaType replica_type)`
    #[wire(name = "mooncake::WrappedMasterService::UpsertEnd")]
    fn upsert_end(
        &self,
        client_id: Uuid,
        #[cfg(feature = "v0_3_11")] key: String,
        #[cfg(not(feature = "v0_3_11"))] object_meta: ObjectMeta,
        replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> UpsertRevoke(const UUID& client_id, const std::string& key, ReplicaType replica_type = ReplicaType::ALL, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> UpsertRevoke(const UUID& client_id, const std::string& key, ReplicaType replica_type)`
    #[wire(name = "mooncake::WrappedMasterService::UpsertRevoke")]
    fn upsert_revoke(
        &self,
        client_id: Uuid,
        key: String,
        replica_type: ReplicaType,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `std::vector<tl::expected<std::vector<Replica::Descriptor>, ErrorCode>> BatchUpsertStart(const UUID& client_id, const std::vector<std::string>& keys, const std::vector<uint64_t>& slice_lengths, const ReplicateConfig& config, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<std::vector<Replica::Descriptor>, ErrorCode>> BatchUpsertStart(const UUID& client_id, const std::vector<std::string>& keys, const std::vector<uint64_t>& slice_lengths, const ReplicateConfig& config)`
    #[wire(name = "mooncake::WrappedMasterService::BatchUpsertStart")]
    fn batch_upsert_start(
        &self,
        client_id: Uuid,
        keys: Vec<String>,
        slice_lengths: Vec<u64>,
        config: ReplicateConfig,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<Vec<ReplicaDescriptor>, ErrorCode>>;

    /// `std::vector<tl::expected<void, ErrorCode>> BatchUpsertEnd(const UUID& client_id, const std::vector<ObjectMeta>& object_metas, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<void, ErrorCode>> BatchUpsertEnd(const UUID& client_id, const std::vector<std::string>& keys)`
    #[wire(name = "mooncake::WrappedMasterService::BatchUpsertEnd")]
    fn batch_upsert_end(
        &self,
        client_id: Uuid,
        #[cfg(feature = "v0_3_11")] keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] object_metas: Vec<ObjectMeta>,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>>;

    /// `std::vector<tl::expected<void, ErrorCode>> BatchUpsertRevoke(const UUID& client_id, const std::vector<std::string>& keys, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<void, ErrorCode>> BatchUpsertRevoke(const UUID& client_id, const std::vector<std::string>& keys)`
    #[wire(name = "mooncake::WrappedMasterService::BatchUpsertRevoke")]
    fn batch_upsert_revoke(
        &self,
        client_id: Uuid,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>>;

    /// `tl::expected<void, ErrorCode> Remove(const std::string& key, bool force = false, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> Remove(const std::string& key, bool force = false)`
    #[wire(name = "mooncake::WrappedMasterService::Remove")]
    fn remove(
        &self,
        key: String,
        force: bool,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<long, ErrorCode> RemoveByRegex(const std::string& str, bool force = false, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `tl::expected<long, ErrorCode> RemoveByRegex(const std::string& str, bool force = false)`
    #[wire(name = "mooncake::WrappedMasterService::RemoveByRegex")]
    fn remove_by_regex(
        &self,
        str: String,
        force: bool,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<i64, ErrorCode>;

    /// `long RemoveAll(bool force = false, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `long RemoveAll(bool force = false)`
    #[wire(name = "mooncake::WrappedMasterService::RemoveAll")]
    fn remove_all(&self, force: bool, #[cfg(not(feature = "v0_3_11"))] tenant_id: String) -> i64;

    /// `std::vector<tl::expected<void, ErrorCode>> BatchRemove(const std::vector<std::string>& keys, bool force = false, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<void, ErrorCode>> BatchRemove(const std::vector<std::string>& keys, bool force = false)`
    #[wire(name = "mooncake::WrappedMasterService::BatchRemove")]
    fn batch_remove(
        &self,
        keys: Vec<String>,
        force: bool,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<(), ErrorCode>>;

    /// `tl::expected<void, ErrorCode> MountSegment(const Segment& segment, const UUID& client_id)`
    #[wire(name = "mooncake::WrappedMasterService::MountSegment")]
    fn mount_segment(&self, segment: Segment, client_id: Uuid) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> MountNoFSegment(const NoFSegment& segment, const UUID& client_id)`
    #[wire(name = "mooncake::WrappedMasterService::MountNoFSegment")]
    fn mount_nof_segment(&self, segment: NoFSegment, client_id: Uuid) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> ReMountSegment(const std::vector<Segment>& segments, const UUID& client_id)`
    #[wire(name = "mooncake::WrappedMasterService::ReMountSegment")]
    fn re_mount_segment(&self, segments: Vec<Segment>, client_id: Uuid) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> ReMountNoFSegment(const std::vector<NoFSegment>& segments, const UUID& client_id)`
    #[wire(name = "mooncake::WrappedMasterService::ReMountNoFSegment")]
    fn re_mount_nof_segment(&self, segments: Vec<NoFSegment>, client_id: Uuid) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> UnmountSegment(const UUID& segment_id, const UUID& client_id)`
    #[wire(name = "mooncake::WrappedMasterService::UnmountSegment")]
    fn unmount_segment(&self, segment_id: Uuid, client_id: Uuid) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> GracefulUnmountSegment(const UUID& segment_id, const UUID& client_id, uint64_t grace_period_ms)`
    #[wire(name = "mooncake::WrappedMasterService::GracefulUnmountSegment")]
    fn graceful_unmount_segment(
        &self,
        segment_id: Uuid,
        client_id: Uuid,
        grace_period_ms: u64,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> UnmountNoFSegment(const UUID& segment_id, const UUID& client_id)`
    #[wire(name = "mooncake::WrappedMasterService::UnmountNoFSegment")]
    fn unmount_nof_segment(&self, segment_id: Uuid, client_id: Uuid) -> Result<(), ErrorCode>;

    /// `tl::expected<std::vector<NoFSegment>, ErrorCode> GetAllNoFSegments()`
    #[wire(name = "mooncake::WrappedMasterService::GetAllNoFSegments")]
    fn get_all_nof_segments(&self) -> Result<Vec<NoFSegment>, ErrorCode>;

    /// `tl::expected<std::vector<NoFSegmentOwnerInfo>, ErrorCode> GetNoFSegmentsByName(const std::string& segment_name)`
    #[wire(name = "mooncake::WrappedMasterService::GetNoFSegmentsByName")]
    fn get_nof_segments_by_name(&self, segment_name: String) -> Result<Vec<NoFSegmentOwnerInfo>, ErrorCode>;

    /// `tl::expected<PingResponse, ErrorCode> Ping(const UUID& client_id)`
    #[wire(name = "mooncake::WrappedMasterService::Ping")]
    fn ping(&self, client_id: Uuid) -> Result<PingResponse, ErrorCode>;

    /// `tl::expected<std::string, ErrorCode> GetFsdir()`
    #[wire(name = "mooncake::WrappedMasterService::GetFsdir")]
    fn get_fsdir(&self) -> Result<String, ErrorCode>;

    /// `tl::expected<SegmentStatus, ErrorCode> QuerySegmentStatus(const std::string& segment_name)`
    #[wire(name = "mooncake::WrappedMasterService::QuerySegmentStatus")]
    fn query_segment_status(&self, segment_name: String) -> Result<SegmentStatus, ErrorCode>;

    /// `tl::expected<SegmentStatus, ErrorCode> QuerySegmentStatusById(const UUID& segment_id)`
    #[wire(name = "mooncake::WrappedMasterService::QuerySegmentStatusById")]
    fn query_segment_status_by_id(&self, segment_id: Uuid) -> Result<SegmentStatus, ErrorCode>;

    /// `tl::expected<GetStorageConfigResponse, ErrorCode> GetStorageConfig()`
    #[wire(name = "mooncake::WrappedMasterService::GetStorageConfig")]
    fn get_storage_config(&self) -> Result<GetStorageConfigResponse, ErrorCode>;

    /// `std::vector<tl::expected<bool, ErrorCode>> BatchExistKey(const std::vector<std::string>& keys, const std::string& tenant_id = "default")`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<bool, ErrorCode>> BatchExistKey(const std::vector<std::string>& keys)`
    #[wire(name = "mooncake::WrappedMasterService::BatchExistKey")]
    fn batch_exist_key(
        &self,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Vec<Result<bool, ErrorCode>>;

    /// `tl::expected<std::string, ErrorCode> ServiceReady()`
    #[wire(name = "mooncake::WrappedMasterService::ServiceReady")]
    fn service_ready(&self) -> Result<String, ErrorCode>;

    /// `tl::expected<void, ErrorCode> MountLocalDiskSegment(const UUID& client_id, bool enable_offloading)`
    #[wire(name = "mooncake::WrappedMasterService::MountLocalDiskSegment")]
    fn mount_local_disk_segment(&self, client_id: Uuid, enable_offloading: bool) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> UnmountLocalDiskSegment(const UUID& client_id)`
    ///
    /// New in v0.3.13.post1.
    #[cfg(not(feature = "v0_3_11"))]
    #[wire(name = "mooncake::WrappedMasterService::UnmountLocalDiskSegment")]
    fn unmount_local_disk_segment(&self, client_id: Uuid) -> Result<(), ErrorCode>;

    /// `tl::expected<std::vector<OffloadTaskItem>, ErrorCode> OffloadObjectHeartbeat(const UUID& client_id, bool enable_offloading)`
    ///
    /// v0.3.11.post1 returned `tl::expected<std::unordered_map<std::string, int64_t>, ErrorCode>` instead: hence [`OffloadTasks`],
    /// the type of the version built.
    #[wire(name = "mooncake::WrappedMasterService::OffloadObjectHeartbeat")]
    fn offload_object_heartbeat(&self, client_id: Uuid, enable_offloading: bool) -> Result<OffloadTasks, ErrorCode>;

    /// `tl::expected<void, ErrorCode> ReportSsdCapacity(const UUID& client_id, int64_t ssd_total_capacity_bytes)`
    #[wire(name = "mooncake::WrappedMasterService::ReportSsdCapacity")]
    fn report_ssd_capacity(&self, client_id: Uuid, ssd_total_capacity_bytes: i64) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> NotifyOffloadSuccess(const UUID& client_id, const std::vector<OffloadTaskItem>& tasks, const std::vector<StorageObjectMetadata>& metadatas)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> NotifyOffloadSuccess(const UUID& client_id, const std::vector<std::string>& keys, const std::vector<StorageObjectMetadata>& metadatas)`
    #[wire(name = "mooncake::WrappedMasterService::NotifyOffloadSuccess")]
    fn notify_offload_success(
        &self,
        client_id: Uuid,
        #[cfg(feature = "v0_3_11")] keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] tasks: Vec<OffloadTaskItem>,
        metadatas: Vec<StorageObjectMetadata>,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<std::vector<PromotionTaskItem>, ErrorCode> PromotionObjectHeartbeat(const UUID& client_id)`
    ///
    /// v0.3.11.post1 returned `tl::expected<std::unordered_map<std::string, int64_t>, ErrorCode>` instead: hence [`PromotionTasks`],
    /// the type of the version built.
    #[wire(name = "mooncake::WrappedMasterService::PromotionObjectHeartbeat")]
    fn promotion_object_heartbeat(&self, client_id: Uuid) -> Result<PromotionTasks, ErrorCode>;

    /// `tl::expected<PromotionAllocStartResponse, ErrorCode> PromotionAllocStart(const UUID& client_id, const std::string& key, const std::string& tenant_id, uint64_t size, const std::vector<std::string>& preferred_segments)`
    ///
    /// v0.3.11.post1: `tl::expected<PromotionAllocStartResponse, ErrorCode> PromotionAllocStart(const UUID& client_id, const std::string& key, uint64_t size, const std::vector<std::string>& preferred_segments)`
    #[wire(name = "mooncake::WrappedMasterService::PromotionAllocStart")]
    fn promotion_alloc_start(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
        size: u64,
        preferred_segments: Vec<String>,
    ) -> Result<PromotionAllocStartResponse, ErrorCode>;

    /// `tl::expected<void, ErrorCode> NotifyPromotionSuccess(const UUID& client_id, const std::string& key, const std::string& tenant_id)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> NotifyPromotionSuccess(const UUID& client_id, const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::NotifyPromotionSuccess")]
    fn notify_promotion_success(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> NotifyPromotionFailure(const UUID& client_id, const std::string& key, const std::string& tenant_id)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> NotifyPromotionFailure(const UUID& client_id, const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::NotifyPromotionFailure")]
    fn notify_promotion_failure(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<CopyStartResponse, ErrorCode> CopyStart(const UUID& client_id, const std::string& key, const std::string& tenant_id, const std::string& src_segment, const std::vector<std::string>& tgt_segments)`
    ///
    /// v0.3.11.post1: `tl::expected<CopyStartResponse, ErrorCode> CopyStart(const UUID& client_id, const std::string& key, const std::string& src_segment, const std::vector<std::string>& tgt_segments)`
    #[wire(name = "mooncake::WrappedMasterService::CopyStart")]
    fn copy_start(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
        src_segment: String,
        tgt_segments: Vec<String>,
    ) -> Result<CopyStartResponse, ErrorCode>;

    /// `tl::expected<CopyStartResponse, ErrorCode> DynamicReplicaCopyStart(const UUID& client_id, const std::string& key, const std::string& tenant_id, const std::string& src_segment, const std::vector<std::string>& tgt_segments, const UUID& dynamic_replication_lease_id, uint64_t dynamic_replication_version_epoch)`
    ///
    /// New in v0.3.13.post1.
    #[cfg(not(feature = "v0_3_11"))]
    #[wire(name = "mooncake::WrappedMasterService::DynamicReplicaCopyStart")]
    #[allow(clippy::too_many_arguments)] // the C++ handler's seven parameters
    fn dynamic_replica_copy_start(
        &self,
        client_id: Uuid,
        key: String,
        tenant_id: String,
        src_segment: String,
        tgt_segments: Vec<String>,
        dynamic_replication_lease_id: Uuid,
        dynamic_replication_version_epoch: u64,
    ) -> Result<CopyStartResponse, ErrorCode>;

    /// `tl::expected<void, ErrorCode> CopyEnd(const UUID& client_id, const std::string& key, const std::string& tenant_id)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> CopyEnd(const UUID& client_id, const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::CopyEnd")]
    fn copy_end(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> DynamicReplicaCopyEnd(const UUID& client_id, const std::string& key, const std::string& tenant_id, const UUID& dynamic_replication_lease_id, uint64_t dynamic_replication_version_epoch)`
    ///
    /// New in v0.3.13.post1.
    #[cfg(not(feature = "v0_3_11"))]
    #[wire(name = "mooncake::WrappedMasterService::DynamicReplicaCopyEnd")]
    fn dynamic_replica_copy_end(
        &self,
        client_id: Uuid,
        key: String,
        tenant_id: String,
        dynamic_replication_lease_id: Uuid,
        dynamic_replication_version_epoch: u64,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> CopyRevoke(const UUID& client_id, const std::string& key, const std::string& tenant_id)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> CopyRevoke(const UUID& client_id, const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::CopyRevoke")]
    fn copy_revoke(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> DynamicReplicaCopyRevoke(const UUID& client_id, const std::string& key, const std::string& tenant_id, const UUID& dynamic_replication_lease_id, uint64_t dynamic_replication_version_epoch)`
    ///
    /// New in v0.3.13.post1.
    #[cfg(not(feature = "v0_3_11"))]
    #[wire(name = "mooncake::WrappedMasterService::DynamicReplicaCopyRevoke")]
    fn dynamic_replica_copy_revoke(
        &self,
        client_id: Uuid,
        key: String,
        tenant_id: String,
        dynamic_replication_lease_id: Uuid,
        dynamic_replication_version_epoch: u64,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<MoveStartResponse, ErrorCode> MoveStart(const UUID& client_id, const std::string& key, const std::string& tenant_id, const std::string& src_segment, const std::string& tgt_segment)`
    ///
    /// v0.3.11.post1: `tl::expected<MoveStartResponse, ErrorCode> MoveStart(const UUID& client_id, const std::string& key, const std::string& src_segment, const std::string& tgt_segment)`
    #[wire(name = "mooncake::WrappedMasterService::MoveStart")]
    fn move_start(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
        src_segment: String,
        tgt_segment: String,
    ) -> Result<MoveStartResponse, ErrorCode>;

    /// `tl::expected<void, ErrorCode> MoveEnd(const UUID& client_id, const std::string& key, const std::string& tenant_id)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> MoveEnd(const UUID& client_id, const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::MoveEnd")]
    fn move_end(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> MoveRevoke(const UUID& client_id, const std::string& key, const std::string& tenant_id)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> MoveRevoke(const UUID& client_id, const std::string& key)`
    #[wire(name = "mooncake::WrappedMasterService::MoveRevoke")]
    fn move_revoke(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
    ) -> Result<(), ErrorCode>;

    /// `tl::expected<void, ErrorCode> EvictDiskReplica(const UUID& client_id, const std::string& key, const std::string& tenant_id, ReplicaType replica_type)`
    ///
    /// v0.3.11.post1: `tl::expected<void, ErrorCode> EvictDiskReplica(const UUID& client_id, const std::string& key, ReplicaType replica_type)`
    #[wire(name = "mooncake::WrappedMasterService::EvictDiskReplica")]
    fn evict_disk_replica(
        &self,
        client_id: Uuid,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
        replica_type: ReplicaType,
    ) -> Result<(), ErrorCode>;

    /// `std::vector<tl::expected<void, ErrorCode>> BatchEvictDiskReplica(const UUID& client_id, const std::vector<std::string>& keys, const std::string& tenant_id, ReplicaType replica_type)`
    ///
    /// v0.3.11.post1: `std::vector<tl::expected<void, ErrorCode>> BatchEvictDiskReplica(const UUID& client_id, const std::vector<std::string>& keys, ReplicaType replica_type)`
    #[wire(name = "mooncake::WrappedMasterService::BatchEvictDiskReplica")]
    fn batch_evict_disk_replica(
        &self,
        client_id: Uuid,
        keys: Vec<String>,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
        replica_type: ReplicaType,
    ) -> Vec<Result<(), ErrorCode>>;

    /// `tl::expected<bool, ErrorCode> PollRemoveAll(const UUID& client_id)`
    ///
    /// New in v0.3.13.post1.
    #[cfg(not(feature = "v0_3_11"))]
    #[wire(name = "mooncake::WrappedMasterService::PollRemoveAll")]
    fn poll_remove_all(&self, client_id: Uuid) -> Result<bool, ErrorCode>;

    /// `tl::expected<UUID, ErrorCode> CreateCopyTask(const std::string& key, const std::string& tenant_id, const std::vector<std::string>& targets)`
    ///
    /// v0.3.11.post1: `tl::expected<UUID, ErrorCode> CreateCopyTask(const std::string& key, const std::vector<std::string>& targets)`
    #[wire(name = "mooncake::WrappedMasterService::CreateCopyTask")]
    fn create_copy_task(
        &self,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
        targets: Vec<String>,
    ) -> Result<Uuid, ErrorCode>;

    /// `tl::expected<UUID, ErrorCode> CreateMoveTask(const std::string& key, const std::string& tenant_id, const std::string& source, const std::string& target)`
    ///
    /// v0.3.11.post1: `tl::expected<UUID, ErrorCode> CreateMoveTask(const std::string& key, const std::string& source, const std::string& target)`
    #[wire(name = "mooncake::WrappedMasterService::CreateMoveTask")]
    fn create_move_task(
        &self,
        key: String,
        #[cfg(not(feature = "v0_3_11"))] tenant_id: String,
        source: String,
        target: String,
    ) -> Result<Uuid, ErrorCode>;

    /// `tl::expected<QueryTaskResponse, ErrorCode> QueryTask(const UUID& task_id)`
    #[wire(name = "mooncake::WrappedMasterService::QueryTask")]
    fn query_task(&self, task_id: Uuid) -> Result<QueryTaskResponse, ErrorCode>;

    /// `tl::expected<std::vector<TaskAssignment>, ErrorCode> FetchTasks(const UUID& client_id, size_t batch_size)`
    #[wire(name = "mooncake::WrappedMasterService::FetchTasks")]
    fn fetch_tasks(&self, client_id: Uuid, batch_size: u64) -> Result<Vec<TaskAssignment>, ErrorCode>;

    /// `tl::expected<void, ErrorCode> MarkTaskToComplete(const UUID& client_id, const TaskCompleteRequest& request)`
    #[wire(name = "mooncake::WrappedMasterService::MarkTaskToComplete")]
    fn mark_task_to_complete(&self, client_id: Uuid, request: TaskCompleteRequest) -> Result<(), ErrorCode>;
}
