#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// The pipeline, in folders: what a type is and what it costs at compile
// time (`contract`), how values become bytes (`codec`), the bytes peers
// exchange (`protocol`), and serving and calling (`rpc`).
pub mod codec;
mod contract;
mod private;
pub mod protocol;
pub mod rpc;

pub use contract::layout::CLayout;
pub use contract::literal::{LiteralError, MAX_LITERAL, args_code, args_literal, try_args_code, try_args_literal};
pub use contract::registry::{Collision, Contract, ContractError, ExtGroup, Handler, Location};
pub use contract::schema::{
    CEnumDef, CVariant, DefRef, EnumDef, Field, NamedDef, NewtypeDef, Prim, Schema, StructDef, Style, Variant,
};
pub use contract::shape::Shape;

/// Derives [`Wire`](trait@Wire) for a struct or enum.
///
/// ```
/// use serde::Serialize;
/// use wire_core::Wire;
///
/// #[derive(Serialize, Wire)]
/// #[serde(rename_all = "camelCase")] // names never change a code
/// pub struct Replica {
///     pub addr: String,
///     pub size: u64,
///     #[serde(skip)] // not on the wire, not in the literal
///     pub cached: Vec<u8>,
/// }
///
/// assert_eq!(wire_core::literal::<Replica>(), [0xFD, 0x80, 0x0C, 0x04, 0xFF]);
/// assert_eq!(<Replica as Wire>::CODE, <(String, u64) as Wire>::CODE);
/// ```
pub use wire_derive::Wire;

/// Turns a trait of handlers into a wire service: the codes of every
/// method as [`Handler`] constants, their registration for
/// [`Contract::current`], a server ([`rpc::Service`]) and a client (over an
/// [`rpc::Transport`]).
///
/// ```
/// use std::sync::Arc;
/// use wire_core::codec::Bincode;
/// use wire_core::rpc::{Local, Server};
/// use wire_core::{Wire, wire_rpc};
///
/// #[wire_rpc]
/// pub trait Store {
///     fn get(&self, key: String) -> Option<Vec<u8>>;
///     async fn put(&self, key: String, value: Vec<u8>, #[wire(since = 2)] ttl: Option<u32>);
///     #[wire(name = "Store::Ping")]
///     fn ping(&self) -> u64;
/// }
///
/// // StoreRpc: one `Handler` const per method, SERVICE and HANDLERS.
/// const GET_ID: u32 = StoreRpc::get.function_id;
/// assert_eq!(GET_ID, wire_core::function_id("Store::get"));
/// assert_eq!(StoreRpc::get.args_code, <String as Wire>::CODE);
/// assert_eq!(StoreRpc::get.return_code, <Option<Vec<u8>> as Wire>::CODE);
/// assert_eq!(StoreRpc::put.args_code, <(String, Vec<u8>) as Wire>::CODE); // `ttl` is level 2
/// assert_eq!(StoreRpc::put.ext_level(), 2);
/// assert_eq!(StoreRpc::ping.name, "Store::Ping");
/// assert_eq!((StoreRpc::SERVICE, StoreRpc::HANDLERS.len()), ("Store", 3));
///
/// // StoreServer<S> serves any `S: Store`; StoreClient<T> calls over any transport.
/// struct Memory;
/// impl Store for Memory {
///     fn get(&self, key: String) -> Option<Vec<u8>> {
///         (key == "k").then(|| vec![1])
///     }
///     async fn put(&self, _key: String, _value: Vec<u8>, ttl: Option<u32>) {
///         assert_eq!(ttl, Some(60));
///     }
///     fn ping(&self) -> u64 {
///         7
///     }
/// }
/// let server = Server::new(Bincode).add_service(StoreServer::new(Memory)).unwrap();
/// let client = StoreClient::new(Local::new(Arc::new(server)));
/// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// assert_eq!(runtime.block_on(client.get("k".into())).unwrap(), Some(vec![1]));
/// runtime.block_on(client.put("k".into(), vec![2], Some(60))).unwrap();
/// assert_eq!(runtime.block_on(client.ping()).unwrap(), 7);
/// ```
///
/// With `codes_only`, the types need no serde impls and no server or client
/// is written:
///
/// ```
/// use wire_core::{Wire, wire_rpc};
///
/// #[derive(Wire)]
/// pub struct Blob(Vec<u8>);
///
/// #[wire_rpc(codes_only)]
/// #[wire(name = "ns::Peer")]
/// pub trait Peer {
///     #[wire(name = "ns::Peer::Store")]
///     fn store(&self, blob: Blob) -> bool;
/// }
///
/// assert_eq!(PeerRpc::store.function_id, wire_core::function_id("ns::Peer::Store"));
/// assert_eq!(PeerRpc::SERVICE, "ns::Peer");
/// ```
pub use wire_derive::wire_rpc;

