//! `ServiceReady`: the handshake message, built from the same registry as the
//! frozen contract, so drift between deployed peers is visible at connect.
//!
//! # Encoding (frozen, little-endian)
//!
//! ```text
//! magic      4 bytes  "WSRD"
//! version    u16      HANDSHAKE_VERSION (1)
//! codec      u8 length + UTF-8 bytes
//! digest     16 bytes (see below)
//! build      u16 length + UTF-8 bytes   (informational only)
//! count      u32      number of methods
//! method*    function_id u32 | args_code u32 | return_code u32
//!            | ext_count u16 | (since u16 | code u32) * ext_count
//!            | name: u16 length + UTF-8 bytes
//! ```
//!
//! Methods are sorted by function id; a method's extension levels (its
//! `#[wire(since = N)]` groups, see [`ext`](crate::ext)) ascend, each at least
//! 1, the last being the highest level it understands. Nothing may follow
//! the last method.
//!
//! # Digest
//!
//! MD5 over the canonical listing: for every method sorted by qualified name
//! (byte order), the line `name TAB id TAB args TAB ret TAB ext LF`, with the
//! three codes as 8 lowercase hex digits and `ext` either `0` (no extension
//! level) or the levels as `since:code` joined by commas (`2:1a2b3c4d,3:…`,
//! since in decimal, code as 8 lowercase hex digits):
//!
//! ```text
//! MasterService::exist_key\t0fb1b691\t9dcffa76\ta8755f88\t0\n
//! ```
//!
//! [`ServiceReady::decode`] recomputes the digest from the methods it read and
//! refuses a message whose digest field differs: [`ServiceReady::check`]
//! trusts equal digests for [`Compat::Identical`].

use crate::registry::{Contract, Handler};
use std::cmp::Ordering;
use std::fmt;

/// The handshake format version; a peer with another one is incompatible.
pub const HANDSHAKE_VERSION: u16 = 1;
const MAGIC: [u8; 4] = *b"WSRD";

/// One handler as a peer advertises it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Method {
    /// `md5_32` of the wire name.
    pub function_id: u32,
    /// The code of the base argument tuple.
    pub args_code: u32,
    /// The code of the return type.
    pub return_code: u32,
    /// The `#[wire(since = N)]` levels the handler understands, ascending.
    pub ext: Vec<ExtLevel>,
    /// The wire name (`Service::method`, or the pinned name).
    pub name: String,
}

/// One extension level of a method: its number and the code of its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExtLevel {
    /// The level (≥ 1): the release that added its parameters.
    pub since: u16,
    /// The args code of the level's parameters.
    pub code: u32,
}

impl Method {
    fn of(h: &Handler) -> Method {
        Method {
            function_id: h.function_id,
            args_code: h.args_code,
            return_code: h.return_code,
            ext: h.ext.iter().map(|g| ExtLevel { since: g.since, code: g.code }).collect(),
            name: h.name.to_owned(),
        }
    }

    /// The highest extension level the method understands (0: none).
    pub fn ext_level(&self) -> u16 {
        self.ext.last().map_or(0, |l| l.since)
    }

    /// The `ext` column of the digest listing (module docs).
    pub fn ext_listing(&self) -> String {
        if self.ext.is_empty() {
            return "0".to_owned();
        }
        let levels: Vec<String> = self.ext.iter().map(|l| format!("{}:{:08x}", l.since, l.code)).collect();
        levels.join(",")
    }
}

/// The handshake message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceReady {
    /// The handshake format version ([`HANDSHAKE_VERSION`]).
    pub version: u16,
    /// The codec both sides must share ([`Codec::NAME`](crate::codec::Codec::NAME)).
    pub codec: String,
    /// MD5 of the canonical listing (module docs).
    pub digest: [u8; 16],
    /// Build or version string: informational only, never compared.
    pub build: String,
    /// Sorted by function id.
    pub methods: Vec<Method>,
}

/// A handshake message that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadyError(pub String);

impl fmt::Display for ReadyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid ServiceReady: {}", self.0)
    }
}

impl std::error::Error for ReadyError {}

