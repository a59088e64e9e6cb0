//! The connection machinery under stress, on loopback: multiplexing,
//! deadlines, reconnecting, frame limits, failing handlers, slow
//! synchronous handlers, shutdown, idle and stalled connections, Unix
//! sockets. Every test is bounded in time.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use wire_core::codec::Bincode;
use wire_core::rpc::net::{Client, Reconnect, ServeConfig, ServeError, Shutdown, Strict, serve};
use wire_core::rpc::{CallError, Server};
use wire_core::wire_rpc;

#[wire_rpc]
pub trait Lab {
    async fn sleep_ms(&self, ms: u64) -> u64;
    fn block_ms(&self, ms: u64) -> u64;
    fn echo(&self, bytes: Vec<u8>) -> Vec<u8>;
    fn boom(&self) -> u32;
    async fn tracked(&self, ms: u64) -> usize;
    fn add(&self, a: u64, b: u64) -> u64;
}

/// The same service after an incompatible change: `add` takes three.
mod v2 {
    #[wire_core::wire_rpc]
    #[wire(name = "Lab")]
    pub trait Lab {
        fn add(&self, a: u64, b: u64, c: u64) -> u64;
    }

    pub struct Impl;

    impl Lab for Impl {
        fn add(&self, a: u64, b: u64, c: u64) -> u64 {
            a + b + c
        }
    }
}

#[derive(Default)]
struct Impl {
    in_flight: AtomicUsize,
    most: AtomicUsize,
}

impl Lab for Impl {
    async fn sleep_ms(&self, ms: u64) -> u64 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        ms
    }

    fn block_ms(&self, ms: u64) -> u64 {
        std::thread::sleep(Duration::from_millis(ms));
        ms
    }

    fn echo(&self, bytes: Vec<u8>) -> Vec<u8> {
        bytes
    }

    fn boom(&self) -> u32 {
        panic!("boom: the handler failed on purpose")
    }

    async fn tracked(&self, ms: u64) -> usize {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        now
    }

    fn add(&self, a: u64, b: u64) -> u64 {
        a + b
    }
}

struct Running {
    addr: SocketAddr,
    shutdown: Shutdown,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn stop(self) {
        self.shutdown.trigger();
        tokio::time::timeout(Duration::from_secs(10), self.task).await.expect("the server stops").unwrap().unwrap();
    }
}

async fn start_on(addr: &str, server: Server<Bincode>, config: ServeConfig) -> Running {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let shutdown = Shutdown::new();
    let task = tokio::spawn(serve(listener, Arc::new(server), config.shutdown(&shutdown)));
    Running { addr, shutdown, task }
}

fn lab_server(service: Impl) -> Server<Bincode> {
    Server::new(Bincode).add_service(LabServer::new(service)).unwrap()
}

async fn start(config: ServeConfig) -> Running {
    start_on("127.0.0.1:0", lab_server(Impl::default()), config).await
}

