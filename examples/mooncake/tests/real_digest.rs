//! The contract digest tells the two real masters apart where their
//! ServiceReady does not: both answer `Ok("2.0.0")`, but the digests of the
//! v0.3.11.post1 and v0.3.13.post1 tables differ, and each table is what its
//! master registers.
//!
//! The registration probe sends every handler name of either table to each
//! master with a body whose args code matches neither release: a registered
//! handler with arguments answers err 4 (nothing runs), an unregistered one
//! err 11. A handler without arguments ignores the body and runs, answering
//! 0; the four such (ServiceReady, GetStorageConfig, GetFsdir,
//! GetAllNoFSegments) only read. That every registered handler also takes
//! our args code and returns our return code is `real_master.rs`.
//!
//! Skips without the binaries (`scripts/install-mooncake.sh`), fails instead
//! with `WIRE_REQUIRE_MOONCAKE=1`.

mod real;

use real::{Binaries, Master, Tap, Version};
use std::collections::BTreeSet;
use wire_core::Handler;
use wire_core::codec::StructPack;
use wire_core::protocol::frame::Status;
use wire_core::protocol::handshake::ServiceReady;
use wire_core::rpc::Outgoing;
use wire_core::rpc::net::Client;

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every handler of either release, once per wire name (v0.3.13.post1's
/// declaration where both have one).
fn union() -> Vec<&'static Handler> {
    let mut all: Vec<&'static Handler> = Version::V0_3_13.handlers().to_vec();
    for h in Version::V0_3_11.handlers() {
        if all.iter().all(|a| a.name != h.name) {
            all.push(h);
        }
    }
    all
}

/// An args code neither release's declaration of `name` has.
fn wrong_code(name: &str) -> u32 {
    let codes: Vec<u32> = [Version::V0_3_11, Version::V0_3_13]
        .iter()
        .flat_map(|v| v.handlers().iter().filter(|h| h.name == name).map(|h| h.args_code))
        .collect();
    (1..).map(|i: u32| codes[0] ^ (i << 1)).find(|c| !codes.contains(c)).expect("a free code")
}

/// The wire names `client`'s master registers, of `candidates`, by the probe.
async fn registered(client: &Client<StructPack>, candidates: &[&'static Handler]) -> BTreeSet<&'static str> {
    let mut found = BTreeSet::new();
    for &h in candidates {
        let request = Outgoing {
            function_id: h.function_id,
            body: wrong_code(h.name).to_le_bytes().to_vec(),
            attachment: vec![],
        };
        let reply = client
            .send_with_timeout(h, request, Some(real::CALL_TIMEOUT))
            .await
            .unwrap_or_else(|e| panic!("probing {}: {e}", h.name));
        let expected_if_registered = if h.args.is_empty() { Status::OK } else { Status::INVALID_ARGUMENTS };
        match reply.status {
            Status::FUNCTION_NOT_REGISTERED => {}
            s if s == expected_if_registered => {
                found.insert(h.name);
            }
            s => {
                panic!("probing {}: status {s} ({}), expected {expected_if_registered} or 11", h.name, reply.message())
            }
        }
    }
    found
}

#[test]
fn the_digest_tells_the_real_masters_apart_where_service_ready_does_not() {
    let Some(bins) = Binaries::find() else { return };
    let (old, new) = std::thread::scope(|s| {
        let old = s.spawn(|| Master::start(&bins, Version::V0_3_11));
        let new = Master::start(&bins, Version::V0_3_13);
        (old.join().expect("starting the v0.3.11.post1 master"), new)
    });
    let candidates = union();
    real::runtime().block_on(async {
        let mut digests = Vec::new();
        for (master, version) in [(&old, Version::V0_3_11), (&new, Version::V0_3_13)] {
            let client = real::connect(master.addr, StructPack::default(), version.handlers()).await;
            let tap = Tap::new(client.clone());
            let ready = match version {
                Version::V0_3_11 => mooncake_example_v0_3_11::WrappedMasterServiceClient::new(tap)
                    .service_ready()
                    .await
                    .map(|r| r.map_err(|e| format!("{e:?}"))),
                Version::V0_3_13 => mooncake_example::WrappedMasterServiceClient::new(tap)
                    .service_ready()
                    .await
                    .map(|r| r.map_err(|e| format!("{e:?}"))),
            }
            .unwrap_or_else(|e| panic!("ServiceReady on the {} master: {e}", version.dir()));
            assert_eq!(ready, Ok("2.0.0".to_owned()), "the {} master's ServiceReady", version.dir());

            let table: BTreeSet<&str> = version.handlers().iter().map(|h| h.name).collect();
            let on_master = registered(&client, &candidates).await;
            let missing: Vec<&&str> = table.difference(&on_master).collect();
            let extra: Vec<&&str> = on_master.difference(&table).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "the {} master registers other handlers than its table: missing {missing:?}, extra {extra:?}",
                version.dir()
            );
            let digest = ServiceReady::new("struct_pack", "", version.handlers().iter().copied()).digest;
            println!(
                "{} master: ServiceReady Ok(\"2.0.0\"); registers {} of the {} names probed, exactly its table's {}; \
                 contract digest {}",
                version.dir(),
                on_master.len(),
                candidates.len(),
                table.len(),
                hex(&digest)
            );
            digests.push(digest);
        }
        assert_ne!(digests[0], digests[1], "the two releases' contracts have the same digest");
        let (a, b) = (
            ServiceReady::new("struct_pack", "", Version::V0_3_11.handlers().iter().copied()),
            ServiceReady::new("struct_pack", "", Version::V0_3_13.handlers().iter().copied()),
        );
        let differing = b.methods.iter().filter(|m| !a.methods.contains(m)).count();
        println!(
            "same ServiceReady string, different digests: {} of v0.3.13.post1's {} methods are not v0.3.11.post1's",
            differing,
            b.methods.len()
        );
    });
}
