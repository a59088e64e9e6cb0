//! The cross-version matrix over real TCP: v1, v2 and v3 of the example
//! master (`master-example`, `-v2`, `-v3`: one source; v2 appends a bare
//! `tenant_id: String` to `put_end` and adds `get_tenant_usage`; v3 adds the
//! tenant as `#[wire(since = 2)] tenant_id: Option<String>` instead) meet on
//! 127.0.0.1: all four v1/v2 pairings, and v1/v3, v3/v1, v3/v3.
//!
//! With v3, every handler works both ways: a v1 server skips the tenant, a
//! v3 server sees `None` from a v1 client, and the handshake says which side
//! ignores which extension level.
//!
//! For each pairing: the handshake verdict must name exactly the affected
//! handlers (expectations computed from the two crates' `MasterServiceRpc`
//! consts, never from hard-coded codes); every unaffected handler must work
//! across versions with real replies; the affected `put_end` must fail fast
//! with `InvalidArguments` carrying both args codes, without the server
//! running it (nothing misdecoded) and without hurting the connection; the
//! v2-only handler must be `FunctionNotRegistered` on a v1 server.

use master_example as v1;
use master_example_v2 as v2;
use master_example_v3 as v3;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wire_core::Handler;
use wire_core::codec::{Bincode, Codec};
use wire_core::protocol::handshake::{Compat, MethodStatus, Partial, ServiceReady};
use wire_core::rpc::net::Connection;
use wire_core::rpc::{CallError, Server, Service};

/// No pairing may take longer than this (each normally takes milliseconds).
const PAIRING_TIMEOUT: Duration = Duration::from_secs(20);

