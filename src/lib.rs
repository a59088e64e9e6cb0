//! Umbrella package of the wire contract workspace: it hosts the
//! workspace-level `examples/` and the integration `tests/`, and compiles the
//! README's Rust examples as doctests so the README cannot drift from the code.
#![doc = include_str!("../README.md")]
