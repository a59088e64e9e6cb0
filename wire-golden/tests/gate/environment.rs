//! What the gate reads from its process: the registry of this binary, `WIRE_BLESS` and `CI`.

use crate::support::temp::Dir;
use crate::{Gated, failed, v1, v2_add, v2_break, v2_since};
use std::process::Command;
use wire_golden::Mode;

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
        cmd.args(["--exact", "environment::mode_from_env_child", "--test-threads=1"]);
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