impl ServiceReady {
    /// The handshake of some handlers (one service, or what a client calls).
    pub fn new<'a>(codec: &str, build: &str, handlers: impl IntoIterator<Item = &'a Handler>) -> ServiceReady {
        let mut methods: Vec<Method> = handlers.into_iter().map(Method::of).collect();
        for m in &mut methods {
            // What `encode` can carry, so the digest covers exactly the bytes sent.
            let keep = clip(&m.name, u16::MAX as usize).len();
            m.name.truncate(keep);
        }
        methods.sort_by_key(|m| m.function_id);
        methods.dedup_by_key(|m| m.function_id);
        let digest = digest(&methods);
        ServiceReady { version: HANDSHAKE_VERSION, codec: codec.to_owned(), digest, build: build.to_owned(), methods }
    }

    /// The handshake of every handler registered in this binary.
    pub fn current(codec: &str, build: &str) -> Result<ServiceReady, crate::ContractError> {
        let contract = Contract::current()?;
        Ok(ServiceReady::new(codec, build, contract.handlers().iter().copied()))
    }

    /// The handshake of one registered service.
    pub fn for_service(codec: &str, build: &str, service: &str) -> Result<ServiceReady, crate::ContractError> {
        let contract = Contract::current()?;
        Ok(ServiceReady::new(codec, build, contract.service(service)))
    }

    /// The method with this function id.
    pub fn method(&self, function_id: u32) -> Option<&Method> {
        self.methods.binary_search_by_key(&function_id, |m| m.function_id).ok().map(|i| &self.methods[i])
    }

    /// The frozen encoding.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.methods.len() * 40);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&self.version.to_le_bytes());
        let codec = clip(&self.codec, u8::MAX as usize);
        out.push(codec.len() as u8);
        out.extend_from_slice(codec);
        out.extend_from_slice(&self.digest);
        let build = clip(&self.build, u16::MAX as usize);
        out.extend_from_slice(&(build.len() as u16).to_le_bytes());
        out.extend_from_slice(build);
        out.extend_from_slice(&(self.methods.len() as u32).to_le_bytes());
        for m in &self.methods {
            out.extend_from_slice(&m.function_id.to_le_bytes());
            out.extend_from_slice(&m.args_code.to_le_bytes());
            out.extend_from_slice(&m.return_code.to_le_bytes());
            out.extend_from_slice(&(m.ext.len() as u16).to_le_bytes());
            for l in &m.ext {
                out.extend_from_slice(&l.since.to_le_bytes());
                out.extend_from_slice(&l.code.to_le_bytes());
            }
            let name = clip(&m.name, u16::MAX as usize);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name);
        }
        out
    }

    /// Reads the frozen encoding; never allocates more than the input's size.
    pub fn decode(bytes: &[u8]) -> Result<ServiceReady, ReadyError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(ReadyError("bad magic: not a ServiceReady message".into()));
        }
        let version = r.u16()?;
        if version != HANDSHAKE_VERSION {
            // Still read what we can: the caller reports the version.
            return Ok(ServiceReady {
                version,
                codec: String::new(),
                digest: [0; 16],
                build: String::new(),
                methods: Vec::new(),
            });
        }
        let codec_len = r.u8()? as usize;
        let codec = r.str(codec_len, "codec")?;
        let digest_field: [u8; 16] = r.take(16)?.try_into().expect("16 bytes");
        let build_len = r.u16()? as usize;
        let build = r.str(build_len, "build")?;
        let count = r.u32()? as usize;
        // Each method takes at least 16 bytes: a count the input cannot hold is a lie.
        if count > r.remaining() / 16 {
            return Err(ReadyError(format!("claims {count} methods, but only {} bytes follow", r.remaining())));
        }
        let mut methods = Vec::with_capacity(count);
        for i in 0..count {
            let function_id = r.u32()?;
            let args_code = r.u32()?;
            let return_code = r.u32()?;
            let ext_count = r.u16()? as usize;
            // Each level takes 6 bytes: bound the allocation by the input.
            if ext_count > r.remaining() / 6 {
                return Err(ReadyError(format!(
                    "method {i} claims {ext_count} extension levels, but only {} bytes follow",
                    r.remaining()
                )));
            }
            let mut ext: Vec<ExtLevel> = Vec::with_capacity(ext_count);
            for _ in 0..ext_count {
                let since = r.u16()?;
                let code = r.u32()?;
                let after = ext.last().map_or(0, |l| l.since);
                if since <= after {
                    return Err(ReadyError(format!(
                        "method {i}: extension level {since} after level {after} (levels ascend from 1)"
                    )));
                }
                ext.push(ExtLevel { since, code });
            }
            let name_len = r.u16()? as usize;
            let name = r.str(name_len, "method name")?;
            if let Some(prev) = methods.last().map(|m: &Method| m.function_id)
                && prev >= function_id
            {
                return Err(ReadyError(format!("method {i} is out of order or duplicated (id {function_id:#010x})")));
            }
            methods.push(Method { function_id, args_code, return_code, ext, name });
        }
        if r.remaining() != 0 {
            return Err(ReadyError(format!("{} trailing bytes", r.remaining())));
        }
        // The digest is what `check` trusts for `Identical`: it must be the table's.
        let computed = digest(&methods);
        if computed != digest_field {
            return Err(ReadyError(format!(
                "the digest does not match the method table: {} sent, {} computed from the {count} methods",
                hex(&digest_field),
                hex(&computed)
            )));
        }
        Ok(ServiceReady { version, codec, digest: digest_field, build, methods })
    }

    /// Compares this side with a peer's handshake. Cheap: one merge over the
    /// two id-sorted tables, no allocation for matching methods beyond the lists.
    pub fn check<'a>(&'a self, peer: &'a ServiceReady) -> Compat<'a> {
        if self.version != peer.version {
            return Compat::Incompatible(format!(
                "handshake version {} here, {} on the peer",
                self.version, peer.version
            ));
        }
        if self.codec != peer.codec {
            return Compat::Incompatible(format!("codec `{}` here, `{}` on the peer", self.codec, peer.codec));
        }
        if self.digest == peer.digest && self.methods.len() == peer.methods.len() {
            return Compat::Identical;
        }
        let mut p = Partial::default();
        let (mut i, mut j) = (0, 0);
        let (a, b) = (&self.methods, &peer.methods);
        while i < a.len() || j < b.len() {
            let order = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) => x.function_id.cmp(&y.function_id),
                (Some(_), None) => Ordering::Less,
                _ => Ordering::Greater,
            };
            match order {
                Ordering::Less => {
                    p.outgoing.push(Verdict { method: &a[i], status: Status::MissingOnPeer });
                    i += 1;
                }
                Ordering::Greater => {
                    p.incoming.push(Verdict { method: &b[j], status: Status::MissingHere });
                    j += 1;
                }
                Ordering::Equal => {
                    let (x, y) = (&a[i], &b[j]);
                    let status = if x.args_code != y.args_code {
                        Status::ArgsDiffer { here: x.args_code, peer: y.args_code }
                    } else if x.return_code != y.return_code {
                        Status::ReturnDiffers { here: x.return_code, peer: y.return_code }
                    } else {
                        ext_status(x, y)
                    };
                    p.outgoing.push(Verdict { method: x, status });
                    p.incoming.push(Verdict { method: y, status });
                    i += 1;
                    j += 1;
                }
            }
        }
        Compat::Partial(p)
    }
}

