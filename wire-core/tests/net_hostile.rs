//! Hostile input over real TCP against a server of a `#[wire_rpc]` trait.
//!
//! A bad frame is treated as C++ coro_rpc treats it: a wrong magic or
//! version closes the connection without a reply; a length over the limit
//! is answered `MESSAGE_TOO_LARGE` (14) and closed; a call the server cannot
//! take is answered (`FUNCTION_NOT_REGISTERED` 11, `INVALID_ARGUMENTS` 4,
//! `PROTOCOL_ERROR` 12) and the connection stays. Every closed connection is
//! reported through `ServeConfig::on_error`, and the server goes on serving:
//! after each one a fresh, well-behaved client connects, shakes hands and
//! makes calls. Sizes a peer announces are never trusted: the process-wide
//! largest allocation is asserted to stay small.
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
use wire_core::codec::{Bincode, Codec, Payload, Postcard, StructPack};
use wire_core::protocol::frame::{
    self, DEFAULT_MAX_FRAME, FrameError, REQUEST_HEADER_LEN, RequestHeader, ResponseHeader, Status,
};
use wire_core::protocol::handshake::{Compat, HandshakeError, ServiceReady};
use wire_core::rpc::net::{Client, ConnectionError};
use wire_core::rpc::{CallError, Reply, Server};

// ---- frame headers -------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_magic_closes_without_a_reply() {
    let mut h = Harness::kv().await;
    let mut bad_magics: Vec<[u8; REQUEST_HEADER_LEN]> = Vec::new();
    let mut b = valid_header();
    b[0] = 0x16;
    bad_magics.push(b);
    let mut b = valid_header();
    b[..2].copy_from_slice(b"WR"); // the frame this library spoke before coro_rpc's
    bad_magics.push(b);
    bad_magics.push(b"GET / HTTP/1.1\r\nHost".as_slice().try_into().unwrap());
    for bytes in bad_magics {
        let mut s = connect_raw(h.addr, &bytes).await;
        assert_closed(&mut s).await;
        match h.error().await {
            ConnectionError::Frame(FrameError::BadMagic(found)) => assert_eq!(found, bytes[0]),
            e => panic!("{e:?}"),
        }
        h.assert_serves().await;
    }

    // Also after calls that went through: the stream is not trusted any more.
    let mut s = shaken(h.addr).await;
    s.write_all(&get_frame("k")).await.unwrap();
    assert_eq!(response(&mut s).await.1.status, Status::OK);
    let mut b = valid_header();
    b[0] = 0;
    s.write_all(&b).await.unwrap();
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::Frame(FrameError::BadMagic(0))));
    h.assert_serves().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_frame_version_closes_without_a_reply() {
    let mut h = Harness::kv().await;
    for version in [1u8, 2, 0xFF] {
        let mut b = valid_header();
        b[1] = version;
        let mut s = connect_raw(h.addr, &b).await;
        assert_closed(&mut s).await;
        let e = h.error().await;
        assert!(matches!(e, ConnectionError::Frame(FrameError::UnsupportedVersion(v)) if v == version), "{e:?}");
        assert_eq!(e.to_string(), format!("unsupported frame version {version} (this peer speaks 0)"));
        h.assert_serves().await;
    }
}

/// coro_rpc never reads `msg_type`: neither does this server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn msg_type_is_ignored() {
    let mut h = Harness::kv().await;
    let mut call = get_frame("absent");
    call[3] = 7;
    let mut s = connect_raw(h.addr, &call).await;
    let (reply, body) = response(&mut s).await;
    assert_eq!((reply.seq, reply.msg_type, body.status), (SEQ, 0, Status::OK));
    assert_eq!(Bincode.decode::<Option<String>>(&body.body, Payload::returns(&KvRpc::get)).unwrap(), None);
    h.assert_nothing_reported();
}

/// A call in another codec is answered `PROTOCOL_ERROR` naming both codecs,
/// and the connection stays (a C++ server closes it; this one can tell the
/// caller why). Nothing of the body is read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_serialize_type_is_a_protocol_error() {
    let mut h = Harness::kv().await;
    let mut s = shaken(h.addr).await;
    for serialize_type in [StructPack::SERIALIZE_TYPE, Postcard::SERIALIZE_TYPE, 0xFF] {
        let mut call = get_frame("k");
        call[2] = serialize_type;
        s.write_all(&call).await.unwrap();
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::PROTOCOL_ERROR);
        assert_eq!(
            message,
            format!("this server speaks bincode1 (serialize_type 66), the call is serialize_type {serialize_type}")
        );
    }
    s.write_all(&get_frame("absent")).await.unwrap();
    assert_eq!(response(&mut s).await.1.status, Status::OK, "the connection stays");
    h.assert_nothing_reported();
}

