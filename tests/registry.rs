//! The registry: every `#[wire_rpc]` method is listed by `Contract::current()`,
//! sorted, with names, codes, argument schemas and source location.

use serde::{Deserialize, Serialize};
use wire_core::{Contract, Wire, function_id, wire_rpc};

#[derive(Serialize, Deserialize, Wire)]
pub struct Replica {
    pub addr: String,
    pub size: u64,
}

#[derive(Serialize, Deserialize, Wire)]
pub enum ErrorCode {
    NotFound,
    Internal(String),
}

#[wire_rpc]
pub trait MasterService {
    fn exist_key(&self, key: String) -> Result<bool, ErrorCode>;
    async fn put_start(&self, key: String, len: u64) -> Result<Vec<Replica>, ErrorCode>;
    #[wire(name = "MasterService::Ping")]
    fn ping(&self) -> u64;
    fn remove_all(&mut self);
    fn by_pattern(&self, (a, b): (u32, u32), _: bool) -> u32 {
        a + b
    }
}

#[wire_rpc]
#[wire(name = "ns::Renamed")]
pub trait RustName {
    fn call(&self, v: u8);
}

/// The 1-based line of the first line of this file containing `needle`.
fn line_of(needle: &str) -> u32 {
    let src = include_str!("registry.rs");
    src.lines().position(|l| l.contains(needle)).expect(needle) as u32 + 1
}

#[test]
fn current_lists_every_handler_sorted_by_name() {
    let contract = Contract::current().unwrap();
    let names: Vec<&str> = contract.handlers().iter().map(|h| h.name).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    for expected in [
        "MasterService::exist_key",
        "MasterService::put_start",
        "MasterService::Ping",
        "MasterService::remove_all",
        "MasterService::by_pattern",
        "ns::Renamed::call",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
}

#[test]
fn entries_carry_codes_schemas_and_location() {
    let contract = Contract::current().unwrap();
    let h = contract.get("MasterService::put_start").unwrap();
    assert_eq!((h.service, h.method), ("MasterService", "put_start"));
    assert_eq!(h.function_id, function_id("MasterService::put_start"));
    assert_eq!(h.args_code, <(String, u64)>::CODE, "two arguments are a tuple");
    assert_eq!(h.return_code, <Result<Vec<Replica>, ErrorCode>>::CODE, "async: the future's output");
    assert!(h.is_async);
    let args: Vec<String> = h.args.iter().map(|a| format!("{}: {}", a.name, a.schema)).collect();
    assert_eq!(args, ["key: String", "len: u64"]);
    assert_eq!(h.returns.to_string(), "Result<Vec<Replica>, ErrorCode>");
    assert_eq!(h.location.krate, "wire-contracts");
    assert_eq!(h.location.file, "tests/registry.rs");
    assert_eq!(h.location.line, line_of("async fn put_start"));
    assert_eq!(h.location.module, module_path!());
}

#[test]
fn receivers_names_and_patterns() {
    let ping = MasterServiceRpc::ping;
    assert_eq!(ping.name, "MasterService::Ping");
    assert_eq!(ping.method, "ping");
    assert_eq!(ping.args_literal(), Vec::<u8>::new(), "no arguments: empty literal");
    assert_eq!(ping.args_code, wire_core::type_code(&[]));
    assert_eq!(MasterServiceRpc::remove_all.return_literal(), [0xFA], "`()` is a monostate");
    let names: Vec<&str> = MasterServiceRpc::by_pattern.args.iter().map(|a| a.name).collect();
    assert_eq!(names, ["arg0", "arg1"]);
    assert_eq!(RustNameRpc::call.service, "ns::Renamed");
    assert_eq!(RustNameRpc::SERVICE, "ns::Renamed");
    assert_eq!(MasterServiceRpc::HANDLERS.len(), 5);
}

#[test]
fn lookups() {
    let contract = Contract::current().unwrap();
    let id = function_id("MasterService::exist_key");
    assert_eq!(contract.by_id(id).unwrap().name, "MasterService::exist_key");
    assert!(contract.by_id(id ^ 1).is_none());
    assert!(contract.get("MasterService::nope").is_none());
    assert_eq!(contract.service("MasterService").count(), 5);
}

struct Impl;

impl MasterService for Impl {
    fn exist_key(&self, _key: String) -> Result<bool, ErrorCode> {
        Ok(true)
    }
    async fn put_start(&self, _key: String, len: u64) -> Result<Vec<Replica>, ErrorCode> {
        Ok(vec![Replica { addr: "a".into(), size: len }])
    }
    fn ping(&self) -> u64 {
        7
    }
    fn remove_all(&mut self) {}
}

fn assert_send<F: Send>(f: F) -> F {
    f
}

#[test]
fn the_trait_is_still_an_ordinary_trait_with_send_futures() {
    let service = Impl;
    assert_eq!(service.ping(), 7);
    // `async fn` handlers return `Send` futures, so a server can spawn them.
    let fut = assert_send(service.put_start("k".into(), 3));
    drop(fut);
}

#[test]
fn macro_codes_equal_the_codes_of_the_recorded_schemas() {
    // The macro takes single types' codes from their `CODE` consts; the
    // registry's schemas must still produce exactly those codes.
    for h in Contract::current().unwrap().handlers() {
        assert_eq!(h.args_code, wire_core::args_code(h.args), "{}", h.name);
        assert_eq!(h.return_code, h.returns.code(), "{}", h.name);
        assert_eq!(h.function_id, function_id(h.name), "{}", h.name);
    }
}
