//! Every row of `tests/data/type-codes.tsv` (the reference vectors, produced
//! by the real struct_pack headers) is reproduced: code and literal, through
//! the derive and `#[wire_rpc]` paths a user takes.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use support::cpp::{Inner, Node, P};
use support::hex::hex;
use support::tsv::squash;
use wire_core::{Contract, Handler, Schema, Wire, wire_rpc};

#[allow(dead_code)] // never implemented: only its handler constants are used
#[wire_rpc]
trait Vectors {
    fn two_strings(&self, a: String, b: String);
    fn one_string(&self, a: String);
}

#[allow(dead_code)] // never implemented: only its handler constants are used
#[wire_rpc]
trait HelloService {
    fn hello(&self, name: String) -> String;
}

#[allow(dead_code)] // never implemented: only its registrations (the `fid` rows) are used
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

struct Row {
    line: usize,
    kind: String,
    rust: String,
    code: u32,
    literal: String,
}

fn rows() -> Vec<Row> {
    // `fid` rows have no literal.
    support::tsv::read("type-codes.tsv", &["kind", "rust", "code", "literal"], 3)
        .into_iter()
        .map(|row| {
            let code = u32::from_str_radix(row.col(2), 16);
            Row {
                line: row.line,
                kind: row.col(0).to_owned(),
                rust: row.col(1).to_owned(),
                code: code.unwrap_or_else(|e| panic!("tests/data/type-codes.tsv:{}: code: {e}", row.line)),
                literal: row.col(3).to_ascii_lowercase(),
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
