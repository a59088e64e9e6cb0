//! The wire contract gate of Mooncake's master service.
//!
//! - v0.3.13.post1 (this build) is frozen in `contracts/mooncake.wire`.
//! - v0.3.11.post1 is a release still in the window
//!   (`contracts/releases/v0.3.11.post1.wire`, written by the library from the
//!   `mooncake-example-v0-3-11` build). Mooncake broke it: tenant ids were
//!   added to most calls, and several types were reshaped. So the gate with
//!   the release window fails, and the test below asserts exactly how: the
//!   handlers it reports BREAKING are those whose measured C++ codes differ
//!   between the two releases (`tests/data/codes-*.tsv`).

mod measured;

use measured::Row;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use wire_golden::model::Body;
use wire_golden::{Aspect, ContractDoc, Gate, Mode, Severity};

const FROZEN: &str = "contracts/mooncake.wire";
const RELEASES: &str = "contracts/releases";
const RELEASE: &str = "contracts/releases/v0.3.11.post1.wire";

fn path(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(file)
}

fn contract(file: &str) -> ContractDoc {
    let text = std::fs::read_to_string(path(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    wire_golden::parse(&text, file).unwrap_or_else(|e| panic!("{e}"))
}

fn rows(file: &str) -> Vec<Row> {
    measured::read(file).unwrap_or_else(|e| panic!("{e}"))
}

/// What `wire_golden::diff::diff(old, new)` must find, from the measured codes
/// alone: one BREAKING finding per code that differs between the two
/// releases (args, return), with the measured old and new code; a removed
/// handler BREAKING; an added one ADDITIVE. Keyed (severity, handler, aspect)
/// -> (old code, new code).
type Expected = BTreeMap<(Severity, String, Aspect), (Option<u32>, Option<u32>)>;

fn expected_findings(old: &[Row], new: &[Row]) -> Expected {
    // The args code of a handler without parameters, as the library writes it
    // (the C++ side has no args code for it: no payload).
    let args_code = |r: &Row| r.args.as_ref().map_or(wire_core::args_code(&[]), |a| a.code);
    let mut expected = Expected::new();
    for o in old {
        let Some(n) = new.iter().find(|n| n.name == o.name) else {
            expected.insert((Severity::Breaking, o.name.clone(), Aspect::Removed), (Some(o.function_id), None));
            continue;
        };
        if args_code(o) != args_code(n) {
            let codes = (Some(args_code(o)), Some(args_code(n)));
            expected.insert((Severity::Breaking, o.name.clone(), Aspect::Args), codes);
        }
        if o.ret.code != n.ret.code {
            expected.insert((Severity::Breaking, o.name.clone(), Aspect::Return), (Some(o.ret.code), Some(n.ret.code)));
        }
    }
    for n in new.iter().filter(|n| old.iter().all(|o| o.name != n.name)) {
        expected.insert((Severity::Additive, n.name.clone(), Aspect::Added), (None, Some(n.function_id)));
    }
    expected
}

#[test]
fn v0_3_13_post1_contract_is_frozen() {
    // Use the crate, so the linker keeps its handler registrations in this binary.
    assert_eq!(mooncake_example::MOONCAKE_VERSION, "v0.3.13.post1");
    wire_golden::assert_frozen!("contracts/mooncake.wire");
}

/// `assert_frozen!("contracts/mooncake.wire", releases = "contracts/releases")`
/// fails, since v0.3.13.post1 breaks the v0.3.11.post1 release (a release is
/// never blessed, and a bless is only applied when the window passes too).
/// The failure lists exactly the BREAKING findings of
/// `diff(release, frozen)`, whose handlers are exactly those whose measured
/// codes differ.
#[test]
fn release_window_reports_exactly_the_measured_breaks_of_v0_3_11_post1() {
    assert_eq!(mooncake_example::handler_count(), rows("codes-v0.3.13.post1.tsv").len());
    // What assert_frozen!(FROZEN, releases = RELEASES) builds, checked without
    // WIRE_BLESS whatever the environment says.
    let gate = Gate::new(path(FROZEN))
        .display_as(FROZEN)
        .krate(env!("CARGO_PKG_NAME"))
        .releases_shown(path(RELEASES), RELEASES);
    let live = gate.live().unwrap_or_else(|e| panic!("{e}"));
    let failed = match gate.check_against(&live, Mode::default()) {
        Ok(_) => panic!("the gate passed, but v0.3.13.post1 breaks the v0.3.11.post1 release in {RELEASES}"),
        Err(failed) => failed,
    };
    eprintln!("{failed}");
    assert!(failed.findings.is_empty() && !failed.written, "{FROZEN} itself is not current:\n{failed}");

    let breaking: Vec<String> = wire_golden::diff::diff(&contract(RELEASE), &live)
        .iter()
        .filter(|f| f.severity == Severity::Breaking)
        .map(|f| format!("    {f}"))
        .collect();
    let reported: Vec<&str> = failed.report.lines().filter(|l| l.starts_with("    BREAKING ")).collect();
    assert_eq!(reported, breaking, "the gate's report lists other BREAKING lines than diff(release, live)");
    let count = format!("{RELEASE}: {} BREAKING", breaking.len());
    assert!(failed.report.contains(&count), "the report does not say `{count}`:\n{failed}");

    let measured = expected_findings(&rows("codes-v0.3.11.post1.tsv"), &rows("codes-v0.3.13.post1.tsv"));
    let measured_handlers: BTreeSet<&str> =
        measured.keys().filter(|(s, ..)| *s == Severity::Breaking).map(|(_, name, _)| name.as_str()).collect();
    let reported_handlers: BTreeSet<&str> = reported.iter().filter_map(|l| l.split_whitespace().nth(1)).collect();
    assert_eq!(reported_handlers, measured_handlers, "the gate breaks other handlers than the measured codes do");
}

/// Every finding of `diff(v0.3.11.post1, v0.3.13.post1)`, the two contract
/// files as the library wrote them, against the measured codes: a handler
/// present in both whose codes differ is BREAKING on exactly the codes that
/// differ, with the measured codes; the handlers new in v0.3.13.post1 are
/// ADDITIVE; a handler whose codes are equal has no BREAKING finding.
#[test]
fn diff_from_v0_3_11_post1_to_v0_3_13_post1_matches_the_measured_codes() {
    let findings = wire_golden::diff::diff(&contract(RELEASE), &contract(FROZEN));
    for f in &findings {
        println!("{f}");
    }
    let (old, new) = (rows("codes-v0.3.11.post1.tsv"), rows("codes-v0.3.13.post1.tsv"));
    let expected = expected_findings(&old, &new);

    let equal: BTreeSet<&str> = old
        .iter()
        .filter(|o| new.iter().any(|n| n.name == o.name && n.args == o.args && n.ret == o.ret))
        .map(|o| o.name.as_str())
        .collect();
    let wrongly_breaking: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Breaking && equal.contains(f.subject.as_str()))
        .map(|f| f.to_string())
        .collect();
    assert!(wrongly_breaking.is_empty(), "BREAKING with equal measured codes:\n{}", wrongly_breaking.join("\n"));

    // The values of the C-like enums are on the wire but in no code: one
    // finding per value, checked apart against the two enums' definitions.
    let (values, findings): (Vec<_>, Vec<_>) = findings.iter().partition(|f| f.aspect == Aspect::Values);
    assert_eq!(value_changes(&values), c_enum_changes(&contract(RELEASE), &contract(FROZEN)));
    let found: Expected = findings
        .iter()
        .filter(|f| f.severity != Severity::Cosmetic)
        .map(|f| ((f.severity, f.subject.clone(), f.aspect), (f.old, f.new)))
        .collect();
    assert_eq!(found.len(), findings.iter().filter(|f| f.severity != Severity::Cosmetic).count(), "a finding twice");
    let missing: Vec<_> = expected.iter().filter(|(k, v)| found.get(*k) != Some(v)).collect();
    let extra: Vec<_> = found.iter().filter(|(k, v)| expected.get(*k) != Some(v)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "findings differ from the measured codes:\nmissing {missing:#?}\nextra {extra:#?}"
    );

    let handlers = |s: Severity| {
        let names: BTreeSet<&str> = found.keys().filter(|k| k.0 == s).map(|k| k.1.as_str()).collect();
        names.len()
    };
    let cosmetic = findings.len() - found.len();
    println!(
        "v0.3.11.post1 ({} handlers) -> v0.3.13.post1 ({} handlers): {} handlers BREAKING ({} findings), {} ADDITIVE, \
         {} unchanged, {cosmetic} COSMETIC",
        old.len(),
        new.len(),
        handlers(Severity::Breaking),
        found.keys().filter(|k| k.0 == Severity::Breaking).count(),
        handlers(Severity::Additive),
        equal.len(),
    );
}

/// The (severity, type, value) of each values finding.
fn value_changes(findings: &[&wire_golden::Finding]) -> BTreeSet<(Severity, String, i64)> {
    findings
        .iter()
        .map(|f| {
            let value = f.why.split_whitespace().nth(1).and_then(|v| v.parse().ok()).expect("`value N ...`");
            (f.severity, f.subject.clone(), value)
        })
        .collect()
}

/// What the diff must say of the C-like enums the two contracts define:
/// each value only the new one has is ADDITIVE, each only the old one has BREAKING.
fn c_enum_changes(old: &ContractDoc, new: &ContractDoc) -> BTreeSet<(Severity, String, i64)> {
    let values = |doc: &ContractDoc, key: &str| -> BTreeSet<i64> {
        match &doc.types[key].body {
            Body::CEnum { variants, .. } => variants.iter().map(|v| v.value).collect(),
            _ => BTreeSet::new(),
        }
    };
    let mut changes = BTreeSet::new();
    for (key, def) in &new.types {
        if !matches!(def.body, Body::CEnum { .. }) || !old.types.contains_key(key) {
            continue;
        }
        let (o, n) = (values(old, key), values(new, key));
        let subject = format!("type {}", def.name);
        changes.extend(n.difference(&o).map(|v| (Severity::Additive, subject.clone(), *v)));
        changes.extend(o.difference(&n).map(|v| (Severity::Breaking, subject.clone(), *v)));
    }
    changes
}