#[test]
fn request_header_decode_refuses_oversized_payloads_before_any_read() {
    let huge = header(1, u32::MAX, 0);
    let (r, largest) = support::largest_allocation(|| RequestHeader::decode(&huge.encode(), DEFAULT_MAX_FRAME));
    assert_eq!(r, Err(FrameError::TooLarge { len: 0xFFFF_FFFF, max: DEFAULT_MAX_FRAME }));
    assert_eq!(largest, 0, "decoding a header allocates nothing");

    // Body and attachment are added in 64 bits: two near-maximal halves cannot wrap around.
    let both = RequestHeader { attachment_len: u32::MAX, ..huge };
    assert_eq!(
        RequestHeader::decode(&both.encode(), u32::MAX),
        Err(FrameError::TooLarge { len: 0x1_FFFF_FFFE, max: u32::MAX })
    );
    let wraps_in_u32 = RequestHeader { attachment_len: 1, ..huge };
    assert_eq!(
        RequestHeader::decode(&wraps_in_u32.encode(), u32::MAX),
        Err(FrameError::TooLarge { len: 1 << 32, max: u32::MAX })
    );
    // The limit is inclusive.
    let at_limit = RequestHeader { body_len: 60, attachment_len: 4, ..huge };
    assert_eq!(RequestHeader::decode(&at_limit.encode(), 64), Ok(at_limit));
    let over = RequestHeader { attachment_len: 5, ..at_limit };
    assert_eq!(RequestHeader::decode(&over.encode(), 64), Err(FrameError::TooLarge { len: 65, max: 64 }));

    // The response side applies its own limit the same way.
    let reply = ResponseHeader { status: 0, msg_type: 0, seq: 1, body_len: u32::MAX, attachment_len: 0 };
    assert_eq!(
        ResponseHeader::decode(&reply.encode(), DEFAULT_MAX_FRAME),
        Err(FrameError::TooLarge { len: 0xFFFF_FFFF, max: DEFAULT_MAX_FRAME })
    );
    // Any status byte is read: a C++ service defines its own codes. 255
    // means the code is in the body (a struct_pack pair of it and the message).
    let mut other = reply.encode();
    other[2] = 42;
    let decoded = ResponseHeader::decode(&other, u32::MAX).unwrap();
    assert_eq!(Reply::status_of(decoded.status, &[]), Status(42));
    let big = Reply::error(Status(404), "rpc not found.".into());
    assert_eq!(big.status.byte(), 0xFF);
    assert_eq!((Reply::status_of(0xFF, &big.body), big.message().as_str()), (Status(404), "rpc not found."));

    // In-memory frames: a header that promises more than the buffer holds,
    // counted in whole-frame bytes.
    let short = [&header(1, 10, 2).encode()[..], b"abc"].concat();
    assert_eq!(frame::split_request(&short, 64), Err(FrameError::Truncated { needed: 32, got: 23 }));
    assert_eq!(frame::split_request(&short[..5], 64), Err(FrameError::Truncated { needed: 20, got: 5 }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_len_0xffff_ffff_is_refused_without_allocating() {
    let mut h = Harness::kv().await;
    for (body_len, attachment_len, len) in [(u32::MAX, 0, 0xFFFF_FFFFu64), (u32::MAX, u32::MAX, 0x1_FFFF_FFFE)] {
        // On a fresh connection, and after a handshake.
        for mut s in [TcpStream::connect(h.addr).await.unwrap(), shaken(h.addr).await] {
            // Only the header: the refusal must not depend on any body byte.
            s.write_all(&header(KvRpc::put.function_id, body_len, attachment_len).encode()).await.unwrap();
            let (status, message) = refusal(&mut s).await;
            assert_eq!(status, Status::MESSAGE_TOO_LARGE);
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
    // Over by one in the body, and over by one with an attachment.
    for (body_len, attachment_len) in [(MAX + 1, 0), (MAX - 10, 11)] {
        let mut s = shaken(h.addr).await;
        s.write_all(&header(KvRpc::put.function_id, body_len, attachment_len).encode()).await.unwrap();
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::MESSAGE_TOO_LARGE);
        assert_eq!(message, format!("frame of {} bytes exceeds the limit of {MAX} bytes", MAX + 1));
        assert_closed(&mut s).await;
        let e = h.error().await;
        assert!(
            matches!(e, ConnectionError::Frame(FrameError::TooLarge { len, max: MAX }) if len == u64::from(MAX) + 1)
        );
        h.assert_serves().await;
    }
    // Exactly at the limit is served: the code, then key and value strings
    // of 246 bytes each with their 8-byte lengths.
    let mut s = shaken(h.addr).await;
    let body = args(&KvRpc::put, &("k".repeat(246), "v".repeat(246)));
    assert_eq!(body.len(), MAX as usize);
    s.write_all(&request(KvRpc::put.function_id, &body, &[])).await.unwrap();
    let (_, reply) = response(&mut s).await;
    assert_eq!(reply.status, Status::OK);
    assert!(Bincode.decode::<bool>(&reply.body, Payload::returns(&KvRpc::put)).unwrap());
    // The server's handshake told the limit: a client refuses a larger call itself.
    let kv = KvClient::new(Client::builder().calls(KvRpc::HANDLERS).connect(h.addr).await.unwrap());
    assert_eq!(kv.transport.peer_contract().unwrap().max_frame, MAX);
    let e = kv.put("k".repeat(300), "v".repeat(300)).await.unwrap_err();
    assert!(matches!(e, CallError::FrameTooLarge { handler: "Kv::put", limit: MAX, .. }), "{e:?}");
    h.assert_nothing_reported();
}

// ---- connections that stop mid-frame -------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peer_closes_mid_frame() {
    let mut h = Harness::kv().await;

    // Part of a header.
    let mut s = connect_raw(h.addr, &valid_header()[..10]).await;
    s.shutdown().await.unwrap();
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::ClosedMidFrame { needed: 20, got: 10 }));
    h.assert_serves().await;

    // A header announcing 100 body bytes, then 10 of them.
    let mut bytes = header(KvRpc::put.function_id, 100, 0).encode().to_vec();
    bytes.extend_from_slice(&[0u8; 10]);
    let mut s = connect_raw(h.addr, &bytes).await;
    s.shutdown().await.unwrap();
    assert_closed(&mut s).await;
    let e = h.error().await;
    assert!(matches!(e, ConnectionError::ClosedMidFrame { needed: 100, got: 10 }), "{e:?}");
    assert_eq!(e.to_string(), "peer closed the connection mid-frame (10 of 100 bytes)");
    h.assert_serves().await;

    // After a handshake, a call cut short in its attachment (body 13 bytes:
    // the code, a u64 length and "k"; attachment 8, of which 3 arrive).
    let mut s = shaken(h.addr).await;
    let body = args(&KvRpc::get, &("k",));
    let mut bytes = header(KvRpc::get.function_id, body.len() as u32, 8).encode().to_vec();
    bytes.extend_from_slice(&body);
    bytes.extend_from_slice(&[1, 2, 3]);
    s.write_all(&bytes).await.unwrap();
    s.shutdown().await.unwrap();
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::ClosedMidFrame { needed: 21, got: 16 }));
    h.assert_serves().await;

    // A clean close between frames is not an error: the next report comes
    // from the next bad connection, not from this one.
    let s = shaken(h.addr).await;
    drop(s);
    let mut s = connect_raw(h.addr, &[0u8; REQUEST_HEADER_LEN]).await;
    assert_closed(&mut s).await;
    assert!(matches!(h.error().await, ConnectionError::Frame(FrameError::BadMagic(0))));
    h.assert_serves().await;
}

