//! The release window: every released contract stays callable, and is never blessed.

use crate::support::contract::doc;
use crate::support::temp::Dir;
use crate::versions::v2_since;
use crate::{BLESS, BLESS_IN_CI, CHECK, CI, Gated, SHOWN, failed, passed, read, v1, v2_add, v2_break, v2_since_doc};
use wire_golden::{Severity, render};

#[test]
fn a_release_the_live_contract_only_adds_to_passes_silently() {
    let dir = Dir::new("release-ok");
    let release = dir.write("contracts/releases/v0.1.wire", render(&v1()));
    dir.write("contracts/releases/README.md", "not a contract");
    dir.write(SHOWN, render(&v2_add()));
    let before = std::fs::read(&release).unwrap();
    for mode in [CHECK, BLESS, CI, BLESS_IN_CI] {
        assert_eq!(passed(dir.gate_with_releases().check_against(&v2_add(), mode)), None, "{mode:?}");
    }
    assert_eq!(std::fs::read(&release).unwrap(), before);
}

#[test]
fn a_release_the_live_contract_breaks_fails_even_with_bless() {
    let dir = Dir::new("release-break");
    let v01 = dir.write("contracts/releases/v0.1.wire", render(&v1()));
    let v02 = dir.write("contracts/releases/v0.2.wire", render(&v2_add()));
    let frozen = dir.write(SHOWN, render(&v2_break()));
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
        // The same, typed: each broken release with its findings.
        let files: Vec<&str> = f.releases.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(files, ["contracts/releases/v0.1.wire", "contracts/releases/v0.2.wire"], "{f}");
        for r in &f.releases {
            let subjects: Vec<&str> = r.findings.iter().map(|x| x.subject.as_str()).collect();
            assert_eq!(subjects, ["KvService::put"], "{}", r.file);
            assert!(r.findings.iter().all(|x| x.severity == Severity::Breaking));
        }
        assert_eq!((std::fs::read(&v01).unwrap(), std::fs::read(&v02).unwrap()), before, "{mode:?}");
        assert_eq!(read(&frozen), render(&v2_break()));
    }
}

#[test]
fn drift_and_a_broken_release_are_both_reported() {
    let dir = Dir::new("release-and-drift");
    let release = dir.write("contracts/releases/v0.1.wire", render(&v1()));
    dir.write(SHOWN, render(&v1()));
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
    dir.write("contracts/releases/v0.1.wire", render(&v1()));
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
    let frozen = dir.write(SHOWN, render(&v1()));
    let before = std::fs::read(&frozen).unwrap();
    dir.write("contracts/releases/v0.2.wire", render(&v2_since_doc()));
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
    dir.write("contracts/releases/v0.1.wire", render(&v1()));
    dir.write("contracts/releases/v0.2.wire", render(&v2_break()));
    dir.write(SHOWN, render(&v1()));
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
    dir.write("contracts/releases/v0.1.wire", render(&v1()));
    dir.write(SHOWN, render(&v1()));
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
    assert!(read(dir.path(SHOWN)).contains(" ext=2:0x"));
    assert_eq!(passed(dir.gate_with_releases().check_against(&v2_since(), CHECK)), None);
    // A release that has the level: going back to v1 would drop the ttl of its clients.
    dir.write("contracts/releases/v0.2.wire", render(&v2_since()));
    dir.write(SHOWN, render(&v1()));
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
    dir.write(SHOWN, render(&v1()));
    std::fs::create_dir_all(dir.path("contracts/releases")).unwrap();
    let f = failed(dir.gate_with_releases().check_against(&v1(), BLESS));
    assert_eq!(f.report, "wire contract gate: the release window contracts/releases holds no *.wire file\n");
    // Other files do not count.
    dir.write("contracts/releases/v0.1.wire.orig", render(&v1()));
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
    dir.write(SHOWN, render(&v1()));
    for mode in [CHECK, BLESS] {
        let f = failed(dir.gate_with_releases().check_against(&v1(), mode));
        assert!(f.report.contains("\n  contracts/releases/v0.1.wire:5: `ret` must have 8 hex digits"), "{f}");
        assert_eq!(read(&release), text);
    }
}
