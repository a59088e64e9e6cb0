//! Every row of `tests/data/struct_pack-cpp.tsv`, measured from the real C++
//! struct_pack, is accounted for: a row whose label names a Rust shape is
//! reproduced through the derive (`<T as Wire>::CODE` and
//! `wire_core::literal::<T>()`) or, for `args (...)` rows, through a
//! `#[wire_rpc]` handler's args code and literal; a `[c++ only]` row is listed
//! in [`CPP_ONLY`]; a row that needs a feature Rust does not have yet is listed
//! in [`EXPECTED_FAILURES`] with the reason. The test fails on a row in none of
//! these, on a listed label the file does not have, and on an expected
//! failure that starts to pass (so the list shrinks as the features land).

mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use support::cpp::*;
use support::hex::hex;
use wire_core::{Wire, wire_rpc};

const FILE: &str = "struct_pack-cpp.tsv";

// The `args (...)` rows: C++ handlers `void f(std::string, uint64_t)` etc.
#[wire_rpc(codes_only)]
#[allow(dead_code)] // never implemented: only its handler constants are used
trait CppArgs {
    fn string_u64(&self, a: String, b: u64);
    fn string_string(&self, a: String, b: String);
    fn u32_option_bytes(&self, a: u32, b: Option<String>, c: Vec<u8>);
    fn u8_u16(&self, a: u8, b: u16);
    fn i32_u64(&self, a: i32, b: u64);
    fn string_block(&self, a: String, b: Block);
}

// ---- labels -> Rust shapes -------------------------------------------------

/// Computes a row's (code, literal) from the Rust side.
type Shape = fn() -> (u32, Vec<u8>);

macro_rules! ty {
    ($t:ty) => {
        (|| (<$t as Wire>::CODE, wire_core::literal::<$t>())) as Shape
    };
}

macro_rules! args {
    ($handler:expr) => {
        (|| ($handler.args_code, $handler.args_literal())) as Shape
    };
}