// ---- the handshake -------------------------------------------------------

/// A handshake is a call of the reserved handler: one that cannot be read
/// is refused like arguments that do not decode (`INVALID_ARGUMENTS`, with
/// the reason), and the connection stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_handshakes_are_refused() {
    let mut h = Harness::kv().await;
    let mut lying = b"WSRD\x02\x00\x08bincode1".to_vec();
    lying.extend_from_slice(&[0; 16]);
    lying.extend_from_slice(&DEFAULT_MAX_FRAME.to_le_bytes());
    lying.extend_from_slice(&[0, 0]);
    lying.extend_from_slice(&4_000_000_000u32.to_le_bytes());
    let mut trailing = client_ready().encode();
    trailing.push(0);
    // magic 4, version 2, codec 1 + 8, digest 16, max_frame 4, build 2 + 0, count 4: 41 bytes.
    let cut = &client_ready().encode()[..44];
    let cases: [(&[u8], &str); 5] = [
        (b"", "truncated at byte 0"),
        (b"not a ServiceReady message at all", "bad magic"),
        (cut, "the table claims 3 methods, but only 3 bytes follow"),
        (&lying, "the table claims 4000000000 methods"),
        (&trailing, "1 trailing bytes"),
    ];
    let mut s = TcpStream::connect(h.addr).await.unwrap();
    for (body, why) in cases {
        s.write_all(&handshake_frame(body)).await.unwrap();
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::INVALID_ARGUMENTS);
        assert!(message.starts_with("invalid ServiceReady: ") && message.contains(why), "{message}");
    }
    // The same connection then shakes hands and calls.
    s.write_all(&handshake_frame(&client_ready().encode())).await.unwrap();
    let (_, reply) = response(&mut s).await;
    assert_eq!(ServiceReady::decode(&reply.body).unwrap(), *kv_server().ready());
    s.write_all(&get_frame("absent")).await.unwrap();
    assert_eq!(response(&mut s).await.1.status, Status::OK);
    h.assert_nothing_reported();
    h.assert_serves().await;
    assert!(support::process_peak() < ALLOCATION_CEILING);
}

