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
//!
//! Along the pipeline: [`model`] holds a contract as owned data (lowered from
//! the live registry; raised back to schema trees to recompute its codes),
//! [`file`](mod@file) writes and reads the `wire-contract v1` format, [`diff`](mod@diff)
//! classifies the differences between two contracts, [`report`] and [`show`]
//! print them, and [`Gate`] (behind [`assert_frozen!`]) is the `cargo test`
//! gate.

#![deny(missing_docs)]

pub mod diff;
pub mod file;
mod gate;
pub mod model;
pub mod probe;
pub mod report;
pub mod show;

pub use diff::{Aspect, Finding, Severity};
pub use file::{ParseError, parse, render};
pub use gate::{Failed, Gate, Mode, Passed, ReleaseBreak};
pub use model::ContractDoc;

/// Fails the test when a crate's handlers drifted from the frozen file.
///
/// Paths are relative to the calling crate's manifest directory. By default
/// the calling crate's handlers are checked; the keys, in any order:
///
/// - `releases = "dir"`: check the release window too (every `*.wire` in `dir`).
/// - `krate = "package-name"`: check the handlers of another crate, the one
///   that defines the `#[wire_rpc]` traits (a gate test in a separate crate).
///   The test must use that crate (`use the_crate as _;`), or the linker
///   leaves its handlers out of the test binary.
///
/// ```no_run
/// wire_golden::assert_frozen!("contracts/master.wire", releases = "contracts/releases");
/// ```
///
/// ```no_run
/// // In a crate that depends on `master-example`, with `use master_example as _;`
/// // in the test so that its handlers are linked in:
/// wire_golden::assert_frozen!("../master/contracts/master.wire", krate = "master-example");
/// ```
///
/// Another key is a compile error:
///
/// ```compile_fail
/// wire_golden::assert_frozen!("contracts/master.wire", release = "contracts/releases");
/// ```
#[macro_export]
macro_rules! assert_frozen {
    ($file:expr $(, $key:ident = $value:expr)* $(,)?) => {{
        let gate = $crate::Gate::new(::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join($file))
            .display_as($file)
            .krate(::core::env!("CARGO_PKG_NAME"));
        $(let gate = $crate::__assert_frozen_key!(gate, $key = $value);)*
        gate.assert()
    }};
}

/// One `key = value` of [`assert_frozen!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __assert_frozen_key {
    ($gate:ident, releases = $dir:expr) => {
        $gate.releases_shown(::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join($dir), $dir)
    };
    ($gate:ident, krate = $name:expr) => {
        $gate.krate($name)
    };
    ($gate:ident, $other:ident = $value:expr) => {
        ::core::compile_error!(::core::concat!(
            "assert_frozen! takes `releases = \"dir\"` and `krate = \"package-name\"`, not `",
            ::core::stringify!($other),
            "`"
        ))
    };
}
