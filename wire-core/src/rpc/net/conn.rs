//! One client connection, multiplexed: any number of calls in flight (up to
//! a bound), each matched to its reply by sequence number; a call that is
//! cancelled or times out takes its entry with it, and its late reply is
//! dropped.

use super::io::{ConnectionError, Frame, InFlight, read_head, read_payload, write_frames};
use super::trace::event;
use crate::contract::registry::Handler;
use crate::protocol::frame::{REQUEST_HEADER_LEN, RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader, Status};
use crate::protocol::handshake::{self, ServiceReady};
use crate::rpc::client::{Outgoing, Reply};
use crate::rpc::error::CallError;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, BufReader};
use tokio::sync::{Semaphore, mpsc, oneshot};

/// What a connection needs to know of its client.
#[derive(Clone, Debug)]
pub(crate) struct ConnConfig {
    pub serialize_type: u8,
    pub max_in_flight: usize,
    /// The largest reply accepted.
    pub max_frame: u32,
    /// How long a started reply frame may take to arrive whole.
    pub read_timeout: Duration,
}

type Waiting = oneshot::Sender<Result<Reply, String>>;

/// The calls waiting for a reply, by sequence number; `None` once the
/// connection has failed, with why.
struct Pending {
    waiting: HashMap<u32, Waiting>,
    closed: Option<String>,
}

/// A multiplexed connection, handshaken.
pub(crate) struct Conn {
    tx: mpsc::Sender<Frame<REQUEST_HEADER_LEN>>,
    pending: Arc<Mutex<Pending>>,
    seq: AtomicU32,
    permits: Arc<Semaphore>,
    config: ConnConfig,
    /// The peer's contract, if it has one (a C++ peer does not).
    pub peer: Option<Arc<ServiceReady>>,
}

/// Removes its call's entry when the call ends in any way (a reply, a
/// timeout, the caller's future dropped): a late reply then finds nothing.
struct Entry<'a> {
    pending: &'a Mutex<Pending>,
    seq: u32,
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        self.pending.lock().expect("pending lock").waiting.remove(&self.seq);
    }
}

impl Conn {
    /// Starts the reader and writer of `stream`, and exchanges handshakes:
    /// `local` is this side's `ServiceReady`.
    pub async fn open<S>(
        stream: S,
        config: ConnConfig,
        local: &ServiceReady,
        deadline: Duration,
    ) -> Result<Conn, CallError>
    where
        S: AsyncRead + AsyncWrite + Send + Unpin + 'static,
    {
        let (reader, writer) = tokio::io::split(stream);
        let (tx, rx) = mpsc::channel(config.max_in_flight.max(1));
        let pending = Arc::new(Mutex::new(Pending { waiting: HashMap::new(), closed: None }));
        let permits = Arc::new(Semaphore::new(config.max_in_flight.max(1)));
        let in_flight = InFlight::new(&permits, config.max_in_flight.max(1));
        tokio::spawn(write_requests(writer, rx, Arc::clone(&pending), in_flight));
        tokio::spawn(read_replies(BufReader::with_capacity(64 << 10, reader), Arc::clone(&pending), config.clone()));
        let mut conn = Conn { tx, pending, seq: AtomicU32::new(0), permits, config, peer: None };
        let hello = Outgoing { function_id: handshake::FUNCTION_ID, body: local.encode(), attachment: Vec::new() };
        let reply = conn.send(&HANDSHAKE, hello, Some(deadline), None).await?;
        conn.peer = match reply.status {
            Status::OK => Some(Arc::new(ServiceReady::decode(&reply.body).map_err(CallError::Handshake)?)),
            // A peer without a contract (C++ coro_rpc): every call is checked on its own.
            Status::FUNCTION_NOT_REGISTERED => None,
            status => {
                return Err(CallError::Refused(format!("the handshake was answered {status}: {}", reply.message())));
            }
        };
        Ok(conn)
    }

    /// Whether the connection has failed.
    pub fn is_closed(&self) -> bool {
        self.pending.lock().expect("pending lock").closed.is_some()
    }

    /// Sends one request and waits for its reply, at most `timeout`. A
    /// request larger than `limit` (the peer's frame limit) fails here,
    /// before a byte is sent.
    pub async fn send(
        &self,
        handler: &'static Handler,
        request: Outgoing,
        timeout: Option<Duration>,
        limit: Option<u32>,
    ) -> Result<Reply, CallError> {
        let size = (request.body.len() + request.attachment.len()) as u64;
        if let Some(limit) = limit
            && size > u64::from(limit)
        {
            return Err(CallError::FrameTooLarge { handler: handler.name, size, limit });
        }
        let exchange = self.exchange(handler, request);
        match timeout {
            Some(after) => match tokio::time::timeout(after, exchange).await {
                Ok(result) => result,
                Err(_) => {
                    event!(warn, handler = handler.name, ?after, "call timed out");
                    Err(CallError::Timeout { handler: handler.name, after })
                }
            },
            None => exchange.await,
        }
    }