/// The server recomputes a handshake's digest (SPEC §5.1): a table that
/// carries the server's own digest over other codes, which `check()` would
/// otherwise take for identical, is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handshake_whose_digest_is_not_its_tables_is_refused() {
    let mut h = Harness::kv().await;
    let mut forged = client_ready();
    assert_eq!(forged.digest, kv_server().ready().digest, "the client's table is the server's");
    forged.methods[0].args_code ^= 0x10; // another layout, the digest left as it was
    let mut s = connect_raw(h.addr, &handshake_frame(&forged.encode())).await;
    let (status, message) = refusal(&mut s).await;
    assert_eq!(status, Status::INVALID_ARGUMENTS);
    assert!(message.starts_with("invalid ServiceReady: the digest does not match the method table: "), "{message}");
    h.assert_nothing_reported();
    h.assert_serves().await;
}

/// A C++ coro_rpc client never sends a handshake: calls are served
/// without one, each checked on its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_without_a_handshake_is_served() {
    let mut h = Harness::kv().await;
    let mut s = connect_raw(h.addr, &request(KvRpc::put.function_id, &args(&KvRpc::put, &("k", "v")), &[])).await;
    let (reply, body) = response(&mut s).await;
    assert_eq!((reply.seq, body.status), (SEQ, Status::OK));
    assert!(Bincode.decode::<bool>(&body.body, Payload::returns(&KvRpc::put)).unwrap());
    s.write_all(&get_frame("k")).await.unwrap();
    let (_, body) = response(&mut s).await;
    assert_eq!(
        Bincode.decode::<Option<String>>(&body.body, Payload::returns(&KvRpc::get)).unwrap().as_deref(),
        Some("v")
    );
    h.assert_nothing_reported();
}

/// Another codec or handshake version: the server answers the handshake
/// with its own table, and the caller's verdict says nothing can be called
/// (a client refuses to connect).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incompatible_handshakes_are_refused() {
    let mut h = Harness::kv().await;

    // A postcard client: the server answers its handshake (whatever the
    // codec, so the client learns the server's), and the client refuses to
    // connect: no call could work.
    let e = Client::builder().codec(Postcard).calls(KvRpc::HANDLERS).connect(h.addr).await.err().expect("refused");
    match &e {
        CallError::Refused(why) => {
            assert_eq!(why, "the peer cannot be called: codec `postcard1` here, `bincode1` on the peer")
        }
        e => panic!("{e:?}"),
    }
    h.assert_nothing_reported();

    // A table claiming another codec, or another handshake version, in a
    // bincode frame: answered with the server's table, which the sender
    // finds incompatible.
    let postcard = ServiceReady::new("postcard1", "", KvRpc::HANDLERS.iter().copied());
    let mut future = b"WSRD".to_vec();
    future.extend_from_slice(&3u16.to_le_bytes());
    future.extend_from_slice(b"whatever version 3 carries");
    for (body, why) in [
        (postcard.encode(), "codec `postcard1` here, `bincode1` on the peer"),
        (future.clone(), "handshake version 3 here, 2 on the peer"),
    ] {
        let mut s = connect_raw(h.addr, &handshake_frame(&body)).await;
        let (_, reply) = response(&mut s).await;
        assert_eq!(reply.status, Status::OK);
        let peer = ServiceReady::decode(&reply.body).unwrap();
        assert_eq!(peer, *kv_server().ready());
        let here = ServiceReady::decode(&body).unwrap();
        assert_eq!(here.check(&peer), Compat::Incompatible(why.to_owned()));
    }
    h.assert_nothing_reported();

    // A partial match is not refused: the verdict lists what is callable.
    let partial = Client::builder().calls(&[&KvRpc::get]).connect(h.addr).await.unwrap();
    assert!(partial.verdict().starts_with("PARTIAL: 1 of 1 handlers callable"), "{}", partial.verdict());
    assert!(partial.verdict().contains("incoming peer-only Kv::put"), "{}", partial.verdict());
}

