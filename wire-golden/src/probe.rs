//! Checks a frozen contract against a live coro_rpc peer.
//!
//! First the handshake (the reserved handler `wire_contracts::ServiceReady`):
//! a peer built with this library answers its whole table, and every
//! handler's codes are compared, with no side effect. A C++ coro_rpc peer
//! answers `FunctionNotRegistered` (11); then each handler is probed on its
//! own with a call whose args code cannot match: coro_rpc checks the code
//! before anything runs, so `InvalidArguments` (4) means registered, 11
//! missing. A handler without arguments ignores the body and would run, so
//! it is only called when asked (`zero_arg`), and its reply's code is then
//! compared with the return code.

use crate::model::{ContractDoc, HandlerDef};
use std::fmt;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use wire_core::protocol::frame::{RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader, Status, payload_code};
use wire_core::protocol::handshake::{self, ServiceReady};
use wire_core::rpc::Reply;

/// How to probe.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The `serialize_type` of the requests (struct_pack's is 0, the only
    /// one a C++ peer accepts).
    pub serialize_type: u8,
    /// Call handlers without arguments (they run: a probe cannot stop them).
    pub zero_arg: bool,
    /// Each reply's deadline.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options { serialize_type: 0, zero_arg: false, timeout: Duration::from_secs(5) }
    }
}

/// What the peer said of one handler of the contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Registered with the contract's codes (known from the handshake, or
    /// from a zero-argument call's reply).
    Matches,
    /// Registered (a probe with a wrong args code was refused, as it must be):
    /// its codes cannot be read without running it.
    Registered,
    /// Not registered (11).
    Missing,
    /// Registered with other codes (from the handshake or a reply).
    Differs(String),
    /// Not probed: it has no arguments, so a probe would run it.
    Skipped,
    /// Anything else the peer answered.
    Unexpected(String),
}

impl Outcome {
    /// Whether this outcome is a drift from the contract.
    pub fn is_drift(&self) -> bool {
        matches!(self, Outcome::Missing | Outcome::Differs(_) | Outcome::Unexpected(_))
    }
}

/// The probe of one contract against one peer.
#[derive(Clone, Debug)]
pub struct Probe {
    /// Whether the peer answered the handshake (a peer built with this library).
    pub handshake: bool,
    /// One outcome per handler of the contract, in its order.
    pub handlers: Vec<(String, Outcome)>,
}

impl fmt::Display for Probe {
    /// One line per handler, severity first, then a summary.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, outcome) in &self.handlers {
            match outcome {
                Outcome::Matches => writeln!(f, "OK       {name}: registered with the contract's codes")?,
                Outcome::Registered => {
                    writeln!(f, "OK       {name}: registered (a probe with another args code was refused, 4)")?
                }
                Outcome::Missing => writeln!(f, "MISSING  {name}: not registered on the peer (11)")?,
                Outcome::Differs(why) => writeln!(f, "DIFFERS  {name}: {why}")?,
                Outcome::Skipped => {
                    writeln!(f, "SKIPPED  {name}: no arguments, so a probe would run it (--call-zero-arg runs it)")?
                }
                Outcome::Unexpected(why) => writeln!(f, "UNEXPECTED {name}: {why}")?,
            }
        }
        let drift = self.handlers.iter().filter(|(_, o)| o.is_drift()).count();
        let how = if self.handshake {
            "the peer's handshake table"
        } else {
            "one probe per handler (the peer answered no handshake: a C++ coro_rpc peer)"
        };
        writeln!(f, "{} handlers checked by {how}: {drift} drifted", self.handlers.len())
    }
}

/// Probes `addr` for every handler of `contract`.
pub fn probe(addr: &str, contract: &ContractDoc, options: Options) -> Result<Probe, String> {
    let mut conn = Conn::open(addr, options)?;
    let local = ServiceReady::new("probe", "wire-golden probe", std::iter::empty());
    let hello = conn.call(handshake::FUNCTION_ID, &local.encode())?;
    if hello.status == Status::OK {
        let peer = ServiceReady::decode(&hello.body).map_err(|e| format!("{addr}: {e}"))?;
        let handlers = contract.handlers.iter().map(|h| (h.name.clone(), by_table(h, &peer))).collect();
        return Ok(Probe { handshake: true, handlers });
    }
    let mut handlers = Vec::new();
    for h in &contract.handlers {
        let outcome = if h.args.is_empty() && !options.zero_arg { Outcome::Skipped } else { by_call(h, &mut conn)? };
        handlers.push((h.name.clone(), outcome));
    }
    Ok(Probe { handshake: false, handlers })
}

