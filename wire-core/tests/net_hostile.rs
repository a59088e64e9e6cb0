//! Hostile input over real TCP against a server of a `#[wire_rpc]` trait.
//!
//! Every bad connection must be answered (where the protocol allows) and
//! closed, reported through `serve`'s `on_error`, and must leave the server
//! serving: after each one a fresh, well-behaved client connects, completes
//! the handshake and makes calls. Sizes a peer announces are never trusted:
//! the process-wide largest allocation is asserted to stay small.
//!
//! The `net` feature is always on here: wire-core dev-depends on itself with
//! `features = ["net", "postcard"]`, so a plain `cargo test --workspace` runs
//! this file. The server and the raw frames are in `net_hostile/harness.rs`.

#![cfg(feature = "net")]

#[path = "net_hostile/harness.rs"]
mod harness;
mod support;

use harness::*;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wire_core::codec::{Bincode, Codec};
use wire_core::protocol::frame::{
    DEFAULT_MAX_FRAME, FrameError, REQUEST_HEADER_LEN, REQUEST_MAGIC, RequestHeader, ResponseHeader, Status,
};
use wire_core::protocol::handshake::{Compat, ServiceReady};
use wire_core::rpc::CallError;
use wire_core::rpc::net::{Connection, ConnectionError};

// ---- frame headers -------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_magic() {
    let mut h = Harness::kv().await;
    let mut bad_magics: Vec<[u8; REQUEST_HEADER_LEN]> = Vec::new();
    let mut b = valid_header();
    b[..2].copy_from_slice(b"XX");
    bad_magics.push(b);
    let mut b = valid_header();
    b[..2].copy_from_slice(b"WA"); // a response's magic sent as a request
    bad_magics.push(b);
    bad_magics.push(b"GET / HTTP/1.1\r\nHost: ab".as_slice().try_into().unwrap());
    for bytes in bad_magics {
        let mut s = connect_raw(h.addr, &bytes).await;
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::BadFrame);
        assert!(message.starts_with("bad magic"), "{message}");
        assert_closed(&mut s).await;
        match h.error().await {
            ConnectionError::Frame(FrameError::BadMagic { found, expected }) => {
                assert_eq!(found, [bytes[0], bytes[1]]);
                assert_eq!(expected, REQUEST_MAGIC);
            }
            e => panic!("{e:?}"),
        }
        h.assert_serves().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsupported_version() {
    let mut h = Harness::kv().await;
    for version in [0u8, 2, 0xFF] {
        let mut b = valid_header();
        b[2] = version;
        let mut s = connect_raw(h.addr, &b).await;
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::BadFrame);
        assert_eq!(message, format!("unsupported frame version {version} (this peer speaks 1)"));
        assert_closed(&mut s).await;
        assert!(matches!(h.error().await, ConnectionError::Frame(FrameError::UnsupportedVersion(v)) if v == version));
        h.assert_serves().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_kind() {
    let mut h = Harness::kv().await;
    let mut b = valid_header();
    b[3] = 7;
    let mut s = connect_raw(h.addr, &b).await;
    assert_eq!(refusal(&mut s).await, (Status::BadFrame, "unknown request kind 7".to_owned()));
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::Frame(FrameError::UnknownKind(7))));
    h.assert_serves().await;
}

