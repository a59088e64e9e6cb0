//! Our side: `wire_core`'s `Client<StructPack>` under the generated
//! `WrappedMasterServiceClient`, one connection, calls multiplexed on it.

use crate::stats::{Batch, process_cpu};
use crate::workload::{BATCH, Call, KEY, TENANT, as_binding};
use mooncake_example::{WrappedMasterServiceClient, WrappedMasterServiceRpc};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Barrier;
use wire_core::codec::StructPack;
use wire_core::rpc::CallError;
use wire_core::rpc::net::Client;

/// The generated client over one connection.
type Mc = WrappedMasterServiceClient<Client<StructPack>>;

/// Each call's deadline: every one of these is answered at once.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// A connected client of a master.
pub struct RustSide {
    transport: Client<StructPack>,
}

impl RustSide {
    /// Connects to the master at `addr`. Requests carry the type literal
    /// (`StructPack::with_literal()`), as the C++ client's do (the wheel is
    /// a debug build), so both sides send the same bytes.
    pub async fn connect(addr: SocketAddr) -> Result<RustSide, String> {
        let transport = Client::builder()
            .codec(StructPack::with_literal())
            .calls(WrappedMasterServiceRpc::HANDLERS)
            .timeout(Some(CALL_TIMEOUT))
            .connect(addr)
            .await
            .map_err(|e| format!("connecting to {addr}: {e}"))?;
        Ok(RustSide { transport })
    }

    /// `calls` calls of `call`, split over `callers` tasks started at once,
    /// each timed around its `.await`; with this process's CPU time over the
    /// batch (nothing else runs in it meanwhile: the masters and the C++
    /// clients are processes of their own, idle while this side calls).
    pub async fn run(&self, call: Call, calls: usize, callers: usize) -> Result<Batch, String> {
        let start = Arc::new(Barrier::new(callers + 1));
        let tasks: Vec<_> = (0..callers)
            .map(|i| {
                let client = Mc::new(self.transport.clone());
                let start = Arc::clone(&start);
                let mine = calls / callers + usize::from(i < calls % callers);
                tokio::spawn(async move {
                    let keys: Vec<String> = (0..BATCH).map(|i| format!("{KEY}-{i}")).collect();
                    let mut ns = Vec::with_capacity(mine);
                    let mut results = BTreeMap::<String, u64>::new();
                    start.wait().await;
                    for _ in 0..mine {
                        let (took, value) = once(&client, call, &keys).await?;
                        ns.push(took);
                        *results.entry(value).or_default() += 1;
                    }
                    Ok::<_, CallError>((ns, results))
                })
            })
            .collect();
        let (c0, t0) = (process_cpu(), Instant::now());
        start.wait().await;
        let mut batch = Batch::default();
        for task in tasks {
            let (ns, results) = task.await.map_err(|e| format!("a caller task: {e}"))?.map_err(|e| e.to_string())?;
            batch.ns.extend(ns);
            for (value, n) in results {
                *batch.results.entry(value).or_default() += n;
            }
        }
        batch.wall_ns = t0.elapsed().as_nanos() as u64;
        batch.cpu_ns = (process_cpu() - c0).as_nanos() as u64;
        Ok(batch)
    }
}

/// One call: its time in nanoseconds, and its result as the C++ binding
/// would return it (made after the clock stops).
async fn once(client: &Mc, call: Call, keys: &[String]) -> Result<(u64, String), CallError> {
    let bit = |b: &bool| u8::from(*b).to_string();
    let t0 = Instant::now();
    match call {
        Call::ExistKey => {
            let result = client.exist_key(KEY.to_owned(), TENANT.to_owned()).await?;
            let took = t0.elapsed().as_nanos() as u64;
            Ok((took, as_binding(&result, bit)))
        }
        Call::GetReplicaList => {
            let result = client.get_replica_list(KEY.to_owned(), TENANT.to_owned()).await?;
            let took = t0.elapsed().as_nanos() as u64;
            Ok((took, as_binding(&result, |r| format!("a list of {} replicas", r.replicas.len()))))
        }
        Call::BatchExistKey => {
            let results = client.batch_exist_key(keys.to_vec(), TENANT.to_owned()).await?;
            let took = t0.elapsed().as_nanos() as u64;
            let each: Vec<String> = results.iter().map(|r| as_binding(r, bit)).collect();
            Ok((took, format!("[{}]", each.join(","))))
        }
    }
}
