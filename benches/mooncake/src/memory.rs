//! The Rust master: `mooncake-example`'s [`MemoryMaster`] served over
//! struct_pack by this same binary in a process of its own
//! (`mooncake-bench serve-memory PORT inline|blocking`), so that, like the real master, it
//! does not share threads with the clients measured.

use mooncake_example::MemoryMaster;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use wire_core::codec::StructPack;
use wire_core::rpc::net::{ServeConfig, SyncHandlers, serve};

/// The subcommand that serves it.
pub const SUBCOMMAND: &str = "serve-memory";

/// The name on the command line of where the Rust master runs its
/// (synchronous) handlers: `inline` ([`SyncHandlers::Inline`]: each call on
/// a tokio task of its own, on the runtime's workers; `MemoryMaster`'s
/// handlers only take a mutex, they never block) or `blocking`
/// ([`SyncHandlers::Blocking`], `serve`'s default, what the example's
/// `mooncake-master` uses: a thread hop per call).
pub fn handlers_name(handlers: SyncHandlers) -> &'static str {
    match handlers {
        SyncHandlers::Inline => "inline",
        SyncHandlers::Blocking => "blocking",
    }
}

/// The mode named `name` (see [`handlers_name`]).
pub fn parse_handlers(name: &str) -> Result<SyncHandlers, String> {
    match name {
        "inline" => Ok(SyncHandlers::Inline),
        "blocking" => Ok(SyncHandlers::Blocking),
        other => Err(format!("`{other}`: the Rust master's handlers run `inline` or `blocking`")),
    }
}

/// Serves a fresh [`MemoryMaster`] on `127.0.0.1:port` until killed, its
/// handlers run as `handlers` says, on a runtime with one worker per core
/// (as many threads as the real master's RPC server takes: its log says
/// `rpc_thread_num=2` on 2 cores). Replies carry the type literal, as the
/// real (debug-built) master's do.
pub fn serve_memory(port: &str, handlers: &str) -> Result<(), String> {
    let port: u16 = port.parse().map_err(|e| format!("{SUBCOMMAND}: `{port}` is not a port: {e}"))?;
    let handlers = parse_handlers(handlers)?;
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .map_err(|e| format!("{SUBCOMMAND}: no runtime: {e}"))?;
    let master = Arc::new(MemoryMaster::new());
    let server = Arc::new(MemoryMaster::server(master, StructPack::with_literal()));
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut config = ServeConfig::default().on_error(|e| eprintln!("{SUBCOMMAND}: {e}"));
    config.sync_handlers = handlers;
    runtime
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            serve(listener, server, config).await
        })
        .map_err(|e| format!("{SUBCOMMAND}: {addr}: {e}"))
}