/// Two methods with the same id and codes: how their extension levels compare.
fn ext_status(here: &Method, peer: &Method) -> Status {
    for l in &here.ext {
        if let Some(p) = peer.ext.iter().find(|p| p.since == l.since)
            && p.code != l.code
        {
            return Status::ExtensionDiffers { since: l.since, here: l.code, peer: p.code };
        }
    }
    if here.ext == peer.ext {
        Status::Callable
    } else {
        Status::Extended { here: here.ext_level(), peer: peer.ext_level() }
    }
}

/// Lowercase hex, as the digest is printed in messages.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// At most `max` bytes of `s`, cut at a character boundary so the result
/// stays UTF-8 (the decoder refuses anything else).
fn clip(s: &str, max: usize) -> &[u8] {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s.as_bytes()[..end]
}

impl ServiceReady {
    /// The digest of a method table (module docs: the canonical listing).
    pub fn digest_of(methods: &[Method]) -> [u8; 16] {
        digest(methods)
    }
}

fn digest(methods: &[Method]) -> [u8; 16] {
    let mut by_name: Vec<&Method> = methods.iter().collect();
    by_name.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut md5 = crate::Md5::new();
    for m in by_name {
        let line = format!(
            "{}\t{:08x}\t{:08x}\t{:08x}\t{}\n",
            m.name,
            m.function_id,
            m.args_code,
            m.return_code,
            m.ext_listing()
        );
        md5.write(line.as_bytes());
    }
    md5.finish()
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ReadyError> {
        if self.remaining() < n {
            return Err(ReadyError(format!(
                "truncated at byte {} (needed {n} more, {} left)",
                self.at,
                self.remaining()
            )));
        }
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, ReadyError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, ReadyError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("2 bytes")))
    }

    fn u32(&mut self) -> Result<u32, ReadyError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn str(&mut self, n: usize, what: &str) -> Result<String, ReadyError> {
        let at = self.at;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| ReadyError(format!("{what} at byte {at} is not UTF-8")))
    }
}

/// The handshake verdict.
#[derive(Debug, PartialEq, Eq)]
pub enum Compat<'a> {
    /// Same digest: every handler is callable both ways.
    Identical,
    /// Some handlers are callable, some not; each listed with why.
    Partial(Partial<'a>),
    /// Different handshake version or codec: nothing can be called.
    Incompatible(String),
}

/// Per-method verdicts in both directions, every status seen from this side
/// (`here` = this side's code, `peer` = the peer's).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Partial<'a> {
    /// This side's methods: can this side call them on the peer?
    pub outgoing: Vec<Verdict<'a>>,
    /// The peer's methods: can the peer call them here?
    pub incoming: Vec<Verdict<'a>>,
}

