//! What two [`ServiceReady`] tables say about calling each other.

use super::{Method, ServiceReady};
use std::cmp::Ordering;
use std::fmt;

impl ServiceReady {
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
                    p.outgoing.push(Verdict { method: &a[i], status: MethodStatus::MissingOnPeer });
                    i += 1;
                }
                Ordering::Greater => {
                    p.incoming.push(Verdict { method: &b[j], status: MethodStatus::MissingHere });
                    j += 1;
                }
                Ordering::Equal => {
                    let (x, y) = (&a[i], &b[j]);
                    let status = if x.args_code != y.args_code {
                        MethodStatus::ArgsDiffer { here: x.args_code, peer: y.args_code }
                    } else if x.return_code != y.return_code {
                        MethodStatus::ReturnDiffers { here: x.return_code, peer: y.return_code }
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
fn ext_status(here: &Method, peer: &Method) -> MethodStatus {
    for l in &here.ext {
        if let Some(p) = peer.ext.iter().find(|p| p.since == l.since)
            && p.code != l.code
        {
            return MethodStatus::ExtensionDiffers { since: l.since, here: l.code, peer: p.code };
        }
    }
    if here.ext == peer.ext {
        MethodStatus::Callable
    } else {
        MethodStatus::Extended { here: here.ext_level(), peer: peer.ext_level() }
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
    /// (extension levels may differ: see [`MethodStatus::Extended`]).
    pub fn callable(&self) -> impl Iterator<Item = &Method> {
        self.outgoing.iter().filter(|v| v.status.is_callable()).map(|v| v.method)
    }

    /// The methods of this side that cannot be called on the peer, with why.
    pub fn blocked(&self) -> impl Iterator<Item = &Verdict<'_>> {
        self.outgoing.iter().filter(|v| !v.status.is_callable())
    }

    /// Callable methods whose extension levels differ between the peers.
    pub fn extended(&self) -> impl Iterator<Item = &Verdict<'_>> {
        self.outgoing.iter().filter(|v| matches!(v.status, MethodStatus::Extended { .. }))
    }
}

/// One method's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict<'a> {
    /// The method, as the side that has it advertises it.
    pub method: &'a Method,
    /// Whether and why it is callable.
    pub status: MethodStatus,
}

/// Why a method is or is not callable across the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodStatus {
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

impl MethodStatus {
    /// Whether calls go through ([`Callable`](MethodStatus::Callable) or [`Extended`](MethodStatus::Extended)).
    pub fn is_callable(&self) -> bool {
        matches!(self, MethodStatus::Callable | MethodStatus::Extended { .. })
    }
}

impl fmt::Display for Verdict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.method;
        match self.status {
            MethodStatus::Callable => write!(f, "callable {} ({:#010x})", m.name, m.function_id),
            MethodStatus::MissingOnPeer => write!(f, "missing on peer {} ({:#010x})", m.name, m.function_id),
            MethodStatus::MissingHere => write!(f, "missing here {} ({:#010x})", m.name, m.function_id),
            MethodStatus::ArgsDiffer { here, peer } => {
                write!(f, "blocked {}: args code {here:#010x} here -> {peer:#010x} on the peer", m.name)
            }
            MethodStatus::ReturnDiffers { here, peer } => {
                write!(f, "blocked {}: return code {here:#010x} here -> {peer:#010x} on the peer", m.name)
            }
            MethodStatus::Extended { here, peer } if here > peer => write!(
                f,
                "callable {}: extension levels up to {here} here, up to {peer} on the peer: \
                 the peer ignores the parameters of levels above {peer}",
                m.name
            ),
            MethodStatus::Extended { here, peer } => write!(
                f,
                "callable {}: extension levels up to {here} here, up to {peer} on the peer: \
                 the peer defaults the parameters of levels above {here} in calls from here",
                m.name
            ),
            MethodStatus::ExtensionDiffers { since, here, peer } => write!(
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
                for v in p.outgoing.iter().filter(|v| v.status != MethodStatus::Callable) {
                    writeln!(f, "  outgoing {v}")?;
                }
                for v in p.incoming.iter().filter(|v| v.status == MethodStatus::MissingHere) {
                    writeln!(f, "  incoming peer-only {} ({:#010x})", v.method.name, v.method.function_id)?;
                }
                Ok(())
            }
        }
    }
}
