//! The frames a real C++ coro_rpc client and server exchanged
//! (`tests/data/coro_rpc-frames.tsv`, release and debug builds), against
//! this library's frames and struct_pack codec:
//!
//! - every request the C++ client sent is what this library's client writes
//!   for the same call (its arguments read from the captured body and
//!   written again, in the same form, under the captured sequence number);
//! - every reply is read by this library's client as the C++ server meant
//!   it (a value, written again to the same bytes; an error status and its
//!   message, 255 with the code in the body);
//! - this library's server, serving the same handlers, answers every
//!   captured request with the captured reply, byte for byte, where its
//!   handlers can do what the C++ ones did (not: echoing the request's
//!   attachment, failing with a user's error code, or with C++'s exception
//!   message).

mod support;

use std::collections::HashMap;
use std::future::Future;
use std::task::{Context, Poll, Waker};
use support::hex::{hex, unhex};
use support::tsv;
use wire_core::Handler;
use wire_core::codec::{Codec, Payload, StructPack};
use wire_core::protocol::frame::{RequestHeader, ResponseHeader, Status, split_request, split_response};
use wire_core::rpc::{Incoming, Reply, Server};
use wire_core::wire_rpc;

/// The C++ test service, declared under its C++ names.
#[wire_rpc]
pub trait Cpp {
    #[wire(name = "add")]
    fn add(&self, a: i32, b: i32) -> i32;
    #[wire(name = "echo")]
    fn echo(&self, s: String) -> String;
    #[wire(name = "ping")]
    fn ping(&self);
    #[wire(name = "hi")]
    fn hi(&self) -> String;
    #[wire(name = "cat2")]
    fn cat2(&self, a: String, b: String) -> String;
    #[wire(name = "put")]
    fn put(&self, key: String, v: u64) -> u64;
    #[wire(name = "mix")]
    fn mix(&self, a: u32, o: Option<String>, v: Vec<u8>) -> u32;
    #[wire(name = "slow_echo")]
    async fn slow_echo(&self, s: String, ms: i32) -> String;
    #[wire(name = "att")]
    fn att(&self) -> u32;
    #[wire(name = "ns::Svc::method")]
    fn method(&self, s: String) -> String;
    #[wire(name = "coro_void")]
    async fn coro_void(&self);
    #[wire(name = "throws")]
    fn throws(&self);
    #[wire(name = "throws_rpc_error")]
    fn throws_rpc_error(&self);
}

/// The C++ handlers, in Rust.
struct Same;

impl Cpp for Same {
    fn add(&self, a: i32, b: i32) -> i32 {
        a + b
    }
    fn echo(&self, s: String) -> String {
        s
    }
    fn ping(&self) {}
    fn hi(&self) -> String {
        "hi".into()
    }
    fn cat2(&self, a: String, b: String) -> String {
        a + &b
    }
    fn put(&self, key: String, v: u64) -> u64 {
        key.len() as u64 + v
    }
    fn mix(&self, a: u32, o: Option<String>, v: Vec<u8>) -> u32 {
        a + o.map_or(100, |o| o.len() as u32) + v.len() as u32
    }
    async fn slow_echo(&self, s: String, _ms: i32) -> String {
        s
    }
    fn att(&self) -> u32 {
        0 // a handler here cannot see the request's attachment
    }
    fn method(&self, s: String) -> String {
        format!("m:{s}")
    }
    async fn coro_void(&self) {}
    fn throws(&self) {
        panic!("boom")
    }
    fn throws_rpc_error(&self) {
        panic!("a Rust handler has no user error codes")
    }
}

/// Handlers whose captured reply this library's server cannot reproduce.
const NOT_REPRODUCED: [(&str, &str); 3] = [
    ("att", "the handler echoes the request's attachment, which a handler here cannot see"),
    ("throws", "the C++ exception's message (`boom`) is the reply; this server's names the handler"),
    ("throws_rpc_error", "a user's error code (404); a handler here fails with rpc_throw_exception"),
];

/// Polls a future that never waits.
fn now<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("a handler waited"),
    }
}

/// One captured frame.
struct Captured {
    line: usize,
    build: String,
    conn: String,
    request: bool,
    frame: Vec<u8>,
}

fn captured() -> Vec<Captured> {
    let columns = ["build", "conn", "dir", "header", "body", "attachment"];
    tsv::read("coro_rpc-frames.tsv", &columns, columns.len())
        .into_iter()
        .map(|row| {
            let frame =
                [unhex(row.col(3), row.line), unhex(row.col(4), row.line), unhex(row.col(5), row.line)].concat();
            Captured {
                line: row.line,
                build: row.col(0).to_owned(),
                conn: row.col(1).to_owned(),
                request: row.col(2) == "request",
                frame,
            }
        })
        .collect()
}

/// The codec writing what a build of the C++ library writes.
fn codec(build: &str) -> StructPack {
    match build {
        "release" => StructPack::default(),
        "debug" => StructPack::with_literal(),
        other => panic!("unknown build {other}"),
    }
}

fn handler(function_id: u32) -> &'static Handler {
    CppRpc::HANDLERS.iter().find(|h| h.function_id == function_id).unwrap_or_else(|| {
        panic!("function id {function_id:#010x} is none of the service's: a C++ name is spelled differently")
    })
}

