//! The three versions of the example master as the matrix drives them: each
//! crate's consts, a server of it, and a client of it and a view of its
//! store that speak v1's value types.
//!
//! The three crates compile one source (`examples/master/src/lib.rs`), so
//! their value types are the same shapes under three paths: [`cast`] turns
//! one into the other through its bincode bytes. Only `put_end`'s arguments
//! differ, which each version's [`Master::put_end`] spells its own way.

use master_example as v1;
use master_example_v2 as v2;
use master_example_v3 as v3;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::any::type_name;
use std::sync::Arc;
use v1::{ClientId, ErrorCode, PingResponse, Replica, ReplicaType, ReplicateConfig, Segment, SegmentId};
use wire_core::Handler;
use wire_core::codec::Bincode;
use wire_core::rpc::CallError;
use wire_core::rpc::net::Client;

use super::support::net::Running;

/// What a call returns: the handler's return value, or why there is none.
pub type Reply<T> = Result<T, CallError>;

/// Where `put_start` placed an object's replicas.
pub type Placed = Result<Vec<Replica>, ErrorCode>;

/// `value` as the same-shaped type `B` of another version's crate.
pub fn cast<A: Serialize, B: DeserializeOwned>(value: &A) -> B {
    let bytes = bincode::serialize(value).expect("a value of the example encodes");
    bincode::deserialize(&bytes)
        .unwrap_or_else(|e| panic!("{} is not the shape of {}: {e}", type_name::<A>(), type_name::<B>()))
}

fn cast_reply<A: Serialize, B: DeserializeOwned>(reply: Reply<A>) -> Reply<B> {
    reply.map(|value| cast(&value))
}

/// One version of the example master.
pub trait Version {
    /// The crate's build string.
    const BUILD: &'static str;
    /// The crate's handlers.
    const HANDLERS: &'static [&'static Handler];
    /// The crate's `put_end`.
    const PUT_END: &'static Handler;
    /// The crate's in-memory master.
    type Store: Store;
    /// The crate's client over a connection.
    type Client: Master;
    /// A server of this version on a loopback port, and the store it serves.
    async fn serve() -> (Running, Arc<Self::Store>);
    /// A client of this version over `client`.
    fn client(client: Client<Bincode>) -> Self::Client;
}

/// A client of one version, in v1's value types.
pub trait Master {
    async fn exist_key(&self, key: String) -> Reply<Result<bool, ErrorCode>>;
    async fn batch_exist_key(&self, keys: Vec<String>) -> Reply<Vec<Result<bool, ErrorCode>>>;
    async fn get_replica_list(&self, key: String) -> Reply<Result<Vec<Replica>, ErrorCode>>;
    async fn put_start(&self, key: String, len: u64, slices: Vec<u64>, config: ReplicateConfig) -> Reply<Placed>;
    /// `put_end` of a memory replica, with `tenant` where this version takes one.
    async fn put_end(&self, key: String, tenant: &str) -> Reply<Result<(), ErrorCode>>;
    async fn put_revoke(&self, key: String, replica_type: ReplicaType) -> Reply<Result<(), ErrorCode>>;
    async fn remove(&self, key: String) -> Reply<Result<(), ErrorCode>>;
    async fn remove_all(&self) -> Reply<Result<u64, ErrorCode>>;
    async fn mount_segment(&self, segment: Segment, client_id: ClientId) -> Reply<Result<(), ErrorCode>>;
    async fn unmount_segment(&self, segment_id: SegmentId, client_id: ClientId) -> Reply<Result<(), ErrorCode>>;
    async fn ping(&self, client_id: ClientId) -> Reply<Result<PingResponse, ErrorCode>>;
    async fn get_fsdir(&self) -> Reply<Result<String, ErrorCode>>;
    async fn service_ready(&self) -> Reply<Result<String, ErrorCode>>;
}

/// The served store of one version, looked at directly (not over the wire),
/// in v1's value types.
pub trait Store: Send + Sync + 'static {
    fn exist_key(&self, key: String) -> Result<bool, ErrorCode>;
    fn get_replica_list(&self, key: String) -> Result<Vec<Replica>, ErrorCode>;
}

/// v1 of the example master.
pub struct V1;
/// v2: `put_end` takes a bare trailing `tenant_id: String`; `get_tenant_usage` is new.
pub struct V2;
/// v3: `put_end` takes the tenant as `#[wire(since = 2)] tenant_id: Option<String>`.
pub struct V3;

