//! The frozen wire contract gate.
//!
//! A checked-in contract file freezes every handler's function id and
//! type-codes, with the schemas behind them. A test compares the live
//! registry with it and explains every difference:
//!
//! ```no_run
//! #[test]
//! fn wire_contract_is_frozen() {
//!     wire_golden::assert_frozen!("contracts/master.wire");
//! }
//! ```
//!
//! `WIRE_BLESS=1 cargo test` rewrites the file; with `CI` set it never writes.
//! The `wire-golden` command diffs two files (`wire-golden diff OLD NEW`).

#![deny(missing_docs)]

pub mod diff;
mod gate;
pub mod model;
pub mod report;
pub mod text;

pub use diff::{Aspect, Finding, Severity};
pub use gate::{Failed, Gate, Mode, Passed};
pub use model::ContractDoc;
pub use text::{ParseError, parse, render};

/// Fails the test when this crate's handlers drifted from the frozen file.
///
/// Paths are relative to the calling crate's manifest directory; only the
/// calling crate's handlers are checked. Add `releases = "dir"` to check the
/// release window too.
///
/// ```no_run
/// wire_golden::assert_frozen!("contracts/master.wire", releases = "contracts/releases");
/// ```
#[macro_export]
macro_rules! assert_frozen {
    ($file:expr $(,)?) => {
        $crate::Gate::new(::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join($file))
            .display_as($file)
            .krate(::core::env!("CARGO_PKG_NAME"))
            .assert()
    };
    ($file:expr, releases = $dir:expr $(,)?) => {
        $crate::Gate::new(::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join($file))
            .display_as($file)
            .releases_shown(::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join($dir), $dir)
            .krate(::core::env!("CARGO_PKG_NAME"))
            .assert()
    };
}
