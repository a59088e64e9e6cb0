//! Conformance vectors, computed from the implementation.
//!
//! Every row of `docs/conformance.tsv` is recomputed here from the code (type
//! literals and codes, function ids, size literals, MD5, the ServiceReady
//! encoding and its digest, frame headers and whole frames). A mismatch fails
//! and lists the differing rows; `WIRE_BLESS=1 cargo test -p wire-contracts
//! --test conformance` rewrites the file (never when `CI` is set, the gate's
//! rule). The `vector:` and `code:` lines in the code blocks of
//! `docs/SPEC.md`, and its copy of `docs/conformance_types.rs`, are checked
//! against the same rows, so the spec's examples cannot rot.
//!
//! The rows are computed in `conformance/vectors.rs`; this file compares them
//! with the file and the spec.

mod support;
#[path = "conformance/vectors.rs"]
mod vectors;

use support::hex::hex;
use support::tsv::squash;
use wire_core::codec::{Bincode, Codec};

const TSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/conformance.tsv");
const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/SPEC.md");
const TYPES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/conformance_types.rs");
const HEADER: &str = "kind\tsubject\tcode\thex";

#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    kind: String,
    subject: String,
    code: Option<u32>,
    hex: String,
}

impl Row {
    fn new(kind: &str, subject: impl Into<String>, code: Option<u32>, bytes: &[u8]) -> Row {
        Row { kind: kind.to_owned(), subject: subject.into(), code, hex: hex(bytes) }
    }

    fn line(&self) -> String {
        let code = self.code.map(|c| format!("{c:08x}")).unwrap_or_default();
        format!("{}\t{}\t{code}\t{}", self.kind, self.subject, self.hex)
    }

    fn key(&self) -> (&str, &str) {
        (&self.kind, &self.subject)
    }
}

fn render(rows: &[Row]) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for r in rows {
        out.push_str(&r.line());
        out.push('\n');
    }
    out
}

fn parse_tsv(text: &str) -> Result<Vec<(usize, Row)>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h == HEADER => {}
        other => return Err(format!("line 1: expected the header {HEADER:?}, found {:?}", other.map(|l| l.1))),
    }
    lines
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            let [kind, subject, code, hex] = cols[..] else {
                return Err(format!("line {}: expected 4 tab-separated columns, found {}", i + 1, cols.len()));
            };
            let code = match code {
                "" => None,
                c => Some(u32::from_str_radix(c, 16).map_err(|e| format!("line {}: code `{c}`: {e}", i + 1))?),
            };
            Ok((i + 1, Row { kind: kind.into(), subject: subject.into(), code, hex: hex.into() }))
        })
        .collect()
}

fn bless_allowed() -> bool {
    wire_golden::Mode::from_env().writes()
}

#[test]
fn conformance_file_matches_the_code() {
    let rows = vectors::computed();
    let mut keys = std::collections::HashSet::new();
    for r in &rows {
        assert!(keys.insert(r.key()), "duplicate vector {} {}", r.kind, r.subject);
        assert!(!r.subject.contains('\t') && !r.subject.contains('\n'), "{}: subject with a tab", r.subject);
    }
    let text = render(&rows);
    let on_disk = std::fs::read_to_string(TSV).unwrap_or_default();
    if on_disk == text {
        return;
    }
    if bless_allowed() {
        std::fs::write(TSV, &text).unwrap_or_else(|e| panic!("{TSV}: {e}"));
        eprintln!("blessed {TSV}: {} vectors", rows.len());
        return;
    }
    let file = match parse_tsv(&on_disk) {
        Ok(file) => file,
        Err(e) => panic!("{TSV}: {e}\nrefresh it with `WIRE_BLESS=1 cargo test -p wire-contracts --test conformance`"),
    };
    let mut report = Vec::new();
    for r in &rows {
        match file.iter().find(|(_, f)| f.key() == r.key()) {
            None => report.push(format!("missing from the file: {}", r.line())),
            Some((line, f)) if f != r => {
                report.push(format!("line {line} differs:\n  file: {}\n  code: {}", f.line(), r.line()))
            }
            Some(_) => {}
        }
    }
    for (line, f) in &file {
        if !rows.iter().any(|r| r.key() == f.key()) {
            report.push(format!("line {line} is not computed by the test: {}", f.line()));
        }
    }
    if report.is_empty() {
        report.push("every row matches, but the order or formatting differs".into());
    }
    panic!(
        "{TSV} does not match the implementation ({} findings):\n{}\n\nIf the code change is intended (it changes the \
         wire format!), refresh it with `WIRE_BLESS=1 cargo test -p wire-contracts --test conformance`.",
        report.len(),
        report.join("\n")
    );
}

/// A `vector:` or `code:` line of the spec.
struct Example {
    line: usize,
    code: bool,
    kind: String,
    subject: String,
    value: String,
}

/// Reads the checked examples of the spec's code blocks:
///
/// ```text
/// vector: KIND SUBJECT = HEX          # bytes; spaces, `|` and `# comments` ignored
/// vector: KIND SUBJECT =              # an empty value: the following indented
///     HEX  # comment                  # lines hold the bytes
/// code: KIND SUBJECT = 0xXXXXXXXX     # the row's code
/// ```
fn examples(spec: &str) -> Vec<Example> {
    let lines: Vec<&str> = spec.lines().collect();
    let mut out = Vec::new();
    let mut in_block = false;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        i += 1;
        if l.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let (code, rest) = if let Some(rest) = l.strip_prefix("vector: ") {
            (false, rest)
        } else if let Some(rest) = l.strip_prefix("code: ") {
            (true, rest)
        } else {
            continue;
        };
        let rest = rest.split(" #").next().unwrap_or(rest).trim_end();
        let (head, mut value) = match (rest.strip_suffix(" ="), rest.rsplit_once(" = ")) {
            (Some(head), _) => (head, String::new()),
            (None, Some((head, value))) => (head, value.to_owned()),
            (None, None) => (rest, String::new()),
        };
        if value.is_empty() {
            while i < lines.len() && lines[i].starts_with(' ') {
                value.push_str(lines[i].split('#').next().unwrap_or(""));
                i += 1;
            }
        }
        let (kind, subject) = head.split_once(' ').unwrap_or((head, ""));
        out.push(Example { line: i, code, kind: kind.into(), subject: subject.into(), value });
    }
    out
}

