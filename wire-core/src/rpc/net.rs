//! TCP serving and calling over tokio (feature `net`).
//!
//! A connection starts with the handshake: the client sends its
//! [`ServiceReady`], the server answers with its own, and each side computes
//! the [`Compat`] verdict; the server refuses an
//! `Incompatible` peer (another codec or handshake version). Then calls
//! flow, one at a time per connection. A malformed, oversized or truncated
//! frame closes that connection with an error; the server goes on serving
//! the others.

use crate::codec::Codec;
use crate::protocol::frame::{
    FrameError, Kind, REQUEST_HEADER_LEN, RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader, Status,
};
use crate::protocol::handshake::{Compat, ServiceReady};
use crate::rpc::{CallError, Server, Transport};
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::Mutex;

/// Why the server closed a connection.
#[derive(Debug)]
pub enum ConnectionError {
    /// A malformed or oversized frame (answered with an error status first).
    Frame(FrameError),
    /// The peer closed the connection in the middle of a frame.
    ClosedMidFrame {
        /// Bytes the frame needed.
        needed: usize,
        /// Bytes read before the peer closed.
        got: usize,
    },
    /// The first frame was not a readable handshake.
    Handshake(String),
    /// Reading from or writing to the socket failed.
    Io(std::io::Error),
}

impl fmt::Display for ConnectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectionError::Frame(e) => write!(f, "{e}"),
            ConnectionError::ClosedMidFrame { needed, got } => {
                write!(f, "peer closed the connection mid-frame ({got} of {needed} bytes)")
            }
            ConnectionError::Handshake(why) => write!(f, "handshake: {why}"),
            ConnectionError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ConnectionError {}

/// Reads exactly `buf.len()` bytes; `Ok(false)` on a clean EOF before the first byte.
async fn read_full(stream: &mut TcpStream, buf: &mut [u8], eof_ok: bool) -> Result<bool, ConnectionError> {
    let mut got = 0;
    while got < buf.len() {
        let n = stream.read(&mut buf[got..]).await.map_err(ConnectionError::Io)?;
        if n == 0 {
            if got == 0 && eof_ok {
                return Ok(false);
            }
            return Err(ConnectionError::ClosedMidFrame { needed: buf.len(), got });
        }
        got += n;
    }
    Ok(true)
}

/// Reads a payload of a length the header announced (already checked against the limit).
async fn read_payload(stream: &mut TcpStream, len: u64) -> Result<Vec<u8>, ConnectionError> {
    let mut body = vec![0u8; len as usize];
    read_full(stream, &mut body, false).await?;
    Ok(body)
}

async fn respond(stream: &mut TcpStream, header: ResponseHeader, body: &[u8]) -> Result<(), ConnectionError> {
    let mut frame = Vec::with_capacity(RESPONSE_HEADER_LEN + body.len());
    frame.extend_from_slice(&header.encode());
    frame.extend_from_slice(body);
    stream.write_all(&frame).await.map_err(ConnectionError::Io)
}

async fn refuse(stream: &mut TcpStream, status: Status, message: String) {
    let body = message.into_bytes();
    let h = ResponseHeader { status, seq: 0, function_id: 0, return_code: 0, body_len: body.len() as u32 };
    let _ = respond(stream, h, &body).await;
}

