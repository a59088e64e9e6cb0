//! `wire-golden`: show and diff frozen wire contract files, without building
//! anything (so CI can compare `git show v0.3:contracts/master.wire` with the
//! working tree).
//!
//! Exit status: 0 = nothing BREAKING, 1 = something BREAKING, 2 = bad usage
//! or an unreadable file.

use std::io::Read;
use std::process::ExitCode;
use wire_golden::{ContractDoc, Severity, diff::diff, parse, report};

const USAGE: &str = "\
usage: wire-golden show FILE
       wire-golden diff OLD NEW [--format text|json|github]

FILE, OLD or NEW may be `-` for standard input, e.g.
  git show v0.3:contracts/master.wire | wire-golden diff - contracts/master.wire

diff prints one line per difference, most severe first (BREAKING, ADDITIVE,
COSMETIC), and exits 1 if anything is BREAKING, 0 otherwise; 2 on bad usage
or an unreadable file.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("wire-golden: {message}");
            ExitCode::from(2)
        }
    }
}

#[derive(Clone, Copy)]
enum Format {
    Text,
    Json,
    Github,
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut positional = Vec::new();
    let mut format = Format::Text;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            "--format" => format = parse_format(it.next().map(String::as_str))?,
            a if a.starts_with("--format=") => format = parse_format(Some(&a["--format=".len()..]))?,
            a if a.starts_with("--") => return Err(format!("unknown option `{a}`\n\n{USAGE}")),
            a => positional.push(a),
        }
    }
    match positional.as_slice() {
        ["show", file] => {
            let doc = load(file)?;
            print!("{}", show(file, &doc));
            Ok(ExitCode::SUCCESS)
        }
        ["diff", old, new] => {
            if *old == "-" && *new == "-" {
                return Err("only one of OLD and NEW can be standard input".into());
            }
            let (old_doc, new_doc) = (load(old)?, load(new)?);
            let findings = diff(&old_doc, &new_doc);
            match format {
                Format::Text => {
                    print!("{}", report::text(&findings));
                    println!("{old} -> {new}: {}", report::summary(&findings));
                }
                Format::Json => print!("{}", report::json(&findings)),
                Format::Github => print!("{}", report::github(&findings, old, new)),
            }
            let breaking = findings.iter().any(|f| f.severity == Severity::Breaking);
            Ok(if breaking { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        _ => Err(format!("expected `show FILE` or `diff OLD NEW`\n\n{USAGE}")),
    }
}

fn parse_format(value: Option<&str>) -> Result<Format, String> {
    match value {
        Some("text") => Ok(Format::Text),
        Some("json") => Ok(Format::Json),
        Some("github") => Ok(Format::Github),
        other => Err(format!("--format takes text, json or github, not `{}`", other.unwrap_or(""))),
    }
}

fn load(file: &str) -> Result<ContractDoc, String> {
    let text = if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?
    };
    let shown = if file == "-" { "<stdin>" } else { file };
    parse(&text, shown).map_err(|e| e.to_string())
}

fn show(file: &str, doc: &ContractDoc) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{file}: {} handlers, {} types (every code verified)", doc.handlers.len(), doc.types.len());
    let width = doc.handlers.iter().map(|h| h.name.len()).max().unwrap_or(0);
    for h in &doc.handlers {
        let ext: String = h.ext.iter().map(|l| format!("  ext {} {:#010x}", l.since, l.code)).collect();
        let _ = writeln!(
            out,
            "  {:<width$}  id {:#010x}  args {:#010x}  ret {:#010x}{ext}  {}",
            h.name,
            h.function_id,
            h.args_code,
            h.return_code,
            wire_golden::text::signature(h)
        );
    }
    out
}
