//! The `cargo test` gate: the live registry against the frozen contract file
//! and the release window.

use crate::diff::{Finding, Severity, diff};
use crate::file::{parse, render};
use crate::model::ContractDoc;
use crate::report;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use wire_core::{Contract, Handler};

/// Checks this binary's handlers against a frozen contract file.
///
/// Usually reached through [`assert_frozen!`](crate::assert_frozen):
///
/// ```no_run
/// wire_golden::Gate::new("contracts/master.wire")
///     .krate("master-example")
///     .releases("contracts/releases")
///     .assert();
/// ```
#[derive(Clone, Debug)]
pub struct Gate {
    file: PathBuf,
    shown: String,
    releases: Option<(PathBuf, String)>,
    krate: Option<String>,
    services: Vec<String>,
}

/// What the environment allows: `WIRE_BLESS=1` writes, `CI` forbids writing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mode {
    /// `WIRE_BLESS` is `1`, `true` or `yes`.
    pub bless: bool,
    /// `CI` is set to anything but ``, `0` or `false`.
    pub ci: bool,
}

impl Mode {
    /// Reads `WIRE_BLESS` and `CI`.
    pub fn from_env() -> Mode {
        let var = |name| std::env::var(name).unwrap_or_default().to_ascii_lowercase();
        Mode {
            bless: matches!(var("WIRE_BLESS").as_str(), "1" | "true" | "yes"),
            ci: !matches!(var("CI").as_str(), "" | "0" | "false"),
        }
    }

    /// Whether the gate may write the frozen file.
    pub fn writes(self) -> bool {
        self.bless && !self.ci
    }
}

/// A gate that passed.
#[derive(Debug)]
pub struct Passed {
    /// What was rewritten (bless) and why, or empty.
    pub blessed: Option<String>,
}

/// A released contract of the window that the live contract breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseBreak {
    /// The file, as the report names it (`contracts/releases/v0.1.wire`).
    pub file: String,
    /// Its BREAKING findings, most severe first.
    pub findings: Vec<Finding>,
}

/// A gate that failed: the whole report, ready to print.
#[derive(Debug)]
pub struct Failed {
    /// One line per finding, most severe first, as the gate prints it.
    pub report: String,
    /// The findings against the frozen file.
    pub findings: Vec<Finding>,
    /// The BREAKING findings against each released contract the live one
    /// breaks, by file (a release that cannot be read is in the report only).
    pub releases: Vec<ReleaseBreak>,
    /// Whether the frozen file was written anyway: a bless that accepted
    /// BREAKING changes writes the file and fails once, so they are seen.
    pub written: bool,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.report)
    }
}

impl std::error::Error for Failed {}

impl Gate {
    /// A gate over `file`.
    pub fn new(file: impl Into<PathBuf>) -> Gate {
        let file = file.into();
        let shown = file.display().to_string();
        Gate { file, shown, releases: None, krate: None, services: Vec::new() }
    }

    /// How the file is named in reports (e.g. relative to the crate).
    pub fn display_as(mut self, shown: impl Into<String>) -> Gate {
        self.shown = shown.into();
        self
    }

    /// A folder of released contracts (`*.wire`), never rewritten, each of which
    /// must stay callable: no BREAKING change against any of them.
    pub fn releases(mut self, dir: impl Into<PathBuf>) -> Gate {
        let dir = dir.into();
        let shown = dir.display().to_string();
        self.releases = Some((dir, shown));
        self
    }

    /// The release folder, named in reports as `shown`.
    pub fn releases_shown(mut self, dir: impl Into<PathBuf>, shown: impl Into<String>) -> Gate {
        self.releases = Some((dir.into(), shown.into()));
        self
    }

    /// Only handlers defined in this crate: its package name (`CARGO_PKG_NAME`,
    /// as in its `Cargo.toml`; `-` and `_` match each other). The crate
    /// whose source has the `#[wire_rpc]` traits, not one that implements or
    /// serves them.
    pub fn krate(mut self, name: impl Into<String>) -> Gate {
        self.krate = Some(name.into());
        self
    }

    /// Only this service (may be given several times).
    pub fn service(mut self, name: impl Into<String>) -> Gate {
        self.services.push(name.into());
        self
    }

