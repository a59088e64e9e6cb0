//! The `tracing` events of the transport (feature `tracing`): the client's
//! handshake verdict, a call past its deadline, a slow call on the server,
//! a refused peer. Captured by a small subscriber of this file, installed
//! for the whole test binary (the events come from the runtime's threads).

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use wire_core::codec::Bincode;
use wire_core::rpc::Server;
use wire_core::rpc::net::{Client, ServeConfig, Shutdown, Strict, serve};
use wire_core::wire_rpc;

#[wire_rpc]
pub trait Traced {
    async fn sleep_ms(&self, ms: u64) -> u64;
}

struct Impl;

impl Traced for Impl {
    async fn sleep_ms(&self, ms: u64) -> u64 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        ms
    }
}

/// Another service on the same address, for the refusal.
mod other {
    #[wire_core::wire_rpc]
    #[expect(dead_code, reason = "only its generated client is used")]
    pub trait Other {
        fn ping(&self) -> u8;
    }
}

/// One event: its level and its fields (`message` included) as text.
#[derive(Clone, Debug)]
struct Seen {
    level: Level,
    fields: Vec<(String, String)>,
}

impl Seen {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Capture {
    events: Mutex<Vec<Seen>>,
    next_span: AtomicU64,
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for &'static Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(self.next_span.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(Seen { level: *event.metadata().level(), fields });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// The subscriber of this test binary, installed once.
fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<&'static Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture: &'static Capture = Box::leak(Box::default());
        tracing::subscriber::set_global_default(capture).expect("the only subscriber of this binary");
        capture
    })
}

/// The events whose message is `message`.
fn events(message: &str) -> Vec<Seen> {
    let events = capture().events.lock().unwrap();
    events.iter().filter(|e| e.field("message") == Some(message)).cloned().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_transport_reports_verdicts_deadlines_slow_calls_and_refusals() {
    capture();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = Server::new(Bincode).add_service(TracedServer::new(Impl)).unwrap();
    let shutdown = Shutdown::new();
    let config = ServeConfig { slow_call: Some(Duration::from_millis(50)), ..ServeConfig::default() };
    let task = tokio::spawn(serve(listener, Arc::new(server), config.shutdown(&shutdown)));

    // The handshake's verdict, at connect.
    let client: TracedClient<_> = Client::builder().connect_service(addr).await.unwrap();
    let connected = events("connected");
    assert!(connected.iter().any(|e| e.field("verdict").is_some_and(|v| v.starts_with("IDENTICAL"))), "{connected:?}");

    // A call over the server's slow-call threshold: a warning naming the handler.
    assert_eq!(client.sleep_ms(120).await.unwrap(), 120);
    let slow = events("slow call");
    assert!(slow.iter().any(|e| e.level == Level::WARN && e.field("handler") == Some("Traced::sleep_ms")), "{slow:?}");
    let fast_before = slow.len();
    assert_eq!(client.sleep_ms(1).await.unwrap(), 1);
    assert_eq!(events("slow call").len(), fast_before, "a fast call is not reported");

    // A call past its deadline, on the client.
    let impatient = TracedClient::new(client.transport.with_timeout(Some(Duration::from_millis(20))));
    assert!(impatient.sleep_ms(500).await.is_err());
    let timed_out = events("call timed out");
    assert!(timed_out.iter().any(|e| e.field("handler") == Some("Traced::sleep_ms")), "{timed_out:?}");

    // A strict client of another service refuses this peer, and says why.
    let refused = Client::builder().strict(Strict::Callable).connect_service::<other::OtherClient<_>>(addr).await;
    assert!(refused.is_err());
    let refusals = events("refusing the peer");
    assert!(refusals.iter().any(|e| e.level == Level::WARN && e.field("why").is_some()), "{refusals:?}");

    shutdown.trigger();
    tokio::time::timeout(Duration::from_secs(10), task).await.unwrap().unwrap().unwrap();
}
