//! The frozen file: missing, drifted or unreadable; checked, blessed, or never written in CI.

use crate::support::temp::Dir;
use crate::{
    BLESS, BLESS_IN_CI, CHECK, CI, CI_NOTE, Gated, SHOWN, failed, passed, read, v1, v2_add, v2_break, v2_put_only,
};
use wire_golden::render;

#[test]
fn a_missing_file_fails_with_the_bless_hint() {
    let dir = Dir::new("missing");
    let f = failed(dir.gate().check_against(&v1(), CHECK));
    assert_eq!(
        f.report,
        "wire contract gate: no frozen contract at contracts/kv.wire.\n\
         Create it with `WIRE_BLESS=1 cargo test`, review it and commit it.\n"
    );
    assert!(f.findings.is_empty());
    assert!(!dir.path(SHOWN).exists());
    // CI alone: the same, nothing to ignore.
    let f = failed(dir.gate().check_against(&v1(), CI));
    assert!(f.report.contains("WIRE_BLESS=1") && !f.report.contains(CI_NOTE), "{f}");
    assert!(!dir.path(SHOWN).exists());
}

#[test]
fn a_missing_file_is_created_by_bless() {
    let dir = Dir::new("create");
    let note = passed(dir.gate().check_against(&v1(), BLESS));
    assert_eq!(note.as_deref(), Some("wire contract gate: created contracts/kv.wire (3 handlers)"));
    // Its folder too; the text is the rendered contract, and it parses back.
    assert_eq!(read(dir.path(SHOWN)), render(&v1()));
    assert_eq!(passed(dir.gate().check_against(&v1(), CHECK)), None);
    assert_eq!(passed(dir.gate().check_against(&v1(), CI)), None);
}

#[test]
fn a_missing_file_is_not_created_in_ci() {
    let dir = Dir::new("create-ci");
    let f = failed(dir.gate().check_against(&v1(), BLESS_IN_CI));
    assert!(f.report.starts_with("wire contract gate: no frozen contract at contracts/kv.wire"), "{f}");
    assert!(f.report.contains(CI_NOTE), "{f}");
    assert!(!dir.path("contracts").exists(), "nothing is written in CI, not even the folder");
}

// ------------------------------------------------------------------ drift

#[test]
fn drift_fails_with_the_report() {
    let dir = Dir::new("drift");
    let frozen = dir.write(SHOWN, render(&v1()));
    let f = failed(dir.gate().check_against(&v2_break(), CHECK));
    let lines: Vec<&str> = f.report.lines().collect();
    assert_eq!(lines[0], "wire contract drift against contracts/kv.wire: 1 BREAKING, 1 ADDITIVE", "{f}");
    let (put1, put2) = (&v1::KvRpc::put, &v2_break::KvRpc::put);
    assert!(
        lines[1].starts_with(&format!(
            "BREAKING KvService::put args {:#010x} -> {:#010x} (function id {:#010x} unchanged): argument 2 `ttl: u32` appended; ",
            put1.args_code, put2.args_code, put1.function_id
        )),
        "{f}"
    );
    assert!(lines[2].starts_with("ADDITIVE KvService::scan added "), "{f}");
    assert_eq!(lines[3], "");
    // Only the kinds of line that are there are called safe.
    assert_eq!(
        lines[4],
        "1 BREAKING: peers built against contracts/kv.wire reject or misread these calls. \
         The ADDITIVE lines are safe to bless."
    );
    assert_eq!(
        lines[5],
        "If every change is intended and every peer is upgraded with it, refresh the file with \
         `WIRE_BLESS=1 cargo test` (that run fails once, listing the BREAKING lines it accepted) and commit it."
    );
    assert_eq!(lines.len(), 6, "{f}");
    assert_eq!(f.findings.len(), 2);
    assert_eq!(f.findings[0].to_string(), lines[1]);
    assert_eq!(read(&frozen), render(&v1()), "checking never writes");

    // Nothing BREAKING: still a failure (the file must be refreshed), with another note.
    let f = failed(dir.gate().check_against(&v2_add(), CHECK));
    assert!(f.report.starts_with("wire contract drift against contracts/kv.wire: 1 ADDITIVE\n"), "{f}");
    assert!(f.report.contains("Nothing is BREAKING: old peers keep working. These lines are safe to bless."), "{f}");
    assert!(f.report.contains("WIRE_BLESS=1 cargo test"), "{f}");
    assert!(!f.report.contains("fails once"), "no BREAKING line to accept: {f}");
}

#[test]
fn only_breaking_drift_calls_nothing_safe() {
    let dir = Dir::new("drift-only-breaking");
    dir.write(SHOWN, render(&v1()));
    let f = failed(dir.gate().check_against(&v2_put_only(), CHECK));
    let lines: Vec<&str> = f.report.lines().collect();
    assert_eq!(lines[0], "wire contract drift against contracts/kv.wire: 1 BREAKING", "{f}");
    assert!(lines[1].starts_with("BREAKING KvService::put args "), "{f}");
    assert_eq!(lines[3], "1 BREAKING: peers built against contracts/kv.wire reject or misread these calls.", "{f}");
    assert!(!f.report.contains("safe to bless"), "there is no ADDITIVE or COSMETIC line: {f}");
    assert_eq!(lines.len(), 5, "{f}");
}

