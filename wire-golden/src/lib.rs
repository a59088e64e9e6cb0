//! The frozen wire contract gate. Placeholder: the contract file format, the
//! `cargo test` gate and the CLI arrive with their own issue.
