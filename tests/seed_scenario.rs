//! The seed scenario, end to end with a real build: a copy of
//! `examples/master` passes its contract gate; appending an argument to
//! `put_end` makes `cargo test` fail with the BREAKING line (against the
//! frozen file and the release window); `WIRE_BLESS=1` under `CI` still fails
//! and writes nothing; reverting the change makes it pass again.
//!
//! The copy is its own workspace in a temp dir, built with the workspace's
//! `Cargo.lock` into `seed-scenario` under the target dir (kept between
//! runs, so only the first run compiles serde, syn and the wire crates).

use master_example::ReplicaType;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use wire_core::{Field, Wire, args_code};

const WORKSPACE: &str = env!("CARGO_MANIFEST_DIR");
const FROZEN: &str = "contracts/master.wire";
const RELEASE: &str = "contracts/releases/v0.1.wire";
const HANDLER: &str = "MasterService::put_end";
/// `put_end`'s v2-only trailing parameter, in the trait (src/lib.rs) and its
/// implementation (src/store.rs); the patch makes it unconditional.
const SIGNATURE: &str = "#[cfg(feature = \"v2\")] tenant_id: String,";
const PATCHED: &str = "tenant_id: String,";

/// `put_end`'s arguments, with the example's own `ReplicaType`: as frozen,
/// and with the patch.
const OLD_ARGS: &[Field] = &[
    Field { name: "key", schema: <String as Wire>::SCHEMA },
    Field { name: "replica_type", schema: <ReplicaType as Wire>::SCHEMA },
];
const NEW_ARGS: &[Field] = &[
    Field { name: "key", schema: <String as Wire>::SCHEMA },
    Field { name: "replica_type", schema: <ReplicaType as Wire>::SCHEMA },
    Field { name: "tenant_id", schema: <String as Wire>::SCHEMA },
];

/// The copy of the example; removed on drop, even when the test fails.
struct TempCrate(PathBuf);

impl Drop for TempCrate {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    success: bool,
    /// stdout, then stderr.
    output: String,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap();
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap_or_else(|e| panic!("copy {}: {e}", src.display()));
        }
    }
}

fn toml_str(path: &Path) -> String {
    format!("\"{}\"", path.display().to_string().replace('\\', "\\\\").replace('"', "\\\""))
}

/// Copies the example into a fresh temp dir as a standalone workspace pinned by our lock file.
fn copy_example() -> TempCrate {
    let workspace = Path::new(WORKSPACE);
    let example = workspace.join("examples/master");
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!("wire-seed-scenario-{}-{nanos}", std::process::id()));
    let temp = TempCrate(dir);
    std::fs::create_dir_all(&temp.0).unwrap();
    for sub in ["src", "tests", "contracts"] {
        copy_dir(&example.join(sub), &temp.0.join(sub));
    }
    // The user crate is the library and its gate; the TCP demo binaries
    // would only need the same patch again.
    std::fs::remove_dir_all(temp.0.join("src/bin")).unwrap();

    let mut manifest = std::fs::read_to_string(example.join("Cargo.toml")).unwrap();
    if let Some(bins) = manifest.find("\n[[bin]]") {
        manifest.truncate(bins + 1);
    }
    for dep in ["wire-core", "wire-golden"] {
        let relative = format!("path = \"../../{dep}\"");
        assert_eq!(manifest.matches(&relative).count(), 1, "examples/master/Cargo.toml should have `{relative}` once");
        manifest = manifest.replace(&relative, &format!("path = {}", toml_str(&workspace.join(dep))));
    }
    assert!(!manifest.contains("[workspace]"), "examples/master/Cargo.toml already has a [workspace] table");
    manifest.push_str("\n# Its own workspace, not a member of the one it was copied from.\n[workspace]\n");
    std::fs::write(temp.0.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), temp.0.join("Cargo.lock")).unwrap();
    temp
}

/// The target dir of this build: `CARGO_TARGET_DIR` when set (so a fresh
/// clone tested with a shared target dir reuses its dependencies), else the
/// workspace's `target`.
fn target_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| "target".into());
    Path::new(WORKSPACE).join(dir)
}

/// `cargo` with the environment every run shares: our toolchain, our target
/// dir, no `WIRE_BLESS` (`CI` is left as it is).
fn cargo(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir().join("seed-scenario"))
        .env("CARGO_TERM_COLOR", "never")
        .env("RUST_BACKTRACE", "0")
        .env_remove("WIRE_BLESS");
    cmd
}

fn run(mut cmd: Command) -> Run {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Run { success: out.status.success(), output }
}

/// Whether every run can be `--offline`: the lock's packages are all in the
/// local cache. If not, fetch them once (online) and build online.
fn offline(dir: &Path) -> bool {
    if run(cargo(dir, &["fetch", "--offline"])).success {
        return true;
    }
    let fetch = run(cargo(dir, &["fetch"]));
    assert!(fetch.success, "cargo fetch failed:\n{}", fetch.output);
    false
}

/// `cargo test --test gate` in the copy; `bless_in_ci` adds `WIRE_BLESS=1 CI=true`.
fn gate(dir: &Path, offline: bool, step: &str, bless_in_ci: bool) -> Run {
    let mut args = vec!["test", "--test", "gate"];
    if offline {
        args.push("--offline");
    }
    let mut cmd = cargo(dir, &args);
    if bless_in_ci {
        cmd.env("WIRE_BLESS", "1").env("CI", "true");
    }
    let start = Instant::now();
    let result = run(cmd);
    let verdict = if result.success { "passed" } else { "failed" };
    eprintln!("seed scenario: {step}: gate {verdict} in {:.1?}", start.elapsed());
    result
}

