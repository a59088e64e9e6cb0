//! The in-process transport (`rpc::Local`) and the client/server code checks:
//! a v2 client calls a v1 server of the same service, and every layout
//! mismatch is reported by name with both codes, with nothing decoded.
//!
//! A logging codec records every type either side decodes, so "the body was
//! never decoded" is observed, not inferred.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::any::type_name;
use std::sync::{Arc, Mutex};
use wire_core::codec::{Bincode, Codec, CodecError};
use wire_core::protocol::frame::{FrameError, RequestHeader, ResponseHeader, Status};
use wire_core::rpc::{self, CallError, Local, Server, Transport};
use wire_core::wire_rpc;

/// The deployed server's contract.
#[wire_rpc]
#[wire(name = "Store")]
pub trait StoreV1 {
    fn get(&self, key: String) -> Option<String>;
    fn size(&self) -> u64;
    fn echo(&self, text: String) -> String;
}

/// A newer client's view of the same service: `get` takes another key type,
/// `size` returns another width, `added` is new, `echo` is unchanged.
#[wire_rpc]
#[wire(name = "Store")]
pub trait StoreV2 {
    fn get(&self, key: u64) -> Option<String>;
    fn size(&self) -> u32;
    fn echo(&self, text: String) -> String;
    fn added(&self) -> bool;
}

struct V1;

impl StoreV1 for V1 {
    fn get(&self, key: String) -> Option<String> {
        (key == "k").then(|| "v".to_owned())
    }

    fn size(&self) -> u64 {
        u64::MAX
    }

    fn echo(&self, text: String) -> String {
        text
    }
}

/// Bincode, recording the type of every decode (server and client share it
/// through `Local`).
#[derive(Default)]
struct Logged {
    decoded: Mutex<Vec<&'static str>>,
}

impl Logged {
    fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut *self.decoded.lock().unwrap())
    }
}

impl Codec for Logged {
    const NAME: &'static str = Bincode::NAME;

    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Vec<u8>, CodecError> {
        Bincode.encode(value)
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, CodecError> {
        self.decoded.lock().unwrap().push(type_name::<T>());
        Bincode.decode(bytes)
    }
}

/// Whether a decode log shows only the server decoding arguments.
fn server_only(log: &[&str]) -> bool {
    // The server decodes argument tuples; no handler here returns a tuple.
    log.iter().all(|t| t.starts_with('('))
}

fn v1_server() -> Arc<Server<Logged>> {
    Arc::new(Server::new(Logged::default()).serve(StoreV1Server::new(V1)).unwrap())
}

#[tokio::test]
async fn matching_calls_decode_once_on_each_side() {
    let server = v1_server();
    let v1 = StoreV1Client::new(Local::new(Arc::clone(&server)));
    assert_eq!(v1.get("k".into()).await.unwrap().as_deref(), Some("v"));
    assert_eq!(v1.size().await.unwrap(), u64::MAX);
    let log = server.codec().take();
    assert_eq!(log.len(), 4, "{log:?}");
    assert!(log[0] == type_name::<(String,)>() && log[1] == type_name::<Option<String>>(), "{log:?}");

    // The unchanged method of the newer client works against the old server.
    let v2 = StoreV2Client::new(Local::new(Arc::clone(&server)));
    assert_eq!(v2.echo("hi".into()).await.unwrap(), "hi");
}

#[tokio::test]
async fn function_not_registered() {
    let server = v1_server();
    let v2 = StoreV2Client::new(Local::new(Arc::clone(&server)));
    let e = v2.added().await.unwrap_err();
    let id = StoreV2Rpc::added.function_id;
    assert!(
        matches!(&e, CallError::FunctionNotRegistered { handler, function_id } if handler == "Store::added" && *function_id == id),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        format!("FunctionNotRegistered: the peer has no `Store::added` (function id {id:#010x})")
    );
    assert_eq!(server.codec().take(), Vec::<&str>::new(), "nothing is decoded");
}

#[tokio::test]
async fn invalid_arguments_names_the_handler_and_both_codes() {
    let server = v1_server();
    let v2 = StoreV2Client::new(Local::new(Arc::clone(&server)));
    let (caller, served) = (StoreV2Rpc::get.args_code, StoreV1Rpc::get.args_code);
    assert_eq!(StoreV2Rpc::get.function_id, StoreV1Rpc::get.function_id);
    assert_ne!(caller, served);

    let e = v2.get(7).await.unwrap_err();
    match &e {
        CallError::InvalidArguments { handler, caller: c, server: s } => {
            assert_eq!((handler.as_str(), *c, *s), ("Store::get", caller, served))
        }
        e => panic!("{e:?}"),
    }
    let shown = e.to_string();
    assert!(shown.starts_with("InvalidArguments: `Store::get`"), "{shown}");
    assert!(shown.contains(&format!("{caller:#010x}")) && shown.contains(&format!("{served:#010x}")), "{shown}");
    assert!(shown.contains("nothing was decoded"), "{shown}");
    assert_eq!(server.codec().take(), Vec::<&str>::new(), "the server decoded nothing");

    // Without the check (benchmarks only) the server would decode a u64 as a String.
    let unchecked = StoreV2Client::new(Local::unchecked(Arc::clone(&server)));
    let e = unchecked.get(7).await.unwrap_err();
    assert!(matches!(&e, CallError::Remote { status: Status::DecodeFailed, .. }), "{e:?}");
}

#[tokio::test]
async fn invalid_return_is_caught_before_decoding() {
    let server = v1_server();
    let v2 = StoreV2Client::new(Local::new(Arc::clone(&server)));
    let e = v2.size().await.unwrap_err();
    let (caller, served) = (StoreV2Rpc::size.return_code, StoreV1Rpc::size.return_code);
    match &e {
        CallError::InvalidReturn { handler, caller: c, server: s } => {
            assert_eq!((handler.as_str(), *c, *s), ("Store::size", caller, served))
        }
        e => panic!("{e:?}"),
    }
    let shown = e.to_string();
    assert!(shown.contains(&format!("{caller:#010x}")) && shown.contains(&format!("{served:#010x}")), "{shown}");
    let log = server.codec().take();
    assert!(server_only(&log), "the client decoded the reply: {log:?}");
}

/// Rewrites every reply's return code (and optionally its body) on the way back.
struct Rewrite<T> {
    inner: T,
    return_code: u32,
    body: Option<Vec<u8>>,
}

impl<T: Transport> Transport for Rewrite<T> {
    type Codec = T::Codec;