#[test]
fn request_header_decode_refuses_oversized_payloads_before_any_read() {
    let huge = call_header(1, 2, u32::MAX);
    let (r, largest) = support::largest_allocation(|| RequestHeader::decode(&huge.encode(), DEFAULT_MAX_FRAME));
    assert_eq!(r, Err(FrameError::TooLarge { len: 0xFFFF_FFFF, max: DEFAULT_MAX_FRAME }));
    assert_eq!(largest, 0, "decoding a header allocates nothing");

    // Body and extension are added in 64 bits: two near-maximal halves cannot wrap around.
    let both = RequestHeader { ext_len: u32::MAX, ..huge };
    assert_eq!(
        RequestHeader::decode(&both.encode(), u32::MAX),
        Err(FrameError::TooLarge { len: 0x1_FFFF_FFFE, max: u32::MAX })
    );
    let wraps_in_u32 = RequestHeader { ext_len: 1, ..huge };
    assert_eq!(
        RequestHeader::decode(&wraps_in_u32.encode(), u32::MAX),
        Err(FrameError::TooLarge { len: 1 << 32, max: u32::MAX })
    );
    // The limit is inclusive.
    let at_limit = RequestHeader { body_len: 60, ext_len: 4, ..huge };
    assert_eq!(RequestHeader::decode(&at_limit.encode(), 64), Ok(at_limit));
    let over = RequestHeader { ext_len: 5, ..at_limit };
    assert_eq!(RequestHeader::decode(&over.encode(), 64), Err(FrameError::TooLarge { len: 65, max: 64 }));

    // The response side applies its own limit the same way.
    let reply = ResponseHeader { status: Status::Ok, seq: 1, function_id: 2, return_code: 3, body_len: u32::MAX };
    assert_eq!(
        ResponseHeader::decode(&reply.encode(), DEFAULT_MAX_FRAME),
        Err(FrameError::TooLarge { len: 0xFFFF_FFFF, max: DEFAULT_MAX_FRAME })
    );
    let mut unknown = reply.encode();
    unknown[3] = 42;
    assert_eq!(ResponseHeader::decode(&unknown, u32::MAX), Err(FrameError::UnknownStatus(42)));

    // In-memory frames: a header that promises more than the buffer holds.
    let short = frame(call_header(1, 2, 10), b"abc");
    assert_eq!(
        wire_core::protocol::frame::split_request(&short, 64),
        Err(FrameError::Truncated { needed: 34, got: 27 })
    );
    assert_eq!(
        wire_core::protocol::frame::split_request(&short[..5], 64),
        Err(FrameError::Truncated { needed: 24, got: 5 })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_len_0xffff_ffff_is_refused_without_allocating() {
    let mut h = Harness::kv().await;
    for (body_len, ext_len, len) in [(u32::MAX, 0, 0xFFFF_FFFFu64), (u32::MAX, u32::MAX, 0x1_FFFF_FFFE)] {
        // Both before and after the handshake.
        for mut s in [TcpStream::connect(h.addr).await.unwrap(), shaken(h.addr).await] {
            let header =
                RequestHeader { ext_len, ..call_header(KvRpc::put.function_id, KvRpc::put.args_code, body_len) };
            // Only the header: the refusal must not depend on any body byte.
            s.write_all(&header.encode()).await.unwrap();
            let (status, message) = refusal(&mut s).await;
            assert_eq!(status, Status::FrameTooLarge);
            assert_eq!(message, format!("frame of {len} bytes exceeds the limit of {DEFAULT_MAX_FRAME} bytes"));
            assert_closed(&mut s).await;
            match h.error().await {
                ConnectionError::Frame(FrameError::TooLarge { len: l, max }) => {
                    assert_eq!((l, max), (len, DEFAULT_MAX_FRAME))
                }
                e => panic!("{e:?}"),
            }
            h.assert_serves().await;
        }
    }
    assert!(support::process_peak() < ALLOCATION_CEILING);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_with_max_frame_are_refused() {
    const MAX: u32 = 512;
    let mut h = start(kv_server().with_max_frame(MAX)).await;
    // Over by one in the body, and over by one with an extension section.
    for (body_len, ext_len) in [(MAX + 1, 0), (MAX - 10, 11)] {
        let mut s = shaken(h.addr).await;
        let header = RequestHeader { ext_len, ..call_header(KvRpc::put.function_id, KvRpc::put.args_code, body_len) };
        s.write_all(&header.encode()).await.unwrap();
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::FrameTooLarge);
        assert_eq!(message, format!("frame of {} bytes exceeds the limit of {MAX} bytes", MAX + 1));
        assert_closed(&mut s).await;
        assert!(
            matches!(h.error().await, ConnectionError::Frame(FrameError::TooLarge { len, max: MAX }) if len == u64::from(MAX) + 1)
        );
        h.assert_serves().await;
    }
    // Exactly at the limit is served: key and value strings of 248 bytes each, 8-byte prefixes.
    let mut s = shaken(h.addr).await;
    let body = Bincode.encode(&("k".repeat(248), "v".repeat(248))).unwrap();
    assert_eq!(body.len(), MAX as usize);
    s.write_all(&frame(call_header(KvRpc::put.function_id, KvRpc::put.args_code, MAX), &body)).await.unwrap();
    let (reply, body) = response(&mut s).await;
    assert_eq!((reply.status, reply.return_code), (Status::Ok, KvRpc::put.return_code));
    assert!(Bincode.decode::<bool>(&body).unwrap());
}

// ---- connections that stop mid-frame -------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peer_closes_mid_frame() {
    let mut h = Harness::kv().await;

    // Part of a header.
    let mut s = connect_raw(h.addr, &valid_header()[..10]).await;
    s.shutdown().await.unwrap();
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::ClosedMidFrame { needed: 24, got: 10 }));
    h.assert_serves().await;

    // A header announcing 100 body bytes, then 10 of them.
    let mut bytes = call_header(KvRpc::put.function_id, KvRpc::put.args_code, 100).encode().to_vec();
    bytes.extend_from_slice(&[0u8; 10]);
    let mut s = connect_raw(h.addr, &bytes).await;
    s.shutdown().await.unwrap();
    assert_closed(&mut s).await;
    let e = h.error().await;
    assert!(matches!(e, ConnectionError::ClosedMidFrame { needed: 100, got: 10 }), "{e:?}");
    assert_eq!(e.to_string(), "peer closed the connection mid-frame (10 of 100 bytes)");
    h.assert_serves().await;

    // After a handshake, a call cut short in its extension section.
    let mut s = shaken(h.addr).await;
    let body = Bincode.encode(&("k",)).unwrap();
    let header = RequestHeader { ext_len: 8, ..call_header(KvRpc::get.function_id, KvRpc::get.args_code, 9) };
    let mut bytes = frame(header, &body);
    bytes.extend_from_slice(&[1, 2, 3]);
    s.write_all(&bytes).await.unwrap();
    s.shutdown().await.unwrap();
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::ClosedMidFrame { needed: 17, got: 12 }));
    h.assert_serves().await;

    // A clean close between frames is not an error: the next report comes
    // from the next bad connection, not from this one.
    let s = shaken(h.addr).await;
    drop(s);
    let mut s = connect_raw(h.addr, &[0u8; REQUEST_HEADER_LEN]).await;
    assert_eq!(refusal(&mut s).await.0, Status::BadFrame);
    assert!(matches!(h.error().await, ConnectionError::Frame(FrameError::BadMagic { .. })));
    h.assert_serves().await;
}

