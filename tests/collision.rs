//! Two handlers claiming one function id make `Contract::current()` fail,
//! naming both. (Its own test binary: the clash poisons the registry.)

use wire_core::{Contract, wire_rpc};

#[wire_rpc]
pub trait First {
    #[wire(name = "Shared::put")]
    fn put(&self, key: String);
}

#[wire_rpc]
pub trait Second {
    #[wire(name = "Shared::put")]
    fn put_again(&self, key: String, len: u64);
}

#[test]
fn duplicate_wire_names_are_reported_with_both_handlers() {
    let err = Contract::current().expect_err("two handlers share an id");
    assert_eq!(err.collisions.len(), 1);
    let c = &err.collisions[0];
    let mut methods = [c.first.method, c.second.method];
    methods.sort();
    assert_eq!(methods, ["put", "put_again"]);
    let text = err.to_string();
    assert!(text.starts_with("ERROR function id "), "{text}");
    let at = |needle: &str| {
        let line = include_str!("collision.rs").lines().position(|l| l.contains(needle)).unwrap() + 1;
        format!("`Shared::put` (wire-contracts, tests/collision.rs:{line})")
    };
    let (first, second) = (at("fn put(&self"), at("fn put_again(&self"));
    assert!(text.contains(&format!("claimed by {first} and {second}")), "{text}");
    assert!(text.contains("same wire name is registered twice"), "{text}");
}

#[test]
fn from_handlers_checks_a_hand_picked_set() {
    let ok = Contract::from_handlers([&FirstRpc::put]).unwrap();
    assert_eq!(ok.len(), 1);
    let err = Contract::from_handlers([&FirstRpc::put, &SecondRpc::put_again]).unwrap_err();
    assert_eq!(err.collisions.len(), 1);
}
