//! Connects to a master, exchanges `ServiceReady`, prints the compatibility
//! verdict and makes calls.
//!
//! ```text
//! cargo run -p master-example --bin master-client -- 127.0.0.1:7070
//! ```

use master_example::*;
#[cfg(feature = "v2")]
use master_example_v2 as master_example;
#[cfg(feature = "v3")]
use master_example_v3 as master_example;
use wire_core::rpc::CallError;
use wire_core::rpc::net::Client;

/// `Ok(value)` as the handler's reply, `Err` as the call error (handler and codes named).
fn show<T: std::fmt::Debug>(call: &str, result: Result<T, CallError>) {
    match result {
        Ok(reply) => println!("{call:<16} -> {reply:?}"),
        Err(e) => println!("{call:<16} -> call failed: {e}"),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:7070".into());
    let master: MasterServiceClient<_> = Client::builder().connect_service(addr.clone()).await?;
    let peer = master.transport.peer_contract().expect("a Rust server answers the handshake");
    println!("connected to {addr}: {} ({} handlers)", peer.build, peer.methods.len());
    println!("{}", master.transport.verdict());

    let me = ClientId([7, 7]);
    let segment = Segment {
        id: SegmentId([1, 2]),
        name: "seg-a".into(),
        base: 0x1000,
        size: 1 << 30,
        te_endpoint: "127.0.0.1:9000".into(),
    };
    show("mount_segment", master.mount_segment(segment, me).await);
    let config = ReplicateConfig { replica_num: 1, ..Default::default() };
    show("put_start", master.put_start("k1".into(), 12, vec![8, 4], config).await.map(|r| r.map(|r| r.len())));
    #[cfg(not(any(feature = "v2", feature = "v3")))]
    show("put_end", master.put_end("k1".into(), ReplicaType::Memory).await);
    #[cfg(feature = "v3")]
    show("put_end", master.put_end("k1".into(), ReplicaType::Memory, Some("tenant-a".into())).await);
    #[cfg(feature = "v2")]
    show("put_end", master.put_end("k1".into(), ReplicaType::Memory, "tenant-a".into()).await);
    show("exist_key", master.exist_key("k1".into()).await);
    show("get_replica_list", master.get_replica_list("k1".into()).await.map(|r| r.map(|r| r.len())));
    show("ping", master.ping(me).await);
    #[cfg(feature = "v2")]
    show("get_tenant_usage", master.get_tenant_usage("tenant-a".into()).await);
    show("remove", master.remove("k1".into()).await);
    Ok(())
}