// ---- the handshake -------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_handshakes_are_refused() {
    let mut h = Harness::kv().await;
    let mut lying = b"WSRD\x01\x00\x08bincode1".to_vec();
    lying.extend_from_slice(&[0; 16]);
    lying.extend_from_slice(&[0, 0]);
    lying.extend_from_slice(&4_000_000_000u32.to_le_bytes());
    let mut trailing = client_ready().encode();
    trailing.push(0);
    let cases: [(&[u8], &str); 5] = [
        (b"", "truncated at byte 0"),
        (b"not a ServiceReady message at all", "bad magic"),
        (&client_ready().encode()[..40], "claims 3 methods, but only 3 bytes follow"),
        (&lying, "claims 4000000000 methods"),
        (&trailing, "1 trailing bytes"),
    ];
    for (body, why) in cases {
        let mut s = connect_raw(h.addr, &handshake_frame(body)).await;
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::BadFrame);
        assert!(message.starts_with("invalid ServiceReady: ") && message.contains(why), "{message}");
        assert_closed(&mut s).await;
        match h.error().await {
            ConnectionError::Handshake(m) => assert_eq!(m, message),
            e => panic!("{e:?}"),
        }
        h.assert_serves().await;
    }
    assert!(support::process_peak() < ALLOCATION_CEILING);
}

