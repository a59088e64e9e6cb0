//! The harness of `tests/net_hostile.rs`: a `Kv` server on a loopback port
//! whose connection errors the tests read, a check that it still serves a
//! well-behaved client, and raw coro_rpc frames and reads for the hostile
//! side.

use super::support;
use serde::Serialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::timeout;
use wire_core::Handler;
use wire_core::codec::{Bincode, Codec, Payload};
use wire_core::protocol::frame::{
    DEFAULT_MAX_FRAME, REQUEST_HEADER_LEN, RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader, Status,
};
use wire_core::protocol::handshake::{self, ServiceReady};
use wire_core::rpc::net::{Client, ConnectionError, ServeConfig, ServeError, serve};
use wire_core::rpc::{Reply, Server};
use wire_core::wire_rpc;

#[wire_rpc]
pub trait Kv {
    fn get(&self, key: String) -> Option<String>;
    fn put(&self, key: String, value: String) -> bool;
    async fn count(&self) -> u64;
}

#[derive(Default)]
pub struct Store(Mutex<HashMap<String, String>>);

impl Kv for Store {
    fn get(&self, key: String) -> Option<String> {
        self.0.lock().unwrap().get(&key).cloned()
    }

    fn put(&self, key: String, value: String) -> bool {
        self.0.lock().unwrap().insert(key, value).is_none()
    }

    async fn count(&self) -> u64 {
        self.0.lock().unwrap().len() as u64
    }
}

/// No hostile test may make the process allocate anything near what a
/// header or length prefix claims (4 GiB); real traffic here is tiny.
pub const ALLOCATION_CEILING: usize = 8 << 20;

pub const PATIENCE: Duration = Duration::from_secs(10);

/// The sequence number of every raw request.
pub const SEQ: u32 = 9;

/// What the well-behaved client advertises: the handlers it calls.
pub fn client_ready() -> ServiceReady {
    ServiceReady::new(Bincode::NAME, "", KvRpc::HANDLERS.iter().copied())
}

/// A server on 127.0.0.1 with a random port; what it reports comes out of `errors`.
pub struct Harness {
    pub addr: SocketAddr,
    errors: mpsc::UnboundedReceiver<ServeError>,
}

pub async fn start<C: Codec>(server: Server<C>) -> Harness {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, errors) = mpsc::unbounded_channel();
    let config = ServeConfig::default().on_error(move |e| {
        let _ = tx.send(e);
    });
    tokio::spawn(serve(listener, Arc::new(server), config));
    Harness { addr, errors }
}

pub fn kv_server() -> Server<Bincode> {
    Server::new(Bincode).with_build("kv test server").add_service(KvServer::new(Store::default())).unwrap()
}

impl Harness {
    pub async fn kv() -> Harness {
        start(kv_server()).await
    }

    /// The error the server reported for the last bad connection.
    pub async fn error(&mut self) -> ConnectionError {
        match timeout(PATIENCE, self.errors.recv()).await.expect("the server reports the bad connection").unwrap() {
            ServeError::Connection { error, .. } => error,
            other => panic!("expected a connection error, the server reported {other}"),
        }
    }

    /// The server reported nothing so far: what was refused was a call, not
    /// the connection.
    pub fn assert_nothing_reported(&mut self) {
        if let Ok(e) = self.errors.try_recv() {
            panic!("the server reported {e}");
        }
    }

    /// A fresh, well-behaved client: handshake, then calls.
    pub async fn assert_serves(&self) {
        let client = timeout(PATIENCE, Client::builder().calls(KvRpc::HANDLERS).connect(self.addr))
            .await
            .expect("connects in time")
            .expect("handshake");
        assert!(client.verdict().starts_with("IDENTICAL"), "{}", client.verdict());
        assert_eq!(client.peer_contract().expect("the server tells its contract").build, "kv test server");
        let kv = KvClient::new(client);
        let key = format!("key-{}", rand_ish());
        assert!(kv.put(key.clone(), "v".into()).await.unwrap());
        assert_eq!(kv.get(key).await.unwrap().as_deref(), Some("v"));
        assert!(kv.count().await.unwrap() >= 1);
        assert!(
            support::process_peak() < ALLOCATION_CEILING,
            "largest allocation so far: {} bytes",
            support::process_peak()
        );
    }
}

