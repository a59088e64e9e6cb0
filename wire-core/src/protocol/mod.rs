//! The bytes peers exchange, apart from the values themselves: request and
//! response [`frame`]s, the [`ext`]ension section that carries
//! `#[wire(since = N)]` parameters, and the [`handshake`] (the `ServiceReady`
//! table, its encoding and the verdict two tables give).

pub mod ext;
pub mod frame;
pub mod handshake;
