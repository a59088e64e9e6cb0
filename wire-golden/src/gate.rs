//! The `cargo test` gate: the live registry against the frozen contract file
//! and the release window.

use crate::diff::{Finding, Severity, diff};
use crate::model::ContractDoc;
use crate::report;
use crate::text::{parse, render};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use wire_core::Contract;

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

/// A gate that failed: the whole report, ready to print.
#[derive(Debug)]
pub struct Failed {
    /// One line per finding, most severe first, as the gate prints it.
    pub report: String,
    /// The findings against the frozen file.
    pub findings: Vec<Finding>,
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

    /// Only handlers defined in this crate (its `CARGO_PKG_NAME`).
    pub fn krate(mut self, name: impl Into<String>) -> Gate {
        self.krate = Some(name.into());
        self
    }

    /// Only this service (may be given several times).
    pub fn service(mut self, name: impl Into<String>) -> Gate {
        self.services.push(name.into());
        self
    }

    /// The handlers of the registry this gate covers.
    pub fn live(&self) -> Result<ContractDoc, String> {
        let contract = Contract::current().map_err(|e| e.to_string())?;
        let handlers = contract.handlers().iter().copied().filter(|h| {
            self.krate.as_deref().is_none_or(|k| h.location.krate == k)
                && (self.services.is_empty() || self.services.iter().any(|s| s == h.service))
        });
        let doc = ContractDoc::from_handlers(handlers);
        if doc.handlers.is_empty() {
            let scope = match (&self.krate, self.services.is_empty()) {
                (Some(k), true) => format!("of crate `{k}`"),
                (_, false) => format!("of service(s) {}", self.services.join(", ")),
                (None, true) => "at all".into(),
            };
            return Err(format!(
                "no handler {scope} is registered in this test binary. Either the crate has no #[wire_rpc] \
                 trait, or the linker dropped its registrations because nothing in this binary uses the \
                 crate: reference it from the test (e.g. `use the_crate as _;` or call any of its functions)"
            ));
        }
        Ok(doc)
    }

    /// Runs the gate with the registry and the environment of this process.
    pub fn check(&self) -> Result<Passed, Failed> {
        let mode = Mode::from_env();
        match self.live() {
            Ok(live) => self.check_against(&live, mode),
            Err(message) => Err(Failed { report: format!("wire contract gate: {message}\n"), findings: Vec::new() }),
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
    pub fn check_against(&self, live: &ContractDoc, mode: Mode) -> Result<Passed, Failed> {
        let mut report = String::new();
        let mut failed = false;
        let mut findings = Vec::new();
        let mut blessed = None;
        let rendered = render(live);
        let shown = &self.shown;
        let ignoring_bless =
            if mode.bless && mode.ci { " (WIRE_BLESS is ignored: CI is set, so the gate only checks)" } else { "" };

        let frozen = match std::fs::read_to_string(&self.file) {
            Ok(text) => Some(parse(&text, shown)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Failed { report: format!("wire contract gate: cannot read {shown}: {e}\n"), findings });
            }
        };
        match frozen {
            None if mode.writes() => {
                write_file(&self.file, &rendered, shown)?;
                blessed = Some(format!("wire contract gate: created {shown} ({} handlers)", live.handlers.len()));
            }
            None => {
                failed = true;
                let _ = writeln!(
                    report,
                    "wire contract gate: no frozen contract at {shown}{ignoring_bless}.\nCreate it with \
                     `WIRE_BLESS=1 cargo test`, review it and commit it."
                );
            }
            Some(Err(e)) if mode.writes() => {
                write_file(&self.file, &rendered, shown)?;
                blessed = Some(format!("wire contract gate: rewrote unreadable {shown} ({e})"));
            }
            Some(Err(e)) => {
                failed = true;
                let _ = writeln!(report, "wire contract gate: {e}{ignoring_bless}");
            }
            Some(Ok(old)) => {
                findings = diff(&old, live);
                if findings.is_empty() && render(&old) != rendered {
                    findings.push(stale_text(shown));
                }
                if !findings.is_empty() {
                    if mode.writes() {
                        write_file(&self.file, &rendered, shown)?;
                        blessed = Some(format!(
                            "wire contract gate: blessed {shown} ({})\n{}",
                            report::summary(&findings),
                            report::text(&findings)
                        ));
                    } else {
                        failed = true;
                        drift_report(&mut report, shown, &findings, ignoring_bless);
                    }
                }
            }
        }

        if let Some((dir, dir_shown)) = &self.releases {
            let window = release_window(dir, dir_shown, live);
            if let Err(text) = window {
                failed = true;
                if !report.is_empty() {
                    report.push('\n');
                }
                report.push_str(&text);
            }
        }
        if failed { Err(Failed { report, findings }) } else { Ok(Passed { blessed }) }
    }
}

/// Every code and name compares equal, yet the file would be written
/// differently (a newtype wrapper added or removed, a type key changed):
/// still a difference, so the frozen file never goes stale.
fn stale_text(shown: &str) -> Finding {
    Finding {
        severity: Severity::Cosmetic,
        subject: shown.to_owned(),
        aspect: crate::diff::Aspect::Names,
        old: None,
        new: None,
        unchanged_id: None,
        why: "the recorded schemas are written differently (e.g. a newtype wrapper or a type key), \
              with every code and name equal"
            .into(),
        advice: "safe to bless".into(),
        old_line: 0,
        new_line: 0,
    }
}

fn write_file(path: &Path, text: &str, shown: &str) -> Result<(), Failed> {
    let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(path, text));
    result.map_err(|e| Failed {
        report: format!("wire contract gate: cannot write {shown}: {e}\n"),
        findings: Vec::new(),
    })
}

fn drift_report(report: &mut String, shown: &str, findings: &[Finding], ignoring_bless: &str) {
    let _ = writeln!(report, "wire contract drift against {shown}: {}{ignoring_bless}", report::summary(findings));
    report.push_str(&report::text(findings));
    let breaking = findings.iter().filter(|f| f.severity == Severity::Breaking).count();
    report.push('\n');
    if breaking > 0 {
        let _ = writeln!(
            report,
            "{breaking} BREAKING: peers built against {shown} reject or misread these calls. \
             The ADDITIVE and COSMETIC lines are safe to bless."
        );
    } else {
        let _ = writeln!(report, "Nothing is BREAKING: old peers keep working. These lines are safe to bless.");
    }
    let _ =
        writeln!(report, "If every change is intended, refresh the file with `WIRE_BLESS=1 cargo test` and commit it.");
}

/// Every `*.wire` in `dir` (sorted), checked under the rolling-upgrade policy.
fn release_window(dir: &Path, shown: &str, live: &ContractDoc) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("wire contract gate: cannot read releases {shown}: {e}\n"))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wire"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("wire contract gate: the release window {shown} holds no *.wire file\n"));
    }
    let mut out = String::new();
    let mut broken = false;
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
        let breaking: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Breaking).collect();
        if breaking.is_empty() {
            let _ = writeln!(out, "  {name}: compatible ({})", report::summary(&findings));
        } else {
            broken = true;
            let _ = writeln!(out, "  {name}: {} BREAKING", breaking.len());
            for f in breaking {
                let _ = writeln!(out, "    {f}");
            }
        }
    }
    if broken {
        Err(format!(
            "wire contract gate: release window {shown} (rolling-upgrade policy: nothing may break a release still \
             deployed; releases are never blessed):\n{out}"
        ))
    } else {
        Ok(())
    }
}
