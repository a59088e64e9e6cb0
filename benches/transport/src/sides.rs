//! The two libraries behind one interface: start a server on a listener,
//! connect a client, call `add` and `echo`. Both sides get the same
//! settings: `TCP_NODELAY` on both ends, a 10 s deadline per call, frames
//! up to `max_frame`, every call of a connection handled on its own task
//! (`async fn` handlers), and otherwise each library's defaults.

use crate::service::tarpc_service::{Bench as _, BenchClient as TarpcClient, Theirs};
use crate::service::{BenchClient, BenchServer, Ours};
use bincode::Options as _;
use futures::StreamExt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tarpc::server::{BaseChannel, Channel};
use tarpc::tokio_serde::formats::Bincode as TarpcBincode;
use tarpc::tokio_util::codec::LengthDelimitedCodec;
use tokio::net::{TcpListener, TcpStream};
use wire_core::codec::Bincode;
use wire_core::rpc::Server;
use wire_core::rpc::net::{Client, ServeConfig, serve};

/// Each call's deadline, on both sides (tarpc's default).
pub const DEADLINE: Duration = Duration::from_secs(10);

/// A connected client of the bench service.
pub trait Caller: Send + Sync + 'static {
    /// Calls `add(a, b)`.
    fn add(&self, a: u64, b: u64) -> impl Future<Output = Result<u64, String>> + Send;
    /// Calls `echo(data)`.
    fn echo(&self, data: Vec<u8>) -> impl Future<Output = Result<Vec<u8>, String>> + Send;
}

/// One library: its server and its client.
pub trait Side: Send + Sync + 'static {
    /// Its name in the report.
    const NAME: &'static str;
    /// Its client.
    type Caller: Caller;
    /// Serves the bench service on `listener` until the runtime stops.
    fn serve(listener: TcpListener, max_frame: usize) -> impl Future<Output = Result<(), String>> + Send;
    /// Connects a client.
    fn connect(addr: SocketAddr, max_frame: usize) -> impl Future<Output = Result<Self::Caller, String>> + Send;
}

/// wire-core: `rpc::net` with the `Bincode` codec.
pub struct WireCore;

impl Caller for BenchClient<Client<Bincode>> {
    async fn add(&self, a: u64, b: u64) -> Result<u64, String> {
        BenchClient::add(self, a, b).await.map_err(|e| e.to_string())
    }

    async fn echo(&self, data: Vec<u8>) -> Result<Vec<u8>, String> {
        BenchClient::echo(self, data).await.map_err(|e| e.to_string())
    }
}

impl Side for WireCore {
    const NAME: &'static str = "wire-core";
    type Caller = BenchClient<Client<Bincode>>;

    async fn serve(listener: TcpListener, max_frame: usize) -> Result<(), String> {
        let server = Server::new(Bincode)
            .with_max_frame(frame_limit(max_frame)?)
            .add_service(BenchServer::new(Ours))
            .map_err(|e| e.to_string())?;
        serve(listener, Arc::new(server), ServeConfig::default()).await.map_err(|e| format!("wire-core serve: {e}"))
    }

    async fn connect(addr: SocketAddr, max_frame: usize) -> Result<Self::Caller, String> {
        Client::builder()
            .timeout(Some(DEADLINE))
            .max_frame(frame_limit(max_frame)?)
            .connect_service::<BenchClient<_>>(addr)
            .await
            .map_err(|e| format!("wire-core connect: {e}"))
    }
}

fn frame_limit(max_frame: usize) -> Result<u32, String> {
    u32::try_from(max_frame).map_err(|_| format!("a frame limit of {max_frame} bytes does not fit wire-core's u32"))
}

/// tarpc: `serde_transport` over TCP, length-delimited frames, tokio-serde's
/// `Bincode` format with bincode 1.3's fixed-width integers (tokio-serde's
/// default is varints; wire-core's `Bincode` is `bincode::serialize`'s
/// fixed-width encoding, so both write the same bytes for a value).
pub struct Tarpc;

fn tarpc_bincode<Item, SinkItem>() -> TarpcBincode<Item, SinkItem, FixintOptions> {
    TarpcBincode::from(bincode::DefaultOptions::new().with_fixint_encoding())
}

type FixintOptions = bincode::config::WithOtherIntEncoding<bincode::DefaultOptions, bincode::config::FixintEncoding>;

impl Caller for TarpcClient {
    async fn add(&self, a: u64, b: u64) -> Result<u64, String> {
        TarpcClient::add(self, context(), a, b).await.map_err(|e| e.to_string())
    }

    async fn echo(&self, data: Vec<u8>) -> Result<Vec<u8>, String> {
        TarpcClient::echo(self, context(), data).await.map_err(|e| e.to_string())
    }
}

fn context() -> tarpc::context::Context {
    let mut context = tarpc::context::current();
    context.deadline = std::time::Instant::now() + DEADLINE;
    context
}

fn framed(stream: TcpStream, max_frame: usize) -> tarpc::tokio_util::codec::Framed<TcpStream, LengthDelimitedCodec> {
    LengthDelimitedCodec::builder().max_frame_length(max_frame).new_framed(stream)
}

impl Side for Tarpc {
    const NAME: &'static str = "tarpc";
    type Caller = TarpcClient;

    async fn serve(listener: TcpListener, max_frame: usize) -> Result<(), String> {
        loop {
            let (stream, _) = listener.accept().await.map_err(|e| format!("tarpc accept: {e}"))?;
            stream.set_nodelay(true).map_err(|e| format!("tarpc nodelay: {e}"))?;
            let transport = tarpc::serde_transport::new(framed(stream, max_frame), tarpc_bincode());
            // Each connection on its own task, each request on its own task
            // (tarpc's README: "Handle all requests concurrently").
            let requests = BaseChannel::with_defaults(transport).execute(Theirs.serve());
            tokio::spawn(requests.for_each(|response| async move {
                tokio::spawn(response);
            }));
        }
    }

    async fn connect(addr: SocketAddr, max_frame: usize) -> Result<Self::Caller, String> {
        let stream = TcpStream::connect(addr).await.map_err(|e| format!("tarpc connect: {e}"))?;
        stream.set_nodelay(true).map_err(|e| format!("tarpc nodelay: {e}"))?;
        let transport = tarpc::serde_transport::new(framed(stream, max_frame), tarpc_bincode());
        Ok(TarpcClient::new(tarpc::client::Config::default(), transport).spawn())
    }
}
