//! The contract layer, all computed at compile time: the schema tree that
//! describes a type ([`schema`]), its `Wire` impls for the standard library
//! ([`impls`]), the type literal and codes ([`literal`], over a const
//! [`md5`]), the C layout of trivially copyable types ([`layout`]), and the
//! handler registry ([`registry`]).
//!
//! Everything public here is re-exported at the crate root.

pub(crate) mod impls;
pub(crate) mod layout;
pub(crate) mod literal;
pub(crate) mod md5;
pub(crate) mod registry;
pub(crate) mod schema;
pub(crate) mod shape;
