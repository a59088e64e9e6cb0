//! The harness of `tests/net_hostile.rs`: a `Kv` server on a loopback port
//! whose connection errors the tests read, a check that it still serves a
//! well-behaved client, and raw frames and reads for the hostile side.

use super::support;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::timeout;
use wire_core::codec::{Bincode, Codec};
use wire_core::protocol::frame::{
    DEFAULT_MAX_FRAME, Kind, REQUEST_HEADER_LEN, RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader, Status,
};
use wire_core::protocol::handshake::{Compat, ServiceReady};
use wire_core::rpc::Server;
use wire_core::rpc::net::{self, Connection, ConnectionError};
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

/// What the well-behaved client advertises: the handlers it calls.
pub fn client_ready() -> ServiceReady {
    ServiceReady::new(Bincode::NAME, "", KvRpc::HANDLERS.iter().copied())
}

/// A server on 127.0.0.1 with a random port; connection errors come out of `errors`.
pub struct Harness {
    pub addr: SocketAddr,
    errors: mpsc::UnboundedReceiver<ConnectionError>,
}

pub async fn start(server: Server<Bincode>) -> Harness {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, errors) = mpsc::unbounded_channel();
    tokio::spawn(net::serve(listener, Arc::new(server), move |_, e| {
        let _ = tx.send(e);
    }));
    Harness { addr, errors }
}

pub fn kv_server() -> Server<Bincode> {
    Server::new(Bincode).with_build("kv test server").serve(KvServer::new(Store::default())).unwrap()
}

impl Harness {
    pub async fn kv() -> Harness {
        start(kv_server()).await
    }

    /// The error the server reported for the last bad connection.
    pub async fn error(&mut self) -> ConnectionError {
        timeout(PATIENCE, self.errors.recv()).await.expect("the server reports the bad connection").unwrap()
    }

    /// A fresh, well-behaved client: handshake, then calls.
    pub async fn assert_serves(&self) {
        let conn = timeout(PATIENCE, Connection::connect(self.addr, Bincode, client_ready()))
            .await
            .expect("connects in time")
            .expect("handshake");
        assert_eq!(conn.compat(), Compat::Identical);
        assert_eq!(conn.peer().build, "kv test server");
        let kv = KvClient::new(conn);
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

pub fn call_header(function_id: u32, args_code: u32, body_len: u32) -> RequestHeader {
    RequestHeader { kind: Kind::Call, seq: 9, function_id, args_code, body_len, ext_len: 0 }
}

pub fn frame(header: RequestHeader, body: &[u8]) -> Vec<u8> {
    let mut f = header.encode().to_vec();
    f.extend_from_slice(body);
    f
}

/// A valid call frame for `Kv::get`.
pub fn get_frame(key: &str) -> Vec<u8> {
    let body = Bincode.encode(&(key,)).unwrap();
    frame(call_header(KvRpc::get.function_id, KvRpc::get.args_code, body.len() as u32), &body)
}

pub fn handshake_frame(body: &[u8]) -> Vec<u8> {
    frame(RequestHeader::handshake(body.len() as u32), body)
}

pub async fn connect_raw(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(bytes).await.unwrap();
    s
}

/// Reads one response: header and (UTF-8 or raw) body.
pub async fn response(s: &mut TcpStream) -> (ResponseHeader, Vec<u8>) {
    let mut head = [0u8; RESPONSE_HEADER_LEN];
    timeout(PATIENCE, s.read_exact(&mut head)).await.expect("a response in time").expect("a response header");
    let h = ResponseHeader::decode(&head, DEFAULT_MAX_FRAME).expect("a well-formed response header");
    let mut body = vec![0u8; h.body_len as usize];
    s.read_exact(&mut body).await.unwrap();
    (h, body)
}

pub async fn refusal(s: &mut TcpStream) -> (Status, String) {
    let (h, body) = response(s).await;
    (h.status, String::from_utf8(body).expect("error bodies are UTF-8"))
}

/// The server closed the connection (and sent nothing more).
pub async fn assert_closed(s: &mut TcpStream) {
    let mut b = [0u8; 1];
    match timeout(PATIENCE, s.read(&mut b)).await.expect("the server closes the connection") {
        Ok(0) => {}
        Ok(_) => panic!("unexpected bytes after the refusal"),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
}

/// A handshaken raw connection.
pub async fn shaken(addr: SocketAddr) -> TcpStream {
    let mut s = connect_raw(addr, &handshake_frame(&client_ready().encode())).await;
    let (h, body) = response(&mut s).await;
    assert_eq!(h.status, Status::Ok);
    assert_eq!(ServiceReady::decode(&body).unwrap(), *kv_server().ready());
    s
}

pub fn valid_header() -> [u8; REQUEST_HEADER_LEN] {
    call_header(KvRpc::get.function_id, KvRpc::get.args_code, 0).encode()
}
