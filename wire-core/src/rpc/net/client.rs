//! A client over connections it makes itself: one multiplexed connection
//! at a time, re-made (with backoff, and a new handshake whose verdict is
//! checked again) when the peer goes away.

use super::conn::{Conn, ConnConfig};
use super::trace::event;
use crate::codec::{Bincode, Codec};
use crate::contract::registry::{Contract, Handler};
use crate::protocol::frame::DEFAULT_MAX_FRAME;
use crate::protocol::handshake::{Compat, ServiceReady};
use crate::rpc::client::{Outgoing, Reply, Transport};
use crate::rpc::error::CallError;
use crate::rpc::{BoxFuture, Connect, ServiceClient};
use std::future::Future;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::ToSocketAddrs;
use tokio::sync::Notify;

/// A byte stream a client can run over: TCP, a Unix socket, TLS.
pub trait Stream: AsyncRead + AsyncWrite + Send + Unpin + 'static {}
impl<S: AsyncRead + AsyncWrite + Send + Unpin + 'static> Stream for S {}

type Connector = Arc<dyn Fn() -> BoxFuture<'static, std::io::Result<Box<dyn Stream>>> + Send + Sync>;

/// What a client accepts of the peer's contract at connect (and reconnect).
/// A peer of another codec or handshake version, on which no call could
/// work, is refused whatever this says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strict {
    /// Any peer; calls that do not match fail one by one (the default).
    Off,
    /// A peer on which every handler this side calls is callable.
    Callable,
    /// A peer whose contract is identical to this side's.
    Identical,
}

/// What calls do while the connection is down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reconnect {
    /// The first wait before connecting again; it doubles up to `max_backoff`.
    pub initial_backoff: Duration,
    /// The longest wait between attempts.
    pub max_backoff: Duration,
    /// How long a call waits for the connection to come back before failing
    /// with `Disconnected` (`None`: it fails at once, the default).
    pub wait: Option<Duration>,
}

impl Default for Reconnect {
    fn default() -> Self {
        Reconnect { initial_backoff: Duration::from_millis(50), max_backoff: Duration::from_secs(5), wait: None }
    }
}

/// How a client calls.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Each call's deadline, unless it sets its own (`None`: none).
    pub timeout: Option<Duration>,
    /// The deadline of connecting and the handshake.
    pub connect_timeout: Duration,
    /// Calls in flight at once on the connection; past it, calls wait (backpressure).
    pub max_in_flight: usize,
    /// The largest reply accepted (the server learns it in the handshake).
    pub max_frame: u32,
    /// How long a started reply frame may take to arrive whole.
    pub read_timeout: Duration,
    /// While the connection is down.
    pub reconnect: Reconnect,
    /// What peer contract is accepted.
    pub strict: Strict,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Some(Duration::from_secs(30)),
            connect_timeout: Duration::from_secs(10),
            max_in_flight: 1024,
            max_frame: DEFAULT_MAX_FRAME,
            read_timeout: Duration::from_secs(30),
            reconnect: Reconnect::default(),
            strict: Strict::Off,
        }
    }
}

/// A client: multiplexed calls over one connection at a time, reconnecting.
///
/// ```no_run
/// # async fn run() -> Result<(), wire_core::rpc::CallError> {
/// use wire_core::rpc::net::Client;
///
/// #[wire_core::wire_rpc]
/// pub trait Hello {
///     fn hello(&self, name: String) -> String;
/// }
///
/// // The defaults: bincode, 30 s per call, reconnecting.
/// let hello: HelloClient<Client> = HelloClient::connect("127.0.0.1:9000").await?;
/// println!("{}", hello.hello("you".into()).await?);
///
/// // Or set them (here: another codec, a deadline, wait for reconnects).
/// let hello: HelloClient<_> = Client::builder()
///     .codec(wire_core::codec::StructPack::default())
///     .timeout(Some(std::time::Duration::from_secs(2)))
///     .connect_service("127.0.0.1:9000")
///     .await?;
/// # let _ = hello;
/// # Ok(())
/// # }
/// ```
pub struct Client<C: Codec = Bincode> {
    inner: Arc<Inner<C>>,
    /// This handle's default deadline of a call.
    timeout: Option<Duration>,
}

