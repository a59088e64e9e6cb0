//! [`MemoryMaster`]: a Rust master in memory, enough for a real
//! `mooncake_client` to start and keep its heartbeat.

mod handlers;

use crate::service::WrappedMasterServiceServer;
use crate::types::*;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use wire_core::Handler;
use wire_core::rpc::Server;

/// What ServiceReady answers: the store's protocol version, which a real
/// client compares byte for byte with its own (`"2.0.0"` in both releases).
pub const STORE_VERSION: &str = "2.0.0";

/// How often one handler was called, and how many of its replies were `Ok`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Calls.
    pub calls: u64,
    /// Replies that were `Ok` (for a batch: every element `Ok`).
    pub ok: u64,
}

/// A master that keeps clients and their mounted segments in memory, and
/// stores no objects.
///
/// What a `mooncake_client` does at start-up and afterwards works:
/// ServiceReady answers [`STORE_VERSION`], GetStorageConfig and GetFsdir
/// say persistence is off, MountSegment, ReMountSegment and the unmounts
/// keep the segments, Ping answers `OK` for a client with a mounted segment
/// (`NEED_REMOUNT` otherwise, as after a master restart), FetchTasks has no
/// task. The queries answer from what is kept (no object exists: ExistKey
/// is `false`, a replica list `OBJECT_NOT_FOUND`); every write of objects,
/// copy, move, offload or promotion answers `UNAVAILABLE_IN_CURRENT_MODE`.
/// Every call is counted by handler ([`calls`](Self::calls)).
///
/// ```
/// use mooncake_example::{MemoryMaster, Uuid, WrappedMasterService};
///
/// let master = MemoryMaster::new();
/// assert_eq!(master.service_ready(), Ok("2.0.0".to_owned()));
/// assert!(master.ping(Uuid { first: 1, second: 2 }).is_ok());
/// assert_eq!(master.calls()["mooncake::WrappedMasterService::Ping"].calls, 1);
/// ```
#[derive(Debug, Default)]
pub struct MemoryMaster {
    state: Mutex<State>,
    calls: Mutex<BTreeMap<&'static str, Tally>>,
}

#[derive(Debug, Default)]
struct State {
    /// Mounted segments by id, with the client that mounted each.
    segments: BTreeMap<Uuid, (Uuid, Segment)>,
}

impl State {
    fn mounted_by(&self, client_id: Uuid) -> bool {
        self.segments.values().any(|(owner, _)| *owner == client_id)
    }
}

impl MemoryMaster {
    /// A master with nothing mounted.
    pub fn new() -> MemoryMaster {
        MemoryMaster::default()
    }

    /// A struct_pack server of `master` (`StructPack::with_literal()`
    /// answers as the real, debug-built, C++ master does).
    pub fn server(
        master: Arc<MemoryMaster>,
        codec: wire_core::codec::StructPack,
    ) -> Server<wire_core::codec::StructPack> {
        Server::new(codec)
            .add_service(WrappedMasterServiceServer(master))
            .expect("one service: its function ids are distinct")
    }

    /// The calls so far, by wire name.
    pub fn calls(&self) -> BTreeMap<&'static str, Tally> {
        self.calls.lock().expect("calls lock").clone()
    }

    /// The segments mounted now, with the client of each.
    pub fn segments(&self) -> Vec<(Uuid, Segment)> {
        self.state.lock().expect("state lock").segments.values().cloned().collect()
    }

    fn note<T>(&self, handler: &Handler, ok: bool, value: T) -> T {
        let mut calls = self.calls.lock().expect("calls lock");
        let tally = calls.entry(handler.name).or_default();
        tally.calls += 1;
        tally.ok += u64::from(ok);
        value
    }

    fn reply<T>(&self, handler: &Handler, result: Result<T, ErrorCode>) -> Result<T, ErrorCode> {
        let ok = result.is_ok();
        self.note(handler, ok, result)
    }

    fn batch<T>(&self, handler: &Handler, results: Vec<Result<T, ErrorCode>>) -> Vec<Result<T, ErrorCode>> {
        let ok = results.iter().all(Result::is_ok);
        self.note(handler, ok, results)
    }

    /// `UNAVAILABLE_IN_CURRENT_MODE`: this master stores no objects.
    fn unavailable<T>(&self, handler: &Handler) -> Result<T, ErrorCode> {
        self.reply(handler, Err(ErrorCode::UNAVAILABLE_IN_CURRENT_MODE))
    }

    /// `error` for each of the `n` elements of a batch.
    fn fail_each<T>(&self, handler: &Handler, n: usize, error: ErrorCode) -> Vec<Result<T, ErrorCode>> {
        self.batch(handler, (0..n).map(|_| Err(error)).collect())
    }

    fn mount(&self, segment: Segment, client_id: Uuid) -> Result<(), ErrorCode> {
        let mut state = self.state.lock().expect("state lock");
        match state.segments.get(&segment.id) {
            Some((owner, _)) if *owner != client_id => Err(ErrorCode::SEGMENT_ALREADY_EXISTS),
            _ => {
                state.segments.insert(segment.id, (client_id, segment));
                Ok(())
            }
        }
    }

    fn unmount(&self, segment_id: Uuid, client_id: Uuid) -> Result<(), ErrorCode> {
        let mut state = self.state.lock().expect("state lock");
        match state.segments.get(&segment_id) {
            Some((owner, _)) if *owner == client_id => {
                state.segments.remove(&segment_id);
                Ok(())
            }
            _ => Err(ErrorCode::SEGMENT_NOT_FOUND),
        }
    }

    fn segment_status(&self, found: impl Fn(&Segment) -> bool) -> Result<SegmentStatus, ErrorCode> {
        let state = self.state.lock().expect("state lock");
        let any = state.segments.values().any(|(_, s)| found(s));
        if any { Ok(SegmentStatus::OK) } else { Err(ErrorCode::SEGMENT_NOT_FOUND) }
    }
}
