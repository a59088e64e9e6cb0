//! What a pairing's handshake must conclude, from the two crates' handler
//! tables: [`check_handshake`] holds both sides' verdicts to it.

use std::collections::HashMap;
use wire_core::Handler;
use wire_core::codec::{Bincode, Codec};
use wire_core::protocol::handshake::{Compat, MethodStatus, Partial, ServiceReady};
use wire_core::rpc::Server;
use wire_core::rpc::net::Client;

/// The handshake a client that calls `handlers` sends (`net::Client` sends
/// no build string).
pub fn ready(handlers: &[&'static Handler]) -> ServiceReady {
    ServiceReady::new(Bincode::NAME, "", handlers.iter().copied())
}

fn by_id(handlers: &[&'static Handler]) -> HashMap<u32, &'static Handler> {
    handlers.iter().map(|h| (h.function_id, *h)).collect()
}

/// What `here` (with `here_handlers`) should conclude about `peer`, derived
/// independently of `ServiceReady::check` from the two handler tables:
/// (blocked outgoing by name, incoming peer-only names, callable names).
pub type Expected = (Vec<(String, MethodStatus)>, Vec<String>, Vec<String>);

pub fn expected_verdict(here: &[&'static Handler], peer: &[&'static Handler]) -> Expected {
    let peer_ids = by_id(peer);
    let here_ids = by_id(here);
    let mut blocked = Vec::new();
    let mut callable = Vec::new();
    for h in here {
        let status = match peer_ids.get(&h.function_id) {
            None => MethodStatus::MissingOnPeer,
            Some(p) if p.args_code != h.args_code => MethodStatus::ArgsDiffer { here: h.args_code, peer: p.args_code },
            Some(p) if p.return_code != h.return_code => {
                MethodStatus::ReturnDiffers { here: h.return_code, peer: p.return_code }
            }
            Some(_) => {
                callable.push(h.name.to_owned());
                continue;
            }
        };
        blocked.push((h.name.to_owned(), status));
    }
    let mut missing_here: Vec<String> =
        peer.iter().filter(|p| !here_ids.contains_key(&p.function_id)).map(|p| p.name.to_owned()).collect();
    blocked.sort_by(|a, b| a.0.cmp(&b.0));
    missing_here.sort();
    callable.sort();
    (blocked, missing_here, callable)
}

/// The verdict's findings in the same shape as [`expected_verdict`].
fn observed(p: &Partial<'_>) -> Expected {
    let mut blocked: Vec<(String, MethodStatus)> = p.blocked().map(|v| (v.method.name.clone(), v.status)).collect();
    let mut missing_here: Vec<String> =
        p.incoming.iter().filter(|v| v.status == MethodStatus::MissingHere).map(|v| v.method.name.clone()).collect();
    let mut callable: Vec<String> = p.callable().map(|m| m.name.clone()).collect();
    blocked.sort_by(|a, b| a.0.cmp(&b.0));
    missing_here.sort();
    callable.sort();
    (blocked, missing_here, callable)
}

/// Every method a verdict lists carries exactly the codes of its crate's const.
fn assert_methods_match(p: &Partial<'_>, here: &[&'static Handler], peer: &[&'static Handler]) {
    let (here, peer) = (by_id(here), by_id(peer));
    assert_eq!(p.outgoing.len(), here.len(), "one outgoing verdict per handler of this side");
    for v in &p.outgoing {
        let h = here[&v.method.function_id];
        assert_eq!(
            (v.method.name.as_str(), v.method.args_code, v.method.return_code),
            (h.name, h.args_code, h.return_code)
        );
    }
    for v in &p.incoming {
        let h = peer[&v.method.function_id];
        assert_eq!(
            (v.method.name.as_str(), v.method.args_code, v.method.return_code),
            (h.name, h.args_code, h.return_code)
        );
    }
    assert_eq!(p.incoming.len(), peer.len(), "one incoming verdict per handler of the peer");
}

/// What a client of a mixed pair must conclude at the handshake.
#[derive(Debug)]
pub struct Mixed {
    /// Its handlers the server cannot run, by name, with why.
    pub blocked: Vec<(&'static str, MethodStatus)>,
    /// The server's handlers it does not have.
    pub missing_here: Vec<&'static str>,
    /// Callable handlers whose extension levels differ, with the levels.
    pub extended: Vec<(&'static str, MethodStatus)>,
}

/// Checks the client's verdict (`client.verdict()`, the text of its check
/// of the table it sent against the server's) against `expect` (`None`:
/// identical contracts; else the blocked outgoing list and the peer-only
/// incoming names, spelled out from the crates' consts by the caller), and
/// both the client's and the server's view against what the two handler
/// tables imply.
pub fn check_handshake(
    client: &Client<Bincode>,
    server: &Server<Bincode>,
    client_handlers: &[&'static Handler],
    server_handlers: &[&'static Handler],
    server_build: &str,
    expect: Option<Mixed>,
) {
    let peer = client.peer_contract().expect("a wire-contracts server tells its contract");
    assert_eq!(peer.build, server_build);
    assert_eq!(peer.codec, Bincode::NAME);
    assert_eq!(*peer, *server.ready(), "the client got the server's handshake verbatim");
    assert_eq!(peer.methods.len(), server_handlers.len());
    let local = ready(client_handlers);
    assert_eq!(local.digest == peer.digest, expect.is_none());
    let compat = local.check(&peer);
    assert_eq!(client.verdict(), compat.to_string(), "the client's verdict is its table checked against the server's");
    match (&compat, &expect) {
        (Compat::Identical, None) => {}
        (Compat::Partial(p), Some(Mixed { blocked, missing_here, extended })) => {
            let (got_blocked, got_missing_here, _) = observed(p);
            let blocked: Vec<(String, MethodStatus)> = blocked.iter().map(|(n, s)| ((*n).to_owned(), *s)).collect();
            let missing_here: Vec<String> = missing_here.iter().map(|n| (*n).to_owned()).collect();
            assert_eq!(got_blocked, blocked, "blocked outgoing, exactly:\n{compat}");
            assert_eq!(got_missing_here, missing_here, "peer-only incoming, exactly:\n{compat}");
            let got_extended: Vec<(&str, MethodStatus)> =
                p.extended().map(|v| (v.method.name.as_str(), v.status)).collect();
            assert_eq!(&got_extended, extended, "extended, exactly:\n{compat}");
            for (name, _) in extended {
                assert!(compat.to_string().contains(&format!("callable {name}: extension levels")), "{compat}");
            }
        }
        _ => panic!("unexpected verdict (expected {expect:?}):\n{compat}"),
    }
    let views =
        [(compat, client_handlers, server_handlers), (server.ready().check(&local), server_handlers, client_handlers)];
    for (compat, here, peer) in views {
        if expect.is_none() {
            assert_eq!(compat, Compat::Identical, "{compat}");
            continue;
        }
        let Compat::Partial(p) = &compat else { panic!("a mixed pair must be Partial, got: {compat}") };
        assert_eq!(observed(p), expected_verdict(here, peer), "{compat}");
        assert_methods_match(p, here, peer);
        let display = compat.to_string();
        assert!(display.starts_with("PARTIAL: "), "{display}");
        for v in p.blocked() {
            assert!(display.contains(v.method.name.as_str()), "{display} names {}", v.method.name);
        }
    }
}