/// The server recomputes a handshake's digest (SPEC §5.1): a table that
/// carries the server's own digest over other codes, which `check()` would
/// otherwise take for identical, is refused before any call.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handshake_whose_digest_is_not_its_tables_is_refused() {
    let mut h = Harness::kv().await;
    let mut forged = client_ready();
    assert_eq!(forged.digest, kv_server().ready().digest, "the client's table is the server's");
    forged.methods[0].args_code ^= 0x10; // another layout, the digest left as it was
    let mut s = connect_raw(h.addr, &handshake_frame(&forged.encode())).await;
    let (status, message) = refusal(&mut s).await;
    assert_eq!(status, Status::BadFrame);
    assert!(message.starts_with("invalid ServiceReady: the digest does not match the method table: "), "{message}");
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::Handshake(m) if m == message));
    h.assert_serves().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_before_the_handshake_is_refused() {
    let mut h = Harness::kv().await;
    let mut s = connect_raw(h.addr, &get_frame("k")).await;
    assert_eq!(refusal(&mut s).await, (Status::HandshakeRequired, "send ServiceReady first".to_owned()));
    assert_closed(&mut s).await;
    match h.error().await {
        ConnectionError::Handshake(m) => assert_eq!(m, "a call arrived before the handshake"),
        e => panic!("{e:?}"),
    }
    h.assert_serves().await;
}

/// Another codec or handshake version: nothing could be decoded correctly,
/// so the server refuses the handshake instead of serving calls it would
/// decode with the wrong codec.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incompatible_handshakes_are_refused() {
    let mut h = Harness::kv().await;

    let postcard = ServiceReady::new("postcard1", "", KvRpc::HANDLERS.iter().copied());
    let e = Connection::connect(h.addr, Bincode, postcard).await.err().expect("refused");
    match &e {
        CallError::Handshake(m) => {
            assert!(m.starts_with("BadFrame: ") && m.contains("codec `bincode1` here, `postcard1` on the peer"), "{m}")
        }
        e => panic!("{e:?}"),
    }
    assert!(matches!(h.error().await, ConnectionError::Handshake(m) if m.contains("postcard1")));
    h.assert_serves().await;

    let mut future = b"WSRD".to_vec();
    future.extend_from_slice(&2u16.to_le_bytes());
    future.extend_from_slice(b"whatever version 2 carries");
    let mut s = connect_raw(h.addr, &handshake_frame(&future)).await;
    let (status, message) = refusal(&mut s).await;
    assert_eq!(status, Status::BadFrame);
    assert!(message.contains("handshake version 1 here, 2 on the peer"), "{message}");
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::Handshake(_)));
    h.assert_serves().await;

    // A partial match is not refused: the verdict lists what is callable.
    let partial = ServiceReady::new(Bincode::NAME, "", [&KvRpc::get]);
    let conn = Connection::connect(h.addr, Bincode, partial).await.unwrap();
    assert!(matches!(conn.compat(), Compat::Partial(_)));
}

// ---- calls ---------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_4_gib_string_prefix_is_a_decode_failure_not_an_allocation() {
    let h = Harness::kv().await;
    let mut s = shaken(h.addr).await;
    for claimed in [1u64 << 32, u64::MAX, 1 << 40] {
        // `put(key: String, value: String)`: the key claims `claimed` bytes; 3 follow.
        let mut body = claimed.to_le_bytes().to_vec();
        body.extend_from_slice(b"abc");
        s.write_all(&frame(call_header(KvRpc::put.function_id, KvRpc::put.args_code, body.len() as u32), &body))
            .await
            .unwrap();
        let (reply, message) = response(&mut s).await;
        let message = String::from_utf8(message).unwrap();
        assert_eq!(reply.status, Status::DecodeFailed, "{message}");
        assert_eq!(reply.seq, 9);
        assert_eq!(reply.function_id, KvRpc::put.function_id);
        assert!(message.starts_with("`Kv::put`: bincode1: "), "{message}");
    }
    // Trailing bytes after valid arguments are a decode failure too.
    let mut body = Bincode.encode(&("k",)).unwrap();
    body.push(0);
    s.write_all(&frame(call_header(KvRpc::get.function_id, KvRpc::get.args_code, body.len() as u32), &body))
        .await
        .unwrap();
    assert_eq!(response(&mut s).await.0.status, Status::DecodeFailed);

    // The connection is still good.
    s.write_all(&get_frame("absent")).await.unwrap();
    let (reply, body) = response(&mut s).await;
    assert_eq!((reply.status, reply.return_code), (Status::Ok, KvRpc::get.return_code));
    assert_eq!(Bincode.decode::<Option<String>>(&body).unwrap(), None);
    assert!(
        support::process_peak() < ALLOCATION_CEILING,
        "a length prefix made the process allocate {} bytes",
        support::process_peak()
    );
    h.assert_serves().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_ids_and_wrong_args_codes_keep_the_connection() {
    let h = Harness::kv().await;
    let mut s = shaken(h.addr).await;

    s.write_all(&frame(call_header(0xDEAD_BEEF, KvRpc::get.args_code, 0), &[])).await.unwrap();
    let (reply, message) = response(&mut s).await;
    assert_eq!(reply.status, Status::FunctionNotRegistered);
    assert_eq!(String::from_utf8(message).unwrap(), "no handler with function id 0xdeadbeef");

    // A wrong args code: the body is garbage, and it is never decoded.
    let garbage = [0xFFu8; 16];
    s.write_all(&frame(call_header(KvRpc::get.function_id, KvRpc::get.args_code ^ 2, 16), &garbage)).await.unwrap();
    let (reply, _) = response(&mut s).await;
    assert_eq!(reply.status, Status::InvalidArguments);
    assert_eq!(reply.return_code, KvRpc::get.args_code, "the server's args code travels back");

    s.write_all(&get_frame("absent")).await.unwrap();
    assert_eq!(response(&mut s).await.0.status, Status::Ok);
    h.assert_serves().await;
}