/// A type that crosses the wire, described by a const [`Schema`].
///
/// Implemented for the standard library's types and by `#[derive(Wire)]`.
/// `CODE` is a constant: using it costs nothing at run time.
///
/// ```
/// use wire_core::Wire;
/// const CODE: u32 = <Option<String> as Wire>::CODE;
/// assert_eq!(CODE, wire_core::type_code(&[0x85, 0x80, 0x0C]));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot cross the wire: it does not implement `Wire`",
    label = "`{Self}` has no wire schema",
    note = "add `#[derive(Wire)]` to `{Self}`, or describe it on the field with \
            `#[wire(as = Type)]` / `#[wire(opaque = \"Name\")]`"
)]
pub trait Wire {
    /// The type's schema tree.
    const SCHEMA: &'static Schema;
    /// The type-code: `md5_32(literal) & 0xFFFF_FFFE`.
    const CODE: u32 = Self::SCHEMA.code();
}

/// `md5_32(bytes)`: the first four bytes of MD5, read big-endian.
///
/// ```
/// assert_eq!(wire_core::md5_32(b""), 0xd41d8cd9);
/// ```
pub const fn md5_32(bytes: &[u8]) -> u32 {
    contract::md5::Md5::new().update(bytes).finish_u32()
}

/// The function id of a qualified wire name: `md5_32(name)`, unmasked.
///
/// ```
/// const ID: u32 = wire_core::function_id("MasterService::put_start");
/// assert_eq!(ID, wire_core::md5_32(b"MasterService::put_start"));
/// ```
pub const fn function_id(name: &str) -> u32 {
    md5_32(name.as_bytes())
}

/// The type-code of a literal: `md5_32(literal) & 0xFFFF_FFFE` (the low bit is reserved).
///
/// ```
/// assert_eq!(wire_core::type_code(&[0x0B]) & 1, 0);
/// ```
pub const fn type_code(literal: &[u8]) -> u32 {
    md5_32(literal) & !1
}

/// The args code of a handler with no arguments: the code of the empty literal.
pub const EMPTY_ARGS_CODE: u32 = type_code(&[]);

/// The type literal of `T` (wire spec §2), built at run time from its schema.
///
/// ```
/// assert_eq!(wire_core::literal::<[u8; 16]>(), [0x81, 0x06, 0x91]);
/// ```
pub fn literal<T: Wire + ?Sized>() -> Vec<u8> {
    T::SCHEMA.literal()
}

#[doc(hidden)]
pub mod __private {
    pub use crate::contract::registry::HandlerSet;
    pub use crate::private::{
        SinceParam, assert_since_param, call, call_ext, failed, handler, serve, serve_async, since_default,
    };
    pub use crate::private::{
        serve_async0, serve_async1, serve_async2, serve_async3, serve_async4, serve_async5, serve_async6, serve0,
        serve1, serve2, serve3, serve4, serve5, serve6,
    };
    pub use crate::protocol::ext::{ExtSection, ExtWriter, decode_level};
    pub use inventory;
    pub use serde;
}
