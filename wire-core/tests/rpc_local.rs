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
use wire_core::codec::{Bincode, Codec, CodecError, Payload};
use wire_core::protocol::frame::Status;
use wire_core::protocol::handshake::ServiceReady;
use wire_core::rpc::{self, CallError, Local, Outgoing, Reply, Server, Transport};
use wire_core::{Handler, wire_rpc};

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
    const SERIALIZE_TYPE: u8 = Bincode::SERIALIZE_TYPE;

    fn encode<T: Serialize + ?Sized>(&self, value: &T, payload: Payload, out: &mut Vec<u8>) -> Result<(), CodecError> {
        Bincode.encode(value, payload, out)
    }

    fn decode<T: DeserializeOwned>(&self, bytes: &[u8], payload: Payload) -> Result<T, CodecError> {
        self.decoded.lock().unwrap().push(type_name::<T>());
        Bincode.decode(bytes, payload)
    }
}

/// Whether a decode log shows only the server decoding arguments.
fn server_only(log: &[&str]) -> bool {
    // The server decodes argument tuples; no handler here returns a tuple.
    log.iter().all(|t| t.starts_with('('))
}

fn v1_server() -> Arc<Server<Logged>> {
    Arc::new(Server::new(Logged::default()).add_service(StoreV1Server::new(V1)).unwrap())
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
        matches!(&e, CallError::FunctionNotRegistered { handler: "Store::added", function_id } if *function_id == id),
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
    let CallError::InvalidArguments { handler, caller: c, server: s, message } = &e else { panic!("{e:?}") };
    assert_eq!((*handler, *c, *s), ("Store::get", caller, Some(served)), "the server's code from its handshake");
    // The server compared the code the body starts with: its message names both.
    for code in [caller, served] {
        assert!(message.contains(&format!("{code:#010x}")), "{message}");
    }
    let shown = e.to_string();
    assert!(shown.starts_with("InvalidArguments: `Store::get`"), "{shown}");
    assert!(shown.contains(&format!("{caller:#010x}")) && shown.contains(&format!("{served:#010x}")), "{shown}");
    assert!(shown.contains("nothing was decoded"), "{shown}");
    assert_eq!(server.codec().take(), Vec::<&str>::new(), "the server decoded nothing");
}

/// A transport that does not tell the peer's contract (a C++ coro_rpc peer
/// has none to tell): the client cannot know the server's code, the server
/// still refuses the call before decoding, and says both codes itself.
struct NoContract<T>(T);

impl<T: Transport> Transport for NoContract<T> {
    type Codec = T::Codec;

    fn codec(&self) -> &T::Codec {
        self.0.codec()
    }

    async fn send(&self, handler: &'static Handler, request: Outgoing) -> Result<Reply, CallError> {
        self.0.send(handler, request).await
    }
}

#[tokio::test]
async fn the_server_checks_the_args_code_when_the_client_knows_nothing_of_it() {
    let server = v1_server();
    let v2 = StoreV2Client::new(NoContract(Local::new(Arc::clone(&server))));
    let (caller, served) = (StoreV2Rpc::get.args_code, StoreV1Rpc::get.args_code);
    let e = v2.get(7).await.unwrap_err();
    let CallError::InvalidArguments { handler: "Store::get", caller: c, server: None, message } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(*c, caller);
    assert!(message.contains(&format!("{caller:#010x}")) && message.contains(&format!("{served:#010x}")), "{message}");
    assert!(e.to_string().contains(message.as_str()), "{e}");
    assert_eq!(server.codec().take(), Vec::<&str>::new(), "the server decoded nothing");
}

#[tokio::test]
async fn invalid_return_is_caught_before_decoding() {
    let server = v1_server();
    let v2 = StoreV2Client::new(Local::new(Arc::clone(&server)));
    let e = v2.size().await.unwrap_err();
    let (caller, served) = (StoreV2Rpc::size.return_code, StoreV1Rpc::size.return_code);
    match &e {
        CallError::InvalidReturn { handler, caller: c, server: s } => {
            assert_eq!((*handler, *c, *s), ("Store::size", caller, served))
        }
        e => panic!("{e:?}"),
    }
    let shown = e.to_string();
    assert!(shown.contains(&format!("{caller:#010x}")) && shown.contains(&format!("{served:#010x}")), "{shown}");
    let log = server.codec().take();
    assert!(server_only(&log), "the client decoded the reply: {log:?}");
}

/// What a [`Rewrite`] does to a reply's body.
type BodyRewrite = fn(Vec<u8>) -> Vec<u8>;

/// Rewrites every reply's body on the way back: its leading code (the
/// return code), or the whole body.
struct Rewrite<T> {
    inner: T,
    body: BodyRewrite,
}

impl<T: Transport> Transport for Rewrite<T> {
    type Codec = T::Codec;

    fn codec(&self) -> &T::Codec {
        self.inner.codec()
    }

    async fn send(&self, handler: &'static Handler, request: Outgoing) -> Result<Reply, CallError> {
        let mut reply = self.inner.send(handler, request).await?;
        reply.body = (self.body)(reply.body);
        Ok(reply)
    }
}

