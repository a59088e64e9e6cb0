//! `wire-golden probe` against a live server built with this library: the
//! handshake gives its whole table, so every code is checked and nothing runs.
//! (Against C++ coro_rpc peers, which have no handshake, the per-handler
//! probe is tested on the real Mooncake masters in examples/mooncake.)

use std::sync::Arc;
use wire_core::codec::Bincode;
use wire_core::rpc::Server;
use wire_core::rpc::net::{ServeConfig, Shutdown, serve};
use wire_golden::ContractDoc;
use wire_golden::probe::{Options, Outcome, probe};

#[wire_core::wire_rpc]
#[wire(name = "Kv")]
pub trait Kv {
    fn get(&self, key: String) -> Option<String>;
    fn put(&self, key: String, value: String);
    fn count(&self) -> u64;
}

/// The contract a client of an older build froze: `put` took a TTL, `scan` existed.
mod frozen {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Kv")]
    #[allow(dead_code, reason = "declared for its contract only")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<String>;
        fn put(&self, key: String, value: String, ttl: u64);
        fn scan(&self, prefix: String) -> Vec<String>;
        fn count(&self) -> u64;
    }
}

struct Store;

impl Kv for Store {
    fn get(&self, _key: String) -> Option<String> {
        unreachable!("a probe runs nothing")
    }
    fn put(&self, _key: String, _value: String) {
        unreachable!("a probe runs nothing")
    }
    fn count(&self) -> u64 {
        unreachable!("a probe runs nothing")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_server_is_checked_against_a_contract_through_its_handshake() {
    let server = Arc::new(Server::new(Bincode).add_service(KvServer::new(Store)).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let shutdown = Shutdown::new();
    let serving = tokio::spawn(serve(listener, server, ServeConfig::default().shutdown(&shutdown)));

    let current = ContractDoc::from_handlers(KvRpc::HANDLERS.iter().copied());
    let older = ContractDoc::from_handlers(frozen::KvRpc::HANDLERS.iter().copied());
    let (current, older) = tokio::task::spawn_blocking({
        let addr = addr.clone();
        move || (probe(&addr, &current, Options::default()), probe(&addr, &older, Options::default()))
    })
    .await
    .unwrap();

    let current = current.unwrap();
    assert!(current.handshake);
    assert!(current.handlers.iter().all(|(_, o)| *o == Outcome::Matches), "{current}");

    let older = older.unwrap();
    let outcome = |name: &str| older.handlers.iter().find(|(n, _)| n == name).map(|(_, o)| o.clone()).unwrap();
    assert_eq!(outcome("Kv::get"), Outcome::Matches);
    assert_eq!(outcome("Kv::count"), Outcome::Matches, "zero-argument handlers are checked by table, not run");
    assert_eq!(outcome("Kv::scan"), Outcome::Missing);
    let Outcome::Differs(why) = outcome("Kv::put") else { panic!("{older}") };
    assert_eq!(
        why,
        format!(
            "args code {:#010x} in the contract, {:#010x} on the peer",
            frozen::KvRpc::put.args_code,
            KvRpc::put.args_code
        )
    );
    let report = older.to_string();
    assert!(
        report.contains("MISSING  Kv::scan")
            && report.ends_with("4 handlers checked by the peer's handshake table: 2 drifted\n"),
        "{report}"
    );

    shutdown.trigger();
    serving.await.unwrap().unwrap();
}
