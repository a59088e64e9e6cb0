//! Frozen RPC wire contracts, computed at compile time.
//!
//! The *type-codes* of a handler's argument tuple and return type are
//! computed in const evaluation from a [`Schema`] tree, exactly as the wire
//! spec says: a struct_pack-compatible type literal, then MD5; its *function
//! id* is the MD5 of its name, which `#[wire_rpc]` computes as it expands
//! (the same value as the const [`function_id`]). `#[derive(Wire)]` describes
//! a type, `#[wire_rpc]` a handler trait, and every handler lands in a
//! registry read by [`Contract::current`].
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use wire_core::{wire_rpc, Wire};
//!
//! #[derive(Serialize, Deserialize, Wire)]
//! pub struct Replica { pub addr: String, pub size: u64 }
//!
//! #[wire_rpc]
//! pub trait MasterService {
//!     fn get_replicas(&self, key: String) -> Vec<Replica>;
//! }
//!
//! // Codes are constants ...
//! const CODE: u32 = <Replica as Wire>::CODE;
//! const RET: u32 = MasterServiceRpc::get_replicas.return_code;
//! // ... derived from the literal of the spec.
//! assert_eq!(wire_core::literal::<Replica>(), [0xFD, 0x80, 0x0C, 0x04, 0xFF]);
//! assert_eq!(CODE, wire_core::type_code(&[0xFD, 0x80, 0x0C, 0x04, 0xFF]));
//! assert_eq!(RET, <Vec<Replica> as Wire>::CODE);
//!
//! // ... and the registry lists every handler of the binary.
//! let contract = wire_core::Contract::current().unwrap();
//! let h = contract.get("MasterService::get_replicas").unwrap();
//! assert_eq!(h.function_id, wire_core::function_id("MasterService::get_replicas"));
//! ```

#![deny(missing_docs)]

pub mod codec;
pub mod depth;
pub mod ext;
pub mod frame;
mod generated;
mod impls;
mod literal;
mod md5;
#[cfg(feature = "net")]
pub mod net;
mod ready;
mod registry;
pub mod rpc;
mod schema;

pub use literal::{LiteralError, MAX_LITERAL, args_code, args_literal, try_args_code, try_args_literal};
pub use md5::Md5;
pub use ready::{
    Compat, ExtLevel, HANDSHAKE_VERSION, Method, Partial, ReadyError, ServiceReady, Status as MethodStatus, Verdict,
};
pub use registry::{Collision, Contract, ContractError, Handler, Location};
pub use schema::{EnumDef, Field, NewtypeDef, Prim, Schema, StructDef, Style, Variant};

/// Derives [`Wire`](trait@Wire) for a struct or enum; see the crate docs of `wire-derive`.
pub use wire_derive::Wire;

/// Computes the wire codes of every method of a trait and registers them.
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
    Md5::new().update(bytes).finish_u32()
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
    pub use crate::generated::{
        SinceParam, assert_since_param, call, call_ext, failed, handler, serve, serve_async, since_default,
    };
    pub use crate::generated::{
        serve_async0, serve_async1, serve_async2, serve_async3, serve_async4, serve_async5, serve_async6, serve0,
        serve1, serve2, serve3, serve4, serve5, serve6,
    };
    pub use crate::registry::HandlerSet;
    pub use inventory;
    pub use serde;
}
