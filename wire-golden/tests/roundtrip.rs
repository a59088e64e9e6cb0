//! Rendering a live contract and parsing it back gives the same model, and
//! the text is deterministic.

#![allow(dead_code)]

use std::collections::BTreeMap;
use wire_core::{Contract, Wire, wire_rpc};
use wire_golden::{ContractDoc, parse, render};

#[derive(Wire)]
pub struct Replica {
    pub addr: String,
    pub size: u64,
}

#[derive(Wire)]
pub enum ErrorCode {
    NotFound,
    NoSpace { requested: u64 },
    Internal(String),
    Pair(u8, u16),
    Nothing(),
}

#[derive(Wire)]
pub struct Tree<T> {
    v: T,
    kids: Vec<Tree<T>>,
}

#[derive(Wire)]
pub struct Id(u64);

#[derive(Wire)]
pub struct Pos(u8, String);

#[derive(Wire)]
pub struct Marker;

#[derive(Wire)]
#[allow(non_camel_case_types)]
pub struct Vec_ {
    #[wire(opaque = "Blob")]
    blob: Vec<u8>,
}

mod other {
    use wire_core::Wire;
    /// Same name as the outer `Replica`, different shape.
    #[derive(Wire)]
    pub struct Replica {
        pub id: u32,
    }
}

#[derive(Wire)]
#[serde(rename = "weird name")]
pub struct Weird {
    #[serde(rename = "a field")]
    a: u8,
}

#[wire_rpc(codes_only)]
pub trait Store {
    fn get(&self, key: String) -> Result<Vec<Replica>, ErrorCode>;
    fn trees(&self, a: Tree<u8>, b: Tree<Tree<Id>>, c: Tree<Id>) -> (Pos,);
    fn misc(&self, m: Marker, v: Vec_, o: other::Replica, w: Weird) -> BTreeMap<String, [Option<u8>; 3]>;
    #[wire(name = "ns::Store::Ping")]
    fn ping(&self);
}

fn live() -> ContractDoc {
    ContractDoc::from_contract(&Contract::current().unwrap())
}

fn strip_locations(mut doc: ContractDoc) -> ContractDoc {
    for h in &mut doc.handlers {
        h.line = 0;
        h.krate = None;
    }
    for t in doc.types.values_mut() {
        t.line = 0;
    }
    doc
}

#[test]
fn render_then_parse_is_identity() {
    let doc = live();
    let text = render(&doc);
    let parsed = parse(&text, "store.wire").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(strip_locations(parsed), strip_locations(doc), "{text}");
}

#[test]
fn rendering_is_deterministic_and_keyed() {
    let text = render(&live());
    assert_eq!(text, render(&live()));
    assert!(text.starts_with("wire-contract v1\n"));
    assert!(text.trim_end().ends_with("end 4 handlers 11 types"), "{text}");
    // Same-named types and generic instantiations get distinct keys.
    assert!(text.contains("type Replica~"), "{text}");
    assert!(text.contains("type Tree~"), "{text}");
    assert!(text.contains("name=\"weird name\""), "{text}");
    assert!(text.contains("  \"a field\": u8"), "{text}");
    assert!(text.contains("opaque(\"Blob\")"), "{text}");
}

#[test]
#[ignore = "prints the rendered file"]
fn print() {
    println!("{}", render(&live()));
}