// ---- calls ---------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_4_gib_string_prefix_is_refused_not_allocated() {
    let h = Harness::kv().await;
    let mut s = shaken(h.addr).await;
    for claimed in [1u64 << 32, u64::MAX, 1 << 40] {
        // `put(key: String, value: String)`: the key claims `claimed` bytes; 3 follow.
        let mut body = KvRpc::put.args_code.to_le_bytes().to_vec();
        body.extend_from_slice(&claimed.to_le_bytes());
        body.extend_from_slice(b"abc");
        s.write_all(&request(KvRpc::put.function_id, &body, &[])).await.unwrap();
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::INVALID_ARGUMENTS, "{message}");
        assert!(message.starts_with("`Kv::put`: the arguments did not decode: bincode1: "), "{message}");
    }
    // Trailing bytes after valid arguments are refused too.
    let mut body = args(&KvRpc::get, &("k",));
    body.push(0);
    s.write_all(&request(KvRpc::get.function_id, &body, &[])).await.unwrap();
    assert_eq!(refusal(&mut s).await.0, Status::INVALID_ARGUMENTS);

    // The connection is still good.
    s.write_all(&get_frame("absent")).await.unwrap();
    let (_, reply) = response(&mut s).await;
    assert_eq!(reply.status, Status::OK);
    assert_eq!(Bincode.decode::<Option<String>>(&reply.body, Payload::returns(&KvRpc::get)).unwrap(), None);
    assert!(
        support::process_peak() < ALLOCATION_CEILING,
        "a length prefix made the process allocate {} bytes",
        support::process_peak()
    );
    h.assert_serves().await;
}