#[tokio::test]
async fn a_rewritten_return_code_is_refused_and_the_reply_never_decoded() {
    let server = v1_server();
    let expected = StoreV1Rpc::echo.return_code;
    // A reply that would decode fine but for its code, and garbage after a
    // wrong code: neither is read. An empty body has no code at all (0).
    let rewrites: [(BodyRewrite, u32); 3] = [
        (|body| [&0x1234_5678u32.to_le_bytes()[..], &body[4..]].concat(), 0x1234_5678),
        (|_| [&0x1234_5678u32.to_le_bytes()[..], &[0xFF; 3]].concat(), 0x1234_5678),
        (|_| Vec::new(), 0),
    ];
    for (body, sent) in rewrites {
        let client = StoreV1Client::new(Rewrite { inner: Local::new(Arc::clone(&server)), body });
        let e = client.echo("hello".into()).await.unwrap_err();
        match &e {
            CallError::InvalidReturn { handler, caller, server } => {
                assert_eq!((*handler, *caller, *server), ("Store::echo", expected, sent))
            }
            e => panic!("{e:?}"),
        }
        assert_eq!(
            e.to_string(),
            format!(
                "InvalidReturn: `Store::echo` return code {expected:#010x} here, {sent:#010x} from the server: \
                 the reply was not decoded"
            )
        );
        let log = server.codec().take();
        assert_eq!(log.len(), 1, "{log:?}");
        assert!(server_only(&log), "the client decoded the reply: {log:?}");
    }

    // The same wrapper leaving the body alone passes the reply through.
    let transport = Rewrite { inner: Local::new(Arc::clone(&server)), body: |body| body };
    assert_eq!(StoreV1Client::new(transport).echo("hello".into()).await.unwrap(), "hello");
}

/// Right id and args code (the untyped `rpc::call` trusts its caller),
/// wrong bytes: a bare u32 where a String is expected. The server finds out
/// decoding, and answers coro_rpc's `invalid_rpc_arguments` (4) as for a
/// code that differs; the message says what failed.
#[tokio::test]
async fn a_body_the_server_cannot_decode_is_invalid_arguments() {
    let server = v1_server();
    let local = Local::new(Arc::clone(&server));
    let e = rpc::call::<_, _, Option<String>>(&local, &StoreV1Rpc::get, &(5u32,), Vec::new()).await.unwrap_err();
    let args = StoreV1Rpc::get.args_code;
    match &e {
        CallError::InvalidArguments { handler: "Store::get", caller, server: Some(server), message } => {
            assert_eq!((*caller, *server), (args, args));
            assert!(message.starts_with("`Store::get`: the arguments did not decode: bincode1: "), "{message}");
        }
        e => panic!("{e:?}"),
    }
    // Same codes: not reported as a layout mismatch.
    let shown = e.to_string();
    assert!(!shown.contains("layouts differ") && shown.contains("the server refused it"), "{shown}");
    assert_eq!(server.codec().take(), [type_name::<(String,)>()], "the server tried, and only the server");

    // Trailing bytes after valid arguments are refused the same way.
    let mut body = Vec::new();
    Bincode.encode(&("k",), Payload::args(&StoreV1Rpc::get), &mut body).unwrap();
    body.push(0);
    let reply =
        local.send(&StoreV1Rpc::get, Outgoing { function_id: StoreV1Rpc::get.function_id, body, attachment: vec![] });
    let reply = reply.await.unwrap();
    assert_eq!(reply.status, Status::INVALID_ARGUMENTS);
    assert!(reply.message().contains("bytes remaining"), "{}", reply.message());
}

#[tokio::test]
async fn local_applies_the_servers_frame_limit() {
    let server = Arc::new(Server::new(Bincode).with_max_frame(32).add_service(StoreV1Server::new(V1)).unwrap());
    let client = StoreV1Client::new(Local::new(server));
    // The code, a u64 length and 20 bytes: 32, at the limit (the reply is as long).
    assert_eq!(client.echo("x".repeat(20)).await.unwrap().len(), 20);
    let e = client.echo("x".repeat(21)).await.unwrap_err();
    assert!(matches!(e, CallError::FrameTooLarge { handler: "Store::echo", size: 33, limit: 32 }), "{e:?}");
}

/// A reply larger than the server's limit is not sent: an error status
/// naming the handler takes its place.
#[tokio::test]
async fn a_reply_over_the_limit_is_message_too_large() {
    struct Big;
    #[wire_rpc]
    pub trait Inflate {
        fn inflate(&self, n: u32) -> Vec<u8>;
    }
    impl Inflate for Big {
        fn inflate(&self, n: u32) -> Vec<u8> {
            vec![0; n as usize]
        }
    }
    let server = Arc::new(Server::new(Bincode).with_max_frame(64).add_service(InflateServer::new(Big)).unwrap());
    let client = InflateClient::new(Local::new(server));
    // The code, a u64 length and 52 bytes: 64, at the limit.
    assert_eq!(client.inflate(52).await.unwrap().len(), 52);
    let e = client.inflate(53).await.unwrap_err();
    match &e {
        CallError::Remote { handler: "Inflate::inflate", status: Status::MESSAGE_TOO_LARGE, message } => {
            assert!(message.contains("a reply of 65 bytes, over the frame limit of 64 bytes"), "{message}")
        }
        e => panic!("{e:?}"),
    }
}

/// `Local` hands the client the server's own handshake.
#[test]
fn local_tells_the_servers_contract() {
    let server = v1_server();
    let local = Local::new(Arc::clone(&server));
    let peer: Arc<ServiceReady> = local.peer().expect("a server in this process has a contract");
    assert_eq!(*peer, *server.ready());
    assert_eq!(peer.methods.len(), StoreV1Rpc::HANDLERS.len());
}
