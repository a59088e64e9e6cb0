//! The server side of a connection: read requests, run each on its own
//! task (a synchronous handler on a blocking thread), write replies as they
//! finish, in any order, matched by sequence number.

use super::accept::{ACCEPT_BACKOFF, AcceptError, Listener, accept_error};
use super::io::{ConnectionError, Frame, InFlight, read_head, read_payload, write_frames};
use super::trace::{event, in_span};
use crate::Handler;
use crate::codec::Codec;
use crate::protocol::frame::{
    FrameError, REQUEST_HEADER_LEN, RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader, Status,
};
use crate::protocol::handshake;
use crate::rpc::client::Reply;
use crate::rpc::server::{Incoming, Server};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, BufReader};
use tokio::sync::{Semaphore, mpsc, watch};

/// How a server treats its connections.
#[derive(Clone)]
pub struct ServeConfig {
    /// Close a connection that sends no request for this long while none of
    /// its calls is in flight (`None`: never).
    pub idle_timeout: Option<Duration>,
    /// Close a connection whose frame, once started, does not arrive whole
    /// within this long.
    pub read_timeout: Duration,
    /// Calls of one connection running at once; past it, the server stops
    /// reading that connection until one finishes (backpressure).
    pub max_in_flight: usize,
    /// Where synchronous handlers run.
    pub sync_handlers: SyncHandlers,
    /// When set, [`serve`] stops accepting when it fires, and its
    /// connections finish their calls in flight.
    pub shutdown: Option<ShutdownSignal>,
    /// How long a shutdown waits for calls in flight before closing.
    pub drain_timeout: Duration,
    /// Told why a connection ended in error, and of every handler failure.
    pub on_error: Option<Arc<dyn Fn(ServeError) + Send + Sync>>,
    /// A call that takes longer than this (from its frame read to its reply
    /// made) is reported as slow: a `tracing` warning naming the handler
    /// (feature `tracing`; nothing is measured without it). `None`: never.
    pub slow_call: Option<Duration>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            idle_timeout: Some(Duration::from_secs(300)),
            read_timeout: Duration::from_secs(30),
            max_in_flight: 256,
            sync_handlers: SyncHandlers::Blocking,
            shutdown: None,
            drain_timeout: Duration::from_secs(30),
            on_error: None,
            slow_call: Some(Duration::from_secs(1)),
        }
    }
}

impl ServeConfig {
    /// Stops serving when `shutdown` is triggered.
    pub fn shutdown(mut self, shutdown: &Shutdown) -> ServeConfig {
        self.shutdown = Some(shutdown.signal());
        self
    }

    /// Reports errors to `f`.
    pub fn on_error(mut self, f: impl Fn(ServeError) + Send + Sync + 'static) -> ServeConfig {
        self.on_error = Some(Arc::new(f));
        self
    }

    fn report(&self, error: ServeError) {
        event!(warn, %error, "wire server error");
        if let Some(f) = &self.on_error {
            f(error);
        }
    }
}

/// Where a synchronous (non-`async fn`) handler runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncHandlers {
    /// On tokio's blocking threads, so a slow one delays no other call; the
    /// hop to a blocking thread and back costs each call a thread wake-up.
    Blocking,
    /// On the runtime's worker threads, like `async fn` handlers (each call
    /// a task of its own): much cheaper (measured: about 50 µs less a call
    /// on 2 cores, `benches/mooncake`), for handlers that never block.
    Inline,
}

/// What a server reports to [`ServeConfig::on_error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ServeError {
    /// A connection ended in error.
    Connection {
        /// The peer.
        peer: String,
        /// Why.
        error: ConnectionError,
    },
    /// A handler failed (panicked, or its value did not encode or fit a frame).
    Handler {
        /// The peer.
        peer: String,
        /// The handler's wire name.
        handler: &'static str,
        /// The status the caller got.
        status: Status,
        /// What the caller was told.
        message: String,
    },
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Connection { peer, error } => write!(f, "{peer}: {error}"),
            ServeError::Handler { peer, handler, status, message } => {
                write!(f, "{peer}: `{handler}` answered {status}: {message}")
            }
        }
    }
}

/// Stops a server: [`serve`] stops accepting, its connections stop reading
/// requests and finish the calls in flight (up to
/// [`ServeConfig::drain_timeout`]).
#[derive(Clone, Debug)]
pub struct Shutdown(Arc<watch::Sender<bool>>);

/// The receiving end of a [`Shutdown`].
#[derive(Clone, Debug)]
pub struct ShutdownSignal(watch::Receiver<bool>);

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown::new()
    }
}