/// The same over struct_pack, the C++ peers' codec: a size of width 8 (or
/// 4) claiming 4 GiB in a short body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_4_gib_struct_pack_size_is_refused_not_allocated() {
    let server = Server::new(StructPack::default()).add_service(KvServer::new(Store::default())).unwrap();
    let mut h = start(server).await;
    let mut s = TcpStream::connect(h.addr).await.unwrap();
    // metainfo: bits 4:3 are the size width, 3 = 8 bytes, 2 = 4 bytes.
    for (metainfo, size) in [(0b11 << 3, &(1u64 << 32).to_le_bytes()[..]), (0b10 << 3, &u32::MAX.to_le_bytes()[..])] {
        let mut body = (KvRpc::put.args_code | 1).to_le_bytes().to_vec();
        body.push(metainfo);
        body.extend_from_slice(size);
        body.extend_from_slice(b"abc");
        let mut call = header(KvRpc::put.function_id, body.len() as u32, 0);
        call.serialize_type = StructPack::SERIALIZE_TYPE;
        s.write_all(&[&call.encode()[..], &body].concat()).await.unwrap();
        let (status, message) = refusal(&mut s).await;
        assert_eq!(status, Status::INVALID_ARGUMENTS, "{message}");
        assert!(message.starts_with("`Kv::put`: the arguments did not decode: struct_pack: string size"), "{message}");
    }
    // A handler of no arguments does not look at the body, as coro_rpc's.
    let mut call = header(KvRpc::count.function_id, 3, 0);
    call.serialize_type = StructPack::SERIALIZE_TYPE;
    s.write_all(&[&call.encode()[..], &[1, 2, 3]].concat()).await.unwrap();
    let (_, reply) = response(&mut s).await;
    assert_eq!(reply.status, Status::OK);
    assert_eq!(StructPack::default().decode::<u64>(&reply.body, Payload::returns(&KvRpc::count)).unwrap(), 0);
    let kv = KvClient::new(
        Client::builder().codec(StructPack::default()).calls(KvRpc::HANDLERS).connect(h.addr).await.unwrap(),
    );
    assert!(kv.put("k".into(), "v".into()).await.unwrap());
    assert_eq!(kv.get("k".into()).await.unwrap().as_deref(), Some("v"));
    h.assert_nothing_reported();
    assert!(support::process_peak() < ALLOCATION_CEILING, "{} bytes", support::process_peak());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_ids_and_wrong_args_codes_keep_the_connection() {
    let mut h = Harness::kv().await;
    let mut s = shaken(h.addr).await;

    s.write_all(&request(0xDEAD_BEEF, &args(&KvRpc::get, &("k",)), &[])).await.unwrap();
    let (status, message) = refusal(&mut s).await;
    assert_eq!(status, Status::FUNCTION_NOT_REGISTERED);
    assert_eq!(message, "the rpc function not registered: no handler with function id 0xdeadbeef");

    // A wrong args code: the body after it is garbage, and it is never decoded.
    let code = KvRpc::get.args_code ^ 2;
    let body = [&code.to_le_bytes()[..], &[0xFF; 12]].concat();
    s.write_all(&request(KvRpc::get.function_id, &body, &[])).await.unwrap();
    let (status, message) = refusal(&mut s).await;
    assert_eq!(status, Status::INVALID_ARGUMENTS);
    let here = KvRpc::get.args_code;
    assert_eq!(
        message,
        format!(
            "`Kv::get`: args code {code:#010x} from the caller, {here:#010x} here: the argument layouts differ, \
             nothing was decoded"
        )
    );
    // No body at all for a handler of one argument: no code.
    s.write_all(&request(KvRpc::get.function_id, &[], &[])).await.unwrap();
    let (status, message) = refusal(&mut s).await;
    assert_eq!(status, Status::INVALID_ARGUMENTS);
    assert!(message.contains("args code no code from the caller"), "{message}");
    // A handler of no arguments takes an empty body; bincode refuses bytes
    // it would leave unread (struct_pack ignores them, as coro_rpc does:
    // see the struct_pack test).
    s.write_all(&request(KvRpc::count.function_id, &[1, 2, 3], &[])).await.unwrap();
    let (status, message) = refusal(&mut s).await;
    assert_eq!(status, Status::INVALID_ARGUMENTS);
    assert!(message.starts_with("`Kv::count`: the arguments did not decode: bincode1: "), "{message}");
    s.write_all(&request(KvRpc::count.function_id, &[], &[])).await.unwrap();
    assert_eq!(response(&mut s).await.1.status, Status::OK);

    s.write_all(&get_frame("absent")).await.unwrap();
    assert_eq!(response(&mut s).await.1.status, Status::OK);
    h.assert_nothing_reported();
    h.assert_serves().await;
}

/// Requests written back to back are answered, each by its sequence number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipelined_requests_are_answered_by_sequence_number() {
    let h = Harness::kv().await;
    let mut bytes = Vec::new();
    for seq in 100..110u32 {
        let mut call = get_frame(&format!("k{seq}"));
        call[4..8].copy_from_slice(&seq.to_le_bytes());
        bytes.extend_from_slice(&call);
    }
    let mut s = connect_raw(h.addr, &bytes).await;
    let mut seen = Vec::new();
    for _ in 100..110 {
        let (reply, body) = response(&mut s).await;
        assert_eq!(body.status, Status::OK);
        seen.push(reply.seq);
    }
    seen.sort();
    assert_eq!(seen, (100..110).collect::<Vec<_>>());
}

// ---- a hostile server ----------------------------------------------------

/// A "server" that reads one request (the handshake) and answers with `reply`.
async fn fake_server(reply: Vec<u8>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut head = [0u8; REQUEST_HEADER_LEN];
        s.read_exact(&mut head).await.unwrap();
        let h = RequestHeader::decode(&head, u32::MAX).unwrap();
        let mut rest = vec![0u8; h.payload_len() as usize];
        s.read_exact(&mut rest).await.unwrap();
        s.write_all(&reply).await.unwrap();
        // Keep the socket open briefly so the client reads what it was sent.
        tokio::time::sleep(Duration::from_millis(200)).await;
    });
    addr
}

