//! The contract file: rendering and parsing (format `wire-contract v1`).
//!
//! ```text
//! wire-contract v1
//! # comments start with '#'
//!
//! handler MasterService::exist_key id=0x0fb1b691 args=0x9dcffa76 ret=0xac9f0aaa sig=MasterService.exist_key(key: String) -> Result<bool, ErrorCode>
//!
//! type ErrorCode enum
//!   NotFound
//!   NoSpace { requested: u64 }
//!   Internal(String)
//! type Replica struct
//!   addr: String
//!   size: u64
//!
//! end 1 handlers 2 types
//! ```
//!
//! One handler per line, sorted by wire name; then every named type, sorted
//! by key, one member per indented line; then an `end` line that makes a
//! truncated file an error. Codes are recomputed from the recorded schema on
//! parse, so a hand-edited line cannot pass for a frozen one.
//!
//! A handler with `#[wire(since = N)]` parameters records each level's args
//! code after `ret=` and marks the parameters in `sig=` (a handler without
//! levels has neither):
//!
//! ```text
//! handler Store::put id=0x… args=0x… ret=0x… ext=2:0x…,3:0x… sig=Store.put(key: String, #[since 2] tenant: Option<String>, #[since 3] ttl: u32) -> u64
//! ```
//!
//! The pipeline, one file each: `render` writes a contract; reading it,
//! `lex` splits a line into tokens, `parse` reads the lines, `expr` the type
//! expressions in them, and `verify` recomputes every code the file records.

mod expr;
mod lex;
mod parse;
mod render;
mod verify;

pub use expr::MAX_TYPE_NESTING;
pub use parse::parse;
pub use render::{ext_key, key_base, name, render, signature, variant};

use std::fmt;

/// The first line of every contract file.
pub const HEADER: &str = "wire-contract v1";

/// A contract file that cannot be read, with where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong there, and what was expected.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}