impl Shutdown {
    /// A shutdown not yet triggered.
    pub fn new() -> Shutdown {
        Shutdown(Arc::new(watch::channel(false).0))
    }

    /// Triggers it.
    pub fn trigger(&self) {
        self.0.send_replace(true);
    }

    /// A signal to wait on.
    pub fn signal(&self) -> ShutdownSignal {
        ShutdownSignal(self.0.subscribe())
    }
}

impl ShutdownSignal {
    /// Waits until the shutdown is triggered (forever if its handle is gone untriggered).
    pub async fn fired(&mut self) {
        if self.0.wait_for(|&down| down).await.is_err() {
            std::future::pending::<()>().await;
        }
    }

    fn is_fired(&self) -> bool {
        *self.0.borrow()
    }
}

/// Accepts connections until the shutdown fires (or an accept error that is
/// not about one connection or a passing resource limit), serving each on
/// its own task; then waits for the connections to drain.
pub async fn serve<L: Listener, C: Codec>(
    mut listener: L,
    server: Arc<Server<C>>,
    config: ServeConfig,
) -> std::io::Result<()> {
    let mut stop = config.shutdown.clone();
    let mut connections = tokio::task::JoinSet::new();
    let result = loop {
        let accepted = match &mut stop {
            Some(stop) => tokio::select! {
                accepted = listener.accept() => accepted,
                () = stop.fired() => break Ok(()),
            },
            None => listener.accept().await,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => match accept_error(&e) {
                AcceptError::Skip => continue,
                AcceptError::Backoff => {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
                AcceptError::Fatal => break Err(e),
            },
        };
        let (server, config) = (Arc::clone(&server), config.clone());
        connections.spawn(async move {
            if let Err(error) = serve_connection(stream, server, &config, &peer).await {
                config.report(ServeError::Connection { peer, error });
            }
        });
        // Reap the connections that ended, so a long-lived server does not keep their results.
        while connections.try_join_next().is_some() {}
    };
    let drain = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(config.drain_timeout + Duration::from_secs(1), drain).await.is_err() {
        connections.abort_all();
    }
    result
}

/// A reply frame on its way to the connection's writer.
type Outbound = Frame<RESPONSE_HEADER_LEN>;

/// The frame of the reply to the request numbered `seq`.
fn reply_frame(seq: u32, reply: Reply) -> Outbound {
    let head = ResponseHeader {
        status: reply.status.byte(),
        msg_type: 0,
        seq,
        body_len: reply.body.len() as u32,
        attachment_len: reply.attachment.len() as u32,
    };
    Frame { head: head.encode(), body: reply.body, attachment: reply.attachment }
}

/// Serves one connection until the peer closes it (`Ok`), the shutdown
/// drains it (`Ok`), or it misbehaves or stalls (`Err`). `peer` names it in reports.
pub async fn serve_connection<S, C>(
    stream: S,
    server: Arc<Server<C>>,
    config: &ServeConfig,
    peer: &str,
) -> Result<(), ConnectionError>
where
    S: AsyncRead + AsyncWrite + Send + Unpin + 'static,
    C: Codec,
{
    in_span!(connection(stream, server, config, peer), "wire.connection", side = "server", peer).await
}

async fn connection<S, C>(
    stream: S,
    server: Arc<Server<C>>,
    config: &ServeConfig,
    peer: &str,
) -> Result<(), ConnectionError>
where
    S: AsyncRead + AsyncWrite + Send + Unpin + 'static,
    C: Codec,
{
    let (reader, writer) = tokio::io::split(stream);
    let mut reader = BufReader::with_capacity(64 << 10, reader);
    // At least one call at a time, whatever the config says.
    let max_in_flight = config.max_in_flight.max(1);
    let (tx, rx) = mpsc::channel::<Outbound>(max_in_flight);
    let permits = Arc::new(Semaphore::new(max_in_flight));
    let in_flight = InFlight::new(&permits, max_in_flight);
    let writing = tokio::spawn(write_frames(writer, rx, in_flight));
    let mut stop = config.shutdown.clone();
    // What each call's task needs of the connection: one reference count a call.
    let shared = Arc::new((config.clone(), peer.to_owned()));
    // The caller's frame limit, from its handshake (a C++ peer sends none:
    // then only this server's own limit applies).
    let mut caller_max = u32::MAX;
    let result = loop {
        if stop.as_ref().is_some_and(ShutdownSignal::is_fired) {
            break Ok(());
        }
        let idle = config.idle_timeout;
        let head = match &mut stop {
            Some(stop) => tokio::select! {
                head = read_head::<_, REQUEST_HEADER_LEN>(&mut reader, idle, config.read_timeout) => head,
                () = stop.fired() => break Ok(()),
            },
            None => read_head::<_, REQUEST_HEADER_LEN>(&mut reader, idle, config.read_timeout).await,
        };
        let head = match head {
            Ok(Some(head)) => head,
            Ok(None) => break Ok(()),
            // Idle only when none of its calls is in flight either.
            Err(ConnectionError::Idle(_)) if permits.available_permits() != max_in_flight => continue,
            Err(ConnectionError::Idle(after)) => {
                let _ = after;
                event!(debug, ?after, "closing an idle connection");
                break Ok(());
            }
            Err(e) => break Err(e),
        };
        let header = match RequestHeader::decode(&head, server.max_frame()) {
            Ok(header) => header,
            Err(e) => {
                // Answered (when the header is a frame at all), then closed:
                // the rest of the stream cannot be trusted.
                if !matches!(e, FrameError::BadMagic(_) | FrameError::UnsupportedVersion(_)) {
                    let seq = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
                    let status = if matches!(e, FrameError::TooLarge { .. }) {
                        Status::MESSAGE_TOO_LARGE
                    } else {
                        Status::PROTOCOL_ERROR
                    };
                    let _ = tx.send(reply_frame(seq, Reply::error(status, e.to_string()))).await;
                }
                break Err(ConnectionError::Frame(e));
            }
        };
        let payload = match read_payload(&mut reader, header.payload_len() as usize, config.read_timeout).await {
            Ok(payload) => payload,
            Err(e) => break Err(e),
        };
        // The handshake is answered here, decoded once: its caller's frame
        // limit applies to the replies of the calls read after it.
        let answered = (header.function_id == handshake::FUNCTION_ID).then(|| {
            let (reply, limit) = server.answer_handshake(&payload[..header.body_len as usize]);
            caller_max = limit.unwrap_or(caller_max);
            reply
        });
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else { break Ok(()) };
        let (server, tx, shared) = (Arc::clone(&server), tx.clone(), Arc::clone(&shared));
        let handler = server.handler(header.function_id);
        let blocking = config.sync_handlers == SyncHandlers::Blocking && handler.is_some_and(|h| !h.is_async);
        let run = async move {
            #[cfg(feature = "tracing")]
            let began = std::time::Instant::now();
            let reply = in_span!(
                async {
                    match answered {
                        Some(reply) => reply,
                        None => handle(&server, header, &payload).await,
                    }
                },
                "wire.call",
                handler = handler.map_or("?", |h| h.name),
                seq = header.seq
            )
            .await;
            let reply = within_caller_limit(reply, caller_max, handler);
            #[cfg(feature = "tracing")]
            if let (Some(handler), Some(limit)) = (handler, shared.0.slow_call)
                && began.elapsed() > limit
            {
                tracing::warn!(handler = handler.name, elapsed = ?began.elapsed(), ?limit, "slow call");
            }
            if let Some(handler) = handler
                && matches!(reply.status, Status::HANDLER_FAILED | Status::MESSAGE_TOO_LARGE)
            {
                let (config, peer) = &*shared;
                let (peer, message) = (peer.clone(), reply.message());
                config.report(ServeError::Handler { peer, handler: handler.name, status: reply.status, message });
            }
            let _ = tx.send(reply_frame(header.seq, reply)).await;
            drop(permit);
        };
        if blocking {
            let runtime = tokio::runtime::Handle::current();
            tokio::task::spawn_blocking(move || runtime.block_on(run));
        } else {
            tokio::spawn(run);
        }
    };
    // Let the calls in flight finish and their replies go out.
    drop(tx);
    let drained = async {
        let _ = permits.acquire_many(max_in_flight as u32).await;
    };
    let _ = tokio::time::timeout(config.drain_timeout, drained).await;
    let _ = tokio::time::timeout(config.drain_timeout, writing).await;
    result
}

/// A reply over the caller's frame limit is not sent (the caller would
/// have to drop the connection on its header): an error status naming the
/// handler and both sizes goes instead.
fn within_caller_limit(reply: Reply, caller_max: u32, handler: Option<&Handler>) -> Reply {
    let size = reply.body.len() as u64 + reply.attachment.len() as u64;
    match handler {
        Some(handler) if size > u64::from(caller_max) => Reply::error(
            Status::MESSAGE_TOO_LARGE,
            format!(
                "`{}`: a reply of {size} bytes, over the caller's frame limit of {caller_max} bytes: not sent",
                handler.name
            ),
        ),
        _ => reply,
    }
}

async fn handle<C: Codec>(server: &Server<C>, header: RequestHeader, payload: &[u8]) -> Reply {
    let (body, attachment) = payload.split_at(header.body_len as usize);
    server.handle(Incoming { header, body, attachment }).await
}
