//! A Mooncake master in Rust: [`MemoryMaster`] (clients and their segments
//! in memory, no objects) served over struct_pack, which a real
//! `mooncake_client` of the same release starts against.
//!
//! ```sh
//! cargo run -p mooncake-example --bin mooncake-master -- 127.0.0.1:50051
//! mooncake_client --master_server_address=127.0.0.1:50051 --metadata_server=P2PHANDSHAKE \
//!     --protocol=tcp --global_segment_size="16 MB" --local_buffer_size="16 MB" --host=127.0.0.1 --port=50052
//! ```
//!
//! Replies carry the type literal, as the real (debug-built) master's do;
//! `--release-payloads` leaves it out. The calls so far are printed every
//! 10 seconds when they changed.

use mooncake_example::{MOONCAKE_VERSION, MemoryMaster, handler_count};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use wire_core::codec::StructPack;
use wire_core::rpc::net::{ServeConfig, serve};

const USAGE: &str = "usage: mooncake-master [ADDRESS (default 127.0.0.1:50051)] [--release-payloads]";

fn main() -> ExitCode {
    let mut addr: SocketAddr = ([127, 0, 0, 1], 50051).into();
    let mut codec = StructPack::with_literal();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--release-payloads" => codec = StructPack::default(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => match other.parse() {
                Ok(a) => addr = a,
                Err(e) => {
                    eprintln!("mooncake-master: `{other}` is not an address ({e})\n{USAGE}");
                    return ExitCode::FAILURE;
                }
            },
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("mooncake-master: no runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let master = Arc::new(MemoryMaster::new());
    let server = Arc::new(MemoryMaster::server(Arc::clone(&master), codec));
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        println!(
            "mooncake-master: Mooncake {MOONCAKE_VERSION} WrappedMasterService ({} handlers, in memory) on {}",
            handler_count(),
            listener.local_addr()?
        );
        tokio::spawn(report(master));
        serve(listener, server, ServeConfig::default().on_error(|e| eprintln!("mooncake-master: {e}"))).await
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mooncake-master: {addr}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the calls every 10 seconds when they changed.
async fn report(master: Arc<MemoryMaster>) {
    let mut last = master.calls();
    loop {
        tokio::time::sleep(Duration::from_secs(10)).await;
        let now = master.calls();
        if now != last {
            let shown: Vec<String> =
                now.iter().map(|(name, t)| format!("{} {}/{} Ok", short(name), t.ok, t.calls)).collect();
            println!("mooncake-master: calls: {}", shown.join(", "));
            last = now;
        }
    }
}

fn short(name: &str) -> &str {
    name.rsplit("::").next().unwrap_or(name)
}