#[test]
fn compatible_drift_is_blessed_and_then_clean() {
    let dir = Dir::new("bless");
    let frozen = dir.write(SHOWN, render(&v1()));
    let note = passed(dir.gate().check_against(&v2_add(), BLESS)).expect("a bless note");
    let lines: Vec<&str> = note.lines().collect();
    assert_eq!(lines[0], "wire contract gate: blessed contracts/kv.wire (1 ADDITIVE)");
    assert!(lines[1].starts_with("ADDITIVE KvService::scan added "), "{note}");
    assert_eq!(lines.len(), 2, "{note}");
    assert_eq!(read(&frozen), render(&v2_add()));
    // The next run is clean, and blessing again changes nothing.
    assert_eq!(passed(dir.gate().check_against(&v2_add(), CHECK)), None);
    assert_eq!(passed(dir.gate().check_against(&v2_add(), BLESS)), None);
    assert_eq!(read(&frozen), render(&v2_add()));
}

#[test]
fn a_bless_that_accepts_breaking_changes_writes_and_fails_once() {
    let dir = Dir::new("bless-breaking");
    let frozen = dir.write(SHOWN, render(&v1()));
    // A passing test's output is captured by cargo: the BREAKING lines are
    // shown the only way that cannot be missed, as a failure.
    let f = failed(dir.gate().check_against(&v2_break(), BLESS));
    assert!(f.written);
    let lines: Vec<&str> = f.report.lines().collect();
    assert_eq!(
        lines[0],
        "wire contract gate: blessed contracts/kv.wire, accepting 1 BREAKING change (1 BREAKING, 1 ADDITIVE):"
    );
    assert!(lines[1].starts_with("BREAKING KvService::put args "), "{f}");
    assert!(lines[2].starts_with("ADDITIVE KvService::scan added "), "{f}");
    assert_eq!(lines[3], "");
    assert!(lines[4].starts_with("The file is rewritten: peers built against the old contracts/kv.wire reject"), "{f}");
    assert!(lines[4].contains("This run fails once so that you see them"), "{f}");
    assert!(lines[4].ends_with("The next run passes."), "{f}");
    assert_eq!(lines.len(), 5, "{f}");
    assert_eq!(f.findings.len(), 2);
    assert_eq!(read(&frozen), render(&v2_break()), "the bless is applied");
    // ... and the next run, blessing or not, passes silently.
    assert_eq!(passed(dir.gate().check_against(&v2_break(), BLESS)), None);
    assert_eq!(passed(dir.gate().check_against(&v2_break(), CHECK)), None);
    assert_eq!(read(&frozen), render(&v2_break()));
}

#[test]
fn drift_is_never_blessed_in_ci() {
    let dir = Dir::new("bless-ci");
    let frozen = dir.write(SHOWN, render(&v1()));
    let before = std::fs::read(&frozen).unwrap();
    for mode in [BLESS_IN_CI, CI] {
        let f = failed(dir.gate().check_against(&v2_break(), mode));
        assert!(f.report.starts_with("wire contract drift against contracts/kv.wire: 1 BREAKING, 1 ADDITIVE"), "{f}");
        assert_eq!(f.report.lines().next().unwrap().ends_with(CI_NOTE), mode.bless, "{f}");
        assert_eq!(std::fs::read(&frozen).unwrap(), before);
    }
}

// ------------------------------------------------------ unreadable file

#[test]
fn an_unreadable_file_fails_with_file_and_line() {
    let dir = Dir::new("unreadable");
    let good = render(&v1());
    let cases = [
        // A merge conflict on the third handler line (get, ping, put).
        (
            good.replacen("handler KvService::put ", "<<<<<<< HEAD\nhandler KvService::put ", 1),
            7,
            "merge conflict marker",
        ),
        // Truncated after the handlers and the blank line that follows them.
        (good[..good.find("\ntype ").unwrap() + 1].to_owned(), 8, "missing the `end N handlers M types` line"),
        (good.replacen("wire-contract v1", "wire-contract v2", 1), 1, "unsupported format `v2`"),
    ];
    for (text, line, needle) in cases {
        let frozen = dir.write(SHOWN, &text);
        for mode in [CHECK, CI, BLESS_IN_CI] {
            let f = failed(dir.gate().check_against(&v1(), mode));
            let prefix = format!("wire contract gate: contracts/kv.wire:{line}: ");
            assert!(f.report.starts_with(&prefix), "expected `{prefix}…`, got\n{f}");
            assert!(f.report.contains(needle), "{f}");
            assert_eq!(f.report.trim_end().ends_with(CI_NOTE), mode.bless, "{f}");
            assert_eq!(read(&frozen), text, "not rewritten in {mode:?}");
        }
    }
}

#[test]
fn an_unreadable_file_is_rewritten_by_bless() {
    let dir = Dir::new("unreadable-bless");
    let good = render(&v1());
    let frozen = dir.write(SHOWN, good.replacen("handler KvService::put ", "<<<<<<< HEAD\nhandler KvService::put ", 1));
    let note = passed(dir.gate().check_against(&v1(), BLESS)).expect("a bless note");
    assert!(
        note.starts_with(
            "wire contract gate: rewrote unreadable contracts/kv.wire (contracts/kv.wire:7: merge conflict marker"
        ),
        "{note}"
    );
    assert_eq!(read(&frozen), good);
    assert_eq!(passed(dir.gate().check_against(&v1(), CHECK)), None);
}
