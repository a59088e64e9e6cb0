//! The real `mooncake_client` starts against a Rust master: the in-memory
//! [`MemoryMaster`](mooncake_example::MemoryMaster) of this crate, served by
//! wire-core over struct_pack on 127.0.0.1. The client's requests carry the
//! C++ type literal, which the Rust server checks byte for byte before it
//! decodes; the client decodes our replies with its own checks.
//!
//! - v0.3.13.post1's client against the v0.3.13.post1 Rust master: the whole
//!   start-up (ServiceReady, GetStorageConfig, MountSegment), its ready line,
//!   then its heartbeat (Ping, FetchTasks) for a couple of seconds.
//! - The same with v0.3.11.post1 on both sides.
//! - v0.3.13.post1's client against the v0.3.11.post1 Rust master: ServiceReady
//!   passes ("2.0.0" in both), MountSegment is refused with err 4 (the gate
//!   finds its args BREAKING: `Segment` gained `host_id`), and the client
//!   gives up, printing our server's message.
//!
//! Skips without the binaries (`scripts/install-mooncake.sh`), fails instead
//! with `WIRE_REQUIRE_MOONCAKE=1`.

mod real;

use real::{Binaries, RealClient, Version};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wire_core::codec::StructPack;
use wire_core::rpc::Server;
use wire_core::rpc::net::{ServeConfig, Shutdown, serve};

/// Calls and `Ok` replies per handler (by wire name).
type Calls = BTreeMap<&'static str, (u64, u64)>;

/// The segment size the client is started with, and the bytes it means.
const SEGMENT: (&str, u64) = ("16 MB", 16 << 20);

/// How long the heartbeat may take to show twice (it runs once a second).
const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(10);

const SERVICE_READY: &str = "mooncake::WrappedMasterService::ServiceReady";
const GET_STORAGE_CONFIG: &str = "mooncake::WrappedMasterService::GetStorageConfig";
const GET_FSDIR: &str = "mooncake::WrappedMasterService::GetFsdir";
const MOUNT_SEGMENT: &str = "mooncake::WrappedMasterService::MountSegment";
const RE_MOUNT_SEGMENT: &str = "mooncake::WrappedMasterService::ReMountSegment";
const PING: &str = "mooncake::WrappedMasterService::Ping";
const FETCH_TASKS: &str = "mooncake::WrappedMasterService::FetchTasks";

/// A Rust master serving on a fresh loopback port until dropped.
struct Served {
    addr: SocketAddr,
    shutdown: Shutdown,
    /// The runtime serving it, dropped with it.
    _runtime: tokio::runtime::Runtime,
}

impl Served {
    fn start(server: Server<StructPack>) -> Served {
        let runtime = real::runtime();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a loopback port");
        let addr = listener.local_addr().expect("a bound address");
        let shutdown = Shutdown::new();
        let config = ServeConfig::default().shutdown(&shutdown).on_error(|e| eprintln!("rust master: {e}"));
        runtime.spawn(serve(listener, Arc::new(server), config));
        Served { addr, shutdown, _runtime: runtime }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.shutdown.trigger();
    }
}

fn count(calls: &Calls, name: &str) -> (u64, u64) {
    calls.get(name).copied().unwrap_or_default()
}

fn show(calls: &Calls) -> String {
    let rows: Vec<String> =
        calls.iter().map(|(name, (n, ok))| format!("  {:<18} {n:>3} call(s), {ok:>3} Ok", real::short(name))).collect();
    rows.join("\n")
}