/// Serves one connection until the peer closes it (`Ok`) or misbehaves (`Err`).
pub async fn serve_connection<C: Codec>(mut stream: TcpStream, server: Arc<Server<C>>) -> Result<(), ConnectionError> {
    let mut shaken = false;
    loop {
        let mut head = [0u8; REQUEST_HEADER_LEN];
        if !read_full(&mut stream, &mut head, true).await? {
            return Ok(());
        }
        let header = match RequestHeader::decode(&head, server.max_frame()) {
            Ok(h) => h,
            Err(e) => {
                let status =
                    if matches!(e, FrameError::TooLarge { .. }) { Status::FrameTooLarge } else { Status::BadFrame };
                refuse(&mut stream, status, e.to_string()).await;
                return Err(ConnectionError::Frame(e));
            }
        };
        let payload = read_payload(&mut stream, header.payload_len()).await?;
        let (body, ext) = payload.split_at(header.body_len as usize);
        match header.kind {
            Kind::Handshake => {
                let refused = match ServiceReady::decode(body) {
                    Err(e) => Some(e.to_string()),
                    // Another codec or handshake version: every call would be
                    // decoded under the wrong format, so none is accepted.
                    Ok(peer) => match server.ready().check(&peer) {
                        Compat::Incompatible(why) => Some(format!("incompatible peer: {why} (here = the server)")),
                        Compat::Identical | Compat::Partial(_) => None,
                    },
                };
                if let Some(why) = refused {
                    refuse(&mut stream, Status::BadFrame, why.clone()).await;
                    return Err(ConnectionError::Handshake(why));
                }
                let ready = server.ready().encode();
                let h = ResponseHeader {
                    status: Status::Ok,
                    seq: header.seq,
                    function_id: 0,
                    return_code: 0,
                    body_len: ready.len() as u32,
                };
                respond(&mut stream, h, &ready).await?;
                shaken = true;
            }
            Kind::Call if !shaken => {
                refuse(&mut stream, Status::HandshakeRequired, "send ServiceReady first".into()).await;
                return Err(ConnectionError::Handshake("a call arrived before the handshake".into()));
            }
            Kind::Call => {
                let (reply, reply_body) = server.handle(&header, body, ext).await;
                respond(&mut stream, reply, &reply_body).await?;
            }
        }
    }
}

/// Accepts connections forever, each served on its own task; a connection's
/// error goes to `on_error` and closes that connection only.
///
/// A failed `accept` does not stop the server when it is about one
/// connection (aborted or reset before it was accepted) or about resources
/// that come back (out of file descriptors or memory: it retries after
/// [`ACCEPT_BACKOFF`]); any other accept error is returned.
pub async fn serve<C, F>(listener: TcpListener, server: Arc<Server<C>>, on_error: F) -> std::io::Result<()>
where
    C: Codec,
    F: Fn(SocketAddr, ConnectionError) + Send + Sync + 'static,
{
    let on_error = Arc::new(on_error);
    loop {
        let (stream, addr) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => match accept_error(&e) {
                AcceptError::Skip => continue,
                AcceptError::Backoff => {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
                AcceptError::Fatal => return Err(e),
            },
        };
        let _ = stream.set_nodelay(true);
        let server = Arc::clone(&server);
        let on_error = Arc::clone(&on_error);
        tokio::spawn(async move {
            if let Err(e) = serve_connection(stream, server).await {
                on_error(addr, e);
            }
        });
    }
}

/// How long [`serve`] waits after running out of file descriptors or memory.
pub const ACCEPT_BACKOFF: std::time::Duration = std::time::Duration::from_millis(100);

#[derive(Debug, PartialEq, Eq)]
enum AcceptError {
    /// One connection failed before it was accepted: take the next.
    Skip,
    /// A resource limit: retry shortly, connections close and free it.
    Backoff,
    Fatal,
}

#[cfg(target_os = "linux")]
const ENOBUFS: i32 = 105;
#[cfg(not(target_os = "linux"))]
const ENOBUFS: i32 = 55;

fn accept_error(e: &std::io::Error) -> AcceptError {
    use std::io::ErrorKind::*;
    match e.kind() {
        ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted | WouldBlock => AcceptError::Skip,
        OutOfMemory => AcceptError::Backoff,
        // ENOMEM, ENFILE, EMFILE (12, 23, 24 on Linux and the BSDs), ENOBUFS.
        _ if matches!(e.raw_os_error(), Some(12 | 23 | 24 | ENOBUFS)) => AcceptError::Backoff,
        _ => AcceptError::Fatal,
    }
}

/// A client connection: handshaken, then a [`Transport`] for generated clients.
///
/// A call dropped mid-exchange (say, by a caller's timeout) leaves the stream
/// out of step: every later call on this connection then fails with
/// [`CallError::Io`] instead of reading an earlier call's response. Reconnect.
pub struct Connection<C: Codec> {
    stream: Mutex<TcpStream>,
    codec: C,
    seq: AtomicU32,
    local: ServiceReady,
    peer: ServiceReady,
    max_frame: u32,
    /// Set (under the stream lock) from a request's first byte out to its
    /// response's last byte in: still set at the next call means the last one
    /// was cancelled or failed midway and the stream is out of step.
    out_of_step: AtomicBool,
}