async fn connect(addr: SocketAddr) -> Result<Client<Bincode>, CallError> {
    Client::builder().calls(KvRpc::HANDLERS).connect(addr).await
}

/// Why the connection went down while the handshake waited for its reply.
fn disconnected(e: CallError) -> String {
    match e {
        CallError::Disconnected { handler: "wire_contracts::ServiceReady", reason } => reason,
        e => panic!("expected the handshake to be cut off, got {e:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_refuses_hostile_replies() {
    let huge = ResponseHeader { status: 0, msg_type: 0, seq: 0, body_len: u32::MAX, attachment_len: 0 };
    let e = connect(fake_server(huge.encode().to_vec()).await).await.err().unwrap();
    assert_eq!(
        disconnected(e),
        format!("the peer sent a bad reply: frame of 4294967295 bytes exceeds the limit of {DEFAULT_MAX_FRAME} bytes")
    );

    let e = connect(fake_server(b"HTTP/1.1 400 Bad Request\r\n\r\n".to_vec()).await).await.err().unwrap();
    assert_eq!(disconnected(e), "the peer sent a bad reply: bad magic 0x48 (expected 0x15): not a coro_rpc frame");

    // A reply cut short: the header announces 50 bytes, 5 arrive, then close.
    let mut short = ResponseHeader { body_len: 50, ..huge }.encode().to_vec();
    short.extend_from_slice(b"WSRD\x02");
    let e = connect(fake_server(short).await).await.err().unwrap();
    assert_eq!(disconnected(e), "the peer closed the connection mid-reply");

    // A reply to another request (the handshake is request 0) is not taken
    // for the handshake's: dropped, and the handshake goes on waiting.
    let other = ResponseHeader { seq: 7, body_len: 0, ..huge }.encode().to_vec();
    let e = connect(fake_server(other).await).await.err().unwrap();
    assert_eq!(disconnected(e), "the peer closed the connection");

    // A well-framed reply whose ServiceReady is garbage.
    let mut garbage = ResponseHeader { body_len: 4, ..huge }.encode().to_vec();
    garbage.extend_from_slice(b"nope");
    let e = connect(fake_server(garbage).await).await.err().unwrap();
    assert!(matches!(e, CallError::Handshake(HandshakeError::BadMagic)), "{e:?}");

    // Another error status than "not registered": refused, with the message.
    let refusal = Reply::error(Status::PROTOCOL_ERROR, "go away".into());
    let mut answer =
        ResponseHeader { status: refusal.status.byte(), body_len: refusal.body.len() as u32, ..huge }.encode().to_vec();
    answer.extend_from_slice(&refusal.body);
    let e = connect(fake_server(answer).await).await.err().unwrap();
    assert!(
        matches!(&e, CallError::Refused(why) if why == "the handshake was answered ProtocolError (12): go away"),
        "{e:?}"
    );
    assert!(support::process_peak() < ALLOCATION_CEILING);
}

/// A C++ coro_rpc server answers the handshake `FUNCTION_NOT_REGISTERED`:
/// the client connects without the peer's contract (each call is then
/// checked on its own), unless it is strict.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_without_a_contract_is_accepted_unless_strict() {
    let not_registered = Reply::error(Status::FUNCTION_NOT_REGISTERED, "the rpc function not registered".into());
    let answer = || {
        let mut bytes = ResponseHeader {
            status: not_registered.status.byte(),
            msg_type: 0,
            seq: 0,
            body_len: not_registered.body.len() as u32,
            attachment_len: 0,
        }
        .encode()
        .to_vec();
        bytes.extend_from_slice(&not_registered.body);
        bytes
    };
    let client = connect(fake_server(answer()).await).await.unwrap();
    assert!(client.peer_contract().is_none());
    assert!(client.verdict().starts_with("NO CONTRACT: "), "{}", client.verdict());
    let strict = Client::builder()
        .calls(KvRpc::HANDLERS)
        .strict(wire_core::rpc::net::Strict::Callable)
        .connect(fake_server(answer()).await)
        .await;
    let Err(CallError::Refused(why)) = strict else { panic!("a strict client accepted a peer without a contract") };
    assert!(why.starts_with("strict: the peer has no contract to compare"), "{why}");
}
