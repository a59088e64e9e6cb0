//! The `cargo test` gate over files in a temp folder, with the live contract
//! and the mode (`WIRE_BLESS`, `CI`) given explicitly: what it writes, what it
//! refuses to write, and what it reports.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use wire_core::Handler;
use wire_golden::{ContractDoc, Failed, Gate, Mode, Passed, render};

mod v1 {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub value: Vec<u8>,
        pub version: u64,
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry) -> u64;
        fn ping(&self) -> u64;
    }
}

/// v1 and one more handler: compatible.
mod v2_add {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub value: Vec<u8>,
        pub version: u64,
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry) -> u64;
        fn ping(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }
}

/// `put` takes one more argument: breaking; `scan` added.
mod v2_break {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub value: Vec<u8>,
        pub version: u64,
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry, ttl: u32) -> u64;
        fn ping(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }
}

/// v1 with `put`'s ttl added the compatible way, as extension level 2.
mod v2_since {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub value: Vec<u8>,
        pub version: u64,
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry, #[wire(since = 2)] ttl: Option<u32>) -> u64;
        fn ping(&self) -> u64;
    }
}

fn doc(handlers: &[&'static Handler]) -> ContractDoc {
    ContractDoc::from_handlers(handlers.iter().copied())
}

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

/// A fresh crate-like folder under the system temp dir, removed when the test passes.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("wire-golden-gate-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The gate over `contracts/kv.wire`, shown as in `assert_frozen!`.
    fn gate(&self) -> Gate {
        Gate::new(self.path(SHOWN)).display_as(SHOWN)
    }

    /// The same, with the release window `contracts/releases`.
    fn gate_with_releases(&self) -> Gate {
        self.gate().releases_shown(self.path("contracts/releases"), "contracts/releases")
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn read(path: &Path) -> String {
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

// -------------------------------------------------------- no frozen file

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
    assert_eq!(read(&dir.path(SHOWN)), render(&v1()));
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
    let frozen = dir.write(SHOWN, &render(&v1()));
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
    dir.write(SHOWN, &render(&v1()));
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
    let frozen = dir.write(SHOWN, &render(&v1()));
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
    let frozen = dir.write(SHOWN, &render(&v1()));
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
    let frozen = dir.write(SHOWN, &render(&v1()));
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
    let frozen =
        dir.write(SHOWN, &good.replacen("handler KvService::put ", "<<<<<<< HEAD\nhandler KvService::put ", 1));
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

// --------------------------------------------------------- release window

#[test]
fn a_release_the_live_contract_only_adds_to_passes_silently() {
    let dir = Dir::new("release-ok");
    let release = dir.write("contracts/releases/v0.1.wire", &render(&v1()));
    dir.write("contracts/releases/README.md", "not a contract");
    dir.write(SHOWN, &render(&v2_add()));
    let before = std::fs::read(&release).unwrap();
    for mode in [CHECK, BLESS, CI, BLESS_IN_CI] {
        assert_eq!(passed(dir.gate_with_releases().check_against(&v2_add(), mode)), None, "{mode:?}");
    }
    assert_eq!(std::fs::read(&release).unwrap(), before);
}

#[test]
fn a_release_the_live_contract_breaks_fails_even_with_bless() {
    let dir = Dir::new("release-break");
    let v01 = dir.write("contracts/releases/v0.1.wire", &render(&v1()));
    let v02 = dir.write("contracts/releases/v0.2.wire", &render(&v2_add()));
    let frozen = dir.write(SHOWN, &render(&v2_break()));
    let before = (std::fs::read(&v01).unwrap(), std::fs::read(&v02).unwrap());
    for mode in [CHECK, BLESS, CI, BLESS_IN_CI] {
        let f = failed(dir.gate_with_releases().check_against(&v2_break(), mode));
        let lines: Vec<&str> = f.report.lines().collect();
        assert!(lines[0].starts_with("wire contract gate: release window contracts/releases "), "{f}");
        assert!(lines[0].contains("releases are never blessed"), "{f}");
        // Every release is checked, each named; the BREAKING lines under the release they break.
        assert_eq!(lines[1], "  contracts/releases/v0.1.wire: 1 BREAKING", "{f}");
        assert!(lines[2].starts_with("    BREAKING KvService::put args "), "{f}");
        assert_eq!(lines[3], "  contracts/releases/v0.2.wire: 1 BREAKING", "{f}");
        assert!(lines[4].starts_with("    BREAKING KvService::put args "), "{f}");
        assert_eq!(lines.len(), 5, "{f}");
        assert!(f.findings.is_empty(), "the frozen file itself is current");
        assert_eq!((std::fs::read(&v01).unwrap(), std::fs::read(&v02).unwrap()), before, "{mode:?}");
        assert_eq!(read(&frozen), render(&v2_break()));
    }
}

#[test]
fn drift_and_a_broken_release_are_both_reported() {
    let dir = Dir::new("release-and-drift");
    let release = dir.write("contracts/releases/v0.1.wire", &render(&v1()));
    dir.write(SHOWN, &render(&v1()));
    let before = std::fs::read(&release).unwrap();
    let f = failed(dir.gate_with_releases().check_against(&v2_break(), CHECK));
    assert!(f.report.starts_with("wire contract drift against contracts/kv.wire: 1 BREAKING, 1 ADDITIVE\n"), "{f}");
    assert!(f.report.contains("\n\nwire contract gate: release window contracts/releases "), "{f}");
    assert!(f.report.contains("  contracts/releases/v0.1.wire: 1 BREAKING\n    BREAKING KvService::put args "), "{f}");
    // A bless is never half-applied: the release fails, so the frozen file is not written either.
    let frozen_before = std::fs::read(dir.path(SHOWN)).unwrap();
    let f = failed(dir.gate_with_releases().check_against(&v2_break(), BLESS));
    assert!(!f.written);
    let lines: Vec<&str> = f.report.lines().collect();
    assert_eq!(
        lines[0],
        "wire contract gate: WIRE_BLESS did not bless contracts/kv.wire: a bless is applied only when every \
         check passes, and the release window fails (below). The lines it would bless:",
        "{f}"
    );
    assert!(lines[1].starts_with("BREAKING KvService::put args "), "{f}");
    assert!(lines[2].starts_with("ADDITIVE KvService::scan added "), "{f}");
    assert_eq!(lines[3], "", "{f}");
    assert!(lines[4].starts_with("wire contract gate: release window contracts/releases "), "{f}");
    assert_eq!(std::fs::read(&release).unwrap(), before);
    assert_eq!(std::fs::read(dir.path(SHOWN)).unwrap(), frozen_before, "the frozen file is byte-identical");
}

#[test]
fn a_failing_release_window_stops_every_kind_of_bless() {
    let dir = Dir::new("release-stops-bless");
    dir.write("contracts/releases/v0.1.wire", &render(&v1()));
    // Missing: not created, nor its folder's other files touched.
    let f = failed(dir.gate_with_releases().check_against(&v2_break(), BLESS));
    assert!(f.report.starts_with("wire contract gate: WIRE_BLESS did not create contracts/kv.wire: "), "{f}");
    assert!(!f.report.contains("The lines it would bless"), "{f}");
    assert!(!dir.path(SHOWN).exists());
    // Unreadable: left as it is.
    let broken = render(&v1()).replacen("handler KvService::put ", "<<<<<<< HEAD\nhandler KvService::put ", 1);
    let frozen = dir.write(SHOWN, &broken);
    let f = failed(dir.gate_with_releases().check_against(&v2_break(), BLESS));
    assert!(f.report.starts_with("wire contract gate: WIRE_BLESS did not rewrite contracts/kv.wire: "), "{f}");
    assert_eq!(read(&frozen), broken);
    // Only ADDITIVE against the frozen file, but BREAKING against a release
    // that has `put`'s extension level: not blessed.
    let frozen = dir.write(SHOWN, &render(&v1()));
    let before = std::fs::read(&frozen).unwrap();
    dir.write("contracts/releases/v0.2.wire", &render(&v2_since_doc()));
    let f = failed(dir.gate_with_releases().check_against(&v2_add(), BLESS));
    assert!(f.report.starts_with("wire contract gate: WIRE_BLESS did not bless contracts/kv.wire: "), "{f}");
    assert!(f.report.contains("  contracts/releases/v0.2.wire: 1 BREAKING\n"), "{f}");
    assert_eq!(std::fs::read(&frozen).unwrap(), before);
    // With the window passing, the same bless is applied.
    std::fs::remove_file(dir.path("contracts/releases/v0.2.wire")).unwrap();
    assert!(passed(dir.gate_with_releases().check_against(&v2_add(), BLESS)).is_some());
    assert_eq!(read(&frozen), render(&v2_add()));
}

#[test]
fn a_compatible_release_is_listed_when_another_breaks() {
    let dir = Dir::new("release-mixed");
    dir.write("contracts/releases/v0.1.wire", &render(&v1()));
    dir.write("contracts/releases/v0.2.wire", &render(&v2_break()));
    dir.write(SHOWN, &render(&v1()));
    // Live is v1: v0.1 is identical, v0.2 (which had `scan` and a 3-argument `put`) is broken.
    let f = failed(dir.gate_with_releases().check_against(&v1(), CHECK));
    assert!(f.report.contains("  contracts/releases/v0.1.wire: compatible (no difference)\n"), "{f}");
    assert!(f.report.contains("  contracts/releases/v0.2.wire: 2 BREAKING\n"), "{f}");
    assert!(f.report.contains("    BREAKING KvService::scan removed "), "{f}");
}

#[test]
fn a_new_extension_level_keeps_a_release_callable_and_dropping_it_does_not() {
    let v2_since = || doc(v2_since::KvRpc::HANDLERS);
    let dir = Dir::new("release-since");
    dir.write("contracts/releases/v0.1.wire", &render(&v1()));
    dir.write(SHOWN, &render(&v1()));
    // Against the frozen file: one ADDITIVE line to bless; against the release: compatible.
    let f = failed(dir.gate_with_releases().check_against(&v2_since(), CHECK));
    assert!(
        f.report.starts_with(
            "wire contract drift against contracts/kv.wire: 1 ADDITIVE
"
        ),
        "{f}"
    );
    assert!(f.report.contains("ADDITIVE KvService::put extension level 2 "), "{f}");
    assert!(f.report.contains("Nothing is BREAKING"), "{f}");
    assert!(passed(dir.gate_with_releases().check_against(&v2_since(), BLESS)).is_some());
    assert!(read(&dir.path(SHOWN)).contains(" ext=2:0x"));
    assert_eq!(passed(dir.gate_with_releases().check_against(&v2_since(), CHECK)), None);
    // A release that has the level: going back to v1 would drop the ttl of its clients.
    dir.write("contracts/releases/v0.2.wire", &render(&v2_since()));
    dir.write(SHOWN, &render(&v1()));
    let f = failed(dir.gate_with_releases().check_against(&v1(), CHECK));
    assert!(
        f.report.contains(
            "  contracts/releases/v0.1.wire: compatible (no difference)
"
        ),
        "{f}"
    );
    assert!(
        f.report.contains(
            "  contracts/releases/v0.2.wire: 1 BREAKING
    BREAKING KvService::put extension level 2 "
        ),
        "{f}"
    );
}

#[test]
fn an_empty_or_missing_release_folder_is_an_error() {
    let dir = Dir::new("release-empty");
    dir.write(SHOWN, &render(&v1()));
    std::fs::create_dir_all(dir.path("contracts/releases")).unwrap();
    let f = failed(dir.gate_with_releases().check_against(&v1(), BLESS));
    assert_eq!(f.report, "wire contract gate: the release window contracts/releases holds no *.wire file\n");
    // Other files do not count.
    dir.write("contracts/releases/v0.1.wire.orig", &render(&v1()));
    let f = failed(dir.gate_with_releases().check_against(&v1(), CHECK));
    assert!(f.report.contains("holds no *.wire file"), "{f}");
    std::fs::remove_dir_all(dir.path("contracts/releases")).unwrap();
    let f = failed(dir.gate_with_releases().check_against(&v1(), CHECK));
    assert!(f.report.starts_with("wire contract gate: cannot read releases contracts/releases: "), "{f}");
    // `releases(dir)` names the folder by its path.
    let f = failed(dir.gate().releases(dir.path("nowhere")).check_against(&v1(), CHECK));
    assert!(f.report.contains(&dir.path("nowhere").display().to_string()), "{f}");
}

#[test]
fn an_unreadable_release_fails_with_file_and_line_and_is_left_alone() {
    let dir = Dir::new("release-unreadable");
    let text = render(&v1()).replace("ret=0x", "ret=0x0");
    let release = dir.write("contracts/releases/v0.1.wire", &text);
    dir.write(SHOWN, &render(&v1()));
    for mode in [CHECK, BLESS] {
        let f = failed(dir.gate_with_releases().check_against(&v1(), mode));
        assert!(f.report.contains("\n  contracts/releases/v0.1.wire:5: `ret` must have 8 hex digits"), "{f}");
        assert_eq!(read(&release), text);
    }
}

// ----------------------------------------------------------- environment

#[test]
fn the_registry_of_this_binary_is_refused_when_names_collide() {
    // Four versions of `KvService` are registered here: `check` (which reads the
    // registry) refuses to compare anything, whatever the environment.
    let dir = Dir::new("registry");
    let f = failed(dir.gate().check());
    assert!(f.report.starts_with("wire contract gate: ERROR function id "), "{f}");
    assert!(f.report.contains("the same wire name is registered twice"), "{f}");
    assert!(!dir.path("contracts").exists());
}

#[test]
fn a_crate_with_no_handler_here_is_explained() {
    let dir = Dir::new("no-crate");
    let f = failed(dir.gate().krate("kv-service").check());
    let here: usize =
        [v1::KvRpc::HANDLERS, v2_add::KvRpc::HANDLERS, v2_break::KvRpc::HANDLERS, v2_since::KvRpc::HANDLERS]
            .iter()
            .map(|h| h.len())
            .sum();
    let lines: Vec<&str> = f.report.lines().collect();
    assert_eq!(lines[0], "wire contract gate: no handler of crate `kv-service` is registered in this test binary.");
    // What the registry does hold: this test crate's handlers.
    assert_eq!(
        lines[1],
        format!("Handlers registered here, by defining crate: `wire-golden` ({here} handlers: KvService).")
    );
    // What to do in the crate itself, and why it can still be empty from another one.
    assert!(
        lines[2].starts_with("- The linker keeps a crate's handler registrations only when the test binary uses"),
        "{f}"
    );
    assert!(lines[2].contains("`use kv_service as _;`"), "{f}");
    assert!(lines[3].starts_with("- If the test already does: the gate covers the handlers of one crate"), "{f}");
    assert!(lines[3].contains("`assert_frozen!(\"contracts/kv.wire\", krate = \"defining-crate\")`"), "{f}");
    assert!(lines[3].contains("a crate that only implements, serves or re-exports the traits has no handlers"), "{f}");
    assert_eq!(lines.len(), 4, "{f}");
    assert!(!dir.path("contracts").exists());

    // `-` and `_` name the same crate: this binary's handlers are found, and
    // then refused, because four versions of one service collide here.
    let f = failed(dir.gate().krate("wire_golden").check());
    assert!(f.report.starts_with("wire contract gate: ERROR function id "), "{f}");
    // A service filter narrows it further.
    let f = failed(dir.gate().krate("wire-golden").service("Kv").check());
    assert!(
        f.report.starts_with(
            "wire contract gate: no handler of crate `wire-golden` of service(s) Kv is registered in this test binary.\n"
        ),
        "{f}"
    );
}

/// Run in a child process by `mode_from_env` (env vars are process-global:
/// setting them here would race the other tests). A no-op otherwise.
#[test]
fn mode_from_env_child() {
    if let Ok(expect) = std::env::var("WIRE_GOLDEN_TEST_EXPECT_MODE") {
        let mode = Mode::from_env();
        assert_eq!(format!("bless={} ci={} writes={}", mode.bless, mode.ci, mode.writes()), expect);
    }
}

#[test]
fn mode_from_env() {
    let cases: &[(Option<&str>, Option<&str>, bool, bool)] = &[
        (None, None, false, false),
        (Some("1"), None, true, false),
        (Some("true"), None, true, false),
        (Some("TRUE"), None, true, false),
        (Some("yes"), None, true, false),
        (Some("Yes"), None, true, false),
        (Some("0"), None, false, false),
        (Some("no"), None, false, false),
        (Some("false"), None, false, false),
        (Some(""), None, false, false),
        (Some("2"), None, false, false),
        (None, Some("true"), false, true),
        (None, Some("1"), false, true),
        (None, Some("yes"), false, true),
        (None, Some("github-actions"), false, true),
        (None, Some(""), false, false),
        (None, Some("0"), false, false),
        (None, Some("false"), false, false),
        (None, Some("FALSE"), false, false),
        (Some("1"), Some("true"), true, true),
        (Some("1"), Some("0"), true, false),
    ];
    for &(bless, ci, want_bless, want_ci) in cases {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.args(["--exact", "mode_from_env_child", "--test-threads=1"]);
        cmd.env(
            "WIRE_GOLDEN_TEST_EXPECT_MODE",
            format!("bless={want_bless} ci={want_ci} writes={}", want_bless && !want_ci),
        );
        for (name, value) in [("WIRE_BLESS", bless), ("CI", ci)] {
            match value {
                Some(v) => cmd.env(name, v),
                None => cmd.env_remove(name),
            };
        }
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "WIRE_BLESS={bless:?} CI={ci:?}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