/// Every label with a Rust shape, and the shape. A label listed in
/// [`EXPECTED_FAILURES`] is computed too, and must still differ.
fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        ("bool", ty!(bool)),
        ("i8", ty!(i8)),
        ("u8", ty!(u8)),
        ("i16", ty!(i16)),
        ("u16", ty!(u16)),
        ("i32", ty!(i32)),
        ("u32", ty!(u32)),
        ("i64", ty!(i64)),
        ("u64", ty!(u64)),
        ("i128", ty!(i128)),
        ("u128", ty!(u128)),
        ("usize", ty!(usize)),
        ("isize", ty!(isize)),
        ("char", ty!(char)),
        ("f32", ty!(f32)),
        ("f64", ty!(f64)),
        ("()", ty!(())),
        ("String", ty!(String)),
        ("&str", ty!(&'static str)),
        ("Vec<u8>", ty!(Vec<u8>)),
        ("Vec<bool>", ty!(Vec<bool>)),
        ("Vec<char>", ty!(Vec<char>)),
        ("Vec<String>", ty!(Vec<String>)),
        ("Vec<Vec<u32>>", ty!(Vec<Vec<u32>>)),
        ("Vec<Vec<Vec<String>>>", ty!(Vec<Vec<Vec<String>>>)),
        ("VecDeque<i16>", ty!(VecDeque<i16>)),
        ("LinkedList<u64>", ty!(LinkedList<u64>)),
        ("Vec<Option<String>>", ty!(Vec<Option<String>>)),
        ("[u8; 1]", ty!([u8; 1])),
        ("[u8; 16]", ty!([u8; 16])),
        ("[u8; 126]", ty!([u8; 126])),
        ("[u8; 127]", ty!([u8; 127])),
        ("[u8; 128]", ty!([u8; 128])),
        ("[u8; 254]", ty!([u8; 254])),
        ("[u8; 255]", ty!([u8; 255])),
        ("[u8; 256]", ty!([u8; 256])),
        ("[u8; 300]", ty!([u8; 300])),
        ("[u8; 16128]", ty!([u8; 16128])),
        ("[u8; 16129]", ty!([u8; 16129])),
        ("[u8; 16383]", ty!([u8; 16383])),
        ("[u8; 16384]", ty!([u8; 16384])),
        ("[u16; 20000]", ty!([u16; 20000])),
        ("[u8; 2048383]", ty!([u8; 2048383])),
        ("[u8; 2048384]", ty!([u8; 2048384])),
        ("[[u8; 2]; 3]", ty!([[u8; 2]; 3])),
        ("[String; 3]", ty!([String; 3])),
        ("[Option<u32>; 4]", ty!([Option<u32>; 4])),
        ("[u32; 5] (C array)", ty!([u32; 5])),
        ("BTreeMap<String, u32>", ty!(BTreeMap<String, u32>)),
        ("HashMap<i64, Vec<String>>", ty!(HashMap<i64, Vec<String>>)),
        ("BTreeMap<u32, BTreeMap<String, f64>>", ty!(BTreeMap<u32, BTreeMap<String, f64>>)),
        ("BTreeSet<i64>", ty!(BTreeSet<i64>)),
        ("HashSet<String>", ty!(HashSet<String>)),
        ("BTreeSet<(String, u32)>", ty!(BTreeSet<(String, u32)>)),
        ("Option<String>", ty!(Option<String>)),
        ("Option<Option<u8>>", ty!(Option<Option<u8>>)),
        ("Option<Vec<u32>>", ty!(Option<Vec<u32>>)),
        ("Option<Box<u32>>", ty!(Option<Box<u32>>)),
        ("(u8,)", ty!((u8,))),
        ("(i32, String)", ty!((i32, String))),
        ("(String, u64, bool)", ty!((String, u64, bool))),
        ("(u8, u16, u32, u64)", ty!((u8, u16, u32, u64))),
        ("(String, u64) [pair]", ty!((String, u64))),
        ("(i32, u64) [pair, trivial]", ty!(TrivialPair)),
        ("(i32, u64) [tuple]", ty!((i32, u64))),
        ("(Option<String>, (u8, String))", ty!((Option<String>, (u8, String)))),
        ("P", ty!(P)),
        ("Inner", ty!(Inner)),
        ("Outer", ty!(Outer)),
        ("Node", ty!(Node)),
        ("Chain", ty!(Chain)),
        ("Forest", ty!(Forest)),
        ("Deep", ty!(Deep)),
        ("Pod", ty!(Pod)),
        ("PodS", ty!(PodS)),
        ("Wrap", ty!(Wrap)),
        ("VecPod", ty!(VecPod)),
        ("Vec<Pod>", ty!(Vec<Pod>)),
        ("OneS", ty!(OneS)),
        ("OneU64", ty!(OneU64)),
        ("Replica", ty!(Replica)),
        ("Vec<Replica>", ty!(Vec<Replica>)),
        // struct_pack's `compatible<T>` fields are not in the literal: the
        // label names the Rust shape without them.
        ("Inner [CompatS: Inner + compatible<i32>]", ty!(Inner)),
        ("OneS [CompatLast: OneS + compatible<string>]", ty!(OneS)),
        ("Color", ty!(Color)),
        ("ErrorCode", ty!(ErrorCode)),
        ("WithEnum", ty!(WithEnum)),
        ("V1", ty!(V1)),
        ("V2", ty!(V2)),
        ("V3", ty!(V3)),
        ("V4", ty!(V4)),
        ("V5", ty!(V5)),
        ("V6", ty!(V6)),
        ("Vec<V1>", ty!(Vec<V1>)),
        ("Result<u64, String> [std::expected]", ty!(Result<u64, String>)),
        ("Result<u64, String> [tl::expected]", ty!(Result<u64, String>)),
        ("Result<(), String> [std::expected<void>]", ty!(Result<(), String>)),
        ("Result<Vec<Replica>, i32>", ty!(Result<Vec<Replica>, i32>)),
        ("Result<bool, ErrorCode>", ty!(Result<bool, ErrorCode>)),
        ("Option<Result<u8, String>>", ty!(Option<Result<u8, String>>)),
        ("args (String, u64)", args!(CppArgsRpc::string_u64)),
        ("args (String, String)", args!(CppArgsRpc::string_string)),
        ("args (u32, Option<String>, Vec<u8>)", args!(CppArgsRpc::u32_option_bytes)),
        ("args (u8, u16)", args!(CppArgsRpc::u8_u16)),
        ("args (i32, u64) [all-fundamental args]", args!(CppArgsRpc::i32_u64)),
        ("Block [mutual recursion]", ty!(Block)),
        ("Stmt [mutual recursion]", ty!(Stmt)),
        ("Vec<Stmt> [mutual recursion]", ty!(Vec<Stmt>)),
        ("A3 [mutual recursion]", ty!(A3)),
        ("B3 [mutual recursion]", ty!(B3)),
        ("C3 [mutual recursion]", ty!(C3)),
        ("Entry [mutual recursion]", ty!(Entry)),
        ("Dir [mutual recursion]", ty!(Dir)),
        ("args (String, Block) [mutual recursion]", args!(CppArgsRpc::string_block)),
        ("Vec<Node> [container recursion]", ty!(Vec<Node>)),
        ("Option<Node> [container recursion]", ty!(Option<Node>)),
        ("Vec<Vec<Node>> [container recursion]", ty!(Vec<Vec<Node>>)),
        ("Vec<Block> [mutual recursion]", ty!(Vec<Block>)),
        ("L [container recursion]", ty!(L)),
        ("Option<Vec<L>> [container recursion]", ty!(Option<Vec<L>>)),
        ("Vec<L> [container recursion]", ty!(Vec<L>)),
    ]
}