pub fn rand_ish() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(0u8)
}

/// A bincode request header of sequence number [`SEQ`].
pub fn header(function_id: u32, body_len: u32, attachment_len: u32) -> RequestHeader {
    RequestHeader {
        serialize_type: Bincode::SERIALIZE_TYPE,
        msg_type: 0,
        seq: SEQ,
        function_id,
        body_len,
        attachment_len,
    }
}

/// A whole request frame: header, body, attachment.
pub fn request(function_id: u32, body: &[u8], attachment: &[u8]) -> Vec<u8> {
    let mut f = header(function_id, body.len() as u32, attachment.len() as u32).encode().to_vec();
    f.extend_from_slice(body);
    f.extend_from_slice(attachment);
    f
}

/// The bincode payload of `handler`'s arguments.
pub fn args<A: Serialize + ?Sized>(handler: &'static Handler, args: &A) -> Vec<u8> {
    let mut body = Vec::new();
    Bincode.encode(args, Payload::args(handler), &mut body).unwrap();
    body
}

/// A valid call frame for `Kv::get`.
pub fn get_frame(key: &str) -> Vec<u8> {
    request(KvRpc::get.function_id, &args(&KvRpc::get, &(key,)), &[])
}

/// A call of the reserved handshake handler with `body`.
pub fn handshake_frame(body: &[u8]) -> Vec<u8> {
    request(handshake::FUNCTION_ID, body, &[])
}

pub async fn connect_raw(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(bytes).await.unwrap();
    s
}

/// Reads one response: its header, and its status, body and attachment.
pub async fn response(s: &mut TcpStream) -> (ResponseHeader, Reply) {
    let mut head = [0u8; RESPONSE_HEADER_LEN];
    timeout(PATIENCE, s.read_exact(&mut head)).await.expect("a response in time").expect("a response header");
    let h = ResponseHeader::decode(&head, DEFAULT_MAX_FRAME).expect("a well-formed response header");
    assert_eq!(h.msg_type, 0);
    let mut body = vec![0u8; h.body_len as usize];
    s.read_exact(&mut body).await.unwrap();
    let mut attachment = vec![0u8; h.attachment_len as usize];
    s.read_exact(&mut attachment).await.unwrap();
    (h, Reply { status: Reply::status_of(h.status, &body), body, attachment })
}

/// Reads an error response: its status and message, as coro_rpc writes
/// them (the message a struct_pack string).
pub async fn refusal(s: &mut TcpStream) -> (Status, String) {
    let (h, reply) = response(s).await;
    assert_eq!(h.seq, SEQ, "the refusal answers the request");
    assert_ne!(reply.status, Status::OK);
    let message = wire_core::codec::struct_pack::from_slice::<String>(&reply.body).expect("a struct_pack string");
    (reply.status, message)
}

/// The server closed the connection, and sent nothing (more).
pub async fn assert_closed(s: &mut TcpStream) {
    let mut b = [0u8; 1];
    match timeout(PATIENCE, s.read(&mut b)).await.expect("the server closes the connection") {
        Ok(0) => {}
        Ok(_) => panic!("unexpected bytes: the server answered"),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
}

/// A raw connection that has exchanged handshakes (which no call needs).
pub async fn shaken(addr: SocketAddr) -> TcpStream {
    let mut s = connect_raw(addr, &handshake_frame(&client_ready().encode())).await;
    let (h, reply) = response(&mut s).await;
    assert_eq!((h.seq, reply.status), (SEQ, Status::OK));
    let (peer, ours) = (ServiceReady::decode(&reply.body).unwrap(), client_ready());
    assert_eq!((peer.digest, peer.methods, peer.build.as_str()), (ours.digest, ours.methods, "kv test server"));
    s
}

/// A header of a `Kv::get` call announcing no body.
pub fn valid_header() -> [u8; REQUEST_HEADER_LEN] {
    header(KvRpc::get.function_id, 0, 0).encode()
}
