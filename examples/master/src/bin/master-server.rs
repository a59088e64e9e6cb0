//! Serves the example master over TCP on loopback.
//!
//! ```text
//! cargo run -p master-example --bin master-server -- 127.0.0.1:7070
//! ```

use master_example::{BUILD, MasterServiceServer, MemoryMaster};
#[cfg(feature = "v2")]
use master_example_v2 as master_example;
#[cfg(feature = "v3")]
use master_example_v3 as master_example;
use std::sync::Arc;
use wire_core::codec::Bincode;
use wire_core::rpc::Server;
use wire_core::rpc::net::ServeConfig;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:7070".into());
    let server = Server::new(Bincode).with_build(BUILD).add_service(MasterServiceServer::new(MemoryMaster::new()))?;
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let ready = server.ready();
    println!(
        "{BUILD} serving {} handlers on {} (codec {}, contract digest {})",
        ready.methods.len(),
        listener.local_addr()?,
        ready.codec,
        ready.digest.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let config = ServeConfig::default().on_error(|error| eprintln!("{error}"));
    wire_core::rpc::net::serve(listener, Arc::new(server), config).await?;
    Ok(())
}