/// Rows of C++ types Rust has no shape for: not checked.
const CPP_ONLY: &[&str] = &[
    "[c++ only] char",
    "[c++ only] char8_t",
    "[c++ only] char16_t",
    "[c++ only] signed char",
    "[c++ only] u32string",
    "[c++ only] vector<char>",
];

/// Rows not reproduced, by label, with the reason. A label that also has
/// an entry in [`shapes`] is computed and must still differ from the file.
/// Empty: every row with a Rust shape is reproduced (the C++ opt-ins are
/// `#[wire(trivial)]` and `#[wire(c_enum)]`; mutual recursion is derivable).
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

// ---- the file ---------------------------------------------------------------

struct Row {
    line: usize,
    label: String,
    code: u32,
    literal: String,
}

fn rows() -> Vec<Row> {
    let columns = ["label", "code", "literal", "cpp"];
    support::tsv::read(FILE, &columns, columns.len())
        .into_iter()
        .map(|row| {
            let at = format!("tests/data/{FILE}:{}", row.line);
            let code = row.col(1);
            let code = u32::from_str_radix(code, 16).unwrap_or_else(|e| panic!("{at}: code `{code}`: {e}"));
            Row { line: row.line, label: row.col(0).to_owned(), code, literal: row.col(2).to_ascii_lowercase() }
        })
        .collect()
}

#[test]
fn every_struct_pack_row_is_reproduced_or_listed() {
    let rows = rows();
    assert!(rows.len() >= 100, "tests/data/{FILE} looks truncated: {} rows", rows.len());
    let shapes = shapes();
    let mut failures = Vec::new();
    let mut labels = std::collections::HashSet::new();
    let (mut checked, mut skipped, mut expected) = (0, 0, 0);
    for row in &rows {
        let at = format!("struct_pack-cpp.tsv:{} `{}`", row.line, row.label);
        if !labels.insert(row.label.as_str()) {
            failures.push(format!("{at}: a second row with this label"));
            continue;
        }
        let shape = shapes.iter().find(|(label, _)| *label == row.label).map(|(_, shape)| shape);
        let failing = EXPECTED_FAILURES.iter().find(|(label, _)| *label == row.label);
        if CPP_ONLY.contains(&row.label.as_str()) {
            skipped += 1;
            if shape.is_some() || failing.is_some() {
                failures.push(format!("{at}: listed as C++ only and also elsewhere"));
            }
            continue;
        }
        let got = shape.map(|shape| shape());
        let matches = got.as_ref().is_some_and(|(code, literal)| *code == row.code && hex(literal) == row.literal);
        match (failing, &got) {
            (Some(_), _) if matches => failures.push(format!(
                "{at}: listed in EXPECTED_FAILURES but reproduced now (code {:08x}, literal {}): remove it from the list",
                row.code, row.literal
            )),
            (Some(_), _) => expected += 1,
            (None, Some(_)) if matches => checked += 1,
            (None, Some((code, literal))) => failures.push(format!(
                "{at}: got code {code:08x} literal {}, struct_pack has {:08x} {}",
                hex(literal),
                row.code,
                row.literal
            )),
            (None, None) => failures.push(format!(
                "{at}: neither checked, nor C++ only, nor an expected failure: add its Rust shape to `shapes()` \
                 or list it"
            )),
        }
    }
    let listed = shapes.iter().map(|(l, _)| *l).chain(CPP_ONLY.iter().copied());
    for label in listed.chain(EXPECTED_FAILURES.iter().map(|(l, _)| *l)) {
        if !labels.contains(label) {
            failures.push(format!("`{label}` is listed in this test but is not a row of tests/data/{FILE}"));
        }
    }
    eprintln!("{} rows: {checked} reproduced, {skipped} C++ only, {expected} expected failures:", rows.len());
    for (label, why) in EXPECTED_FAILURES {
        eprintln!("  expected failure `{label}`: {why}");
    }
    assert!(failures.is_empty(), "{} findings:\n{}", failures.len(), failures.join("\n"));
}
