//! `wire-golden`: show and diff frozen wire contract files, without building
//! anything (so CI can compare `git show v0.3:contracts/master.wire` with the
//! working tree).
//!
//! Exit status: 0 = nothing BREAKING, 1 = something BREAKING, 2 = bad usage
//! or an unreadable file.

use std::io::Read;
use std::process::ExitCode;
use wire_golden::{ContractDoc, Severity, diff::diff, parse, probe, report, show};

const USAGE: &str = "\
usage: wire-golden show FILE [--format text|json]
       wire-golden diff OLD NEW [--format text|json|github]
       wire-golden probe HOST:PORT FILE [--call-zero-arg] [--serialize-type N]

FILE, OLD or NEW may be `-` for standard input, e.g.
  git show v0.3:contracts/master.wire | wire-golden diff - contracts/master.wire

show lists every handler with its function id and codes (json: handlers with
their codes, arguments and signature, and the named types they use).
diff prints one line per difference, most severe first (BREAKING, ADDITIVE,
COSMETIC), and exits 1 if anything is BREAKING, 0 otherwise; 2 on bad usage
or an unreadable file.
probe checks a live coro_rpc peer against the contract FILE: a peer built
with wire-core answers its whole table at handshake (no side effect); a C++
coro_rpc peer is probed per handler with a call whose args code cannot match
(refused = registered, 11 = missing; nothing runs). Handlers without arguments
would run, so they are skipped unless --call-zero-arg. Exits 1 on drift.";

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Github,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Github => "github",
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut positional = Vec::new();
    let mut format = None;
    let mut options = probe::Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            "--call-zero-arg" => options.zero_arg = true,
            "--serialize-type" => {
                let value = it.next().map(String::as_str).unwrap_or("");
                options.serialize_type = value
                    .parse()
                    .map_err(|_| format!("--serialize-type takes a byte (0 = struct_pack), not `{value}`"))?;
            }
            "--format" => format = Some(parse_format(it.next().map(String::as_str))?),
            a if a.starts_with("--format=") => format = Some(parse_format(Some(&a["--format=".len()..]))?),
            a if a.starts_with("--") => return Err(format!("unknown option `{a}`\n\n{USAGE}")),
            a => positional.push(a),
        }
    }
    match positional.as_slice() {
        ["show", file] => {
            let format = format.unwrap_or(Format::Text);
            if format == Format::Github {
                return Err(format!(
                    "`show` prints text or json, not `{}`: github annotations point at differences, \
                     use `diff OLD NEW --format github`",
                    format.name()
                ));
            }
            let doc = load(file)?;
            match format {
                Format::Json => print!("{}", show::json(file, &doc)),
                _ => print!("{}", show::text(file, &doc)),
            }
            Ok(ExitCode::SUCCESS)
        }
        ["diff", old, new] => {
            if *old == "-" && *new == "-" {
                return Err("only one of OLD and NEW can be standard input".into());
            }
            let (old_doc, new_doc) = (load(old)?, load(new)?);
            let findings = diff(&old_doc, &new_doc);
            match format.unwrap_or(Format::Text) {
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
        ["probe", addr, file] => {
            if format.is_some_and(|f| f != Format::Text) {
                return Err("`probe` prints text".into());
            }
            let doc = load(file)?;
            let result = probe::probe(addr, &doc, options).map_err(|e| format!("probe: {e}"))?;
            print!("{result}");
            let drift = result.handlers.iter().any(|(_, outcome)| outcome.is_drift());
            Ok(if drift { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        _ => Err(format!("expected `show FILE`, `diff OLD NEW` or `probe HOST:PORT FILE`\n\n{USAGE}")),
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