impl Partial<'_> {
    /// The methods of this side that the peer serves with the same base layout
    /// (extension levels may differ: see [`Status::Extended`]).
    pub fn callable(&self) -> impl Iterator<Item = &Method> {
        self.outgoing.iter().filter(|v| v.status.is_callable()).map(|v| v.method)
    }

    /// The methods of this side that cannot be called on the peer, with why.
    pub fn blocked(&self) -> impl Iterator<Item = &Verdict<'_>> {
        self.outgoing.iter().filter(|v| !v.status.is_callable())
    }

    /// Callable methods whose extension levels differ between the peers.
    pub fn extended(&self) -> impl Iterator<Item = &Verdict<'_>> {
        self.outgoing.iter().filter(|v| matches!(v.status, Status::Extended { .. }))
    }
}

/// One method's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict<'a> {
    /// The method, as the side that has it advertises it.
    pub method: &'a Method,
    /// Whether and why it is callable.
    pub status: Status,
}

/// Why a method is or is not callable across the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Same id, codes and extension levels on both sides.
    Callable,
    /// This side has it, the peer does not.
    MissingOnPeer,
    /// The peer has it, this side does not.
    MissingHere,
    /// Same function id, different argument layout.
    ArgsDiffer {
        /// This side's args code.
        here: u32,
        /// The peer's args code.
        peer: u32,
    },
    /// Same function id and arguments, different return layout.
    ReturnDiffers {
        /// This side's return code.
        here: u32,
        /// The peer's return code.
        peer: u32,
    },
    /// Callable: same base layout, but the sides understand different
    /// `#[wire(since)]` levels (highest here, highest on the peer). A receiver
    /// skips levels it does not know and defaults levels it is not sent.
    Extended {
        /// The highest level this side understands.
        here: u16,
        /// The highest level the peer understands.
        peer: u16,
    },
    /// Blocked: both sides know extension level `since` with different
    /// parameters (a released level was changed instead of adding a new one).
    ExtensionDiffers {
        /// The level.
        since: u16,
        /// This side's code of it.
        here: u32,
        /// The peer's code of it.
        peer: u32,
    },
}

impl Status {
    /// Whether calls go through ([`Callable`](Status::Callable) or [`Extended`](Status::Extended)).
    pub fn is_callable(&self) -> bool {
        matches!(self, Status::Callable | Status::Extended { .. })
    }
}

impl fmt::Display for Verdict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.method;
        match self.status {
            Status::Callable => write!(f, "callable {} ({:#010x})", m.name, m.function_id),
            Status::MissingOnPeer => write!(f, "missing on peer {} ({:#010x})", m.name, m.function_id),
            Status::MissingHere => write!(f, "missing here {} ({:#010x})", m.name, m.function_id),
            Status::ArgsDiffer { here, peer } => {
                write!(f, "blocked {}: args code {here:#010x} here -> {peer:#010x} on the peer", m.name)
            }
            Status::ReturnDiffers { here, peer } => {
                write!(f, "blocked {}: return code {here:#010x} here -> {peer:#010x} on the peer", m.name)
            }
            Status::Extended { here, peer } if here > peer => write!(
                f,
                "callable {}: extension levels up to {here} here, up to {peer} on the peer: \
                 the peer ignores the parameters of levels above {peer}",
                m.name
            ),
            Status::Extended { here, peer } => write!(
                f,
                "callable {}: extension levels up to {here} here, up to {peer} on the peer: \
                 the peer defaults the parameters of levels above {here} in calls from here",
                m.name
            ),
            Status::ExtensionDiffers { since, here, peer } => write!(
                f,
                "blocked {}: extension level {since} code {here:#010x} here -> {peer:#010x} on the peer",
                m.name
            ),
        }
    }
}

impl fmt::Display for Compat<'_> {
    /// One line per finding, like the gate's report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Compat::Identical => f.write_str("IDENTICAL: same contract digest; every handler is callable both ways"),
            Compat::Incompatible(why) => write!(f, "INCOMPATIBLE: {why}; no handler can be called"),
            Compat::Partial(p) => {
                let ok = p.callable().count();
                writeln!(f, "PARTIAL: {ok} of {} handlers callable on the peer", p.outgoing.len())?;
                for v in p.outgoing.iter().filter(|v| v.status != Status::Callable) {
                    writeln!(f, "  outgoing {v}")?;
                }
                for v in p.incoming.iter().filter(|v| v.status == Status::MissingHere) {
                    writeln!(f, "  incoming peer-only {} ({:#010x})", v.method.name, v.method.function_id)?;
                }
                Ok(())
            }
        }
    }
}
