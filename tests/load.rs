//! A bounded loopback load test: one v1 master server, 64 concurrent
//! clients (each its own TCP connection, a `net::Client`, on its own task)
//! making 1,000 calls each. Every reply is checked against a value derived from the
//! request, and the calls are counted on both sides: all 64,000 must come
//! back correct, none lost. Prints the measured throughput (`--nocapture`).

mod support;

use master_example::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use support::net::{Hooked, Running};
use wire_core::Handler;
use wire_core::rpc::net::Client;

const CLIENTS: u64 = 64;
const CALLS_PER_CLIENT: u64 = 1_000;
const LIMIT: Duration = Duration::from_secs(120);

/// Client `c`'s segment: everything about it derives from `c`.
fn segment(c: u64) -> Segment {
    Segment {
        id: SegmentId([c, 0xbeef]),
        name: format!("seg-{c:02}"),
        base: (c + 1) << 32,
        size: 1 << 30,
        te_endpoint: format!("10.0.{c}.1:9000"),
    }
}

/// The slices of client `c`'s `k`-th object.
fn slices(c: u64, k: u64) -> Vec<u64> {
    vec![(c + 1) * 64, (k % 7 + 1) * 16, k + 1]
}

/// The one replica the server must place for client `c`'s `k`-th object:
/// on the client's own (preferred) segment, buffers back to back from its base.
fn replica(c: u64, k: u64, status: ReplicaStatus) -> Replica {
    let seg = segment(c);
    let mut offset = 0;
    let buffers = slices(c, k)
        .into_iter()
        .map(|size| {
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
    Replica { descriptor: ReplicaDescriptor::Memory(MemoryDescriptor { buffers }), status }
}

/// What one client task reports.
struct Report {
    correct: u64,
    /// Per-call round-trip times, in microseconds.
    latencies: Vec<u32>,
}

/// Client `c`: connect, wait for the start signal, make exactly
/// `CALLS_PER_CLIENT` calls, checking every reply.
async fn client(c: u64, addr: std::net::SocketAddr, start: Arc<tokio::sync::Barrier>) -> Report {
    let conn = Client::builder().calls(MasterServiceRpc::HANDLERS).connect(addr).await.expect("connect");
    assert!(conn.verdict().starts_with("IDENTICAL"), "{}", conn.verdict());
    let master = MasterServiceClient::new(conn);
    let me = ClientId([c, c]);
    let key = |k: u64| format!("client-{c:02}/object-{k:04}");
    let config = ReplicateConfig { replica_num: 1, with_soft_pin: false, preferred_segment: Some(segment(c).name) };
    let mut report = Report { correct: 0, latencies: Vec::with_capacity(CALLS_PER_CLIENT as usize) };
    start.wait().await;

    for n in 0..CALLS_PER_CLIENT {
        let t = Instant::now();
        if n == 0 {
            assert_eq!(master.mount_segment(segment(c), me).await.unwrap(), Ok(()));
        } else if n == CALLS_PER_CLIENT - 1 {
            assert_eq!(master.unmount_segment(segment(c).id, me).await.unwrap(), Ok(()));
        } else {
            let (k, step) = ((n - 1) / 7, (n - 1) % 7);
            match step {
                0 => {
                    let s = slices(c, k);
                    let placed = master.put_start(key(k), s.iter().sum(), s, config.clone()).await.unwrap();
                    assert_eq!(placed, Ok(vec![replica(c, k, ReplicaStatus::Processing)]), "client {c} key {k}");
                }
                1 => assert_eq!(master.put_end(key(k), ReplicaType::Memory).await.unwrap(), Ok(())),
                2 => assert_eq!(master.exist_key(key(k)).await.unwrap(), Ok(true)),
                3 => {
                    let list = master.get_replica_list(key(k)).await.unwrap();
                    assert_eq!(list, Ok(vec![replica(c, k, ReplicaStatus::Complete)]), "client {c} key {k}");
                }
                4 => {
                    let keys = vec![key(k), key(k + 1), format!("{}/missing", key(k))];
                    let found = master.batch_exist_key(keys).await.unwrap();
                    assert_eq!(found, vec![Ok(true), Ok(false), Ok(false)], "client {c} key {k}");
                }
                5 => {
                    // Other clients mount and unmount concurrently: the view
                    // has between 1 (ours) and CLIENTS segments; ours is there.
                    let pong = master.ping(me).await.unwrap().expect("ping");
                    assert_eq!(pong.client_status, ClientStatus::Ok);
                    assert!((1..=CLIENTS).contains(&pong.view_version), "{pong:?}");
                }
                6 => assert_eq!(master.remove(key(k)).await.unwrap(), Ok(())),
                _ => unreachable!(),
            }
        }
        report.latencies.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
        report.correct += 1;
    }
    report
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_clients_times_a_thousand_calls() {
    // Counts the calls the server actually ran (handshakes are not calls).
    let served = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&served);
    let hook = move |_: &'static Handler| {
        counter.fetch_add(1, Ordering::Relaxed);
        None
    };
    let service = Hooked { inner: MasterServiceServer::new(MemoryMaster::new()), hook };
    let running = Running::start(BUILD, service).await;
    let addr = running.addr;

    let run = async {
        let connected = Instant::now();
        let start = Arc::new(tokio::sync::Barrier::new(CLIENTS as usize + 1));
        let tasks: Vec<_> = (0..CLIENTS).map(|c| tokio::spawn(client(c, addr, Arc::clone(&start)))).collect();
        start.wait().await;
        let began = Instant::now();
        let connect_time = began - connected;
        let mut correct = 0;
        let mut latencies = Vec::with_capacity((CLIENTS * CALLS_PER_CLIENT) as usize);
        for (c, task) in tasks.into_iter().enumerate() {
            let report = task.await.unwrap_or_else(|e| panic!("client {c}: {e}"));
            assert_eq!(report.correct, CALLS_PER_CLIENT, "client {c}");
            correct += report.correct;
            latencies.extend(report.latencies);
        }
        (connect_time, began.elapsed(), correct, latencies)
    };
    let (connect_time, elapsed, correct, mut latencies) =
        tokio::time::timeout(LIMIT, run).await.unwrap_or_else(|_| panic!("no result within {LIMIT:?}"));

    let total = CLIENTS * CALLS_PER_CLIENT;
    assert_eq!(correct, total, "every call returned the right reply");
    assert_eq!(served.load(Ordering::Relaxed), total, "the server ran every call exactly once");
    running.assert_nothing_reported();
    drop(running);

    latencies.sort_unstable();
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize];
    println!(
        "load: {CLIENTS} clients x {CALLS_PER_CLIENT} calls = {total} calls in {:.3} s = {:.0} calls/s \
         ({} build; {CLIENTS} handshakes took {:.1} ms); round trip p50 {} us, p99 {} us, max {} us",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        if cfg!(debug_assertions) { "debug" } else { "release" },
        connect_time.as_secs_f64() * 1e3,
        pct(0.50),
        pct(0.99),
        pct(1.0),
    );
}
