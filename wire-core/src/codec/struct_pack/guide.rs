//! Where the codec is in the schema tree while it writes or reads a value.
//!
//! struct_pack writes no tags, so the bytes alone do not say what they are:
//! the schema does. Both directions walk it beside serde's calls, which
//! tells `Result` (struct_pack's `expected`, whose flag is 1 for a value)
//! from an enum, resolves recursive references, and refuses a value whose
//! serde impl does not write what its [`Wire`](crate::Wire) schema says.

use crate::contract::schema::{Field, Schema};

/// What the codec expects next: a schema node, or an argument list (the
/// top level of a call, written like a tuple of its arguments).
#[derive(Clone, Copy)]
pub(crate) enum Node {
    Schema(&'static Schema),
    Args(&'static [Field]),
}

/// The named types enclosing the current position, innermost last: the
/// targets of [`Schema::SelfRef`].
#[derive(Default)]
pub(crate) struct Enclosing {
    named: Vec<&'static Schema>,
}

/// How many transparent layers (newtypes, self-references) are looked
/// through at one position before giving up: no real type comes close.
const MAX_TRANSPARENT: usize = 64;

impl Enclosing {
    /// The node with newtypes and self-references resolved: what the bytes
    /// at this position are.
    pub(crate) fn resolve(&self, mut s: &'static Schema) -> Result<&'static Schema, String> {
        for _ in 0..MAX_TRANSPARENT {
            match s {
                Schema::Newtype(d) => s = d.get().inner,
                Schema::SelfRef(path) => {
                    s = self
                        .named
                        .iter()
                        .rev()
                        .copied()
                        .find(|n| n.path() == Some(path))
                        .ok_or_else(|| format!("a self-reference to {path} outside that type"))?;
                }
                _ => return Ok(s),
            }
        }
        Err(format!("more than {MAX_TRANSPARENT} transparent layers"))
    }

    pub(crate) fn push(&mut self, s: &'static Schema) {
        self.named.push(s);
    }

    pub(crate) fn pop(&mut self) {
        self.named.pop();
    }
}

/// A short name of what a schema node expects, for errors.
pub(crate) fn expected(node: Node) -> String {
    match node {
        Node::Schema(s) => format!("`{s}`"),
        Node::Args(args) => format!("{} arguments", args.len()),
    }
}