    fn codec(&self) -> &T::Codec {
        self.inner.codec()
    }

    async fn round_trip(&self, header: RequestHeader, body: Vec<u8>) -> Result<(ResponseHeader, Vec<u8>), CallError> {
        let (mut reply, mut body) = self.inner.round_trip(header, body).await?;
        reply.return_code = self.return_code;
        if let Some(b) = &self.body {
            body = b.clone();
            reply.body_len = body.len() as u32;
        }
        Ok((reply, body))
    }
}

#[tokio::test]
async fn a_rewritten_return_code_is_refused_and_the_reply_never_decoded() {
    let server = v1_server();
    let expected = StoreV1Rpc::echo.return_code;
    // A reply that would decode fine, and garbage that would not: neither is read.
    for body in [None, Some(vec![0xFF; 3])] {
        let transport = Rewrite { inner: Local::new(Arc::clone(&server)), return_code: 0x1234_5678, body };
        let client = StoreV1Client::new(transport);
        let e = client.echo("hello".into()).await.unwrap_err();
        match &e {
            CallError::InvalidReturn { handler, caller, server } => {
                assert_eq!((handler.as_str(), *caller, *server), ("Store::echo", expected, 0x1234_5678))
            }
            e => panic!("{e:?}"),
        }
        assert_eq!(
            e.to_string(),
            format!(
                "InvalidReturn: `Store::echo` return code {expected:#010x} here, 0x12345678 from the server: \
                 the reply was not decoded"
            )
        );
        let log = server.codec().take();
        assert_eq!(log.len(), 1, "{log:?}");
        assert!(server_only(&log), "the client decoded the reply: {log:?}");
    }

    // The same wrapper with the right code passes the reply through.
    let transport = Rewrite { inner: Local::new(Arc::clone(&server)), return_code: expected, body: None };
    assert_eq!(StoreV1Client::new(transport).echo("hello".into()).await.unwrap(), "hello");
}

#[tokio::test]
async fn a_body_the_server_cannot_decode_is_a_remote_decode_failure() {
    let server = v1_server();
    let local = Local::new(Arc::clone(&server));
    // Right id and args code (the untyped `rpc::call` trusts its caller),
    // wrong bytes: a bare u32 where a String is expected.
    let e = rpc::call::<_, _, Option<String>>(&local, &StoreV1Rpc::get, &(5u32,)).await.unwrap_err();
    match &e {
        CallError::Remote { handler, status: Status::DecodeFailed, message } => {
            assert_eq!(handler, "Store::get");
            assert!(message.starts_with("`Store::get`: bincode1: "), "{message}");
        }
        e => panic!("{e:?}"),
    }
}

#[tokio::test]
async fn local_applies_the_servers_frame_limit() {
    let server = Arc::new(Server::new(Bincode).with_max_frame(32).serve(StoreV1Server::new(V1)).unwrap());
    let client = StoreV1Client::new(Local::new(server));
    assert_eq!(client.echo("x".repeat(24)).await.unwrap().len(), 24); // 8 + 24 bytes: at the limit
    let e = client.echo("x".repeat(25)).await.unwrap_err();
    assert!(matches!(e, CallError::Frame(FrameError::TooLarge { len: 33, max: 32 })), "{e:?}");
}
