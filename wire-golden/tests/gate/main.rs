//! The `cargo test` gate over files in a temp folder, with the live contract
//! and the mode (`WIRE_BLESS`, `CI`) given explicitly: what it writes, what it
//! refuses to write, and what it reports.

mod environment;
mod frozen;
mod releases;
#[allow(dead_code, reason = "the traits of the versions are declared for their handlers only: never implemented")]
mod versions;

/// What the test binaries share: the parts this one uses.
#[path = "../support"]
mod support {
    pub mod contract;
    pub mod kv;
    pub mod temp;
}

use std::path::Path;
use support::contract::doc;
use support::temp::Dir;
use versions::{v1, v2_add, v2_break, v2_since};
use wire_core::Handler;
use wire_golden::{ContractDoc, Failed, Gate, Mode, Passed};

fn v1() -> ContractDoc {
    doc(v1::KvRpc::HANDLERS)
}

fn v2_since_doc() -> ContractDoc {
    doc(v2_since::KvRpc::HANDLERS)
}

fn v2_add() -> ContractDoc {
    doc(v2_add::KvRpc::HANDLERS)
}

fn v2_break() -> ContractDoc {
    doc(v2_break::KvRpc::HANDLERS)
}

/// v2_break without `scan`: `put`'s breaking change alone.
fn v2_put_only() -> ContractDoc {
    let handlers: Vec<&'static Handler> =
        v2_break::KvRpc::HANDLERS.iter().copied().filter(|h| h.method != "scan").collect();
    doc(&handlers)
}

const CHECK: Mode = Mode { bless: false, ci: false };
const BLESS: Mode = Mode { bless: true, ci: false };
const CI: Mode = Mode { bless: false, ci: true };
const BLESS_IN_CI: Mode = Mode { bless: true, ci: true };

const SHOWN: &str = "contracts/kv.wire";
const CI_NOTE: &str = "(WIRE_BLESS is ignored: CI is set, so the gate only checks)";

/// The gate over a test's folder, as `assert_frozen!` sets it up.
trait Gated {
    /// The gate over `contracts/kv.wire`, shown as in `assert_frozen!`.
    fn gate(&self) -> Gate;

    /// The same, with the release window `contracts/releases`.
    fn gate_with_releases(&self) -> Gate;
}

impl Gated for Dir {
    fn gate(&self) -> Gate {
        Gate::new(self.path(SHOWN)).display_as(SHOWN)
    }

    fn gate_with_releases(&self) -> Gate {
        self.gate().releases_shown(self.path("contracts/releases"), "contracts/releases")
    }
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[track_caller]
fn passed(result: Result<Passed, Failed>) -> Option<String> {
    match result {
        Ok(p) => p.blessed,
        Err(f) => panic!("the gate failed:\n{f}"),
    }
}

#[track_caller]
fn failed(result: Result<Passed, Failed>) -> Failed {
    match result {
        Ok(p) => panic!("the gate passed: {p:?}"),
        Err(f) => {
            assert_eq!(f.to_string(), f.report);
            f
        }
    }
}