impl<C: Codec> Clone for Client<C> {
    fn clone(&self) -> Self {
        Client { inner: Arc::clone(&self.inner), timeout: self.timeout }
    }
}

struct Inner<C: Codec> {
    codec: C,
    config: ClientConfig,
    local: ServiceReady,
    connector: Connector,
    state: Mutex<State>,
    up: Notify,
}

struct State {
    conn: Option<Arc<Conn>>,
    /// Why the connection is down.
    down: String,
    reconnecting: bool,
    reconnects: u64,
    /// The verdict of the last handshake, as text.
    verdict: String,
}

/// Builds a [`Client`].
pub struct ClientBuilder<C: Codec> {
    codec: C,
    config: ClientConfig,
    calls: Option<Vec<&'static Handler>>,
}

impl Client<Bincode> {
    /// A builder with the defaults: bincode, 30 s per call, fail fast while down.
    pub fn builder() -> ClientBuilder<Bincode> {
        ClientBuilder { codec: Bincode, config: ClientConfig::default(), calls: None }
    }

    /// Connects with the defaults.
    pub async fn connect(
        addr: impl ToSocketAddrs + Clone + Send + Sync + 'static,
    ) -> Result<Client<Bincode>, CallError> {
        Client::builder().connect(addr).await
    }
}

impl<C: Codec> ClientBuilder<C> {
    /// Another codec (`StructPack` for a C++ coro_rpc peer).
    pub fn codec<D: Codec>(self, codec: D) -> ClientBuilder<D> {
        ClientBuilder { codec, config: self.config, calls: self.calls }
    }

    /// Every call's deadline (`None`: none).
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.config.timeout = timeout;
        self
    }

    /// Calls in flight at once.
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.config.max_in_flight = n;
        self
    }

    /// The largest reply accepted.
    pub fn max_frame(mut self, max: u32) -> Self {
        self.config.max_frame = max;
        self
    }

    /// What calls do while the connection is down.
    pub fn reconnect(mut self, reconnect: Reconnect) -> Self {
        self.config.reconnect = reconnect;
        self
    }

    /// What peer contract is accepted at connect.
    pub fn strict(mut self, strict: Strict) -> Self {
        self.config.strict = strict;
        self
    }

    /// The whole configuration.
    pub fn config(mut self, config: ClientConfig) -> Self {
        self.config = config;
        self
    }

    /// The handlers this side calls (what the handshake and [`Strict`]
    /// compare with the peer's); default: every handler registered in this binary.
    pub fn calls(mut self, handlers: &'static [&'static Handler]) -> Self {
        self.calls = Some(handlers.to_vec());
        self
    }

    /// Connects over TCP.
    pub async fn connect(
        self,
        addr: impl ToSocketAddrs + Clone + Send + Sync + 'static,
    ) -> Result<Client<C>, CallError> {
        self.connect_with(move || {
            let addr = addr.clone();
            async move {
                let stream = tokio::net::TcpStream::connect(addr).await?;
                let _ = stream.set_nodelay(true);
                Ok(stream)
            }
        })
        .await
    }

    /// Connects over a Unix socket.
    #[cfg(unix)]
    pub async fn connect_unix(self, path: impl AsRef<std::path::Path>) -> Result<Client<C>, CallError> {
        let path = path.as_ref().to_owned();
        self.connect_with(move || tokio::net::UnixStream::connect(path.clone())).await
    }

    /// Connects with `connector`, which makes a stream each time the client
    /// (re)connects: wrap TLS around TCP here.
    pub async fn connect_with<F, Fut, S>(self, connector: F) -> Result<Client<C>, CallError>
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = std::io::Result<S>> + Send + 'static,
        S: Stream,
    {
        let connector: Connector = Arc::new(move || {
            let made = connector();
            Box::pin(async move { made.await.map(|s| Box::new(s) as Box<dyn Stream>) })
        });
        let local = match self.calls {
            Some(calls) => ServiceReady::new(C::NAME, "", calls),
            None => ServiceReady::new(C::NAME, "", Contract::registered()),
        }
        .with_max_frame(self.config.max_frame);
        let inner = Arc::new(Inner {
            codec: self.codec,
            config: self.config,
            local,
            connector,
            state: Mutex::new(State {
                conn: None,
                down: "not connected yet".into(),
                reconnecting: false,
                reconnects: 0,
                verdict: String::new(),
            }),
            up: Notify::new(),
        });
        let conn = inner.open().await?;
        inner.up_with(conn);
        let timeout = inner.config.timeout;
        Ok(Client { inner, timeout })
    }

    /// Connects over TCP and wraps the client in a generated `<Trait>Client`,
    /// which this side then calls (so those are the handlers compared at
    /// handshake, unless [`calls`](Self::calls) says otherwise).
    pub async fn connect_service<S>(
        mut self,
        addr: impl ToSocketAddrs + Clone + Send + Sync + 'static,
    ) -> Result<S, CallError>
    where
        S: ServiceClient<Client<C>>,
    {
        if self.calls.is_none() {
            self.calls = Some(S::HANDLERS.to_vec());
        }
        Ok(S::from_transport(self.connect(addr).await?))
    }
}

