//! The gate's findings between the two contracts against what the real
//! masters do, in both directions: the handlers of one release, called
//! through its generated client on the real master of the other.
//!
//! From `wire_golden::diff::diff(caller's contract, master's contract)` (the
//! contract files the gate keeps), for each handler of the caller:
//!
//! - BREAKING args: the master rejects the call, `InvalidArguments` (err 4).
//! - BREAKING return (args unchanged): the master runs it, and its reply
//!   carries the master's return code: `InvalidReturn { caller, server }`
//!   with the finding's old and new code. When the args broke too, the call
//!   is made again with the master's own types, and the raw reply's code
//!   must be the finding's new code (not the caller's).
//! - removed (a handler of v0.3.13.post1 on the v0.3.11.post1 master): not
//!   registered, `FunctionNotRegistered` (err 11).
//! - ADDITIVE (new in the master's release): served by the master, called
//!   with its own types.
//! - no BREAKING finding: accepted, its reply decoded by the caller's types.
//!
//! Skips without the binaries (`scripts/install-mooncake.sh`), fails instead
//! with `WIRE_REQUIRE_MOONCAKE=1`.

mod real;

use real::{Binaries, Master, Tap, Version};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Instant;
use wire_core::codec::StructPack;
use wire_core::protocol::frame::Status;
use wire_core::rpc::CallError;
use wire_golden::{Aspect, ContractDoc, Finding, Severity};

/// The contract file the gate keeps for `version`.
fn contract(version: Version) -> ContractDoc {
    let file = match version {
        Version::V0_3_11 => "contracts/releases/v0.3.11.post1.wire",
        Version::V0_3_13 => "contracts/mooncake.wire",
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    wire_golden::parse(&text, file).unwrap_or_else(|e| panic!("{e}"))
}

/// What the library says a call of the caller's handler does on the master.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Predicted {
    /// No BREAKING finding: accepted.
    Accepted,
    /// BREAKING args: rejected with err 4 (its return may have broken too).
    ArgsRejected { return_broke: Option<(u32, u32)> },
    /// BREAKING return only: answered with the master's return code.
    OtherReturn { caller: u32, server: u32 },
    /// Removed: err 11.
    Missing,
}

/// What the real master did.
#[derive(Debug, PartialEq, Eq)]
enum Observed {
    Accepted,
    ArgsRejected,
    OtherReturn { caller: u32, server: u32 },
    Missing,
    Failed(String),
}

impl fmt::Display for Observed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Observed::Accepted => f.write_str("accepted, reply decoded"),
            Observed::ArgsRejected => f.write_str("rejected, err 4"),
            Observed::OtherReturn { caller, server } => {
                write!(f, "answered with return code {server:#010x} (ours {caller:#010x})")
            }
            Observed::Missing => f.write_str("not registered, err 11"),
            Observed::Failed(why) => write!(f, "FAILED: {why}"),
        }
    }
}

fn predict(name: &str, findings: &[Finding]) -> Predicted {
    let mine: Vec<&Finding> =
        findings.iter().filter(|f| f.subject == name && f.severity == Severity::Breaking).collect();
    let codes = |aspect| mine.iter().find(|f| f.aspect == aspect).map(|f| (f.old.unwrap(), f.new.unwrap()));
    if mine.iter().any(|f| f.aspect == Aspect::Removed) {
        return Predicted::Missing;
    }
    for f in &mine {
        assert!(matches!(f.aspect, Aspect::Args | Aspect::Return), "a finding this test does not know: {f}");
    }
    match (codes(Aspect::Args), codes(Aspect::Return)) {
        (Some(_), return_broke) => Predicted::ArgsRejected { return_broke },
        (None, Some((caller, server))) => Predicted::OtherReturn { caller, server },
        (None, None) => Predicted::Accepted,
    }
}

fn observe(outcome: Result<String, CallError>, seen: Option<real::Seen>) -> Observed {
    let status = seen.as_ref().map(|s| s.status);
    match outcome {
        Ok(_) if status == Some(Status::OK) => Observed::Accepted,
        Err(CallError::InvalidArguments { .. }) if status == Some(Status::INVALID_ARGUMENTS) => Observed::ArgsRejected,
        Err(CallError::FunctionNotRegistered { .. }) if status == Some(Status::FUNCTION_NOT_REGISTERED) => {
            Observed::Missing
        }
        Err(CallError::InvalidReturn { caller, server, .. })
            if status == Some(Status::OK) && seen.as_ref().and_then(|s| s.code) == Some(server) =>
        {
            Observed::OtherReturn { caller, server }
        }
        Ok(value) => Observed::Failed(format!("decoded {value}, but the raw reply is {seen:?}")),
        Err(e) => Observed::Failed(format!("{e} (raw reply {:?})", seen.map(|s| s.hex()))),
    }
}