impl<C: Codec> Connection<C> {
    /// Connects and exchanges handshakes; `local` describes what this side calls.
    pub async fn connect(addr: impl ToSocketAddrs, codec: C, local: ServiceReady) -> Result<Connection<C>, CallError> {
        let stream = TcpStream::connect(addr).await?;
        let _ = stream.set_nodelay(true);
        let conn = Connection {
            stream: Mutex::new(stream),
            codec,
            seq: AtomicU32::new(1),
            local,
            peer: ServiceReady::new("", "", []),
            max_frame: crate::protocol::frame::DEFAULT_MAX_FRAME,
            out_of_step: AtomicBool::new(false),
        };
        let body = conn.local.encode();
        let header = RequestHeader::handshake(body.len() as u32);
        let (reply, body) = conn.exchange(header, body).await?;
        if reply.status != Status::Ok {
            return Err(CallError::Handshake(format!("{:?}: {}", reply.status, String::from_utf8_lossy(&body))));
        }
        let peer = ServiceReady::decode(&body).map_err(|e| CallError::Handshake(e.to_string()))?;
        Ok(Connection { peer, ..conn })
    }

    /// This side's handshake.
    pub fn local(&self) -> &ServiceReady {
        &self.local
    }

    /// The server's handshake.
    pub fn peer(&self) -> &ServiceReady {
        &self.peer
    }

    /// The verdict: what this side can call on the server.
    pub fn compat(&self) -> Compat<'_> {
        self.local.check(&self.peer)
    }

    async fn exchange(&self, mut header: RequestHeader, body: Vec<u8>) -> Result<(ResponseHeader, Vec<u8>), CallError> {
        header.seq = self.seq.fetch_add(1, Ordering::Relaxed);
        let mut frame = Vec::with_capacity(REQUEST_HEADER_LEN + body.len());
        frame.extend_from_slice(&header.encode());
        frame.extend_from_slice(&body);
        let mut stream = self.stream.lock().await;
        // A call dropped between its write and the end of its read (a caller's
        // timeout) leaves its response, or half a request, in the stream: the
        // next call would take that response as its own. Refuse instead.
        if self.out_of_step.load(Ordering::Relaxed) {
            return Err(CallError::Io(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "connection out of step: an earlier call was cancelled or failed mid-exchange; reconnect",
            )));
        }
        self.out_of_step.store(true, Ordering::Relaxed);
        stream.write_all(&frame).await?;
        let mut head = [0u8; RESPONSE_HEADER_LEN];
        stream.read_exact(&mut head).await?;
        let reply = ResponseHeader::decode(&head, self.max_frame)?;
        let mut body = vec![0u8; reply.body_len as usize];
        stream.read_exact(&mut body).await?;
        if reply.seq != header.seq && reply.status == Status::Ok {
            return Err(CallError::Handshake(format!("response to {} for request {}", reply.seq, header.seq)));
        }
        self.out_of_step.store(false, Ordering::Relaxed);
        Ok((reply, body))
    }
}

impl<C: Codec> Transport for Connection<C> {
    type Codec = C;

    fn codec(&self) -> &C {
        &self.codec
    }

    async fn round_trip(&self, header: RequestHeader, body: Vec<u8>) -> Result<(ResponseHeader, Vec<u8>), CallError> {
        self.exchange(header, body).await
    }
}

#[cfg(test)]
mod accept_tests {
    use super::*;

    #[test]
    fn accept_errors_about_one_connection_or_a_resource_do_not_stop_the_server() {
        use std::io::{Error, ErrorKind};
        assert_eq!(accept_error(&Error::from(ErrorKind::ConnectionAborted)), AcceptError::Skip);
        assert_eq!(accept_error(&Error::from_raw_os_error(24)), AcceptError::Backoff); // EMFILE
        assert_eq!(accept_error(&Error::from_raw_os_error(23)), AcceptError::Backoff); // ENFILE
        assert_eq!(accept_error(&Error::from(ErrorKind::InvalidInput)), AcceptError::Fatal);
    }
}