/// A server on an ephemeral loopback port, with the connection errors it reports.
struct Running<M> {
    addr: SocketAddr,
    server: Arc<Server<Bincode>>,
    /// The served implementation itself: lets the test look at server state
    /// without going through the wire.
    store: Arc<M>,
    errors: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl<M> Running<M> {
    async fn start<S: Service<Bincode>>(build: &str, store: Arc<M>, service: S) -> Running<M> {
        let server =
            Arc::new(Server::new(Bincode).with_build(build).serve(service).expect("one service, distinct ids"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let errors = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&errors);
        let task = tokio::spawn(wire_core::rpc::net::serve(listener, Arc::clone(&server), move |peer, e| {
            sink.lock().unwrap().push(format!("{peer}: {e}"))
        }));
        Running { addr, server, store, errors, task }
    }

    /// The server never had to close a connection for misbehaviour.
    fn assert_no_connection_errors(&self) {
        let errors = self.errors.lock().unwrap();
        assert!(errors.is_empty(), "the server closed connections: {errors:?}");
    }
}

impl<M> Drop for Running<M> {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn v1_server() -> Running<v1::MemoryMaster> {
    let store = Arc::new(v1::MemoryMaster::new());
    Running::start(v1::BUILD, Arc::clone(&store), v1::MasterServiceServer(store)).await
}

async fn v2_server() -> Running<v2::MemoryMaster> {
    let store = Arc::new(v2::MemoryMaster::new());
    Running::start(v2::BUILD, Arc::clone(&store), v2::MasterServiceServer(store)).await
}

async fn v3_server() -> Running<v3::MemoryMaster> {
    let store = Arc::new(v3::MemoryMaster::new());
    Running::start(v3::BUILD, Arc::clone(&store), v3::MasterServiceServer(store)).await
}

/// The handshake of a client that calls `handlers`.
fn ready(build: &str, handlers: &[&'static Handler]) -> ServiceReady {
    ServiceReady::new(Bincode::NAME, build, handlers.iter().copied())
}

fn by_id(handlers: &[&'static Handler]) -> HashMap<u32, &'static Handler> {
    handlers.iter().map(|h| (h.function_id, *h)).collect()
}

/// What `here` (with `here_handlers`) should conclude about `peer`, derived
/// independently of `ServiceReady::check` from the two handler tables:
/// (blocked outgoing by name, incoming peer-only names, callable names).
type Expected = (Vec<(String, MethodStatus)>, Vec<String>, Vec<String>);

fn expected_verdict(here: &[&'static Handler], peer: &[&'static Handler]) -> Expected {
    let peer_ids = by_id(peer);
    let here_ids = by_id(here);
    let mut blocked = Vec::new();
    let mut callable = Vec::new();
    for h in here {
        let status = match peer_ids.get(&h.function_id) {
            None => MethodStatus::MissingOnPeer,
            Some(p) if p.args_code != h.args_code => MethodStatus::ArgsDiffer { here: h.args_code, peer: p.args_code },
            Some(p) if p.return_code != h.return_code => {
                MethodStatus::ReturnDiffers { here: h.return_code, peer: p.return_code }
            }
            Some(_) => {
                callable.push(h.name.to_owned());
                continue;
            }
        };
        blocked.push((h.name.to_owned(), status));
    }
    let mut missing_here: Vec<String> =
        peer.iter().filter(|p| !here_ids.contains_key(&p.function_id)).map(|p| p.name.to_owned()).collect();
    blocked.sort_by(|a, b| a.0.cmp(&b.0));
    missing_here.sort();
    callable.sort();
    (blocked, missing_here, callable)
}

/// The verdict's findings in the same shape as [`expected_verdict`].
fn observed(p: &Partial<'_>) -> Expected {
    let mut blocked: Vec<(String, MethodStatus)> = p.blocked().map(|v| (v.method.name.clone(), v.status)).collect();
    let mut missing_here: Vec<String> =
        p.incoming.iter().filter(|v| v.status == MethodStatus::MissingHere).map(|v| v.method.name.clone()).collect();
    let mut callable: Vec<String> = p.callable().map(|m| m.name.clone()).collect();
    blocked.sort_by(|a, b| a.0.cmp(&b.0));
    missing_here.sort();
    callable.sort();
    (blocked, missing_here, callable)
}

/// Every method a verdict lists carries exactly the codes of its crate's const.
fn assert_methods_match(p: &Partial<'_>, here: &[&'static Handler], peer: &[&'static Handler]) {
    let (here, peer) = (by_id(here), by_id(peer));
    assert_eq!(p.outgoing.len(), here.len(), "one outgoing verdict per handler of this side");
    for v in &p.outgoing {
        let h = here[&v.method.function_id];
        assert_eq!(
            (v.method.name.as_str(), v.method.args_code, v.method.return_code),
            (h.name, h.args_code, h.return_code)
        );
    }
    for v in &p.incoming {
        let h = peer[&v.method.function_id];
        assert_eq!(
            (v.method.name.as_str(), v.method.args_code, v.method.return_code),
            (h.name, h.args_code, h.return_code)
        );
    }
    assert_eq!(p.incoming.len(), peer.len(), "one incoming verdict per handler of the peer");
}

/// What a client of a mixed pair must conclude at the handshake.
#[derive(Debug)]
struct Mixed {
    /// Its handlers the server cannot run, by name, with why.
    blocked: Vec<(&'static str, MethodStatus)>,
    /// The server's handlers it does not have.
    missing_here: Vec<&'static str>,
    /// Callable handlers whose extension levels differ, with the levels.
    extended: Vec<(&'static str, MethodStatus)>,
}

/// Checks `conn.compat()` (the client's view) against `expect` (`None`:
/// identical contracts; else the blocked outgoing list and the peer-only
/// incoming names, spelled out from the crates' consts by the caller), and
/// both the client's and the server's view against what the two handler
/// tables imply.
fn check_handshake(
    conn: &Connection<Bincode>,
    server: &Server<Bincode>,
    client_handlers: &[&'static Handler],
    server_handlers: &[&'static Handler],
    server_build: &str,
    expect: Option<Mixed>,
) {
    assert_eq!(conn.peer().build, server_build);
    assert_eq!(conn.peer().codec, Bincode::NAME);
    assert_eq!(conn.peer(), server.ready(), "the client got the server's handshake verbatim");
    assert_eq!(conn.peer().methods.len(), server_handlers.len());
    assert_eq!(conn.local().digest == conn.peer().digest, expect.is_none());
    let compat = conn.compat();
    match (&compat, &expect) {
        (Compat::Identical, None) => {}
        (Compat::Partial(p), Some(Mixed { blocked, missing_here, extended })) => {
            let (got_blocked, got_missing_here, _) = observed(p);
            let blocked: Vec<(String, MethodStatus)> = blocked.iter().map(|(n, s)| ((*n).to_owned(), *s)).collect();
            let missing_here: Vec<String> = missing_here.iter().map(|n| (*n).to_owned()).collect();
            assert_eq!(got_blocked, blocked, "blocked outgoing, exactly:\n{compat}");
            assert_eq!(got_missing_here, missing_here, "peer-only incoming, exactly:\n{compat}");
            let got_extended: Vec<(&str, MethodStatus)> =
                p.extended().map(|v| (v.method.name.as_str(), v.status)).collect();
            assert_eq!(&got_extended, extended, "extended, exactly:\n{compat}");
            for (name, _) in extended {
                assert!(compat.to_string().contains(&format!("callable {name}: extension levels")), "{compat}");
            }
        }
        _ => panic!("unexpected verdict (expected {expect:?}):\n{compat}"),
    }
    let views = [
        (compat, client_handlers, server_handlers),
        (server.ready().check(conn.local()), server_handlers, client_handlers),
    ];
    for (compat, here, peer) in views {
        if expect.is_none() {
            assert_eq!(compat, Compat::Identical, "{compat}");
            continue;
        }
        let Compat::Partial(p) = &compat else { panic!("a mixed pair must be Partial, got: {compat}") };
        assert_eq!(observed(p), expected_verdict(here, peer), "{compat}");
        assert_methods_match(p, here, peer);
        let display = compat.to_string();
        assert!(display.starts_with("PARTIAL: "), "{display}");
        for v in p.blocked() {
            assert!(display.contains(v.method.name.as_str()), "{display} names {}", v.method.name);
        }
    }
}

/// What the client of a pairing must conclude at the handshake.
macro_rules! expect_verdict {
    (v1, v1) => {
        None
    };
    (v2, v2) => {
        None
    };
    (v3, v3) => {
        None
    };
    (v3, v1) => {
        Some(Mixed {
            blocked: vec![],
            missing_here: vec![],
            extended: vec![(
                v3::MasterServiceRpc::put_end.name,
                MethodStatus::Extended { here: v3::MasterServiceRpc::put_end.ext_level(), peer: 0 },
            )],
        })
    };
    (v1, v3) => {
        Some(Mixed {
            blocked: vec![],
            missing_here: vec![],
            extended: vec![(
                v1::MasterServiceRpc::put_end.name,
                MethodStatus::Extended { here: 0, peer: v3::MasterServiceRpc::put_end.ext_level() },
            )],
        })
    };
    (v2, v1) => {
        Some(Mixed {
            blocked: vec![
                (v2::MasterServiceRpc::get_tenant_usage.name, MethodStatus::MissingOnPeer),
                (
                    v2::MasterServiceRpc::put_end.name,
                    MethodStatus::ArgsDiffer {
                        here: v2::MasterServiceRpc::put_end.args_code,
                        peer: v1::MasterServiceRpc::put_end.args_code,
                    },
                ),
            ],
            missing_here: vec![],
            extended: vec![],
        })
    };
    (v1, v2) => {
        Some(Mixed {
            blocked: vec![(
                v1::MasterServiceRpc::put_end.name,
                MethodStatus::ArgsDiffer {
                    here: v1::MasterServiceRpc::put_end.args_code,
                    peer: v2::MasterServiceRpc::put_end.args_code,
                },
            )],
            missing_here: vec![v2::MasterServiceRpc::get_tenant_usage.name],
            extended: vec![],
        })
    };
}

/// The two contracts differ in exactly two handlers: the premise of the matrix.
#[test]
fn the_contracts_differ_exactly_in_put_end_and_get_tenant_usage() {
    let (a, b) = (v1::MasterServiceRpc::HANDLERS, v2::MasterServiceRpc::HANDLERS);
    assert_eq!(b.len(), a.len() + 1);
    let (blocked, missing_here, callable) = expected_verdict(b, a);
    assert_eq!(
        blocked,
        vec![
            (v2::MasterServiceRpc::get_tenant_usage.name.to_owned(), MethodStatus::MissingOnPeer,),
            (
                v2::MasterServiceRpc::put_end.name.to_owned(),
                MethodStatus::ArgsDiffer {
                    here: v2::MasterServiceRpc::put_end.args_code,
                    peer: v1::MasterServiceRpc::put_end.args_code,
                },
            ),
        ]
    );
    assert!(missing_here.is_empty());
    assert_eq!(callable.len(), a.len() - 1);
    assert_ne!(v1::MasterServiceRpc::put_end.args_code, v2::MasterServiceRpc::put_end.args_code);
    assert_eq!(v1::MasterServiceRpc::put_end.function_id, v2::MasterServiceRpc::put_end.function_id);
    assert_eq!(v1::MasterServiceRpc::put_end.return_code, v2::MasterServiceRpc::put_end.return_code);
}

/// `put_end` on a server of the other version: refused before decoding.
fn assert_put_end_refused<T: std::fmt::Debug>(result: Result<T, CallError>, caller: &Handler, server: &Handler) {
    let e = result.expect_err("put_end across versions must not run");
    match &e {
        CallError::InvalidArguments { handler, caller: c, server: s } => {
            assert_eq!(handler, "MasterService::put_end");
            assert_eq!(handler, caller.name);
            assert_eq!(*c, caller.args_code, "caller code = the calling crate's const");
            assert_eq!(*s, server.args_code, "server code = the serving crate's const");
        }
        other => panic!("expected InvalidArguments, got {other:?}"),
    }
    let shown = e.to_string();
    for needle in
        ["MasterService::put_end", &format!("{:#010x}", caller.args_code), &format!("{:#010x}", server.args_code)]
    {
        assert!(shown.contains(needle), "`{shown}` should contain `{needle}`");
    }
}

/// Calls `put_end` the way the client crate spells it.
macro_rules! put_end {
    (v1, $master:expr, $key:expr, $tenant:expr) => {
        $master.put_end($key.into(), v1::ReplicaType::Memory).await
    };
    (v2, $master:expr, $key:expr, $tenant:expr) => {
        $master.put_end($key.into(), v2::ReplicaType::Memory, $tenant.into()).await
    };
    (v3, $master:expr, $key:expr, $tenant:expr) => {
        $master.put_end($key.into(), v3::ReplicaType::Memory, Some($tenant.into())).await
    };
}

/// Whether `put_end` from client `$c` runs on server `$s`: the same
/// version, or v3's compatible tenant with v1 either way.
macro_rules! put_end_runs {
    (v1, v1) => {
        true
    };
    (v2, v2) => {
        true
    };
    (v3, v3) => {
        true
    };
    (v1, v3) => {
        true
    };
    (v3, v1) => {
        true
    };
    ($a:ident, $b:ident) => {
        false
    };
}

/// The tenant handler, which only v2 has: what each pairing must see.
macro_rules! tenant_usage {
    (v1, v1, $master:expr, $store:expr) => {};
    (v1, v2, $master:expr, $store:expr) => {
        // The v2 server never ran put_end (it would have charged some tenant).
        use v2::MasterService as _;
        assert_eq!($store.get_tenant_usage(String::new()), Ok(0));
        assert_eq!($store.get_tenant_usage("tenant-a".into()), Ok(0));
    };
    (v2, v1, $master:expr, $store:expr) => {
        let e = $master.get_tenant_usage("tenant-a".into()).await.expect_err("v1 has no get_tenant_usage");
        let h = &v2::MasterServiceRpc::get_tenant_usage;
        match &e {
            CallError::FunctionNotRegistered { handler, function_id } => {
                assert_eq!(handler, h.name);
                assert_eq!(*function_id, h.function_id);
            }
            other => panic!("expected FunctionNotRegistered, got {other:?}"),
        }
        let shown = e.to_string();
        assert!(shown.contains(h.name) && shown.contains(&format!("{:#010x}", h.function_id)), "{shown}");
    };
    (v2, v2, $master:expr, $store:expr) => {
        // put_end charged the object's 12 bytes to the tenant it named.
        assert_eq!($master.get_tenant_usage("tenant-a".into()).await.unwrap(), Ok(12));
        assert_eq!($master.get_tenant_usage("tenant-b".into()).await.unwrap(), Ok(0));
    };
    (v3, v3, $master:expr, $store:expr) => {
        // The tenant arrived in the extension section.
        assert_eq!($store.tenant_usage(Some("tenant-a")), 12);
        assert_eq!($store.tenant_usage(None), 0);
    };
    (v1, v3, $master:expr, $store:expr) => {
        // The v1 client sent no extension section: the v3 server saw `None`.
        assert_eq!($store.tenant_usage(None), 12);
        assert_eq!($store.tenant_usage(Some("tenant-a")), 0);
    };
    (v3, v1, $master:expr, $store:expr) => {
        // The v1 server skipped the section and ran put_end on the base
        // arguments (checked by the caller); it has no notion of tenants.
        assert_eq!($store.tenant_usage(Some("tenant-a")), 0);
    };
}

/// One pairing: client crate `$c` against a running server of crate `$s`.
macro_rules! pairing {
    ($c:ident, $s:ident, $running:expr) => {{
        let running = $running;
        let same = put_end_runs!($c, $s);
        let local = ready($c::BUILD, $c::MasterServiceRpc::HANDLERS);
        let conn = Connection::connect(running.addr, Bincode, local).await.expect("connect + handshake");
        check_handshake(
            &conn,
            &running.server,
            $c::MasterServiceRpc::HANDLERS,
            $s::MasterServiceRpc::HANDLERS,
            $s::BUILD,
            expect_verdict!($c, $s),
        );
        let master = $c::MasterServiceClient::new(conn);
        use $c::{
            BufferDescriptor, ClientId, ClientStatus, ErrorCode, MemoryDescriptor, PingResponse, Replica,
            ReplicaDescriptor, ReplicaStatus, ReplicaType, ReplicateConfig, Segment, SegmentId,
        };
        let me = ClientId([1, 2]);
        let other = ClientId([3, 4]);
        let seg = Segment {
            id: SegmentId([10, 20]),
            name: "seg-a".into(),
            base: 0x10_0000,
            size: 1 << 20,
            te_endpoint: "127.0.0.1:9000".into(),
        };
        let pong = |view_version, client_status| Ok(PingResponse { view_version, client_status });
        let one = ReplicateConfig { replica_num: 1, ..Default::default() };
        let buffer = |size: u64, offset: u64| BufferDescriptor {
            segment_name: "seg-a".into(),
            size,
            buffer_address: 0x10_0000 + offset,
            transport_endpoint: "127.0.0.1:9000".into(),
        };
        let replica = |status| Replica {
            descriptor: ReplicaDescriptor::Memory(MemoryDescriptor { buffers: vec![buffer(8, 0), buffer(4, 8)] }),
            status,
        };

        // Membership: ping, mount_segment, and the informational handlers.
        assert_eq!(master.ping(me).await.unwrap(), pong(0, ClientStatus::NeedRemount));
        assert_eq!(master.mount_segment(seg.clone(), me).await.unwrap(), Ok(()));
        assert_eq!(master.mount_segment(seg.clone(), other).await.unwrap(), Err(ErrorCode::SegmentAlreadyExists));
        assert_eq!(master.ping(me).await.unwrap(), pong(1, ClientStatus::Ok));
        assert_eq!(master.ping(other).await.unwrap(), pong(1, ClientStatus::NeedRemount));
        assert_eq!(master.get_fsdir().await.unwrap(), Ok("/tmp/master-example".to_owned()));
        assert_eq!(master.service_ready().await.unwrap(), Ok($s::BUILD.to_owned()), "the server's own build answers");

        // Writing an object: put_start places it on the mounted segment.
        let placed = master.put_start("obj".into(), 12, vec![8, 4], one.clone()).await.unwrap();
        assert_eq!(placed, Ok(vec![replica(ReplicaStatus::Processing)]));
        let again = master.put_start("obj".into(), 12, vec![8, 4], one.clone()).await.unwrap();
        assert_eq!(again, Err(ErrorCode::ObjectAlreadyExists));
        let bad = master.put_start("bad".into(), 12, vec![8], one.clone()).await.unwrap();
        assert!(matches!(bad, Err(ErrorCode::InvalidParams { .. })), "{bad:?}");
        assert_eq!(master.exist_key("obj".into()).await.unwrap(), Ok(false));
        assert_eq!(master.get_replica_list("obj".into()).await.unwrap(), Err(ErrorCode::ReplicaIsNotReady));

        // put_end: the one handler whose arguments differ across versions.
        let ended = put_end!($c, master, "obj", "tenant-a");
        if same {
            assert_eq!(ended.unwrap(), Ok(()));
            assert_eq!(master.exist_key("obj".into()).await.unwrap(), Ok(true));
            assert_eq!(
                master.get_replica_list("obj".into()).await.unwrap(),
                Ok(vec![replica(ReplicaStatus::Complete)])
            );
        } else {
            assert_put_end_refused(ended, &$c::MasterServiceRpc::put_end, &$s::MasterServiceRpc::put_end);
            // Nothing was decoded or run: the server still holds the object
            // unfinished, seen directly and over the same connection, which
            // is still in step (the next replies belong to the next calls).
            {
                use $s::MasterService as _;
                assert_eq!(running.store.exist_key("obj".into()), Ok(false));
                assert_eq!(running.store.get_replica_list("obj".into()), Err($s::ErrorCode::ReplicaIsNotReady));
            }
            assert_eq!(master.exist_key("obj".into()).await.unwrap(), Ok(false));
            assert_eq!(master.get_replica_list("obj".into()).await.unwrap(), Err(ErrorCode::ReplicaIsNotReady));
            assert_eq!(master.ping(me).await.unwrap(), pong(1, ClientStatus::Ok));
            // Refused again, identically: no state was left behind by the first try.
            let ended = put_end!($c, master, "obj", "tenant-a");
            assert_put_end_refused(ended, &$c::MasterServiceRpc::put_end, &$s::MasterServiceRpc::put_end);
            assert_eq!(master.exist_key("obj".into()).await.unwrap(), Ok(false));
            // What a client does when it cannot finish a write: revoke it.
            assert_eq!(master.put_revoke("obj".into(), ReplicaType::Memory).await.unwrap(), Ok(()));
            assert_eq!(master.get_replica_list("obj".into()).await.unwrap(), Err(ErrorCode::ObjectNotFound));
        }
        tenant_usage!($c, $s, master, running.store);
        assert_eq!(master.ping(me).await.unwrap(), pong(1, ClientStatus::Ok), "the connection outlives refusals");

        // Reads in bulk.
        let keys = vec!["obj".to_owned(), "nope".to_owned()];
        assert_eq!(master.batch_exist_key(keys).await.unwrap(), vec![Ok(same), Ok(false)]);

        // Abandoning a write: put_start (two replicas on the only segment), put_revoke.
        let two = ReplicateConfig { replica_num: 2, ..Default::default() };
        let placed = master.put_start("obj2".into(), 4, vec![4], two).await.unwrap().expect("placed");
        assert_eq!(placed.len(), 2);
        for r in &placed {
            let ReplicaDescriptor::Memory(m) = &r.descriptor else { panic!("memory replica expected: {r:?}") };
            assert_eq!(m.buffers, vec![buffer(4, 0)]);
        }
        assert_eq!(master.put_revoke("obj2".into(), ReplicaType::Memory).await.unwrap(), Ok(()));
        assert_eq!(
            master.put_revoke("obj2".into(), ReplicaType::Memory).await.unwrap(),
            Err(ErrorCode::ObjectNotFound)
        );
        assert_eq!(master.get_replica_list("obj2".into()).await.unwrap(), Err(ErrorCode::ObjectNotFound));

        // remove, then remove_all (which counts what it dropped).
        assert!(master.put_start("obj3".into(), 1, vec![1], one.clone()).await.unwrap().is_ok());
        assert_eq!(master.remove("obj3".into()).await.unwrap(), Ok(()));
        assert_eq!(master.remove("obj3".into()).await.unwrap(), Err(ErrorCode::ObjectNotFound));
        for key in ["a", "b"] {
            assert!(master.put_start(key.into(), 2, vec![1, 1], one.clone()).await.unwrap().is_ok());
        }
        let dropped = if same { 3 } else { 2 }; // a, b (+ obj when put_end completed it)
        assert_eq!(master.remove_all().await.unwrap(), Ok(dropped));
        let keys = vec!["a".to_owned(), "b".to_owned(), "obj".to_owned()];
        assert_eq!(master.batch_exist_key(keys).await.unwrap(), vec![Ok(false), Ok(false), Ok(false)]);
        assert_eq!(master.remove_all().await.unwrap(), Ok(0));

        // Leaving: unmount_segment checks the owner.
        let unmounted = master.unmount_segment(seg.id, other).await.unwrap();
        assert!(matches!(unmounted, Err(ErrorCode::InvalidParams { .. })), "{unmounted:?}");
        assert_eq!(master.unmount_segment(seg.id, me).await.unwrap(), Ok(()));
        assert_eq!(master.unmount_segment(seg.id, me).await.unwrap(), Err(ErrorCode::SegmentNotFound));
        assert_eq!(master.ping(me).await.unwrap(), pong(0, ClientStatus::NeedRemount));
        let nowhere = master.put_start("late".into(), 1, vec![1], one).await.unwrap();
        assert_eq!(nowhere, Err(ErrorCode::NoAvailableHandle));

        drop(master);
        running.assert_no_connection_errors();
    }};
}

async fn bounded(what: &str, pairing: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(PAIRING_TIMEOUT, pairing).await.is_err() {
        panic!("{what}: no result within {PAIRING_TIMEOUT:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_client_v1_server() {
    bounded("v1 client, v1 server", async { pairing!(v1, v1, v1_server().await) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_client_v2_server() {
    bounded("v1 client, v2 server", async { pairing!(v1, v2, v2_server().await) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_client_v1_server() {
    bounded("v2 client, v1 server", async { pairing!(v2, v1, v1_server().await) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_client_v2_server() {
    bounded("v2 client, v2 server", async { pairing!(v2, v2, v2_server().await) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_client_v3_server() {
    bounded("v1 client, v3 server", async { pairing!(v1, v3, v3_server().await) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v3_client_v1_server() {
    bounded("v3 client, v1 server", async { pairing!(v3, v1, v1_server().await) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v3_client_v3_server() {
    bounded("v3 client, v3 server", async { pairing!(v3, v3, v3_server().await) }).await;
}

/// v3 changes no code of v1: same function ids, args and return codes for
/// every handler; only put_end gains an extension level.
#[test]
fn v3_keeps_every_v1_code_and_adds_one_extension_level() {
    let (a, b) = (v1::MasterServiceRpc::HANDLERS, v3::MasterServiceRpc::HANDLERS);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert_eq!(
            (x.name, x.function_id, x.args_code, x.return_code),
            (y.name, y.function_id, y.args_code, y.return_code)
        );
        let levels: Vec<(u16, Vec<&str>)> =
            y.ext.iter().map(|g| (g.since, g.args.iter().map(|f| f.name).collect())).collect();
        if y.method == "put_end" {
            assert_eq!(levels, [(2, vec!["tenant_id"])]);
        } else {
            assert!(levels.is_empty(), "{}: {levels:?}", y.name);
        }
    }
}

// A regression for a hole in `wire_core::rpc::net::Connection` found while
// writing the matrix (see the commit that fixed it).

/// Delays `ping` and then fails it (a reply with an error status, late).
struct SlowFailingPing<S>(S);

impl<C: Codec, S: Service<C>> Service<C> for SlowFailingPing<S> {
    fn handlers(&self) -> &'static [&'static Handler] {
        self.0.handlers()
    }

    fn call<'a>(
        &'a self,
        codec: &'a C,
        handler: &'static Handler,
        body: &'a [u8],
        ext: &'a wire_core::protocol::ext::ExtSection<'a>,
    ) -> wire_core::rpc::BoxFuture<'a, Result<Vec<u8>, wire_core::codec::CodecError>> {
        if handler.function_id != v1::MasterServiceRpc::ping.function_id {
            return self.0.call(codec, handler, body, ext);
        }
        Box::pin(async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            Err(wire_core::codec::CodecError { codec: C::NAME, message: "ping failed late".into() })
        })
    }
}

/// A call given up while its reply is in flight (a caller's timeout) must
/// not hand that reply to the next call on the connection: the connection
/// is unusable from then on, and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_call_does_not_leak_its_reply_into_the_next() {
    bounded("cancelled call", async {
        let store = Arc::new(v1::MemoryMaster::new());
        let service = SlowFailingPing(v1::MasterServiceServer(Arc::clone(&store)));
        let running = Running::start(v1::BUILD, store, service).await;
        let local = ready(v1::BUILD, v1::MasterServiceRpc::HANDLERS);
        let master = v1::MasterServiceClient::new(Connection::connect(running.addr, Bincode, local).await.unwrap());
        assert_eq!(master.exist_key("k".into()).await.unwrap(), Ok(false));
        let gave_up = tokio::time::timeout(Duration::from_millis(50), master.ping(v1::ClientId([1, 1]))).await;
        assert!(gave_up.is_err(), "ping should still be in flight: {gave_up:?}");
        tokio::time::sleep(Duration::from_millis(400)).await; // ping's late error reply is now on the socket
        for _ in 0..3 {
            match master.exist_key("k".into()).await {
                Err(CallError::Io(e)) => assert!(e.to_string().contains("cancelled"), "{e}"),
                other => panic!("exist_key after a cancelled call must not get a reply (stale or not): {other:?}"),
            }
        }
        // The server is fine; a new connection works.
        let local = ready(v1::BUILD, v1::MasterServiceRpc::HANDLERS);
        let fresh = v1::MasterServiceClient::new(Connection::connect(running.addr, Bincode, local).await.unwrap());
        assert_eq!(fresh.exist_key("k".into()).await.unwrap(), Ok(false));
    })
    .await;
}
