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
//!
//! Each pairing test calls [`pairing`] with a client version and a server
//! version (`interop_matrix/versions.rs`: each crate's client and store,
//! driven in v1's value types), what the client must conclude at the
//! handshake (checked by `interop_matrix/handshake.rs`), and what the
//! pairing must see of the tenant, which only v2 and v3 know.

#[path = "interop_matrix/handshake.rs"]
mod handshake;
mod support;
#[path = "interop_matrix/versions.rs"]
mod versions;

use handshake::{Mixed, check_handshake, expected_verdict};
use master_example as v1;
use master_example_v2 as v2;
use master_example_v3 as v3;
use std::time::Duration;
use support::net::{Answer, Hooked, Running};
use v1::{
    BufferDescriptor, ClientId, ClientStatus, ErrorCode, MemoryDescriptor, PingResponse, Replica, ReplicaDescriptor,
    ReplicaStatus, ReplicaType, ReplicateConfig, Segment, SegmentId,
};
use versions::{Master, Store, V1, V2, V3, Version};
use wire_core::Handler;
use wire_core::codec::{Bincode, Codec, CodecError};
use wire_core::protocol::handshake::MethodStatus;
use wire_core::rpc::{CallError, HandlerError};

/// No pairing may take longer than this (each normally takes milliseconds).
const PAIRING_TIMEOUT: Duration = Duration::from_secs(20);

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
        CallError::InvalidArguments { handler, caller: c, server: s, message } => {
            assert_eq!(*handler, "MasterService::put_end");
            assert_eq!(*handler, caller.name);
            assert_eq!(*c, caller.args_code, "caller code = the calling crate's const");
            assert_eq!(*s, Some(server.args_code), "server code = the serving crate's const, from its handshake");
            // The server refused it by the code the body starts with, and says both.
            for code in [caller.args_code, server.args_code] {
                assert!(message.contains(&format!("{code:#010x}")), "{message}");
            }
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

/// Whether `put_end` from the client runs on the server: the same version,
/// or v3's compatible tenant with v1 either way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PutEnd {
    Runs,
    Refused,
}

/// One pairing: a client of version `C` against a server of version `S`.
/// The handshake must conclude `expect`; `put_end` must do as `put_end`
/// says; `tenant_usage` checks what the pairing must see of the tenant
/// after it; every other handler must work with real replies.
async fn pairing<C: Version, S: Version>(
    expect: Option<Mixed>,
    put_end: PutEnd,
    tenant_usage: impl AsyncFnOnce(&C::Client, &S::Store),
) {
    let (running, store) = S::serve().await;
    let same = put_end == PutEnd::Runs;
    let client = running.client(C::HANDLERS).await;
    check_handshake(&client, &running.server, C::HANDLERS, S::HANDLERS, S::BUILD, expect);
    let master = C::client(client);
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
    assert_eq!(master.service_ready().await.unwrap(), Ok(S::BUILD.to_owned()), "the server's own build answers");

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
    let ended = master.put_end("obj".into(), "tenant-a").await;
    if same {
        assert_eq!(ended.unwrap(), Ok(()));
        assert_eq!(master.exist_key("obj".into()).await.unwrap(), Ok(true));
        assert_eq!(master.get_replica_list("obj".into()).await.unwrap(), Ok(vec![replica(ReplicaStatus::Complete)]));
    } else {
        assert_put_end_refused(ended, C::PUT_END, S::PUT_END);
        // Nothing was decoded or run: the server still holds the object
        // unfinished, seen directly and over the same connection, which
        // is still in step (the next replies belong to the next calls).
        assert_eq!(store.exist_key("obj".into()), Ok(false));
        assert_eq!(store.get_replica_list("obj".into()), Err(ErrorCode::ReplicaIsNotReady));
        assert_eq!(master.exist_key("obj".into()).await.unwrap(), Ok(false));
        assert_eq!(master.get_replica_list("obj".into()).await.unwrap(), Err(ErrorCode::ReplicaIsNotReady));
        assert_eq!(master.ping(me).await.unwrap(), pong(1, ClientStatus::Ok));
        // Refused again, identically: no state was left behind by the first try.
        let ended = master.put_end("obj".into(), "tenant-a").await;
        assert_put_end_refused(ended, C::PUT_END, S::PUT_END);
        assert_eq!(master.exist_key("obj".into()).await.unwrap(), Ok(false));
        // What a client does when it cannot finish a write: revoke it.
        assert_eq!(master.put_revoke("obj".into(), ReplicaType::Memory).await.unwrap(), Ok(()));
        assert_eq!(master.get_replica_list("obj".into()).await.unwrap(), Err(ErrorCode::ObjectNotFound));
    }
    tenant_usage(&master, &store).await;
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
    assert_eq!(master.put_revoke("obj2".into(), ReplicaType::Memory).await.unwrap(), Err(ErrorCode::ObjectNotFound));
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
    running.assert_nothing_reported();
}