/// Calls every handler of `caller` on a fresh master of `server`, and
/// compares each outcome with the prediction of the diff.
fn gate_predicts_the_real_master(caller: Version, server: Version, codec: StructPack) {
    let Some(bins) = Binaries::find() else { return };
    let findings = wire_golden::diff::diff(&contract(caller), &contract(server));
    let mut master = Master::start(&bins, server);
    let started = Instant::now();
    let mut problems = Vec::new();
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut count = |what: &'static str, ok: bool| {
        let t = tally.entry(what).or_default();
        t.0 += 1;
        t.1 += usize::from(ok);
    };
    real::runtime().block_on(async {
        let tap = Tap::new(real::connect(master.addr, codec, caller.handlers()).await);
        let own = Tap::new(real::connect(master.addr, codec, server.handlers()).await);
        println!("{} clients on the {} master:", caller.dir(), server.dir());
        for name in real::order(caller) {
            let handler = real::handler(caller, name);
            let predicted = predict(handler.name, &findings);
            let outcome = real::call(caller, &tap, name).await;
            let observed = observe(outcome, tap.take());
            let (what, ok) = match predicted {
                Predicted::Accepted => ("unchanged: accepted", observed == Observed::Accepted),
                Predicted::ArgsRejected { .. } => ("BREAKING args: err 4", observed == Observed::ArgsRejected),
                Predicted::OtherReturn { caller, server } => {
                    ("BREAKING return: the master's return code", observed == Observed::OtherReturn { caller, server })
                }
                Predicted::Missing => ("removed: err 11", observed == Observed::Missing),
            };
            count(what, ok);
            println!("  {name:<26} predicted {what:<42} observed {observed}");
            if !ok {
                problems.push(format!("{name}: predicted {predicted:?}, observed {observed}"));
            }
            if let Predicted::ArgsRejected { return_broke: Some((ours, theirs)) } = predicted {
                // The args broke too: call with the master's types, and read the reply's code.
                let outcome = real::call(server, &own, name).await;
                let code = own.take().and_then(|s| s.code);
                let ok = outcome.is_ok() && code == Some(theirs) && theirs != ours;
                count("BREAKING return (args too): the master's return code", ok);
                println!(
                    "  {name:<26} predicted return {theirs:#010x} (not ours {ours:#010x}) observed {} with the \
                     master's types",
                    code.map_or("no reply".into(), |c| format!("{c:#010x}"))
                );
                if !ok {
                    problems.push(format!("{name}: the master's own call gave {outcome:?} with code {code:?}"));
                }
            }
        }
        for f in findings.iter().filter(|f| f.aspect == Aspect::Added) {
            let name = real::short(&f.subject);
            let outcome = real::call(server, &own, name).await;
            let observed = observe(outcome, own.take());
            let ok = observed == Observed::Accepted;
            count("ADDITIVE: served by the master", ok);
            println!("  {name:<26} predicted ADDITIVE (served, its own types)        observed {observed}");
            if !ok {
                problems.push(format!("{name}: ADDITIVE, but the master's own call was {observed}"));
            }
        }
    });
    master.proc.assert_running();
    println!(
        "{} -> {} master ({} findings): {}; master up in {:?}, calls {:?}",
        caller.dir(),
        server.dir(),
        findings.len(),
        tally.iter().map(|(what, (n, ok))| format!("{what} {ok}/{n}")).collect::<Vec<_>>().join(", "),
        master.start_time,
        started.elapsed()
    );
    assert!(problems.is_empty(), "{} mismatch(es) with the gate:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn v0_3_11_post1_clients_on_the_v0_3_13_post1_master_fail_as_the_gate_predicts() {
    gate_predicts_the_real_master(Version::V0_3_11, Version::V0_3_13, StructPack::with_literal());
}

#[test]
fn v0_3_13_post1_clients_on_the_v0_3_11_post1_master_fail_as_the_gate_predicts() {
    gate_predicts_the_real_master(Version::V0_3_13, Version::V0_3_11, StructPack::default());
}