    async fn exchange(&self, handler: &'static Handler, request: Outgoing) -> Result<Reply, CallError> {
        let disconnected = |reason: String| CallError::Disconnected { handler: handler.name, reason };
        // Backpressure: wait for a free slot among the calls in flight.
        let _permit = self.permits.acquire().await.map_err(|_| disconnected("the connection is closed".into()))?;
        let seq = self.seq.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        {
            let mut pending = self.pending.lock().expect("pending lock");
            if let Some(why) = &pending.closed {
                return Err(disconnected(why.clone()));
            }
            pending.waiting.insert(seq, tx);
        }
        let _entry = Entry { pending: &self.pending, seq };
        let head = RequestHeader {
            serialize_type: self.config.serialize_type,
            msg_type: 0,
            seq,
            function_id: request.function_id,
            body_len: request.body.len() as u32,
            attachment_len: request.attachment.len() as u32,
        };
        let frame = Frame { head: head.encode(), body: request.body, attachment: request.attachment };
        if self.tx.send(frame).await.is_err() {
            return Err(disconnected("the connection is closed".into()));
        }
        match rx.await {
            Ok(Ok(reply)) => Ok(reply),
            Ok(Err(why)) => Err(disconnected(why)),
            Err(_) => Err(disconnected("the connection closed before the reply".into())),
        }
    }
}

/// The handler a handshake is sent as, for its errors' names.
static HANDSHAKE: Handler = Handler {
    service: "wire_contracts",
    method: "ServiceReady",
    name: handshake::NAME,
    function_id: handshake::FUNCTION_ID,
    args_code: 0,
    return_code: 0,
    args: &[],
    ext: &[],
    returns: &crate::Schema::Unit,
    is_async: true,
    location: crate::Location { krate: "wire-core", module: module_path!(), file: file!(), line: line!() },
};

/// Fails every waiting call, and every later one, with `why`.
fn close(pending: &Mutex<Pending>, why: String) {
    let mut pending = pending.lock().expect("pending lock");
    if pending.closed.is_none() {
        pending.closed = Some(why.clone());
    }
    for (_, waiting) in pending.waiting.drain() {
        let _ = waiting.send(Err(why.clone()));
    }
}

/// The connection's writer; its failure fails every call.
async fn write_requests<W: AsyncWrite + Unpin>(
    writer: W,
    rx: mpsc::Receiver<Frame<REQUEST_HEADER_LEN>>,
    pending: Arc<Mutex<Pending>>,
    in_flight: InFlight,
) {
    if let Err(e) = write_frames(writer, rx, in_flight).await {
        close(&pending, format!("writing to the connection failed: {e}"));
    }
}

async fn read_replies<R: AsyncRead + Unpin>(mut reader: R, pending: Arc<Mutex<Pending>>, config: ConnConfig) {
    let why = loop {
        let head = match read_head::<_, RESPONSE_HEADER_LEN>(&mut reader, None, config.read_timeout).await {
            Ok(Some(head)) => head,
            Ok(None) => break "the peer closed the connection".to_owned(),
            Err(e) => break format!("reading from the connection failed: {e}"),
        };
        let header = match ResponseHeader::decode(&head, config.max_frame) {
            Ok(header) => header,
            Err(e) => break format!("the peer sent a bad reply: {e}"),
        };
        let mut payload = match read_payload(&mut reader, header.payload_len() as usize, config.read_timeout).await {
            Ok(payload) => payload,
            Err(ConnectionError::ClosedMidFrame { .. }) => break "the peer closed the connection mid-reply".to_owned(),
            Err(e) => break format!("reading a reply failed: {e}"),
        };
        let attachment = payload.split_off(header.body_len as usize);
        let status = Reply::status_of(header.status, &payload);
        let waiting = pending.lock().expect("pending lock").waiting.remove(&header.seq);
        if let Some(waiting) = waiting {
            let _ = waiting.send(Ok(Reply { status, body: payload, attachment }));
        } else {
            // A call that timed out or was cancelled: its reply is dropped.
            event!(debug, seq = header.seq, "dropping the reply of a call no longer waiting");
        }
    };
    close(&pending, why);
}