/// Starts the real client of `version` against `served`, waits for its
/// ready line and two rounds of its heartbeat, stops it; returns the calls.
fn start_up(bins: &Binaries, version: Version, served: &Served, calls: impl Fn() -> Calls) -> Calls {
    let started = Instant::now();
    let mut client = RealClient::spawn(bins, version, served.addr, SEGMENT.0);
    client.wait_ready();
    let ready = client.start_time;
    while count(&calls(), PING).0 < 2 || count(&calls(), FETCH_TASKS).0 < 2 {
        client.proc.assert_running();
        assert!(
            started.elapsed() < ready + HEARTBEAT_TIMEOUT,
            "no heartbeat after the ready line:\n{}",
            show(&calls())
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    client.proc.assert_running();
    let status = client.proc.stop().map_or("not stopped".into(), |s| s.to_string());
    let calls = calls();
    println!(
        "the real {} mooncake_client against the Rust master at {}: ready after {ready:?}, stopped after {:?} \
         ({status}); the handlers it called:\n{}",
        version.dir(),
        served.addr,
        started.elapsed(),
        show(&calls)
    );
    calls
}

/// The start-up completed: ServiceReady, GetStorageConfig and MountSegment
/// answered `Ok` (each ServiceReady: the client retries a failed one), then
/// Ping and FetchTasks, answered `Ok`; no fallback to GetFsdir (the client
/// read our GetStorageConfig reply) and no ReMountSegment (it read our
/// PingResponse as `OK`).
fn assert_started(calls: &Calls) {
    let (ready, ready_ok) = count(calls, SERVICE_READY);
    assert!(ready >= 1 && ready_ok == ready, "ServiceReady: {ready} call(s), {ready_ok} Ok");
    for name in [GET_STORAGE_CONFIG, MOUNT_SEGMENT] {
        assert_eq!(count(calls, name), (1, 1), "{name}: (calls, Ok)");
    }
    for name in [PING, FETCH_TASKS] {
        let (n, ok) = count(calls, name);
        assert!(n >= 1 && ok == n, "{name}: {n} call(s), {ok} Ok");
    }
    for name in [GET_FSDIR, RE_MOUNT_SEGMENT] {
        assert_eq!(count(calls, name), (0, 0), "{name} was called");
    }
}

#[test]
fn the_real_v0_3_13_post1_client_starts_against_the_rust_master() {
    let Some(bins) = Binaries::find() else { return };
    let master = Arc::new(mooncake_example::MemoryMaster::new());
    let served = Served::start(mooncake_example::MemoryMaster::server(Arc::clone(&master), StructPack::with_literal()));
    let calls = start_up(&bins, Version::V0_3_13, &served, || {
        master.calls().into_iter().map(|(name, t)| (name, (t.calls, t.ok))).collect()
    });
    assert_started(&calls);
    let segments = master.segments();
    assert_eq!(segments.len(), 1, "the client mounted {segments:?}");
    let (_, segment) = &segments[0];
    assert_eq!((segment.size, segment.protocol.as_str()), (SEGMENT.1, "tcp"), "the mounted segment: {segment:?}");
    println!("  mounted: {segment:?}");
}

#[test]
fn the_real_v0_3_11_post1_client_starts_against_the_rust_v0_3_11_post1_master() {
    let Some(bins) = Binaries::find() else { return };
    let master = Arc::new(mooncake_example_v0_3_11::MemoryMaster::new());
    let served =
        Served::start(mooncake_example_v0_3_11::MemoryMaster::server(Arc::clone(&master), StructPack::default()));
    let calls = start_up(&bins, Version::V0_3_11, &served, || {
        master.calls().into_iter().map(|(name, t)| (name, (t.calls, t.ok))).collect()
    });
    assert_started(&calls);
    let segments = master.segments();
    assert_eq!(segments.len(), 1, "the client mounted {segments:?}");
    assert_eq!(segments[0].1.size, SEGMENT.1, "the mounted segment: {:?}", segments[0].1);
}

/// What the gate predicts for MountSegment, seen through the real client:
/// v0.3.13.post1's `Segment` on a v0.3.11.post1 master is refused (err 4),
/// so the client cannot start; the handler never runs.
#[test]
fn the_real_v0_3_13_post1_client_cannot_mount_on_a_rust_v0_3_11_post1_master() {
    let Some(bins) = Binaries::find() else { return };
    let master = Arc::new(mooncake_example_v0_3_11::MemoryMaster::new());
    let served =
        Served::start(mooncake_example_v0_3_11::MemoryMaster::server(Arc::clone(&master), StructPack::with_literal()));
    let mut client = RealClient::spawn(&bins, Version::V0_3_13, served.addr, SEGMENT.0);
    let status = client.wait_exit();
    let output = client.proc.output();
    let calls: Calls = master.calls().into_iter().map(|(name, t)| (name, (t.calls, t.ok))).collect();
    let shown = status.map_or("still running".into(), |s| s.to_string());
    println!("the real 0.3.13.post1 client against the Rust 0.3.11.post1 master: {shown}; calls:\n{}", show(&calls));
    assert!(status.is_some_and(|s| !s.success()), "the client did not fail: {status:?}\n{output}");
    assert!(!output.contains(RealClient::READY), "the client completed its start-up:\n{output}");
    let (old, new) = (real::handler(Version::V0_3_11, "MountSegment"), real::handler(Version::V0_3_13, "MountSegment"));
    let refusal =
        format!("`{}`: args code {:#010x} from the caller, {:#010x} here", MOUNT_SEGMENT, new.args_code, old.args_code);
    let said = output.lines().find(|l| l.contains(&refusal));
    assert!(said.is_some(), "the client did not print our refusal `{refusal}`:\n{output}");
    println!("  the client printed: {}", said.unwrap_or_default().trim());
    let (ready, ready_ok) = count(&calls, SERVICE_READY);
    assert!(ready >= 1 && ready_ok == ready, "ServiceReady: {ready} call(s), {ready_ok} Ok");
    assert_eq!(count(&calls, MOUNT_SEGMENT), (0, 0), "MountSegment ran");
    assert!(master.segments().is_empty());
}