/// A handler against the peer's handshake table.
fn by_table(h: &HandlerDef, peer: &ServiceReady) -> Outcome {
    let Some(m) = peer.method(h.function_id) else { return Outcome::Missing };
    if m.args_code != h.args_code {
        return Outcome::Differs(format!(
            "args code {:#010x} in the contract, {:#010x} on the peer",
            h.args_code, m.args_code
        ));
    }
    if m.return_code != h.return_code {
        return Outcome::Differs(format!(
            "return code {:#010x} in the contract, {:#010x} on the peer",
            h.return_code, m.return_code
        ));
    }
    let levels: Vec<(u16, u32)> = m.ext.iter().map(|l| (l.since, l.code)).collect();
    if levels != h.ext_codes() {
        return Outcome::Differs(format!(
            "extension levels {:?} in the contract, {levels:?} on the peer",
            h.ext_codes()
        ));
    }
    Outcome::Matches
}

/// A handler probed with a call: a wrong args code, or (no arguments) the real call.
fn by_call(h: &HandlerDef, conn: &mut Conn) -> Result<Outcome, String> {
    // A code the handler cannot have: its own with every bit but the lowest flipped.
    let body = if h.args.is_empty() { Vec::new() } else { (!h.args_code & !1).to_le_bytes().to_vec() };
    let reply = conn.call(h.function_id, &body)?;
    Ok(match (reply.status, h.args.is_empty()) {
        (Status::INVALID_ARGUMENTS, false) => Outcome::Registered,
        (Status::FUNCTION_NOT_REGISTERED, _) => Outcome::Missing,
        (Status::OK, true) => match payload_code(&reply.body) {
            Some(code) if code == h.return_code => Outcome::Matches,
            code => Outcome::Differs(format!(
                "return code {:#010x} in the contract, {} in the reply",
                h.return_code,
                code.map_or("none".to_owned(), |c| format!("{c:#010x}"))
            )),
        },
        (Status::OK, false) => Outcome::Unexpected(
            "the peer ran the handler with arguments of another code: it does not check args codes".into(),
        ),
        (status, _) => Outcome::Unexpected(format!("{status}: {}", reply.message())),
    })
}

/// One blocking coro_rpc connection: a request, then its reply.
struct Conn {
    stream: TcpStream,
    seq: u32,
    serialize_type: u8,
}

impl Conn {
    fn open(addr: &str, options: Options) -> Result<Conn, String> {
        let stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
        stream.set_read_timeout(Some(options.timeout)).map_err(|e| e.to_string())?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        Ok(Conn { stream, seq: 0, serialize_type: options.serialize_type })
    }

    fn call(&mut self, function_id: u32, body: &[u8]) -> Result<Reply, String> {
        self.seq += 1;
        let head = RequestHeader {
            serialize_type: self.serialize_type,
            msg_type: 0,
            seq: self.seq,
            function_id,
            body_len: body.len() as u32,
            attachment_len: 0,
        };
        let mut frame = head.encode().to_vec();
        frame.extend_from_slice(body);
        self.stream.write_all(&frame).map_err(|e| format!("sending: {e}"))?;
        let mut head = [0u8; RESPONSE_HEADER_LEN];
        self.stream.read_exact(&mut head).map_err(|e| format!("reading a reply: {e}"))?;
        let head = ResponseHeader::decode(&head, u32::MAX).map_err(|e| e.to_string())?;
        let mut payload = vec![0u8; head.payload_len() as usize];
        self.stream.read_exact(&mut payload).map_err(|e| format!("reading a reply: {e}"))?;
        if head.seq != self.seq {
            return Err(format!("a reply to request {} while waiting for {}", head.seq, self.seq));
        }
        let attachment = payload.split_off(head.body_len as usize);
        Ok(Reply { status: Reply::status_of(head.status, &payload), body: payload, attachment })
    }
}