fn normalize_hex(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '|').collect::<String>().to_ascii_lowercase()
}

#[test]
fn spec_examples_match_the_code() {
    let spec = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("{SPEC}: {e}"));
    let rows = vectors::computed();
    let examples = examples(&spec);
    assert!(
        examples.len() >= 40,
        "only {} checked examples found in {SPEC}: is the convention intact?",
        examples.len()
    );
    let mut failures = Vec::new();
    for ex in &examples {
        let at = format!("SPEC.md (example ending on line {}): {} {}", ex.line, ex.kind, ex.subject);
        let Some(row) = rows.iter().find(|r| r.kind == ex.kind && r.subject == ex.subject) else {
            failures.push(format!("{at}: no such vector in docs/conformance.tsv"));
            continue;
        };
        if ex.code {
            let want = row.code.map(|c| format!("{c:#010x}")).unwrap_or_else(|| "(no code)".into());
            if ex.value.trim() != want {
                failures.push(format!("{at}: shows code {}, the code computes {want}", ex.value.trim()));
            }
        } else if normalize_hex(&ex.value) != row.hex {
            failures.push(format!("{at}: shows {}, the code computes {}", normalize_hex(&ex.value), row.hex));
        }
    }
    assert!(failures.is_empty(), "{} stale examples:\n{}", failures.len(), failures.join("\n"));
}

/// The spec's example contract file reads (so its codes are right) and is in the written form.
#[test]
fn spec_contract_file_example_is_canonical() {
    let spec = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("{SPEC}: {e}"));
    let start = spec.find("```text\nwire-contract v1\n").expect("SPEC.md shows an example contract file");
    let block = &spec[start + "```text\n".len()..];
    let block = &block[..block.find("\n```").expect("the block ends") + 1];
    let doc = wire_golden::parse(block, "SPEC.md example").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wire_golden::render(&doc), block, "the example is not in the form wire-golden writes");
}

#[test]
fn spec_quotes_the_conformance_types() {
    let spec = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("{SPEC}: {e}"));
    let types = std::fs::read_to_string(TYPES).unwrap_or_else(|e| panic!("{TYPES}: {e}"));
    let first = types.lines().next().expect("a first line");
    let start = spec.find(&format!("```rust\n{first}\n")).unwrap_or_else(|| {
        panic!("{SPEC}: no ```rust block starting with `{first}`: quote docs/conformance_types.rs verbatim")
    });
    let block = &spec[start + "```rust\n".len()..];
    let block = &block[..block.find("\n```").expect("the block ends") + 1];
    assert_eq!(block, types, "{SPEC}: the quoted docs/conformance_types.rs differs from the file");
}

/// The reference vectors (`tests/data/type-codes.tsv`) are a subset of these
/// (same code, same literal).
#[test]
fn reference_vectors_are_included() {
    let rows = vectors::computed();
    let mut failures = Vec::new();
    for row in support::tsv::read("type-codes.tsv", &["kind", "rust", "code", "literal"], 3) {
        let (kind, rust, code) = (row.col(0), row.col(1), row.col(2));
        let literal = row.col(3).to_ascii_lowercase();
        let at = format!("type-codes.tsv:{} {kind} `{rust}`", row.line);
        match rows.iter().find(|r| r.kind == kind && squash(&r.subject) == squash(rust)) {
            Some(r) if r.code.map(|c| format!("{c:08x}")).as_deref() == Some(code) && r.hex == literal => {}
            Some(r) => failures.push(format!("{at}: the vectors have {}", r.line())),
            None => failures.push(format!("{at}: missing from docs/conformance.tsv")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// §6.6: what a bincode1 reader refuses, through the `Bincode` codec a server decodes with.
#[test]
fn bincode_decoding_refuses_what_the_spec_says() {
    fn refused<T: serde::de::DeserializeOwned + std::fmt::Debug>(what: &str, bytes: &[u8]) {
        let got = Bincode.decode::<T>(bytes);
        assert!(got.is_err(), "{what}: {} decoded as {got:?}", hex(bytes));
    }
    refused::<bool>("a bool byte other than 0 or 1", &[2]);
    refused::<Option<u8>>("an Option tag other than 0 or 1", &[2, 7]);
    refused::<Result<u8, u8>>("a variant index past the last variant", &[2, 0, 0, 0, 7]);
    refused::<String>("a string that is not UTF-8", &[1, 0, 0, 0, 0, 0, 0, 0, 0xFF]);
    refused::<char>("a char that is not one UTF-8 scalar value", &[0xED, 0xA0, 0x80]);
    refused::<Vec<u8>>("a length past the end of the input", &[4, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
    refused::<u32>("a truncated integer", &[1, 2, 3]);
    refused::<u8>("trailing bytes", &[1, 2]);
    // And the same bytes, well-formed, decode.
    assert_eq!(
        Bincode.decode::<(bool, Option<u8>, Result<u8, u8>)>(&[1, 1, 7, 1, 0, 0, 0, 9]),
        Ok((true, Some(7), Err(9)))
    );
    assert_eq!(Bincode.decode::<char>(&[0xF0, 0x9F, 0x98, 0x80]), Ok('😀'));
}
