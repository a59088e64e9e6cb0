//! Findings as text (one line each), JSON, or GitHub workflow annotations.

use crate::diff::{Finding, Severity};
use std::fmt::Write;

/// `N BREAKING, M ADDITIVE, K COSMETIC` (zero counts left out).
pub fn summary(findings: &[Finding]) -> String {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let parts: Vec<String> = [Severity::Breaking, Severity::Additive, Severity::Cosmetic]
        .into_iter()
        .filter(|&s| count(s) > 0)
        .map(|s| format!("{} {}", count(s), s.label()))
        .collect();
    if parts.is_empty() { "no difference".into() } else { parts.join(", ") }
}

/// One line per finding, most severe first.
pub fn text(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("{f}\n")).collect()
}

/// A JSON array, one object per finding.
pub fn json(findings: &[Finding]) -> String {
    let mut out = String::from("[");
    for (i, f) in findings.iter().enumerate() {
        let code = |c: Option<u32>| c.map_or("null".to_owned(), |c| format!("\"{c:#010x}\""));
        let line = |l: usize| if l == 0 { "null".to_owned() } else { l.to_string() };
        let _ = write!(
            out,
            "{}\n  {{\"severity\": {}, \"subject\": {}, \"aspect\": {}, \"old\": {}, \"new\": {}, \
             \"unchanged_function_id\": {}, \"why\": {}, \"advice\": {}, \"old_line\": {}, \"new_line\": {}, \
             \"message\": {}}}",
            if i == 0 { "" } else { "," },
            json_str(f.severity.label()),
            json_str(&f.subject),
            json_str(&f.aspect.to_string()),
            code(f.old),
            code(f.new),
            code(f.unchanged_id),
            json_str(&f.why),
            json_str(&f.advice),
            line(f.old_line),
            line(f.new_line),
            json_str(&f.to_string()),
        );
    }
    out.push_str(if findings.is_empty() { "]\n" } else { "\n]\n" });
    out
}

/// A JSON string literal.
pub(crate) fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`):
/// BREAKING is an error, ADDITIVE a warning, COSMETIC a notice. A finding
/// points at its line in the new file, or in the old one when it is gone.
pub fn github(findings: &[Finding], old_file: &str, new_file: &str) -> String {
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Breaking => "error",
            Severity::Additive => "warning",
            Severity::Cosmetic => "notice",
        };
        let (file, line) = match (f.new_line, f.old_line) {
            (0, 0) => (new_file, 1),
            (0, old) => (old_file, old),
            (new, _) => (new_file, new),
        };
        let title = format!("{} {}", f.severity.label(), f.subject);
        let _ = writeln!(
            out,
            "::{level} file={},line={line},title={}::{}",
            gh_property(file),
            gh_property(&title),
            gh_data(&f.to_string())
        );
    }
    out
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}