    /// The handlers of the registry this gate covers. Function ids must be
    /// distinct among them (handlers of other crates are not compared).
    pub fn live(&self) -> Result<ContractDoc, String> {
        let registered: Vec<&'static Handler> = Contract::registered().collect();
        let covered: Vec<&'static Handler> = registered.iter().copied().filter(|h| self.covers(h)).collect();
        if covered.is_empty() {
            return Err(self.nothing_registered(&registered));
        }
        let contract = Contract::from_handlers(covered).map_err(|e| e.to_string())?;
        Ok(ContractDoc::from_contract(&contract))
    }

    fn covers(&self, h: &Handler) -> bool {
        let same_crate = |k: &str| crate_ident(h.location.krate) == crate_ident(k);
        self.krate.as_deref().is_none_or(same_crate)
            && (self.services.is_empty() || self.services.iter().any(|s| s == h.service))
    }

    /// Why nothing is covered: what to do in the crate itself, what to do from
    /// another crate, and what the registry does hold.
    fn nothing_registered(&self, registered: &[&'static Handler]) -> String {
        let mut scope = Vec::new();
        if let Some(k) = &self.krate {
            scope.push(format!("of crate `{k}`"));
        }
        if !self.services.is_empty() {
            scope.push(format!("of service(s) {}", self.services.join(", ")));
        }
        let scope = if scope.is_empty() { "at all".to_owned() } else { scope.join(" ") };
        let mut out = format!("no handler {scope} is registered in this test binary.\n");
        out.push_str(&registered_summary(registered));
        let krate = self.krate.as_deref().unwrap_or("the_crate");
        let ident = crate_ident(krate);
        let _ = writeln!(
            out,
            "- The linker keeps a crate's handler registrations only when the test binary uses that crate: \
             in the gate test, reference the crate that defines the #[wire_rpc] traits, e.g. `use {ident} as _;` \
             (a dependency that nothing uses is not linked)."
        );
        let _ = writeln!(
            out,
            "- If the test already does: the gate covers the handlers of one crate, the one that defines the \
             #[wire_rpc] traits (by default the crate of the test). From another crate, name it: \
             `assert_frozen!(\"{shown}\", krate = \"defining-crate\")` (or `Gate::krate`), with its package \
             name{listed}; a crate that only implements, serves or re-exports the traits has no handlers of its \
             own.",
            shown = self.shown,
            listed = if registered.is_empty() { " (as in its Cargo.toml)" } else { " (one of those listed above)" },
        );
        out
    }
    /// Runs the gate with the registry and the environment of this process.
    pub fn check(&self) -> Result<Passed, Failed> {
        let mode = Mode::from_env();
        match self.live() {
            Ok(live) => self.check_against(&live, mode),
            Err(message) => Err(Failed {
                report: format!("wire contract gate: {}\n", message.trim_end()),
                findings: Vec::new(),
                releases: Vec::new(),
                written: false,
            }),
        }
    }

    /// Runs the gate and panics with the report on failure; prints what bless rewrote.
    #[track_caller]
    pub fn assert(&self) {
        match self.check() {
            Ok(Passed { blessed: Some(note) }) => eprintln!("{note}"),
            Ok(Passed { blessed: None }) => {}
            Err(failed) => panic!("\n{failed}"),
        }
    }

    /// The gate over a given live contract (what [`check`](Gate::check) does after reading the registry).
    ///
    /// Everything is checked before anything is written: a bless writes the
    /// frozen file only when every other check (the release window) passes.
    pub fn check_against(&self, live: &ContractDoc, mode: Mode) -> Result<Passed, Failed> {
        let rendered = render(live);
        let shown = &self.shown;
        let ignoring_bless =
            if mode.bless && mode.ci { " (WIRE_BLESS is ignored: CI is set, so the gate only checks)" } else { "" };
        let failure = |report: String, findings, releases| Failed { report, findings, releases, written: false };

        // 1. The frozen file: its findings, and what a bless would write.
        let frozen = match std::fs::read_to_string(&self.file) {
            Ok(text) => Some(parse(&text, shown)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(failure(format!("wire contract gate: cannot read {shown}: {e}\n"), Vec::new(), Vec::new()));
            }
        };
        let mut report = String::new();
        let mut findings = Vec::new();
        // When the mode writes and the file is not current: what blessing
        // does (the verb), and the note saying it was done.
        let mut bless: Option<(&str, String)> = None;
        match frozen {
            None if mode.writes() => {
                bless = Some(("create", format!("created {shown} ({} handlers)", live.handlers.len())));
            }
            None => {
                let _ = writeln!(
                    report,
                    "wire contract gate: no frozen contract at {shown}{ignoring_bless}.\nCreate it with \
                     `WIRE_BLESS=1 cargo test`, review it and commit it."
                );
            }
            Some(Err(e)) if mode.writes() => bless = Some(("rewrite", format!("rewrote unreadable {shown} ({e})"))),
            Some(Err(e)) => {
                let _ = writeln!(report, "wire contract gate: {e}{ignoring_bless}");
            }
            Some(Ok(old)) => {
                findings = diff(&old, live);
                if findings.is_empty() && render(&old) != rendered {
                    findings.push(stale_text(shown));
                }
                if !findings.is_empty() {
                    if mode.writes() {
                        bless = Some(("bless", format!("blessed {shown} ({})", report::summary(&findings))));
                    } else {
                        drift_report(&mut report, shown, &findings, ignoring_bless);
                    }
                }
            }
        }

        // 2. The release window, before anything is written.
        let mut releases = Vec::new();
        if let Some((dir, dir_shown)) = &self.releases
            && let Err((text, broken)) = release_window(dir, dir_shown, live)
        {
            releases = broken;
            if let Some((verb, _)) = &bless {
                let _ = writeln!(
                    report,
                    "wire contract gate: WIRE_BLESS did not {verb} {shown}: a bless is applied only when every \
                     check passes, and the release window fails (below).{}",
                    if findings.is_empty() { "" } else { " The lines it would bless:" }
                );
                report.push_str(&report::text(&findings));
                report.push('\n');
            } else if !report.is_empty() {
                report.push('\n');
            }
            report.push_str(&text);
        }
        if !report.is_empty() {
            return Err(failure(report, findings, releases));
        }

        // 3. Every check passed: apply the bless.
        let Some((_, note)) = bless else { return Ok(Passed { blessed: None }) };
        write_file(&self.file, &rendered, shown)?;
        let breaking = findings.iter().filter(|f| f.severity == Severity::Breaking).count();
        if breaking > 0 {
            let report = accepted_breaking(shown, &findings, breaking);
            return Err(Failed { report, findings, releases: Vec::new(), written: true });
        }
        let note = format!("wire contract gate: {note}\n{}", report::text(&findings));
        Ok(Passed { blessed: Some(note.trim_end().to_owned()) })
    }
}

/// A crate's name as code spells it: package names may use `-`, crate names `_`.
fn crate_ident(name: &str) -> String {
    name.replace('-', "_")
}

/// `Handlers registered here: `a` (3: S1, S2), `b` (1: S3).`, or that there are none.
fn registered_summary(registered: &[&'static Handler]) -> String {
    let mut by_crate: BTreeMap<&str, (usize, Vec<&str>)> = BTreeMap::new();
    for h in registered {
        let (count, services) = by_crate.entry(h.location.krate).or_default();
        *count += 1;
        if !services.contains(&h.service) {
            services.push(h.service);
        }
    }
    if by_crate.is_empty() {
        return "No handler of any crate is registered here.\n".into();
    }
    let crates: Vec<String> = by_crate
        .into_iter()
        .map(|(krate, (count, mut services))| {
            services.sort_unstable();
            let handlers = if count == 1 { "handler" } else { "handlers" };
            format!("`{krate}` ({count} {handlers}: {})", services.join(", "))
        })
        .collect();
    format!("Handlers registered here, by defining crate: {}.\n", crates.join(", "))
}

/// The failure of a bless that wrote the file and accepted BREAKING changes:
/// the one run that shows them (captured output of a passing test is not).
fn accepted_breaking(shown: &str, findings: &[Finding], breaking: usize) -> String {
    let changes = if breaking == 1 { "change" } else { "changes" };
    format!(
        "wire contract gate: blessed {shown}, accepting {breaking} BREAKING {changes} ({}):\n{}\n\n\
         The file is rewritten: peers built against the old {shown} reject or misread the BREAKING calls. \
         This run fails once so that you see them; review the file (`git diff {shown}`) and commit it only if \
         every peer is upgraded with it. The next run passes.\n",
        report::summary(findings),
        report::text(findings).trim_end()
    )
}

/// Every code and name compares equal, yet the file would be written
/// differently (a newtype wrapper added or removed, a type key changed):
/// still a difference, so the frozen file never goes stale.
fn stale_text(shown: &str) -> Finding {
    Finding::cosmetic(
        shown,
        "the recorded schemas are written differently (e.g. a newtype wrapper or a type key), \
         with every code and name equal",
    )
}

fn write_file(path: &Path, text: &str, shown: &str) -> Result<(), Failed> {
    let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(path, text));
    result.map_err(|e| Failed {
        report: format!("wire contract gate: cannot write {shown}: {e}\n"),
        findings: Vec::new(),
        releases: Vec::new(),
        written: false,
    })
}

fn drift_report(report: &mut String, shown: &str, findings: &[Finding], ignoring_bless: &str) {
    let _ = writeln!(report, "wire contract drift against {shown}: {}{ignoring_bless}", report::summary(findings));
    report.push_str(&report::text(findings));
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let (breaking, additive, cosmetic) =
        (count(Severity::Breaking), count(Severity::Additive), count(Severity::Cosmetic));
    report.push('\n');
    if breaking == 0 {
        let _ = writeln!(report, "Nothing is BREAKING: old peers keep working. These lines are safe to bless.");
        let _ = writeln!(
            report,
            "If every change is intended, refresh the file with `WIRE_BLESS=1 cargo test` and commit it."
        );
        return;
    }
    let safe = match (additive > 0, cosmetic > 0) {
        (true, true) => " The ADDITIVE and COSMETIC lines are safe to bless.",
        (true, false) => " The ADDITIVE lines are safe to bless.",
        (false, true) => " The COSMETIC lines are safe to bless.",
        (false, false) => "",
    };
    let _ = writeln!(report, "{breaking} BREAKING: peers built against {shown} reject or misread these calls.{safe}");
    let _ = writeln!(
        report,
        "If every change is intended and every peer is upgraded with it, refresh the file with \
         `WIRE_BLESS=1 cargo test` (that run fails once, listing the BREAKING lines it accepted) and commit it."
    );
}

/// Every `*.wire` in `dir` (sorted), checked under the rolling-upgrade
/// policy: on failure, the report and the releases broken.
fn release_window(dir: &Path, shown: &str, live: &ContractDoc) -> Result<(), (String, Vec<ReleaseBreak>)> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| (format!("wire contract gate: cannot read releases {shown}: {e}\n"), Vec::new()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wire"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err((format!("wire contract gate: the release window {shown} holds no *.wire file\n"), Vec::new()));
    }
    let mut out = String::new();
    let mut broken = false;
    let mut breaks = Vec::new();
    for path in files {
        let name = format!("{shown}/{}", path.file_name().unwrap_or_default().to_string_lossy());
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                broken = true;
                let _ = writeln!(out, "  {name}: cannot read: {e}");
                continue;
            }
        };
        let old = match parse(&text, &name) {
            Ok(doc) => doc,
            Err(e) => {
                broken = true;
                let _ = writeln!(out, "  {e}");
                continue;
            }
        };
        let findings = diff(&old, live);
        let breaking: Vec<Finding> = findings.iter().filter(|f| f.severity == Severity::Breaking).cloned().collect();
        if breaking.is_empty() {
            let _ = writeln!(out, "  {name}: compatible ({})", report::summary(&findings));
        } else {
            broken = true;
            let _ = writeln!(out, "  {name}: {} BREAKING", breaking.len());
            for f in &breaking {
                let _ = writeln!(out, "    {f}");
            }
            breaks.push(ReleaseBreak { file: name, findings: breaking });
        }
    }
    if broken {
        let text = format!(
            "wire contract gate: release window {shown} (rolling-upgrade policy: nothing may break a release still \
             deployed; releases are never blessed):\n{out}"
        );
        Err((text, breaks))
    } else {
        Ok(())
    }
}
