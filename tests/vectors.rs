//! Every row of `tests/data/type-codes.tsv` (the reference vectors, produced
//! by the real struct_pack headers) is reproduced: code and literal, through
//! the derive and `#[wire_rpc]` paths a user takes.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use wire_core::{Contract, Handler, Schema, Wire, wire_rpc};

#[allow(dead_code)]
#[derive(Serialize, Wire)]
struct P {
    a: i32,
    b: String,
}

#[allow(dead_code)]
#[derive(Serialize, Wire)]
struct Inner {
    s: String,
    n: u64,
}

#[allow(dead_code)]
#[derive(Serialize, Wire)]
struct Node {
    name: String,
    kids: Vec<Node>,
}

#[allow(dead_code)]
#[wire_rpc]
trait Vectors {
    fn two_strings(&self, a: String, b: String);
    fn one_string(&self, a: String);
}

#[allow(dead_code)]
#[wire_rpc]
trait HelloService {
    fn hello(&self, name: String) -> String;
}

#[allow(dead_code)]
#[wire_rpc]
trait Bare {
    #[wire(name = "hi")]
    fn hi(&self);
    #[wire(name = "add")]
    fn add(&self, a: i32, b: i32) -> i32;
    #[wire(name = "echo")]
    fn echo(&self, s: String) -> String;
}

/// The schema of a type named in the vector file, or `None` if this test does not know it.
fn type_schema(rust: &str) -> Option<&'static Schema> {
    macro_rules! known {
        ($($t:ty),* $(,)?) => {
            $(if squash(stringify!($t)) == squash(rust) { return Some(<$t as Wire>::SCHEMA); })*
        };
    }
    known!(
        bool, i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, char, String, Vec<u8>, Vec<String>,
        Option<String>, BTreeMap<String, u32>, BTreeSet<i64>, [u8; 16], (), P, Inner, Node,
    );
    None
}

/// The handler whose parameters have the listed types.
fn args_handler(rust: &str) -> Option<&'static Handler> {
    match squash(rust).as_str() {
        "(String,String)" => Some(&VectorsRpc::two_strings),
        "(String)" => Some(&VectorsRpc::one_string),
        _ => None,
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Row {
    line: usize,
    kind: String,
    rust: String,
    code: u32,
    literal: String,
}

fn rows() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/type-codes.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // Comment lines (`#`) first, then the header, then the rows.
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#'));
    let (at, header) = lines.next().expect("header line");
    assert_eq!(
        header.split('\t').collect::<Vec<_>>(),
        ["kind", "rust", "code", "literal"],
        "{path}:{}: header",
        at + 1
    );
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 3, "{path}:{}: expected kind, rust, code[, literal]", i + 1);
            Row {
                line: i + 1,
                kind: cols[0].to_owned(),
                rust: cols[1].to_owned(),
                code: u32::from_str_radix(cols[2], 16).unwrap_or_else(|e| panic!("{path}:{}: code: {e}", i + 1)),
                literal: cols.get(3).copied().unwrap_or("").to_ascii_lowercase(),
            }
        })
        .collect()
}

#[test]
fn every_vector_row_is_reproduced() {
    let contract = Contract::current().expect("no collisions");
    let rows = rows();
    assert!(rows.len() >= 20, "the vector file looks truncated: {} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let at = format!("type-codes.tsv:{} {} `{}`", row.line, row.kind, row.rust);
        let (code, literal) = match row.kind.as_str() {
            "type" => match type_schema(&row.rust) {
                Some(s) => (s.code(), hex(&s.literal())),
                None => panic!("{at}: this test does not know the type; add it to `type_schema`"),
            },
            "args" => match args_handler(&row.rust) {
                Some(h) => (h.args_code, hex(&h.args_literal())),
                None => panic!("{at}: this test has no handler with these parameters; add one"),
            },
            "fid" => {
                let h = contract.get(&row.rust).unwrap_or_else(|| panic!("{at}: no handler registered"));
                assert_eq!(h.function_id, wire_core::function_id(&row.rust), "{at}");
                (h.function_id, String::new())
            }
            other => panic!("{at}: unknown kind `{other}`"),
        };
        if code != row.code || literal != row.literal {
            failures.push(format!(
                "{at}: got code {code:08x} literal {literal}, expected {:08x} {}",
                row.code, row.literal
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn codes_are_constants() {
    // Evaluated by the compiler: a mismatch would not even build.
    const NODE: u32 = <Node as Wire>::CODE;
    const HELLO: u32 = HelloServiceRpc::hello.function_id;
    const _: () = assert!(HELLO == wire_core::function_id("HelloService::hello"));
    const _: () = assert!(NODE == <Node as Wire>::SCHEMA.code());
    const _: () = assert!(HelloServiceRpc::hello.args_code == <String as Wire>::CODE);
    assert_eq!(NODE, wire_core::type_code(&wire_core::literal::<Node>()));
}