/// Reads a payload of `handler`'s arguments (or, `returns`, of its return
/// value) and writes it again, in the same codec form.
fn rewrite(codec: &StructPack, handler: &'static Handler, returns: bool, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let what = if returns { Payload::returns(handler) } else { Payload::args(handler) };
    macro_rules! typed {
        ($($name:literal => $args:ty, $ret:ty;)*) => {
            match (handler.name, returns) {
                $(
                    ($name, false) => again::<$args>(codec, what, bytes),
                    ($name, true) => again::<$ret>(codec, what, bytes),
                )*
                (name, _) => Err(format!("no types for `{name}`")),
            }
        };
    }
    fn again<T: serde::Serialize + serde::de::DeserializeOwned>(
        codec: &StructPack,
        what: Payload,
        bytes: &[u8],
    ) -> Result<Vec<u8>, String> {
        let value: T = codec.decode(bytes, what).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        codec.encode(&value, what, &mut out).map_err(|e| e.to_string())?;
        Ok(out)
    }
    typed! {
        "add" => (i32, i32), i32;
        "echo" => (String,), String;
        "ping" => (), ();
        "hi" => (), String;
        "cat2" => (String, String), String;
        "put" => (String, u64), u64;
        "mix" => (u32, Option<String>, Vec<u8>), u32;
        "slow_echo" => (String, i32), String;
        "att" => (), u32;
        "ns::Svc::method" => (String,), String;
        "coro_void" => (), ();
        "throws" => (), ();
        "throws_rpc_error" => (), ();
    }
}

#[test]
fn every_captured_frame_is_what_this_library_writes_and_reads() {
    let frames = captured();
    assert!(frames.len() >= 50, "the captures are there");
    let mut failures = Vec::new();
    // The request each reply answers: by build, connection and seq.
    let mut asked: HashMap<(String, String, u32), (&'static Handler, &Captured)> = HashMap::new();
    let (mut requests, mut replies, mut served, mut not_reproduced) = (0, 0, 0, 0);
    for c in &frames {
        let at = format!("coro_rpc-frames.tsv:{} ({} conn {})", c.line, c.build, c.conn);
        let codec = codec(&c.build);
        if c.request {
            requests += 1;
            let (header, body, attachment) = split_request(&c.frame, u32::MAX).expect("a request frame");
            let h = handler(header.function_id);
            assert_eq!((header.serialize_type, header.msg_type), (StructPack::SERIALIZE_TYPE, 0), "{at}");
            // This library's client writes the same request for the same call.
            let body_again = if h.args.is_empty() { Ok(Vec::new()) } else { rewrite(&codec, h, false, body) };
            match body_again {
                Ok(again) => {
                    let ours = RequestHeader {
                        serialize_type: StructPack::SERIALIZE_TYPE,
                        msg_type: 0,
                        seq: header.seq,
                        function_id: h.function_id,
                        body_len: again.len() as u32,
                        attachment_len: attachment.len() as u32,
                    };
                    let ours = [&ours.encode()[..], &again, attachment].concat();
                    if ours != c.frame {
                        failures.push(format!(
                            "{at}: `{}` request: ours {} theirs {}",
                            h.name,
                            hex(&ours),
                            hex(&c.frame)
                        ));
                    }
                }
                Err(e) => failures.push(format!("{at}: `{}` arguments: {e}", h.name)),
            }
            asked.insert((c.build.clone(), c.conn.clone(), header.seq), (h, c));
            continue;
        }
        replies += 1;
        let (header, body, _) = split_response(&c.frame, u32::MAX).expect("a response frame");
        let (h, request) = asked[&(c.build.clone(), c.conn.clone(), header.seq)];
        let status = Reply::status_of(header.status, body);
        let reply = Reply { status, body: body.to_vec(), attachment: Vec::new() };
        // This library's client reads it as the C++ server meant it.
        match status {
            Status::OK => match rewrite(&codec, h, true, body) {
                Ok(again) if again == body => {}
                Ok(again) => {
                    failures.push(format!("{at}: `{}` reply: ours {} theirs {}", h.name, hex(&again), hex(body)))
                }
                Err(e) => failures.push(format!("{at}: `{}` reply: {e}", h.name)),
            },
            Status::HANDLER_FAILED => assert_eq!((h.name, reply.message().as_str()), ("throws", "boom"), "{at}"),
            Status(404) => {
                assert_eq!(header.status, 0xFF, "{at}");
                assert_eq!((h.name, reply.message().as_str()), ("throws_rpc_error", "rpc not found."), "{at}");
            }
            other => failures.push(format!("{at}: status {other}")),
        }
        // This library's server answers the same request with the same reply.
        let server = Server::new(codec).add_service(CppServer::new(Same)).unwrap();
        let (rh, rbody, rattachment) = split_request(&request.frame, u32::MAX).unwrap();
        let ours = now(server.handle(Incoming { header: rh, body: rbody, attachment: rattachment }));
        if let Some((name, why)) = NOT_REPRODUCED.iter().find(|(name, _)| *name == h.name) {
            // The same status where there is one to give.
            let same = if *name == "throws_rpc_error" { Status::HANDLER_FAILED } else { status };
            assert_eq!(ours.status, same, "{at}: not reproduced: {why}");
            not_reproduced += 1;
            continue;
        }
        served += 1;
        let head = ResponseHeader {
            status: ours.status.byte(),
            msg_type: 0,
            seq: rh.seq,
            body_len: ours.body.len() as u32,
            attachment_len: ours.attachment.len() as u32,
        };
        let ours = [&head.encode()[..], &ours.body, &ours.attachment].concat();
        if ours != c.frame {
            failures.push(format!("{at}: `{}` served: ours {} theirs {}", h.name, hex(&ours), hex(&c.frame)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {requests} requests and {replies} replies differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(requests, replies, "every request was answered");
    assert_eq!(served + not_reproduced, replies);
    assert_eq!(not_reproduced, 2 * NOT_REPRODUCED.len(), "each handler not reproduced is called once per build");
}