/// The one-line connection: the transport (bincode over `net::Client`) is
/// inferred from the client's type.
async fn client(addr: SocketAddr) -> LabClient<Client<Bincode>> {
    LabClient::connect(addr).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_on_one_connection_run_at_once_and_replies_come_back_out_of_order() {
    let server = start(ServeConfig::default()).await;
    let lab = client(server.addr).await;
    // Four 250 ms calls on one connection: together, not one after another.
    let began = Instant::now();
    let (a, b, c, d) = tokio::join!(lab.sleep_ms(250), lab.sleep_ms(250), lab.sleep_ms(250), lab.sleep_ms(250));
    assert_eq!([a.unwrap(), b.unwrap(), c.unwrap(), d.unwrap()], [250; 4]);
    assert!(began.elapsed() < Duration::from_millis(900), "took {:?}", began.elapsed());
    // A slow call sent first does not hold up a fast one sent after it.
    let slow = lab.sleep_ms(400);
    let fast = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let done = lab.sleep_ms(10).await.unwrap();
        (done, Instant::now())
    };
    let (slow, (_, fast_at)) = tokio::join!(async { (slow.await.unwrap(), Instant::now()) }, fast);
    assert!(fast_at < slow.1, "the fast reply came back first");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_in_flight_are_bounded_with_backpressure() {
    let service = Arc::new(Impl::default());
    struct Shared(Arc<Impl>);
    impl Lab for Shared {
        async fn sleep_ms(&self, ms: u64) -> u64 {
            self.0.sleep_ms(ms).await
        }
        fn block_ms(&self, ms: u64) -> u64 {
            self.0.block_ms(ms)
        }
        fn echo(&self, bytes: Vec<u8>) -> Vec<u8> {
            bytes
        }
        fn boom(&self) -> u32 {
            self.0.boom()
        }
        async fn tracked(&self, ms: u64) -> usize {
            self.0.tracked(ms).await
        }
        fn add(&self, a: u64, b: u64) -> u64 {
            a + b
        }
    }
    let server = Server::new(Bincode).add_service(LabServer::new(Shared(Arc::clone(&service)))).unwrap();
    let running = start_on("127.0.0.1:0", server, ServeConfig::default()).await;
    let lab: LabClient<_> = Client::builder().max_in_flight(3).connect_service(running.addr).await.unwrap();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let lab = LabClient::new(lab.transport.clone());
        calls.spawn(async move { lab.tracked(30).await.unwrap() });
    }
    while let Some(n) = calls.join_next().await {
        assert!(n.unwrap() <= 3);
    }
    assert_eq!(service.most.load(Ordering::SeqCst), 3, "three at once, never more");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_past_its_deadline_times_out_and_leaves_the_connection_usable() {
    let server = start(ServeConfig::default()).await;
    let lab: LabClient<_> =
        Client::builder().timeout(Some(Duration::from_millis(100))).connect_service(server.addr).await.unwrap();
    let began = Instant::now();
    let err = lab.sleep_ms(1_000).await.unwrap_err();
    assert!(matches!(err, CallError::Timeout { handler: "Lab::sleep_ms", .. }), "{err}");
    assert!(err.to_string().contains("Timeout: `Lab::sleep_ms`"), "{err}");
    assert!(began.elapsed() < Duration::from_millis(600));
    // The connection is still in step: the late reply of the first call is dropped.
    assert_eq!(lab.add(2, 3).await.unwrap(), 5);
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert_eq!(lab.add(4, 5).await.unwrap(), 9);
    // A caller that gives up on its own (a dropped future) does not poison it either.
    let _ = tokio::time::timeout(Duration::from_millis(20), lab.sleep_ms(300)).await;
    assert_eq!(lab.add(1, 1).await.unwrap(), 2);
    // Another handle on the same connection, with a longer deadline of its own.
    let patient = LabClient::new(lab.transport.with_timeout(Some(Duration::from_secs(5))));
    assert_eq!(patient.sleep_ms(300).await.unwrap(), 300);
    assert!(matches!(lab.sleep_ms(300).await, Err(CallError::Timeout { .. })), "the first handle keeps its own");
    assert_eq!(lab.transport.reconnects(), 0);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_reconnects_after_the_server_restarts_and_checks_the_contract_again() {
    let first = start(ServeConfig::default()).await;
    let addr = first.addr;
    let wait = Reconnect { wait: Some(Duration::from_secs(5)), ..Reconnect::default() };
    let lab: LabClient<_> = Client::builder().reconnect(wait).connect_service(addr).await.unwrap();
    assert_eq!(lab.add(1, 2).await.unwrap(), 3);
    assert!(lab.transport.verdict().starts_with("IDENTICAL"), "{}", lab.transport.verdict());
    first.stop().await;
    // The server is gone: a call fails (its connection closed under it).
    let down = lab.add(1, 2).await;
    assert!(matches!(down, Err(CallError::Disconnected { .. }) | Ok(3)), "{down:?}");
    // Back on the same address: the next call waits for the reconnect and goes through.
    let second = start_on(&addr.to_string(), lab_server(Impl::default()), ServeConfig::default()).await;
    assert_eq!(lab.add(2, 2).await.unwrap(), 4);
    assert!(lab.transport.reconnects() >= 1);
    second.stop().await;
    // Back on another contract: the verdict says so, and the changed handler is refused per call.
    let server = Server::new(Bincode).add_service(v2::LabServer::new(v2::Impl)).unwrap();
    let third = start_on(&addr.to_string(), server, ServeConfig::default()).await;
    // As after the first stop, the old connection may not have seen its close yet: a call sent on
    // it fails as Disconnected (never retried: the server may have run it), and the next reconnects.
    let err = match lab.add(1, 1).await {
        Err(CallError::Disconnected { .. }) => lab.add(1, 1).await.unwrap_err(),
        other => other.unwrap_err(),
    };
    assert!(matches!(err, CallError::InvalidArguments { handler: "Lab::add", server: Some(_), .. }), "{err}");
    assert!(lab.transport.verdict().starts_with("PARTIAL"), "{}", lab.transport.verdict());
    third.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_down_a_fail_fast_client_fails_at_once() {
    let server = start(ServeConfig::default()).await;
    let lab = client(server.addr).await;
    assert_eq!(lab.add(1, 2).await.unwrap(), 3);
    server.stop().await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let began = Instant::now();
    let err = lab.add(1, 2).await.unwrap_err();
    assert!(matches!(err, CallError::Disconnected { handler: "Lab::add", .. }), "{err}");
    // At once: well under a second even on a loaded machine (a waiting client would retry for seconds).
    assert!(began.elapsed() < Duration::from_secs(1), "{:?}", began.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_strict_client_refuses_a_peer_on_another_contract() {
    let server = Server::new(Bincode).add_service(v2::LabServer::new(v2::Impl)).unwrap();
    let running = start_on("127.0.0.1:0", server, ServeConfig::default()).await;
    let refused = Client::builder().strict(Strict::Callable).connect_service::<LabClient<_>>(running.addr).await;
    let Err(CallError::Refused(why)) = refused else { panic!("not refused") };
    assert!(why.contains("Lab::add"), "{why}");
    // Not strict: connected, and the verdict names what is blocked.
    let lax = client(running.addr).await;
    assert!(lax.transport.verdict().contains("Lab::add"), "{}", lax.transport.verdict());
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn frame_limits_are_learned_at_handshake_and_enforced_both_ways() {
    let server = lab_server(Impl::default()).with_max_frame(64 << 10);
    let running = start_on("127.0.0.1:0", server, ServeConfig::default()).await;
    let lab = client(running.addr).await;
    // A request over the server's limit fails here, before a byte is sent.
    let err = lab.echo(vec![7; 100 << 10]).await.unwrap_err();
    match &err {
        CallError::FrameTooLarge { handler, size, limit } => {
            assert_eq!((*handler, *limit), ("Lab::echo", 64 << 10));
            assert!(*size > 100 << 10);
        }
        other => panic!("{other}"),
    }
    assert_eq!(lab.echo(vec![7; 1000]).await.unwrap().len(), 1000);
    running.stop().await;

    // A reply over the server's own limit is an error status naming the handler, not a dropped connection.
    let errors = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&errors);
    let config = ServeConfig::default().on_error(move |e| seen.lock().unwrap().push(e.to_string()));
    struct Inflate;
    #[wire_rpc]
    pub trait Big {
        fn inflate(&self, n: u64) -> Vec<u8>;
    }
    impl Big for Inflate {
        fn inflate(&self, n: u64) -> Vec<u8> {
            vec![1; n as usize]
        }
    }
    let server = Server::new(Bincode).add_service(BigServer::new(Inflate)).unwrap().with_max_frame(64 << 10);
    let running = start_on("127.0.0.1:0", server, config).await;
    let big: BigClient<_> = Client::builder().connect_service(running.addr).await.unwrap();
    let err = big.inflate(100 << 10).await.unwrap_err();
    assert!(err.to_string().contains("Big::inflate") && err.to_string().contains("frame limit"), "{err}");
    assert_eq!(big.inflate(10).await.unwrap().len(), 10, "the connection stays");
    assert!(errors.lock().unwrap().iter().any(|e| e.contains("Big::inflate")), "{errors:?}");
    running.stop().await;

    // A reply over the caller's limit (from its handshake), under the server's own: the same.
    let server = Server::new(Bincode).add_service(BigServer::new(Inflate)).unwrap();
    let running = start_on("127.0.0.1:0", server, ServeConfig::default()).await;
    let small: BigClient<_> = Client::builder().max_frame(64 << 10).connect_service(running.addr).await.unwrap();
    let err = small.inflate(100 << 10).await.unwrap_err();
    let message = err.to_string();
    assert!(message.contains("Big::inflate") && message.contains("caller's frame limit of 65536 bytes"), "{err}");
    assert_eq!(small.inflate(10).await.unwrap().len(), 10, "the connection stays");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_handler_answers_an_error_and_the_connection_stays() {
    let errors = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&errors);
    let config = ServeConfig::default().on_error(move |e: ServeError| seen.lock().unwrap().push(e.to_string()));
    let server = start(config).await;
    let lab = client(server.addr).await;
    let err = lab.boom().await.unwrap_err();
    assert!(
        matches!(&err, CallError::HandlerFailed { handler: "Lab::boom", message } if message.contains("boom")),
        "{err}"
    );
    assert_eq!(lab.add(1, 2).await.unwrap(), 3);
    let reported = errors.lock().unwrap().clone();
    assert!(reported.iter().any(|e| e.contains("Lab::boom") && e.contains("panicked")), "{reported:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_slow_synchronous_handler_does_not_delay_other_connections() {
    let server = start(ServeConfig::default()).await;
    let (slow, fast) = (client(server.addr).await, client(server.addr).await);
    let blocked = tokio::spawn(async move { slow.block_ms(800).await.unwrap() });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let began = Instant::now();
    for i in 0..10 {
        assert_eq!(fast.add(i, 1).await.unwrap(), i + 1);
    }
    assert!(began.elapsed() < Duration::from_millis(400), "took {:?} behind a blocked handler", began.elapsed());
    assert_eq!(blocked.await.unwrap(), 800);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_accepting_and_lets_calls_in_flight_finish() {
    let server = start(ServeConfig::default()).await;
    let lab = client(server.addr).await;
    let in_flight = tokio::spawn(async move { lab.sleep_ms(300).await });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let Running { addr, shutdown, task } = server;
    shutdown.trigger();
    assert_eq!(in_flight.await.unwrap().unwrap(), 300, "the call in flight finished");
    tokio::time::timeout(Duration::from_secs(5), task).await.unwrap().unwrap().unwrap();
    assert!(Client::connect(addr).await.is_err(), "no longer accepting");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_stalled_connections_are_closed() {
    let config = ServeConfig {
        idle_timeout: Some(Duration::from_millis(200)),
        read_timeout: Duration::from_millis(200),
        ..ServeConfig::default()
    };
    let errors = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&errors);
    let server = start(config.on_error(move |e| seen.lock().unwrap().push(e.to_string()))).await;
    // A connection that never sends is closed once idle.
    let mut silent = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let mut buf = [0u8; 16];
    let closed = tokio::time::timeout(Duration::from_secs(3), tokio::io::AsyncReadExt::read(&mut silent, &mut buf));
    assert_eq!(closed.await.expect("closed within the idle timeout").unwrap(), 0);
    // A frame that stops halfway is closed after the read timeout, and reported.
    let mut stalled = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    stalled.write_all(&[0x15, 0, 0, 0, 1]).await.unwrap();
    let closed = tokio::time::timeout(Duration::from_secs(3), tokio::io::AsyncReadExt::read(&mut stalled, &mut buf));
    assert_eq!(closed.await.expect("closed within the read timeout").unwrap(), 0);
    assert!(errors.lock().unwrap().iter().any(|e| e.contains("stalled")), "{errors:?}");
    // A connection with a call in flight is not idle while the call runs.
    let lab = client(server.addr).await;
    assert_eq!(lab.sleep_ms(500).await.unwrap(), 500);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_idle_connections_are_served_and_then_closed() {
    let config = ServeConfig { idle_timeout: Some(Duration::from_millis(1_500)), ..ServeConfig::default() };
    let server = start(config).await;
    let mut idle = Vec::new();
    for _ in 0..1_000 {
        idle.push(tokio::net::TcpStream::connect(server.addr).await.unwrap());
    }
    // The server still answers while they sit there.
    let lab = client(server.addr).await;
    assert_eq!(lab.add(40, 2).await.unwrap(), 42);
    // And closes every one of them once idle.
    let began = Instant::now();
    for mut stream in idle {
        let mut buf = [0u8; 1];
        let read = tokio::time::timeout(Duration::from_secs(10), tokio::io::AsyncReadExt::read(&mut stream, &mut buf));
        assert_eq!(read.await.expect("closed").unwrap(), 0);
    }
    assert!(began.elapsed() < Duration::from_secs(10));
    server.stop().await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serving_and_calling_over_a_unix_socket() {
    let dir = std::env::temp_dir().join(format!("wire-unix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lab.sock");
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path).unwrap();
    let shutdown = Shutdown::new();
    let task = tokio::spawn(serve(
        listener,
        Arc::new(lab_server(Impl::default())),
        ServeConfig::default().shutdown(&shutdown),
    ));
    let client = Client::builder().calls(LabRpc::HANDLERS).connect_unix(&path).await.unwrap();
    let lab = LabClient::new(client);
    assert_eq!(lab.add(20, 22).await.unwrap(), 42);
    assert_eq!(lab.echo(vec![1, 2, 3]).await.unwrap(), [1, 2, 3]);
    shutdown.trigger();
    task.await.unwrap().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
