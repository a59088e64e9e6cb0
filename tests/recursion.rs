//! Mutual recursion and generic instantiations, from the derive through the
//! contract file and the gate.
//!
//! Mutually recursive types compile without annotations (each non-generic
//! type's definition is a static the others point at, `wire_core::DefRef`);
//! their codes from every entry point are checked against the C++ library
//! in `tests/struct_pack_cpp.rs`. Here: the same types (`support/cpp.rs`)
//! as handler arguments, enums inside cycles, and the contract file and
//! diff of both.

mod support;

use serde::{Deserialize, Serialize};
use support::cpp::{A3, Block, C3, Stmt};
use support::hex::hex;
use wire_core::{Handler, Wire, wire_rpc};
use wire_golden::diff::diff;
use wire_golden::{ContractDoc, Severity, parse, render};

/// An enum inside a cycle: `Item::List` holds `T`, `T` holds `Item`s.
#[derive(Serialize, Deserialize, Wire, Debug, PartialEq)]
pub enum Item {
    Unit,
    Str(String),
    List(Vec<T>),
}

#[derive(Serialize, Deserialize, Wire, Debug, PartialEq)]
pub struct T {
    pub items: Vec<Item>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Page<X> {
    pub items: Vec<X>,
    pub next: Option<String>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Envelope<H, B> {
    pub header: H,
    pub body: B,
}

#[wire_rpc(codes_only)]
#[wire(name = "Trees")]
pub trait Trees {
    fn parse(&self, src: String, block: Block) -> Stmt;
    fn walk(&self, a: A3) -> Vec<C3>;
    fn items(&self, t: T) -> Item;
}

#[wire_rpc(codes_only)]
#[wire(name = "Paging")]
pub trait Paging {
    fn small(&self, from: u32) -> Page<u32>;
    fn big(&self, from: u64) -> Page<u64>;
    fn nested(&self) -> Envelope<u8, Page<String>>;
    fn plain(&self) -> u64;
}

/// The second version of both services: `Block` gained a field (inside the
/// `Block`/`Stmt` cycle), and `small` returns another instantiation.
mod v2 {
    use super::*;

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Block {
        pub stmts: Vec<Stmt>,
        pub label: String,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Stmt {
        pub text: String,
        pub blocks: Vec<Block>,
    }

    #[wire_rpc(codes_only)]
    #[wire(name = "Trees")]
    #[allow(dead_code)] // only its handler constants are used
    pub trait Trees {
        fn parse(&self, src: String, block: Block) -> Stmt;
        fn walk(&self, a: super::A3) -> Vec<super::C3>;
        fn items(&self, t: super::T) -> super::Item;
    }

    #[wire_rpc(codes_only)]
    #[wire(name = "Paging")]
    #[allow(dead_code)] // only its handler constants are used
    pub trait Paging {
        fn small(&self, from: u32) -> Page<u16>;
        fn big(&self, from: u64) -> Page<u64>;
        fn nested(&self) -> Envelope<u8, Page<String>>;
        fn plain(&self) -> u64;
    }
}

fn doc(handlers: &[&'static Handler]) -> ContractDoc {
    ContractDoc::from_handlers(handlers.iter().copied())
}

/// Rendered, read back, and equal to what was rendered.
fn round_trip(doc: &ContractDoc) -> (String, ContractDoc) {
    let text = render(doc);
    let back = parse(&text, "test.wire").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back.clone().without_locations(), doc.clone().without_locations(), "{text}");
    assert_eq!(render(&back), text);
    (text, back)
}

#[test]
fn an_enum_in_a_cycle_points_back_like_a_struct() {
    // T = struct { Vec<Item> }, Item = variant { monostate, string, Vec<T> }:
    // from T, the inner T is 4 shapes out (Vec, Item, Vec, T): FB size(2).
    assert_eq!(hex(&wire_core::literal::<T>()), "fd8486fa800c84fb83ffff");
    // From Item, the inner Item is 4 shapes out (Vec, T, Vec, Item).
    assert_eq!(hex(&wire_core::literal::<Item>()), "86fa800c84fd84fb83ffff");
    assert_eq!(T::CODE, wire_core::type_code(&wire_core::literal::<T>()));
    assert_eq!(Item::CODE, wire_core::type_code(&wire_core::literal::<Item>()));
    // And values of it cross the wire.
    let value = T { items: vec![Item::Unit, Item::List(vec![T { items: vec![Item::Str("x".into())] }])] };
    let bytes = bincode::serialize(&value).unwrap();
    assert_eq!(bincode::deserialize::<T>(&bytes).unwrap(), value);
}

#[test]
fn cyclic_types_are_handler_arguments() {
    // The args literal of (String, Block) wraps Block's: its inner Block is
    // one shape further out than from Block itself.
    let args = TreesRpc::parse.args;
    assert_eq!(hex(&wire_core::args_literal(args)), "fd800cfd84fd800c84fb83ffffff");
    assert_eq!(TreesRpc::parse.args_code, wire_core::type_code(&wire_core::args_literal(args)));
    assert_eq!(TreesRpc::parse.return_code, Stmt::CODE);
    assert_eq!(TreesRpc::walk.args_code, A3::CODE);
    assert_eq!(TreesRpc::items.return_code, Item::CODE);
}

#[test]
fn the_contract_file_records_cycles_and_reads_them_back() {
    let (text, _) = round_trip(&doc(TreesRpc::HANDLERS));
    for block in [
        "type Block struct\n  stmts: Vec<Stmt>\n",
        "type Stmt struct\n  text: String\n  blocks: Vec<Block>\n",
        "type C3 struct\n  back: Option<A3>\n  tag: String\n",
        "type Item enum\n  Unit\n  Str(String)\n  List(Vec<T>)\n",
        "type T struct\n  items: Vec<Item>\n",
    ] {
        assert!(text.contains(block), "missing {block:?} in\n{text}");
    }
}

#[test]
fn the_gate_explains_a_change_inside_a_cycle() {
    let old = doc(TreesRpc::HANDLERS);
    let new = doc(v2::TreesRpc::HANDLERS);
    round_trip(&new);
    let findings = diff(&old, &new);
    let breaking: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Breaking).collect();
    // `parse` takes a Block and returns a Stmt (which holds Blocks): both codes change;
    // `walk` and `items` do not reach Block.
    let subjects: Vec<(&str, String)> = breaking.iter().map(|f| (f.subject.as_str(), f.aspect.to_string())).collect();
    assert_eq!(subjects, [("Trees::parse", "args".to_owned()), ("Trees::parse", "return".to_owned())], "{findings:#?}");
    for f in &breaking {
        assert!(f.why.contains("Block") && f.why.contains("label"), "{f}");
    }
}

#[test]
fn generic_instantiations_are_recorded_apart() {
    let (text, _) = round_trip(&doc(PagingRpc::HANDLERS));
    for block in [
        "type Page<u32> struct\n  items: Vec<u32>\n  next: Option<String>\n",
        "type Page<u64> struct\n  items: Vec<u64>\n  next: Option<String>\n",
        "type Page<String> struct\n  items: Vec<String>\n  next: Option<String>\n",
        "type Envelope<u8, Page<String>> struct\n  header: u8\n  body: Page<String>\n",
        "-> Page<u32>\n",
        "-> Envelope<u8, Page<String>>\n",
    ] {
        assert!(text.contains(block), "missing {block:?} in\n{text}");
    }
}

#[test]
fn changing_one_instantiation_breaks_exactly_its_handlers() {
    let old = doc(PagingRpc::HANDLERS);
    let new = doc(v2::PagingRpc::HANDLERS);
    let (_, new_back) = round_trip(&new);
    let (_, old_back) = round_trip(&old);
    let findings = diff(&old_back, &new_back);
    let breaking: Vec<String> =
        findings.iter().filter(|f| f.severity == Severity::Breaking).map(|f| f.to_string()).collect();
    assert_eq!(breaking.len(), 1, "{breaking:#?}");
    assert!(breaking[0].starts_with("BREAKING Paging::small return"), "{}", breaking[0]);
    assert!(breaking[0].contains("u32") && breaking[0].contains("u16"), "{}", breaking[0]);
}

#[test]
fn the_gate_blesses_generics_and_passes_on_the_next_run() {
    let dir = std::env::temp_dir().join(format!("wire-recursion-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("paging.wire");
    let live = doc(PagingRpc::HANDLERS);
    let bless = wire_golden::Mode { bless: true, ci: false };
    let gate = wire_golden::Gate::new(&file);
    gate.check_against(&live, bless).unwrap_or_else(|f| panic!("{f}"));
    // The very next run, without bless, reads the file and finds no drift.
    gate.check_against(&live, wire_golden::Mode::default()).unwrap_or_else(|f| panic!("{f}"));
    // And the second version is refused with the one BREAKING finding.
    let failed = gate.check_against(&doc(v2::PagingRpc::HANDLERS), wire_golden::Mode::default()).unwrap_err();
    assert!(failed.report.contains("BREAKING Paging::small return"), "{failed}");
    std::fs::remove_dir_all(&dir).unwrap();
}
