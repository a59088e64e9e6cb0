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

use serde::de::DeserializeOwned;
use std::fmt::Debug;
use support::hex::hex;
use support::tsv::squash;
use vectors::types::*;
use vectors::{DemoImpl, ready_now};
use wire_core::Wire;
use wire_core::codec::struct_pack::{from_slice, to_vec, to_vec_with_literal};
use wire_core::codec::{Bincode, Codec, Payload, StructPack};
use wire_core::protocol::ext::write_group;
use wire_core::protocol::frame::{RequestHeader, Status};
use wire_core::protocol::handshake;
use wire_core::rpc::{Incoming, Reply, Server};

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

/// §6.6: what a bincode1 reader refuses, through the `Bincode` codec a
/// server decodes with (each payload starts with the type's code).
#[test]
fn bincode_decoding_refuses_what_the_spec_says() {
    fn decode<T: DeserializeOwned + Wire>(bytes: &[u8]) -> Result<T, wire_core::codec::CodecError> {
        Bincode.decode(&[&T::CODE.to_le_bytes()[..], bytes].concat(), Payload::of::<T>())
    }
    fn refused<T: DeserializeOwned + Wire + Debug>(what: &str, bytes: &[u8]) {
        let got = decode::<T>(bytes);
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
    // The code comes first: another type's, or none, is refused before the value.
    let got = Bincode.decode::<u8>(&[&<i8 as Wire>::CODE.to_le_bytes()[..], &[1]].concat(), Payload::of::<u8>());
    assert!(got.unwrap_err().message.starts_with("type code 0x8bb6c178, expected 0x06eca1b4"));
    assert!(Bincode.decode::<u8>(&[1, 2, 3], Payload::of::<u8>()).is_err(), "no code");
    // And the same bytes, well-formed, decode.
    assert_eq!(decode::<(bool, Option<u8>, Result<u8, u8>)>(&[1, 1, 7, 1, 0, 0, 0, 9]), Ok((true, Some(7), Err(9))));
    assert_eq!(decode::<char>(&[0xF0, 0x9F, 0x98, 0x80]), Ok('😀'));
}

/// §6.7: what a struct_pack reader refuses, and what it accepts.
#[test]
fn struct_pack_decoding_refuses_what_the_spec_says() {
    /// The release payload of a `T` whose values are `bytes`.
    fn payload<T: Wire>(bytes: &[u8]) -> Vec<u8> {
        [&T::CODE.to_le_bytes()[..], bytes].concat()
    }
    fn refused<T: DeserializeOwned + Wire + Debug>(what: &str, bytes: &[u8], why: &str) {
        match from_slice::<T>(bytes) {
            Ok(v) => panic!("{what}: {} read as {v:?}", hex(bytes)),
            Err(e) => assert!(e.to_string().contains(why), "{what}: `{e}` does not say `{why}`"),
        }
    }
    refused::<u8>("no code", &[1, 2], "has no type code");
    refused::<u8>("another type's code", &payload::<i8>(&[1]), "type code 0x8bb6c178, expected 0x06eca1b4");
    refused::<u8>("a metainfo flag and no metainfo byte", &(<u8 as Wire>::CODE | 1).to_le_bytes(), "metainfo");
    let mut other_literal = to_vec_with_literal(&7u32).unwrap();
    other_literal[5] = 0x01; // the literal of i32 where u32's (02) stands
    refused::<u32>("a literal that is not this side's", &other_literal, "type literal 01 is not this side's 02");
    let head = [&(<u8 as Wire>::CODE | 1).to_le_bytes()[..], &[0b01, 3, 0]].concat();
    refused::<u8>("a compatible-fields length inside the head", &head, "ends inside the payload's");
    refused::<bool>("a bool byte other than 0 or 1", &payload::<bool>(&[2]), "neither 0 nor 1");
    refused::<Option<u8>>("an option flag other than 0 or 1", &payload::<Option<u8>>(&[2, 7]), "option flag");
    refused::<Result<u8, u8>>(
        "an expected flag other than 0 or 1",
        &payload::<Result<u8, u8>>(&[2, 7]),
        "expected flag",
    );
    refused::<Two>("a variant index past the last", &payload::<Two>(&[2, 0]), "variant index 2 at offset 4");
    assert!(matches!(from_slice::<Two>(&payload::<Two>(&[1, 9])), Ok(Two::B(9))));
    refused::<String>("a string that is not UTF-8", &payload::<String>(&[1, 0xFF]), "not UTF-8");
    refused::<char>(
        "a char that is not a scalar value",
        &payload::<char>(&[0, 0xD8, 0, 0]),
        "not a Unicode scalar value",
    );
    refused::<ErrorCode>("an enum value not declared", &payload::<ErrorCode>(&7i32.to_le_bytes()), "invalid value");
    refused::<String>(
        "a size past the end",
        &payload::<String>(&[200, b'a']),
        "string needs 200 bytes at offset 5, 1 are left",
    );
    let wide =
        [&(<String as Wire>::CODE | 1).to_le_bytes()[..], &[0b11 << 3], &(1u64 << 32).to_le_bytes(), b"abc"].concat();
    refused::<String>("a 4 GiB size of width 8", &wide, "4294967296 at offset 5 is more than the 3 bytes left");
    refused::<u32>("a truncated integer", &payload::<u32>(&[1, 2, 3]), "u32 needs 4 bytes");
    refused::<u8>("trailing bytes", &payload::<u8>(&[1, 2]), "1 bytes after the value");

    // Accepted: the release form with a metainfo byte anyway (width 1, no
    // literal), the debug form, and a trivially copyable struct's padding
    // whatever it holds (C++ copies it from memory).
    let value = ("hi".to_owned(), 7u32);
    let flagged =
        [&(<(String, u32) as Wire>::CODE | 1).to_le_bytes()[..], &[0], &to_vec(&value).unwrap()[4..]].concat();
    assert_eq!(from_slice::<(String, u32)>(&flagged).unwrap(), value);
    assert_eq!(from_slice::<(String, u32)>(&to_vec_with_literal(&value).unwrap()).unwrap(), value);
    let mut pod = to_vec(&(-1i32, 2u64, 3u8)).unwrap();
    pod.truncate(4);
    let garbage =
        [&<PodCopy as Wire>::CODE.to_le_bytes()[..], &(-1i32).to_le_bytes(), &[0xAA; 4], &2u64.to_le_bytes()].concat();
    let read: PodCopy = from_slice(&garbage).unwrap();
    assert_eq!((read.a, read.b), (-1, 2));
    assert_eq!(to_vec(&read).unwrap()[8..12], [0, 0, 0, 0], "padding is written as zeros");
}

/// An enum of two variants, to read.
#[derive(serde::Deserialize, Wire, Debug, PartialEq)]
enum Two {
    A,
    B(u8),
}

/// `Pod` with serde's `Deserialize`, to read one back.
#[derive(serde::Serialize, serde::Deserialize, Wire, Debug)]
#[wire(trivial)]
struct PodCopy {
    a: i32,
    b: u64,
}

/// §6.4: the order in which a server checks a call: each request below is
/// wrong in two ways, and is refused for the one checked first.
#[test]
fn a_server_checks_a_call_in_the_order_the_spec_says() {
    let server = Server::new(StructPack::default()).add_service(DemoServer::new(DemoImpl)).unwrap();
    let small = Server::new(StructPack::default()).with_max_frame(8).add_service(DemoServer::new(DemoImpl)).unwrap();
    let get = &DemoRpc::get;
    let call = |server: &Server<StructPack>, serialize_type: u8, function_id: u32, body: &[u8], attachment: &[u8]| {
        let header = RequestHeader {
            serialize_type,
            msg_type: 0,
            seq: 1,
            function_id,
            body_len: body.len() as u32,
            attachment_len: attachment.len() as u32,
        };
        ready_now(server.handle(Incoming { header, body, attachment }))
    };
    let handle = |serialize_type: u8, function_id: u32, body: &[u8], attachment: &[u8]| {
        call(&server, serialize_type, function_id, body, attachment)
    };
    let sp = StructPack::SERIALIZE_TYPE;
    let good = to_vec(&"k".to_owned()).unwrap();
    let wrong_code = to_vec(&7u32).unwrap();
    let garbage = [&get.args_code.to_le_bytes()[..], &[0xFF]].concat();
    let malformed_section = [2u8, 0, 0];
    let mut changed_level = Vec::new();
    write_group(&mut changed_level, 1, &to_vec(&7u32).unwrap());
    let evolved = Server::new(StructPack::default()).add_service(EvolvedServer::new(EvolvedStub)).unwrap();
    let evolved_handle = |body: &[u8], attachment: &[u8]| {
        let put = &EvolvedRpc::put;
        let header = RequestHeader {
            serialize_type: sp,
            msg_type: 0,
            seq: 1,
            function_id: put.function_id,
            body_len: body.len() as u32,
            attachment_len: attachment.len() as u32,
        };
        ready_now(evolved.handle(Incoming { header, body, attachment }))
    };
    let mut level_2 = Vec::new();
    write_group(&mut level_2, 2, &to_vec(&7u32).unwrap());

    let cases: Vec<(&str, Reply, Status, &str)> = vec![
        (
            "another codec, an unknown id",
            handle(Bincode::SERIALIZE_TYPE, 0x1234_5678, &good, &[]),
            Status::PROTOCOL_ERROR,
            "serialize_type",
        ),
        (
            "the handshake's id, a body that is not a ServiceReady",
            handle(sp, handshake::FUNCTION_ID, &good, &[]),
            Status::INVALID_ARGUMENTS,
            "invalid ServiceReady",
        ),
        (
            "an unknown id, a malformed section",
            handle(sp, 0x1234_5678, &good, &malformed_section),
            Status::FUNCTION_NOT_REGISTERED,
            "not registered",
        ),
        (
            "another args code, a malformed section",
            handle(sp, get.function_id, &wrong_code, &malformed_section),
            Status::INVALID_ARGUMENTS,
            "args code",
        ),
        (
            "a malformed section, undecodable arguments",
            evolved_handle(&garbage, &malformed_section),
            Status::INVALID_ARGUMENTS,
            "extension section truncated",
        ),
        (
            "a handler without levels does not read the attachment",
            handle(sp, get.function_id, &good, &malformed_section),
            Status::OK,
            "",
        ),
        (
            "a changed level, undecodable arguments",
            evolved_handle(&garbage, &level_2),
            Status::INVALID_ARGUMENTS,
            "extension level 2 code",
        ),
        (
            "undecodable arguments",
            handle(sp, get.function_id, &garbage, &[]),
            Status::INVALID_ARGUMENTS,
            "did not decode",
        ),
        (
            "a reply over the limit",
            call(&small, sp, get.function_id, &good, &[]),
            Status::MESSAGE_TOO_LARGE,
            "over the frame limit of 8 bytes",
        ),
        (
            "a level the handler does not have is skipped",
            handle(sp, DemoRpc::ping.function_id, &[], &changed_level),
            Status::OK,
            "",
        ),
    ];
    for (what, reply, status, says) in cases {
        assert_eq!(reply.status, status, "{what}: {}", reply.message());
        if status != Status::OK {
            assert!(reply.message().contains(says), "{what}: `{}` does not say `{says}`", reply.message());
        }
    }
    let put = &DemoRpc::put;
    let boom = to_vec(&("boom".to_owned(), Vec::<u8>::new())).unwrap();
    let panicked = handle(sp, put.function_id, &boom, &[]);
    assert_eq!(panicked.status, Status::HANDLER_FAILED, "{}", panicked.message());
    assert!(panicked.message().contains("the handler panicked"), "{}", panicked.message());
}

struct EvolvedStub;

impl Evolved for EvolvedStub {
    fn put(&self, _key: String, _tenant: Option<String>, _ttl: u32, _tags: Vec<String>) -> bool {
        true
    }
}
