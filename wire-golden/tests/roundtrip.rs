//! Rendering a live contract and parsing it back gives the same model, and
//! the text is deterministic.

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
    pub v: T,
    pub kids: Vec<Tree<T>>,
}

#[derive(Wire)]
pub struct Id(pub u64);

#[derive(Wire)]
pub struct Pos(pub u8, pub String);

#[derive(Wire)]
pub struct Marker;

#[derive(Wire)]
#[allow(non_camel_case_types)]
pub struct Vec_ {
    #[wire(opaque = "Blob")]
    pub blob: Vec<u8>,
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
    pub a: u8,
}

#[wire_rpc(codes_only)]
pub trait Store {
    fn get(&self, key: String) -> Result<Vec<Replica>, ErrorCode>;
    fn trees(&self, a: Tree<u8>, b: Tree<Tree<Id>>, c: Tree<Id>) -> (Pos,);
    fn misc(&self, m: Marker, v: Vec_, o: other::Replica, w: Weird) -> BTreeMap<String, [Option<u8>; 3]>;
    #[wire(name = "ns::Store::Ping")]
    fn ping(&self);
}

/// Reached only through a `#[wire(since = 3)]` parameter.
#[derive(Default, Wire)]
pub struct Placement {
    pub zone: String,
    pub copies: u8,
}

#[wire_rpc(codes_only)]
pub trait Tenants {
    fn put(
        &self,
        key: String,
        #[wire(since = 2)] tenant: Option<String>,
        #[wire(since = 3)] placement: Placement,
        #[wire(since = 3)] ids: Vec<Id>,
    ) -> u64;
}

fn live() -> ContractDoc {
    ContractDoc::from_contract(&Contract::current().unwrap())
}

#[test]
fn render_then_parse_is_identity() {
    let doc = live();
    let text = render(&doc);
    let parsed = parse(&text, "store.wire").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(parsed.without_locations(), doc.without_locations(), "{text}");
}

#[test]
fn rendering_is_deterministic_and_keyed() {
    let text = render(&live());
    assert_eq!(text, render(&live()));
    assert!(text.starts_with("wire-contract v1\n"));
    assert!(text.trim_end().ends_with("end 5 handlers 12 types"), "{text}");
    // Same-named types get distinct keys; generic instantiations are keyed
    // by their type arguments.
    assert!(text.contains("type Replica~"), "{text}");
    for key in ["Tree<u8>", "Tree<Id>", "Tree<Tree<Id>>"] {
        assert!(text.contains(&format!("type {key} struct\n")), "{key} in\n{text}");
    }
    assert!(text.contains("name=\"weird name\""), "{text}");
    assert!(text.contains("  \"a field\": u8"), "{text}");
    assert!(text.contains("opaque(\"Blob\")"), "{text}");
}

#[test]
fn extension_levels_are_on_the_handler_line() {
    let h = &TenantsRpc::put;
    let (l2, l3) = (h.ext[0].code, h.ext[1].code);
    let line = format!(
        "handler Tenants::put id={:#010x} args={:#010x} ret={:#010x} ext=2:{l2:#010x},3:{l3:#010x} \
         sig=Tenants.put(key: String, #[since 2] tenant: Option<String>, #[since 3] placement: Placement, \
         #[since 3] ids: Vec<Id>) -> u64\n",
        h.function_id, h.args_code, h.return_code
    );
    let text = render(&live());
    assert!(text.contains(&line), "no\n{line}in\n{text}");
    // The type only a level uses is recorded, and the parsed levels are the live ones.
    assert!(text.contains("type Placement struct\n  zone: String\n  copies: u8\n"), "{text}");
    let parsed = parse(&text, "store.wire").unwrap();
    let put = parsed.handler("Tenants::put").unwrap();
    let levels: Vec<(u16, u32, Vec<&str>)> =
        put.ext.iter().map(|l| (l.since, l.code, l.args.iter().map(|a| a.name.as_str()).collect())).collect();
    assert_eq!(levels, [(2, l2, vec!["tenant"]), (3, l3, vec!["placement", "ids"])]);
    // A handler without levels has no `ext=` key.
    assert!(text.lines().filter(|l| l.contains(" ext=")).count() == 1, "{text}");
}

#[test]
#[ignore = "prints the rendered file"]
fn print() {
    println!("{}", render(&live()));
}
