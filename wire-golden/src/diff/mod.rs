//! Classified differences between two contracts.
//!
//! Codes decide the severity (a changed code is a peer that rejects the
//! call); the schema trees only explain it: the path to the first difference,
//! or the names that changed while every code stayed the same.
//!
//! [`diff`] pairs the handlers of both sides: `handlers` reports those on one
//! side only (added, removed, renamed), `codes` each change of a handler on
//! both (function id, arguments, return type, extension levels, names), and
//! `types` explains a changed code by comparing the types structurally, and
//! `values` compares what no code covers: the values of C-like enums.

mod codes;
mod handlers;
mod types;
mod values;

pub use types::display;

use crate::model::ContractDoc;
use codes::Pair;
use std::collections::BTreeSet;
use std::fmt;

/// How a difference affects peers, most severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A peer on the other side rejects or misreads: a code changed, a handler is gone.
    Breaking,
    /// New handlers, services or extension levels: old peers are unaffected.
    Additive,
    /// Names only: every code is identical.
    Cosmetic,
}

impl Severity {
    /// `BREAKING`, `ADDITIVE` or `COSMETIC`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Breaking => "BREAKING",
            Severity::Additive => "ADDITIVE",
            Severity::Cosmetic => "COSMETIC",
        }
    }
}

/// Which part of a handler changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    /// The function id (the wire name).
    FunctionId,
    /// The args code.
    Args,
    /// The return code.
    Return,
    /// One `#[wire(since = N)]` level: added, removed or changed.
    Ext(u16),
    /// The handler is gone.
    Removed,
    /// The handler is new.
    Added,
    /// Names only (of arguments, fields, variants or types): every code is the same.
    Names,
    /// The values of a C-like enum, which no code covers.
    Values,
}

impl Aspect {
    /// The kind of aspect (`extension level` without its number).
    pub fn label(self) -> &'static str {
        match self {
            Aspect::FunctionId => "function id",
            Aspect::Args => "args",
            Aspect::Return => "return",
            Aspect::Ext(_) => "extension level",
            Aspect::Removed => "removed",
            Aspect::Added => "added",
            Aspect::Names => "names",
            Aspect::Values => "values",
        }
    }
}

impl fmt::Display for Aspect {
    /// The label, with the level for [`Aspect::Ext`]: `extension level 2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Aspect::Ext(since) => write!(f, "extension level {since}"),
            other => f.write_str(other.label()),
        }
    }
}

/// One difference, ready to print on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How the difference affects deployed peers.
    pub severity: Severity,
    /// The handler's wire name, or `type Name` for a renamed type.
    pub subject: String,
    /// Which part of the subject changed.
    pub aspect: Aspect,
    /// The old and new code of the aspect (function id for added/removed handlers).
    pub old: Option<u32>,
    /// See `old`.
    pub new: Option<u32>,
    /// The function id, when it did not change but a type-code did.
    pub unchanged_id: Option<u32>,
    /// What changed, with the schema path of the first difference.
    pub why: String,
    /// What to do about it.
    pub advice: String,
    /// Where the subject is in the old and new file (0 when not from a file).
    pub old_line: usize,
    /// See `old_line`.
    pub new_line: usize,
}

impl fmt::Display for Finding {
    /// `BREAKING Svc::m args 0x… -> 0x… (function id 0x… unchanged): why; advice`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.severity.label(), self.subject)?;
        if self.aspect != Aspect::Names {
            write!(f, " {}", self.aspect)?;
        }
        match (self.old, self.new) {
            (Some(o), Some(n)) => write!(f, " {o:#010x} -> {n:#010x}")?,
            (Some(c), None) | (None, Some(c)) => write!(f, " {c:#010x}")?,
            (None, None) => {}
        }
        if let Some(id) = self.unchanged_id {
            write!(f, " (function id {id:#010x} unchanged)")?;
        }
        write!(f, ": {}; {}", self.why, self.advice)
    }
}

impl Finding {
    /// A BREAKING finding: a peer on the other side rejects or misreads.
    ///
    /// ```
    /// use wire_golden::{Aspect, Finding};
    /// let f = Finding::breaking("Kv::get", Aspect::Return, "`u32` -> `u64`", "restore the old type")
    ///     .codes(Some(0x1234abcd), Some(0x0badcafe))
    ///     .with_unchanged_id(Some(0x00c0ffee));
    /// assert_eq!(
    ///     f.to_string(),
    ///     "BREAKING Kv::get return 0x1234abcd -> 0x0badcafe (function id 0x00c0ffee unchanged): \
    ///      `u32` -> `u64`; restore the old type"
    /// );
    /// ```
    pub fn breaking(subject: &str, aspect: Aspect, why: impl Into<String>, advice: impl Into<String>) -> Finding {
        Finding::new(Severity::Breaking, subject, aspect, why.into(), advice.into())
    }

    /// An ADDITIVE finding: old peers are unaffected.
    pub fn additive(subject: &str, aspect: Aspect, why: impl Into<String>, advice: impl Into<String>) -> Finding {
        Finding::new(Severity::Additive, subject, aspect, why.into(), advice.into())
    }

    /// A COSMETIC finding: names only, every code the same, safe to bless.
    pub fn cosmetic(subject: &str, why: impl Into<String>) -> Finding {
        Finding::new(Severity::Cosmetic, subject, Aspect::Names, why.into(), "safe to bless".into())
    }

    fn new(severity: Severity, subject: &str, aspect: Aspect, why: String, advice: String) -> Finding {
        let subject = subject.to_owned();
        Finding {
            severity,
            subject,
            aspect,
            old: None,
            new: None,
            unchanged_id: None,
            why,
            advice,
            old_line: 0,
            new_line: 0,
        }
    }

    /// With the old and new code of the aspect.
    pub fn codes(self, old: Option<u32>, new: Option<u32>) -> Finding {
        Finding { old, new, ..self }
    }

    /// With the function id, when it did not change but a type-code did.
    pub fn with_unchanged_id(self, unchanged_id: Option<u32>) -> Finding {
        Finding { unchanged_id, ..self }
    }

    /// With where the subject is in the old and new file (0: in neither).
    pub fn lines(self, old_line: usize, new_line: usize) -> Finding {
        Finding { old_line, new_line, ..self }
    }
}

/// Every difference between `old` and `new`, most severe first.
pub fn diff(old: &ContractDoc, new: &ContractDoc) -> Vec<Finding> {
    let mut findings = handlers::on_one_side(old, new);
    // Name-only differences of types, once each however many handlers use them.
    let mut types = BTreeSet::new();
    for o in &old.handlers {
        if let Some(n) = new.handler(&o.name) {
            findings.extend(Pair { old, new, o, n }.findings(&mut types));
        }
    }
    findings.extend(
        types.into_iter().map(|(subject, why)| Finding::cosmetic(&subject, format!("{why} (codes unchanged)"))),
    );
    findings.extend(values::c_enum_values(old, new));
    findings.sort_by(|a, b| (a.severity, &a.subject, a.aspect).cmp(&(b.severity, &b.subject, b.aspect)));
    findings
}
