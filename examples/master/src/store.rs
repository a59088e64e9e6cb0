//! An in-memory master: enough behaviour to serve real calls in the examples
//! and the interop tests.

use crate::*;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
struct State {
    objects: HashMap<String, Vec<Replica>>,
    segments: HashMap<SegmentId, (Segment, ClientId)>,
    /// Bytes stored per tenant (v2, v3); `None`: put_end calls that named no tenant.
    tenant_bytes: HashMap<Option<String>, u64>,
}

/// A master that keeps everything in memory.
#[derive(Default)]
pub struct MemoryMaster {
    state: Mutex<State>,
}

impl MemoryMaster {
    pub fn new() -> MemoryMaster {
        MemoryMaster::default()
    }

    /// Bytes that put_end charged to `tenant` (`None`: to no tenant). Always
    /// 0 in v1, whose put_end names no tenant and charges nothing.
    pub fn tenant_usage(&self, tenant: Option<&str>) -> u64 {
        self.with(|s| s.tenant_bytes.get(&tenant.map(str::to_owned)).copied().unwrap_or(0))
    }

    fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.state.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

fn place(
    state: &State,
    value_length: u64,
    slices: &[u64],
    config: &ReplicateConfig,
) -> Result<Vec<Replica>, ErrorCode> {
    if config.replica_num == 0 || slices.iter().sum::<u64>() != value_length {
        return Err(ErrorCode::InvalidParams { reason: "slice lengths must add up to the value length".into() });
    }
    let mut segments: Vec<&Segment> = state.segments.values().map(|(s, _)| s).collect();
    segments.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(preferred) = &config.preferred_segment {
        segments.sort_by_key(|s| &s.name != preferred);
    }
    if segments.is_empty() {
        return Err(ErrorCode::NoAvailableHandle);
    }
    Ok((0..config.replica_num as usize)
        .map(|i| {
            let seg = segments[i % segments.len()];
            let mut offset = 0;
            let buffers = slices
                .iter()
                .map(|&size| {
                    let b = BufferDescriptor {
                        segment_name: seg.name.clone(),
                        size,
                        buffer_address: seg.base + offset,
                        transport_endpoint: seg.te_endpoint.clone(),
                    };
                    offset += size;
                    b
                })
                .collect();
            Replica {
                descriptor: ReplicaDescriptor::Memory(MemoryDescriptor { buffers }),
                status: ReplicaStatus::Processing,
            }
        })
        .collect())
}

impl MasterService for MemoryMaster {
    fn exist_key(&self, key: String) -> Result<bool, ErrorCode> {
        Ok(self.with(|s| s.objects.get(&key).is_some_and(|r| r.iter().any(|r| r.status == ReplicaStatus::Complete))))
    }

    fn batch_exist_key(&self, keys: Vec<String>) -> Vec<Result<bool, ErrorCode>> {
        keys.into_iter().map(|k| self.exist_key(k)).collect()
    }

    fn get_replica_list(&self, key: String) -> Result<Vec<Replica>, ErrorCode> {
        self.with(|s| match s.objects.get(&key) {
            None => Err(ErrorCode::ObjectNotFound),
            Some(r) if r.iter().all(|r| r.status != ReplicaStatus::Complete) => Err(ErrorCode::ReplicaIsNotReady),
            Some(r) => Ok(r.clone()),
        })
    }

    async fn put_start(
        &self,
        key: String,
        value_length: u64,
        slice_lengths: Vec<u64>,
        config: ReplicateConfig,
    ) -> Result<Vec<Replica>, ErrorCode> {
        self.with(|s| {
            if s.objects.contains_key(&key) {
                return Err(ErrorCode::ObjectAlreadyExists);
            }
            let replicas = place(s, value_length, &slice_lengths, &config)?;
            s.objects.insert(key, replicas.clone());
            Ok(replicas)
        })
    }

    async fn put_end(
        &self,
        key: String,
        replica_type: ReplicaType,
        #[cfg(feature = "v2")] tenant_id: String,
        #[cfg(feature = "v3")] tenant_id: Option<String>,
    ) -> Result<(), ErrorCode> {
        let _ = replica_type;
        self.with(|s| {
            let replicas = s.objects.get_mut(&key).ok_or(ErrorCode::ObjectNotFound)?;
            for r in replicas.iter_mut() {
                r.status = ReplicaStatus::Complete;
            }
            #[cfg(any(feature = "v2", feature = "v3"))]
            {
                let size: u64 = match replicas.first().map(|r| &r.descriptor) {
                    Some(ReplicaDescriptor::Memory(m)) => m.buffers.iter().map(|b| b.size).sum(),
                    Some(ReplicaDescriptor::Disk(d)) => d.file_size,
                    None => 0,
                };
                #[cfg(feature = "v2")]
                let tenant_id = Some(tenant_id);
                *s.tenant_bytes.entry(tenant_id).or_default() += size;
            }
            Ok(())
        })
    }

    async fn put_revoke(&self, key: String, _replica_type: ReplicaType) -> Result<(), ErrorCode> {
        self.with(|s| s.objects.remove(&key).map(|_| ()).ok_or(ErrorCode::ObjectNotFound))
    }

    fn remove(&self, key: String) -> Result<(), ErrorCode> {
        self.with(|s| s.objects.remove(&key).map(|_| ()).ok_or(ErrorCode::ObjectNotFound))
    }

    fn remove_all(&self) -> Result<u64, ErrorCode> {
        self.with(|s| {
            let n = s.objects.len() as u64;
            s.objects.clear();
            Ok(n)
        })
    }

    fn mount_segment(&self, segment: Segment, client_id: ClientId) -> Result<(), ErrorCode> {
        self.with(|s| {
            if s.segments.contains_key(&segment.id) {
                return Err(ErrorCode::SegmentAlreadyExists);
            }
            s.segments.insert(segment.id, (segment, client_id));
            Ok(())
        })
    }

    fn unmount_segment(&self, segment_id: SegmentId, client_id: ClientId) -> Result<(), ErrorCode> {
        self.with(|s| match s.segments.get(&segment_id) {
            Some((_, owner)) if *owner == client_id => {
                s.segments.remove(&segment_id);
                Ok(())
            }
            Some(_) => Err(ErrorCode::InvalidParams { reason: "the segment belongs to another client".into() }),
            None => Err(ErrorCode::SegmentNotFound),
        })
    }

    fn ping(&self, client_id: ClientId) -> Result<PingResponse, ErrorCode> {
        self.with(|s| {
            let mounted = s.segments.values().any(|(_, owner)| *owner == client_id);
            let client_status = if mounted { ClientStatus::Ok } else { ClientStatus::NeedRemount };
            Ok(PingResponse { view_version: s.segments.len() as u64, client_status })
        })
    }

    fn get_fsdir(&self) -> Result<String, ErrorCode> {
        Ok("/tmp/master-example".into())
    }

    fn service_ready(&self) -> Result<String, ErrorCode> {
        Ok(crate::BUILD.into())
    }

    #[cfg(feature = "v2")]
    fn get_tenant_usage(&self, tenant_id: String) -> Result<u64, ErrorCode> {
        Ok(self.tenant_usage(Some(&tenant_id)))
    }
}
