//! Every handler of each contract, called on the real `mooncake_master` of
//! its release (a fresh master per test), through the generated client over
//! struct_pack: each call must be answered (registered), run (its args code
//! accepted), with a reply whose type-code is our return code and whose
//! value decodes. The masters are debug builds: every reply carries the C++
//! type literal, which the decoder compares byte for byte with ours, so each
//! decoded reply also proves the two literals equal.
//!
//! An application error inside the reply (`Err(ErrorCode::...)`) is fine: the
//! handler ran and its reply decoded. Both payload forms are sent: release
//! (`StructPack::default()`, code only) and debug (`with_literal()`). A debug
//! request carries our args literal, which the C++ struct_pack compares
//! (memcmp, with its `00`) with its own before it decodes: in that form every
//! call accepted also proves our args literal equal to the C++ one.
//!
//! Skips without the binaries (`scripts/install-mooncake.sh`), fails instead
//! with `WIRE_REQUIRE_MOONCAKE=1`.

mod real;

use real::{Binaries, Master, Tap, Version};
use std::collections::BTreeSet;
use std::time::Instant;
use wire_core::codec::{Payload, StructPack};
use wire_core::protocol::frame::Status;

fn every_handler_is_served(version: Version, codec: StructPack, form: &str) {
    let Some(bins) = Binaries::find() else { return };
    let handlers = version.handlers();
    let order = real::order(version);
    let names: BTreeSet<&str> = handlers.iter().map(|h| real::short(h.name)).collect();
    let ordered: BTreeSet<&str> = order.iter().copied().collect();
    assert_eq!(ordered.len(), order.len(), "a handler twice in the call order of {}", version.dir());
    assert_eq!(ordered, names, "the call order of {} is not every handler of its trait", version.dir());

    let mut master = Master::start(&bins, version);
    let started = Instant::now();
    let mut problems = Vec::new();
    let (mut values, mut errors, mut literals) = (0, 0, 0);
    real::runtime().block_on(async {
        let client = real::connect(master.addr, codec, handlers).await;
        assert!(client.peer_contract().is_none(), "a C++ master has no ServiceReady of ours: {}", client.verdict());
        let tap = Tap::new(client);
        for &name in &order {
            let handler = real::handler(version, name);
            let outcome = real::call(version, &tap, name).await;
            let seen = tap.take();
            let ours = Payload::returns(handler).literal();
            let (status, code, literal) = match &seen {
                Some(s) => (s.status, s.code, s.literal(ours.len()).map(<[u8]>::to_vec)),
                None => (Status(u16::MAX), None, None),
            };
            let shown = match &outcome {
                Ok(value) => value.chars().take(110).collect::<String>(),
                Err(e) => format!("FAILED: {e}"),
            };
            println!(
                "{name:<26} status {} code {} literal {:<3} {shown}",
                status.0,
                code.map_or("none".into(), |c| format!("{c:#010x}")),
                if literal.is_some() { "yes" } else { "no" },
            );
            match outcome {
                Ok(value) if value.starts_with("Err(") => errors += 1,
                Ok(_) => values += 1,
                Err(e) => {
                    problems.push(format!("{name}: {e} (reply {})", seen.as_ref().map_or("none".into(), |s| s.hex())))
                }
            }
            if status != Status::OK || code != Some(handler.return_code) {
                problems.push(format!(
                    "{name}: the master answered status {} with code {code:?}, our return code is {:#010x}",
                    status.0, handler.return_code
                ));
            }
            match literal {
                Some(theirs) if theirs == ours => literals += 1,
                Some(theirs) => problems.push(format!("{name}: literal {theirs:02x?}, ours {ours:02x?}")),
                None => {}
            }
        }
    });
    master.proc.assert_running();
    let took = started.elapsed();
    println!(
        "{} with {form} payloads: {} handlers called, {} answered and decoded ({values} values, {errors} \
         application errors), {literals} replies with the C++ type literal equal to ours; master up in {:?}, \
         calls {took:?}",
        version.dir(),
        order.len(),
        values + errors,
        master.start_time,
    );
    assert!(problems.is_empty(), "{} problem(s) on {}:\n{}", problems.len(), version.dir(), problems.join("\n"));
    assert_eq!(values + errors, handlers.len());
}

#[test]
fn v0_3_13_post1_master_serves_every_handler_debug_payloads() {
    every_handler_is_served(Version::V0_3_13, StructPack::with_literal(), "debug (with_literal)");
}

#[test]
fn v0_3_13_post1_master_serves_every_handler_release_payloads() {
    every_handler_is_served(Version::V0_3_13, StructPack::default(), "release (default)");
}

#[test]
fn v0_3_11_post1_master_serves_every_handler_debug_payloads() {
    every_handler_is_served(Version::V0_3_11, StructPack::with_literal(), "debug (with_literal)");
}

#[test]
fn v0_3_11_post1_master_serves_every_handler_release_payloads() {
    every_handler_is_served(Version::V0_3_11, StructPack::default(), "release (default)");
}

/// The control of the debug form's proof: the real masters do compare a
/// request's literal. ExistKey with our literal runs; the same payload with
/// one literal byte changed (its code untouched) is refused with err 4.
#[test]
fn the_real_masters_refuse_a_request_whose_literal_differs() {
    use wire_core::codec::Codec;
    use wire_core::rpc::Outgoing;
    let Some(bins) = Binaries::find() else { return };
    for version in [Version::V0_3_11, Version::V0_3_13] {
        let master = Master::start(&bins, version);
        let handler = real::handler(version, "ExistKey");
        let mut body = Vec::new();
        let codec = StructPack::with_literal();
        match version {
            Version::V0_3_11 => codec.encode(&("k1".to_owned(),), Payload::args(handler), &mut body),
            Version::V0_3_13 => {
                codec.encode(&("k1".to_owned(), "default".to_owned()), Payload::args(handler), &mut body)
            }
        }
        .expect("ExistKey's arguments encode");
        let literal = Payload::args(handler).literal();
        assert_eq!(body[5..5 + literal.len()], literal[..], "the request carries our literal after the metainfo");
        let mut altered = body.clone();
        altered[5 + literal.len() - 1] ^= 0x01;
        let statuses = real::runtime().block_on(async {
            let client = real::connect(master.addr, codec, version.handlers()).await;
            let mut statuses = Vec::new();
            for body in [body, altered] {
                let request = Outgoing { function_id: handler.function_id, body, attachment: Vec::new() };
                let reply = client.send_with_timeout(handler, request, Some(real::CALL_TIMEOUT)).await;
                statuses.push(reply.unwrap_or_else(|e| panic!("ExistKey on {}: {e}", version.dir())).status);
            }
            statuses
        });
        println!(
            "{}: ExistKey with our literal -> {}, with one literal byte changed -> {}",
            version.dir(),
            statuses[0],
            statuses[1]
        );
        assert_eq!(statuses, [Status::OK, Status::INVALID_ARGUMENTS], "{}", version.dir());
    }
}