// ---- a hostile server ----------------------------------------------------

/// A "server" that reads the handshake and answers with `reply`.
async fn fake_server(reply: Vec<u8>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut head = [0u8; REQUEST_HEADER_LEN];
        s.read_exact(&mut head).await.unwrap();
        let h = RequestHeader::decode(&head, u32::MAX).unwrap();
        let mut body = vec![0u8; h.body_len as usize];
        s.read_exact(&mut body).await.unwrap();
        s.write_all(&reply).await.unwrap();
        // Keep the socket open briefly so the client reads what it was sent.
        tokio::time::sleep(Duration::from_millis(200)).await;
    });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_refuses_hostile_replies() {
    let huge = ResponseHeader { status: Status::Ok, seq: 0, function_id: 0, return_code: 0, body_len: u32::MAX };
    let addr = fake_server(huge.encode().to_vec()).await;
    let e = Connection::connect(addr, Bincode, client_ready()).await.err().unwrap();
    assert!(matches!(e, CallError::Frame(FrameError::TooLarge { len: 0xFFFF_FFFF, max: DEFAULT_MAX_FRAME })), "{e:?}");

    let addr = fake_server(b"HTTP/1.1 400 Bad Request\r\n\r\n".to_vec()).await;
    let e = Connection::connect(addr, Bincode, client_ready()).await.err().unwrap();
    assert!(matches!(e, CallError::Frame(FrameError::BadMagic { found, .. }) if &found == b"HT"), "{e:?}");

    // A reply cut short: header announces 50 bytes, 5 arrive, then close.
    let mut short = ResponseHeader { body_len: 50, ..huge }.encode().to_vec();
    short.extend_from_slice(b"WSRD\x01");
    let addr = fake_server(short).await;
    let e = Connection::connect(addr, Bincode, client_ready()).await.err().unwrap();
    assert!(matches!(&e, CallError::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof), "{e:?}");

    // A reply to another request (the handshake is request 1).
    let other = ResponseHeader { seq: 7, body_len: 0, ..huge }.encode().to_vec();
    let addr = fake_server(other).await;
    let e = Connection::connect(addr, Bincode, client_ready()).await.err().unwrap();
    assert!(matches!(&e, CallError::Handshake(m) if m == "response to 7 for request 1"), "{e:?}");

    // A well-framed reply whose ServiceReady is garbage.
    let mut garbage = ResponseHeader { seq: 1, body_len: 4, ..huge }.encode().to_vec();
    garbage.extend_from_slice(b"nope");
    let addr = fake_server(garbage).await;
    let e = Connection::connect(addr, Bincode, client_ready()).await.err().unwrap();
    assert!(matches!(&e, CallError::Handshake(m) if m.contains("bad magic")), "{e:?}");
    assert!(support::process_peak() < ALLOCATION_CEILING);
}