fn expect_pass(run: &Run, step: &str) {
    assert!(run.success, "{step}: the gate should pass; cargo test said:\n{}", run.output);
}

/// Asserts the run failed in the gate test (not in the build) and returns the
/// BREAKING line of the drift report.
fn expect_breaking(run: &Run, step: &str, old_args: u32, id: u32) -> String {
    let fail = |why: String| -> ! { panic!("{step}: {why}; cargo test said:\n{}", run.output) };
    if run.success {
        fail("the gate should fail".into());
    }
    if !run.output.contains("test wire_contract_is_frozen ... FAILED") {
        fail("the gate test itself should fail (did the build break?)".into());
    }
    let lines: Vec<&str> = run.output.lines().collect();

    // The drift against the frozen file.
    let prefix = format!("BREAKING {HANDLER} args {old_args:#010x} -> 0x");
    let breaking: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with(&prefix)).collect();
    let [line] = breaking[..] else { fail(format!("expected one line starting `{prefix}`, found {}", breaking.len())) };
    let new = &line[prefix.len()..];
    let hex = new.get(..8).unwrap_or_default();
    if hex.len() != 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        fail(format!("the new args code in `{line}` is not 8 hex digits"));
    }
    let new_args = u32::from_str_radix(hex, 16).unwrap();
    if new_args == old_args {
        fail(format!("the args code did not change in `{line}`"));
    }
    if new_args != args_code(NEW_ARGS) {
        fail(format!("the new args code should be {:#010x} in `{line}`", args_code(NEW_ARGS)));
    }
    let rest = format!(" (function id {id:#010x} unchanged): argument 2 `tenant_id: String` appended;");
    if !new[8..].starts_with(&rest) {
        fail(format!("`{line}` should go on with `{rest}`"));
    }
    if !lines.iter().any(|l| l.starts_with(&format!("wire contract drift against {FROZEN}: 1 BREAKING"))) {
        fail(format!("no `wire contract drift against {FROZEN}: 1 BREAKING` header"));
    }

    // The release window: the same line under the released contract.
    let release = format!("  {RELEASE}: 1 BREAKING");
    let Some(at) = lines.iter().position(|l| *l == release) else {
        fail(format!("no release-window line `{release}`"))
    };
    if lines.get(at + 1).map(|l| l.trim_start()) != Some(line) {
        fail(format!("the release-window entry `{release}` should be followed by `{line}`"));
    }
    line.to_owned()
}

#[test]
fn seed_scenario_breaks_and_recovers() {
    let total = Instant::now();
    let frozen = std::fs::read_to_string(Path::new(WORKSPACE).join("examples/master").join(FROZEN)).unwrap();
    let doc = wire_golden::parse(&frozen, FROZEN).unwrap_or_else(|e| panic!("{e}"));
    let put_end = doc.handler(HANDLER).unwrap_or_else(|| panic!("{FROZEN} has no {HANDLER}"));
    let (id, old_args) = (put_end.function_id, put_end.args_code);
    let release = std::fs::read(Path::new(WORKSPACE).join("examples/master").join(RELEASE)).unwrap();
    assert_eq!(
        args_code(OLD_ARGS),
        old_args,
        "the frozen put_end no longer takes (key: String, replica_type: ReplicaType): update this test"
    );

    let temp = copy_example();
    let dir = temp.0.as_path();
    let offline = offline(dir);
    eprintln!("seed scenario: copy at {}, {}", dir.display(), if offline { "offline" } else { "online" });

    // 1. The clean copy passes.
    expect_pass(&gate(dir, offline, "clean copy", false), "clean copy");

    // 2. A trailing argument on put_end breaks the frozen file and the release.
    let sources = [dir.join("src/lib.rs"), dir.join("src/store.rs")];
    let originals: Vec<String> = sources.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    for (file, original) in sources.iter().zip(&originals) {
        assert_eq!(original.matches(SIGNATURE).count(), 1, "{} should hold `{SIGNATURE}` once", file.display());
        std::fs::write(file, original.replace(SIGNATURE, PATCHED)).unwrap();
    }
    let run = gate(dir, offline, "tenant_id appended", false);
    let line = expect_breaking(&run, "tenant_id appended", old_args, id);
    eprintln!("seed scenario: {line}");
    assert_eq!(std::fs::read_to_string(dir.join(FROZEN)).unwrap(), frozen, "a failing gate must not write {FROZEN}");

    // 3. WIRE_BLESS under CI only checks: same failure, nothing written.
    let run = gate(dir, offline, "WIRE_BLESS=1 CI=true", true);
    assert!(
        run.output.contains("(WIRE_BLESS is ignored: CI is set, so the gate only checks)"),
        "WIRE_BLESS=1 CI=true: the report should say bless is ignored; cargo test said:\n{}",
        run.output
    );
    assert_eq!(expect_breaking(&run, "WIRE_BLESS=1 CI=true", old_args, id), line);
    assert_eq!(std::fs::read_to_string(dir.join(FROZEN)).unwrap(), frozen, "bless under CI must not write {FROZEN}");
    assert_eq!(std::fs::read(dir.join(RELEASE)).unwrap(), release, "{RELEASE} is never written");

    // 4. Reverting the change makes the gate pass again.
    for (file, original) in sources.iter().zip(&originals) {
        std::fs::write(file, original).unwrap();
    }
    expect_pass(&gate(dir, offline, "reverted", false), "reverted");

    eprintln!("seed scenario: total {:.1?}", total.elapsed());
}
