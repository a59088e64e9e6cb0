//! Reading contract files: every way a file can be unreadable is an error on
//! the right line, and no damage (truncation, a lost or doubled line) can
//! pass for a frozen contract.

mod accepted;
mod damage;
mod errors;
mod levels;
#[allow(dead_code, reason = "the services are declared for their contracts only: never implemented nor built")]
mod services;

/// What the test binaries share: the parts this one uses.
#[path = "../support"]
mod support {
    pub mod contract;
    pub mod text;
}

use support::contract::doc;
use wire_golden::{ParseError, parse, render};

/// The `Geo` contract, whose layout the literal line numbers below rely on.
fn geo() -> String {
    render(&doc(services::geo::GeoRpc::HANDLERS))
}

/// The `Store` contract: `Store::put` (line 6) has levels 2 and 3; `Zone` is on lines 8-9.
fn store() -> String {
    render(&doc(services::levels::StoreRpc::HANDLERS))
}

/// The parse error of `text`, which must not parse.
#[track_caller]
fn error(text: &str) -> ParseError {
    match parse(text, "x.wire") {
        Ok(doc) => panic!("parsed, but should not have:\n{text}\n{doc:#?}"),
        Err(e) => {
            assert_eq!(e.file, "x.wire");
            assert_eq!(e.to_string(), format!("x.wire:{}: {}", e.line, e.message));
            e
        }
    }
}

/// Asserts the error is on `line` and its message contains `needle`.
#[track_caller]
fn assert_error(text: &str, line: usize, needle: &str) {
    let e = error(text);
    assert_eq!(e.line, line, "wrong line for `{e}` in\n{text}");
    assert!(e.message.contains(needle), "`{e}` does not mention `{needle}`");
}