async fn bounded(what: &str, pairing: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(PAIRING_TIMEOUT, pairing).await.is_err() {
        panic!("{what}: no result within {PAIRING_TIMEOUT:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_client_v1_server() {
    bounded("v1 client, v1 server", pairing::<V1, V1>(None, PutEnd::Runs, async |_, _| {})).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_client_v2_server() {
    let expect = Mixed {
        blocked: vec![(
            v1::MasterServiceRpc::put_end.name,
            MethodStatus::ArgsDiffer {
                here: v1::MasterServiceRpc::put_end.args_code,
                peer: v2::MasterServiceRpc::put_end.args_code,
            },
        )],
        missing_here: vec![v2::MasterServiceRpc::get_tenant_usage.name],
        extended: vec![],
    };
    let pairing = pairing::<V1, V2>(Some(expect), PutEnd::Refused, async |_, store| {
        // The v2 server never ran put_end (it would have charged some tenant).
        use v2::MasterService as _;
        assert_eq!(store.get_tenant_usage(String::new()), Ok(0));
        assert_eq!(store.get_tenant_usage("tenant-a".into()), Ok(0));
    });
    bounded("v1 client, v2 server", pairing).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_client_v1_server() {
    let expect = Mixed {
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
    };
    let pairing = pairing::<V2, V1>(Some(expect), PutEnd::Refused, async |master, _| {
        let e = master.get_tenant_usage("tenant-a".into()).await.expect_err("v1 has no get_tenant_usage");
        let h = &v2::MasterServiceRpc::get_tenant_usage;
        match &e {
            CallError::FunctionNotRegistered { handler, function_id } => {
                assert_eq!(*handler, h.name);
                assert_eq!(*function_id, h.function_id);
            }
            other => panic!("expected FunctionNotRegistered, got {other:?}"),
        }
        let shown = e.to_string();
        assert!(shown.contains(h.name) && shown.contains(&format!("{:#010x}", h.function_id)), "{shown}");
    });
    bounded("v2 client, v1 server", pairing).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_client_v2_server() {
    let pairing = pairing::<V2, V2>(None, PutEnd::Runs, async |master, _| {
        // put_end charged the object's 12 bytes to the tenant it named.
        assert_eq!(master.get_tenant_usage("tenant-a".into()).await.unwrap(), Ok(12));
        assert_eq!(master.get_tenant_usage("tenant-b".into()).await.unwrap(), Ok(0));
    });
    bounded("v2 client, v2 server", pairing).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_client_v3_server() {
    let expect = Mixed {
        blocked: vec![],
        missing_here: vec![],
        extended: vec![(
            v1::MasterServiceRpc::put_end.name,
            MethodStatus::Extended { here: 0, peer: v3::MasterServiceRpc::put_end.ext_level() },
        )],
    };
    let pairing = pairing::<V1, V3>(Some(expect), PutEnd::Runs, async |_, store| {
        // The v1 client sent no extension section: the v3 server saw `None`.
        assert_eq!(store.tenant_usage(None), 12);
        assert_eq!(store.tenant_usage(Some("tenant-a")), 0);
    });
    bounded("v1 client, v3 server", pairing).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v3_client_v1_server() {
    let expect = Mixed {
        blocked: vec![],
        missing_here: vec![],
        extended: vec![(
            v3::MasterServiceRpc::put_end.name,
            MethodStatus::Extended { here: v3::MasterServiceRpc::put_end.ext_level(), peer: 0 },
        )],
    };
    let pairing = pairing::<V3, V1>(Some(expect), PutEnd::Runs, async |_, store| {
        // The v1 server skipped the section and ran put_end on the base
        // arguments (checked by `pairing`); it has no notion of tenants.
        assert_eq!(store.tenant_usage(Some("tenant-a")), 0);
    });
    bounded("v3 client, v1 server", pairing).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v3_client_v3_server() {
    let pairing = pairing::<V3, V3>(None, PutEnd::Runs, async |_, store| {
        // The tenant arrived in the extension section.
        assert_eq!(store.tenant_usage(Some("tenant-a")), 12);
        assert_eq!(store.tenant_usage(None), 0);
    });
    bounded("v3 client, v3 server", pairing).await;
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

// A regression for a hole in the first TCP connection found while writing
// the matrix: a call given up could hand its late reply to the next call.

/// A call given up while its reply is in flight (a caller's timeout) must
/// not hand that reply to the next call on the connection. The connection
/// is multiplexed: the late reply finds no call waiting for its sequence
/// number and is dropped, and the connection stays in use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_call_does_not_leak_its_reply_into_the_next() {
    bounded("cancelled call", async {
        // Delays `ping` and then fails it (a reply with an error status, late).
        let service = Hooked {
            inner: v1::MasterServiceServer::new(v1::MemoryMaster::new()),
            hook: |handler: &'static Handler| {
                (handler.function_id == v1::MasterServiceRpc::ping.function_id).then(|| -> Answer {
                    Box::pin(async {
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        Err(HandlerError::Reply(CodecError::new(Bincode::NAME, "ping failed late")))
                    })
                })
            },
        };
        let running = Running::start(v1::BUILD, service).await;
        let master = v1::MasterServiceClient::new(running.client(v1::MasterServiceRpc::HANDLERS).await);
        assert_eq!(master.exist_key("k".into()).await.unwrap(), Ok(false));
        let gave_up = tokio::time::timeout(Duration::from_millis(50), master.ping(v1::ClientId([1, 1]))).await;
        assert!(gave_up.is_err(), "ping should still be in flight: {gave_up:?}");
        tokio::time::sleep(Duration::from_millis(400)).await; // ping's late error reply has arrived
        for _ in 0..3 {
            // Each call gets its own reply: not the late error, not a stale value.
            assert_eq!(master.exist_key("k".into()).await.unwrap(), Ok(false));
        }
        assert_eq!(master.get_fsdir().await.unwrap(), Ok("/tmp/master-example".to_owned()));
        assert!(master.transport.is_connected());
        assert_eq!(master.transport.reconnects(), 0, "the same connection throughout");
    })
    .await;
}
