//! Umbrella package of the wire contract workspace.
//!
//! It has no API of its own: it hosts the workspace-level `examples/` and the
//! integration `tests/` that exercise `wire-core`, `wire-derive` and
//! `wire-golden` together, the way a user crate does.