/// Implements the traits above for version `$version`, crate `$v`, whose
/// `put_end($key, $tenant)` on client `$client` is `$put_end`. Forwarding
/// only: every assertion is in the test functions.
macro_rules! version {
    ($version:ident = $v:ident, put_end($client:ident, $key:ident, $tenant:ident) => $put_end:expr) => {
        impl Version for $version {
            const BUILD: &'static str = $v::BUILD;
            const HANDLERS: &'static [&'static Handler] = $v::MasterServiceRpc::HANDLERS;
            const PUT_END: &'static Handler = &$v::MasterServiceRpc::put_end;
            type Store = $v::MemoryMaster;
            type Client = $v::MasterServiceClient<Client<Bincode>>;

            async fn serve() -> (Running, Arc<$v::MemoryMaster>) {
                let store = Arc::new($v::MemoryMaster::new());
                (Running::start($v::BUILD, $v::MasterServiceServer(Arc::clone(&store))).await, store)
            }

            fn client(client: Client<Bincode>) -> Self::Client {
                $v::MasterServiceClient::new(client)
            }
        }

        impl Master for $v::MasterServiceClient<Client<Bincode>> {
            async fn exist_key(&self, key: String) -> Reply<Result<bool, ErrorCode>> {
                cast_reply($v::MasterServiceClient::exist_key(self, key).await)
            }

            async fn batch_exist_key(&self, keys: Vec<String>) -> Reply<Vec<Result<bool, ErrorCode>>> {
                cast_reply($v::MasterServiceClient::batch_exist_key(self, keys).await)
            }

            async fn get_replica_list(&self, key: String) -> Reply<Result<Vec<Replica>, ErrorCode>> {
                cast_reply($v::MasterServiceClient::get_replica_list(self, key).await)
            }

            async fn put_start(
                &self,
                key: String,
                len: u64,
                slices: Vec<u64>,
                config: ReplicateConfig,
            ) -> Reply<Placed> {
                cast_reply($v::MasterServiceClient::put_start(self, key, len, slices, cast(&config)).await)
            }

            async fn put_end(&self, $key: String, $tenant: &str) -> Reply<Result<(), ErrorCode>> {
                let $client = self;
                cast_reply($put_end.await)
            }

            async fn put_revoke(&self, key: String, replica_type: ReplicaType) -> Reply<Result<(), ErrorCode>> {
                cast_reply($v::MasterServiceClient::put_revoke(self, key, cast(&replica_type)).await)
            }

            async fn remove(&self, key: String) -> Reply<Result<(), ErrorCode>> {
                cast_reply($v::MasterServiceClient::remove(self, key).await)
            }

            async fn remove_all(&self) -> Reply<Result<u64, ErrorCode>> {
                cast_reply($v::MasterServiceClient::remove_all(self).await)
            }

            async fn mount_segment(&self, segment: Segment, client_id: ClientId) -> Reply<Result<(), ErrorCode>> {
                cast_reply($v::MasterServiceClient::mount_segment(self, cast(&segment), cast(&client_id)).await)
            }

            async fn unmount_segment(
                &self,
                segment_id: SegmentId,
                client_id: ClientId,
            ) -> Reply<Result<(), ErrorCode>> {
                let (segment_id, client_id) = (cast(&segment_id), cast(&client_id));
                cast_reply($v::MasterServiceClient::unmount_segment(self, segment_id, client_id).await)
            }

            async fn ping(&self, client_id: ClientId) -> Reply<Result<PingResponse, ErrorCode>> {
                cast_reply($v::MasterServiceClient::ping(self, cast(&client_id)).await)
            }

            async fn get_fsdir(&self) -> Reply<Result<String, ErrorCode>> {
                cast_reply($v::MasterServiceClient::get_fsdir(self).await)
            }

            async fn service_ready(&self) -> Reply<Result<String, ErrorCode>> {
                cast_reply($v::MasterServiceClient::service_ready(self).await)
            }
        }

        impl Store for $v::MemoryMaster {
            fn exist_key(&self, key: String) -> Result<bool, ErrorCode> {
                cast(&<Self as $v::MasterService>::exist_key(self, key))
            }

            fn get_replica_list(&self, key: String) -> Result<Vec<Replica>, ErrorCode> {
                cast(&<Self as $v::MasterService>::get_replica_list(self, key))
            }
        }
    };
}

version!(V1 = v1, put_end(client, key, _tenant) => client.put_end(key, v1::ReplicaType::Memory));
version!(V2 = v2, put_end(client, key, tenant) => client.put_end(key, v2::ReplicaType::Memory, tenant.into()));
version!(V3 = v3, put_end(client, key, tenant) => client.put_end(key, v3::ReplicaType::Memory, Some(tenant.into())));