impl<C: Codec> Inner<C> {
    /// Makes a connection and shakes hands, checking the verdict.
    async fn open(&self) -> Result<Arc<Conn>, CallError> {
        let config = ConnConfig {
            serialize_type: C::SERIALIZE_TYPE,
            max_in_flight: self.config.max_in_flight,
            max_frame: self.config.max_frame,
            read_timeout: self.config.read_timeout,
        };
        let deadline = self.config.connect_timeout;
        let stream = match tokio::time::timeout(deadline, (self.connector)()).await {
            Ok(stream) => stream?,
            Err(_) => {
                return Err(CallError::Io(std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timed out")));
            }
        };
        let conn = Conn::open(stream, config, &self.local, deadline).await?;
        let (verdict, refused) = match &conn.peer {
            Some(peer) => {
                let verdict = self.local.check(peer);
                let refused = match (self.config.strict, &verdict) {
                    // Another codec or handshake version: no call could work.
                    (_, Compat::Incompatible(why)) => Some(format!("the peer cannot be called: {why}")),
                    (Strict::Off, _) | (_, Compat::Identical) => None,
                    (Strict::Identical, _) => Some(format!("strict: the peer's contract is not identical: {verdict}")),
                    (Strict::Callable, Compat::Partial(p)) if p.outgoing.iter().all(|v| v.status.is_callable()) => None,
                    (Strict::Callable, _) => {
                        Some(format!("strict: not every handler this side calls is callable: {verdict}"))
                    }
                };
                (verdict.to_string(), refused)
            }
            None => {
                let verdict = "NO CONTRACT: the peer answered the handshake `FunctionNotRegistered` (a C++ coro_rpc \
                               peer): each call's codes are checked on their own"
                    .to_owned();
                let refused = (self.config.strict != Strict::Off)
                    .then(|| format!("strict: the peer has no contract to compare ({verdict})"));
                (verdict, refused)
            }
        };
        if let Some(why) = refused {
            event!(warn, %why, "refusing the peer");
            return Err(CallError::Refused(why));
        }
        event!(info, %verdict, "connected");
        let mut state = self.state.lock().expect("state lock");
        if !state.verdict.is_empty() && state.verdict != verdict {
            event!(warn, before = %state.verdict, after = %verdict, "the peer came back on another contract");
        }
        state.verdict = verdict;
        Ok(Arc::new(conn))
    }

    fn up_with(&self, conn: Arc<Conn>) {
        let mut state = self.state.lock().expect("state lock");
        state.conn = Some(conn);
        state.reconnecting = false;
        drop(state);
        self.up.notify_waiters();
    }

    /// The connection, if it is up.
    fn current(&self) -> Option<Arc<Conn>> {
        let state = self.state.lock().expect("state lock");
        state.conn.as_ref().filter(|c| !c.is_closed()).cloned()
    }

    /// Marks the connection down and starts reconnecting (once).
    fn down(self: &Arc<Self>, why: &str) -> String {
        let mut state = self.state.lock().expect("state lock");
        if state.conn.as_ref().is_some_and(|c| c.is_closed()) || state.conn.is_none() {
            state.conn = None;
            if state.down.is_empty() || !state.reconnecting {
                state.down = why.to_owned();
            }
        }
        if !state.reconnecting {
            state.reconnecting = true;
            tokio::spawn(reconnect(Arc::downgrade(self)));
        }
        state.down.clone()
    }
}

/// Connects again with backoff until it works or the client is dropped.
async fn reconnect<C: Codec>(inner: Weak<Inner<C>>) {
    let mut backoff = match inner.upgrade() {
        Some(inner) => inner.config.reconnect.initial_backoff,
        None => return,
    };
    loop {
        tokio::time::sleep(backoff).await;
        let Some(inner) = inner.upgrade() else { return };
        match inner.open().await {
            Ok(conn) => {
                inner.state.lock().expect("state lock").reconnects += 1;
                inner.up_with(conn);
                return;
            }
            Err(e) => {
                event!(debug, error = %e, ?backoff, "reconnect failed");
                inner.state.lock().expect("state lock").down = e.to_string();
                backoff = (backoff * 2).min(inner.config.reconnect.max_backoff);
            }
        }
    }
}

impl<C: Codec> Client<C> {
    /// The peer's contract, when its handshake told it.
    pub fn peer_contract(&self) -> Option<Arc<ServiceReady>> {
        self.inner.current().and_then(|c| c.peer.clone())
    }

    /// The verdict of the last handshake, as text (`Identical`, or what
    /// differs).
    pub fn verdict(&self) -> String {
        self.inner.state.lock().expect("state lock").verdict.clone()
    }

    /// How many times the client has reconnected.
    pub fn reconnects(&self) -> u64 {
        self.inner.state.lock().expect("state lock").reconnects
    }

    /// Whether a connection is up now.
    pub fn is_connected(&self) -> bool {
        self.inner.current().is_some()
    }

    /// Sends a request with its own deadline (instead of the client's).
    pub async fn send_with_timeout(
        &self,
        handler: &'static Handler,
        request: Outgoing,
        timeout: Option<Duration>,
    ) -> Result<Reply, CallError> {
        let inner = &self.inner;
        let conn = match inner.current() {
            Some(conn) => conn,
            None => {
                let why = inner.down("the connection is down");
                match inner.config.reconnect.wait {
                    None => return Err(CallError::Disconnected { handler: handler.name, reason: why }),
                    Some(wait) => {
                        let came_back = async {
                            loop {
                                let notified = inner.up.notified();
                                if let Some(conn) = inner.current() {
                                    return conn;
                                }
                                notified.await;
                            }
                        };
                        match tokio::time::timeout(wait, came_back).await {
                            Ok(conn) => conn,
                            Err(_) => return Err(CallError::Disconnected { handler: handler.name, reason: why }),
                        }
                    }
                }
            }
        };
        let limit = conn.peer.as_ref().map(|p| p.max_frame);
        let result = conn.send(handler, request, timeout, limit).await;
        if let Err(CallError::Disconnected { reason, .. }) = &result {
            inner.down(reason);
        }
        result
    }
}

/// `<Trait>Client::connect(addr)`: bincode and the defaults, calling the
/// trait's handlers.
impl<A: ToSocketAddrs + Clone + Send + Sync + 'static> Connect<A> for Client<Bincode> {
    async fn connect(addr: A, calls: &'static [&'static Handler]) -> Result<Self, CallError> {
        Client::builder().calls(calls).connect(addr).await
    }
}

impl<C: Codec> Client<C> {
    /// This client (the same connection) with another default deadline for
    /// its calls: `XClient::new(client.with_timeout(Some(d)))` for a few slow
    /// calls. (`tokio::time::timeout` around any call is safe too: the late
    /// reply is dropped; only the error is tokio's, not `Timeout`.)
    pub fn with_timeout(&self, timeout: Option<Duration>) -> Client<C> {
        Client { inner: Arc::clone(&self.inner), timeout }
    }
}

impl<C: Codec> Transport for Client<C> {
    type Codec = C;

    fn codec(&self) -> &C {
        &self.inner.codec
    }

    async fn send(&self, handler: &'static Handler, request: Outgoing) -> Result<Reply, CallError> {
        self.send_with_timeout(handler, request, self.timeout).await
    }

    fn peer(&self) -> Option<Arc<ServiceReady>> {
        self.peer_contract()
    }
}
