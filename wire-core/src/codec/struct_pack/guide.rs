//! Where the codec is in the schema tree while it writes or reads a value.
//!
//! struct_pack writes no tags, so the bytes alone do not say what they are:
//! the schema does. Both directions walk it beside serde's calls, which
//! tells `Result` (struct_pack's `expected`, whose flag is 1 for a value)
//! from an enum, resolves recursive references, and refuses a value whose
//! serde impl does not write what its [`Wire`](crate::Wire) schema says.

use super::Error;
use crate::contract::schema::{Field, Schema};

/// What the codec expects next: a schema node, or the argument list at
/// the top of a call's payload (written like a tuple of its arguments),
/// which the writer or reader keeps.
///
/// One pointer wide: with the writer or reader beside it, the serializer
/// and deserializer of every value travel in two registers.
#[derive(Clone, Copy)]
pub(crate) enum Node {
    Schema(&'static Schema),
    Args,
}

/// The named types enclosing the current position, innermost last: the
/// targets of [`Schema::SelfRef`]; and how many levels deep it is, which
/// the writer and the reader both bound by
/// [`MAX_DEPTH`](crate::codec::depth::MAX_DEPTH).
///
/// The innermost few live inline, the rest (deeply nested values only) in a
/// `Vec`: a payload is written or read in well under a microsecond, and an
/// allocation on the first named type would be a good part of that.
pub(crate) struct Enclosing {
    /// `None` past `len`: all zeros, which a new payload's writer or
    /// reader sets up with a couple of wide stores.
    inline: [Option<&'static Schema>; INLINE],
    /// How many are enclosing in all: `inline` holds the first `INLINE`.
    len: usize,
    deeper: Vec<&'static Schema>,
    /// Levels entered, named or not.
    depth: usize,
}

/// How many enclosing named types are kept without allocating.
const INLINE: usize = 8;

impl Default for Enclosing {
    fn default() -> Self {
        Enclosing { inline: [None; INLINE], len: 0, deeper: Vec::new(), depth: 0 }
    }
}

/// How many transparent layers (newtypes, self-references) are looked
/// through at one position before giving up: no real type comes close.
const MAX_TRANSPARENT: usize = 64;

impl Enclosing {
    /// The node with newtypes and self-references resolved: what the bytes
    /// at this position are.
    ///
    /// Inline, as it runs for every value: most nodes are neither and are
    /// returned as they are.
    #[inline]
    pub(crate) fn resolve(&self, s: &'static Schema) -> Result<&'static Schema, String> {
        match s {
            Schema::Newtype(_) | Schema::SelfRef(_) => self.resolve_layers(s),
            _ => Ok(s),
        }
    }

    fn resolve_layers(&self, mut s: &'static Schema) -> Result<&'static Schema, String> {
        for _ in 0..MAX_TRANSPARENT {
            match s {
                Schema::Newtype(d) => s = d.get().inner,
                Schema::SelfRef(path) => {
                    s = self.innermost(path).ok_or_else(|| format!("a self-reference to {path} outside that type"))?;
                }
                _ => return Ok(s),
            }
        }
        Err(format!("more than {MAX_TRANSPARENT} transparent layers"))
    }

    /// The innermost enclosing named type at `path`.
    fn innermost(&self, path: &str) -> Option<&'static Schema> {
        let inline = &self.inline[..self.len.min(INLINE)];
        self.deeper.iter().rev().chain(inline.iter().rev().flatten()).copied().find(|n| n.path() == Some(path))
    }

    /// The value of `node`: the node with transparent layers resolved.
    #[inline]
    pub(crate) fn at(&self, node: Node) -> Result<Node, Error> {
        match node {
            Node::Schema(s) => self.resolve(s).map(Node::Schema).map_err(Error::new),
            args => Ok(args),
        }
    }

    /// One level deeper, inside `named` if given.
    ///
    /// Inlined in optimized builds: the writer's `Compound` stays in
    /// registers only if every call a struct goes through is.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn enter(&mut self, named: Option<&'static Schema>) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > crate::codec::depth::MAX_DEPTH {
            return Err(too_deep());
        }
        if let Some(named) = named {
            self.push(named);
        }
        Ok(())
    }

    /// Back out of the level [`enter`](Enclosing::enter) went into.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn leave(&mut self, named: bool) {
        self.depth -= 1;
        if named {
            self.pop();
        }
    }

    #[inline]
    fn push(&mut self, s: &'static Schema) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = Some(s),
            None => self.deeper.push(s),
        }
        self.len += 1;
    }

    #[inline]
    fn pop(&mut self) {
        self.len -= 1;
        if self.len >= INLINE {
            self.deeper.pop();
        }
    }
}

#[cold]
fn too_deep() -> Error {
    Error::new(format!("the value nests more than {} levels deep", crate::codec::depth::MAX_DEPTH))
}

/// A short name of what a node expects (`args` are the payload's
/// argument list, if it is one), for errors.
pub(crate) fn expected(node: Node, args: &[Field]) -> String {
    match node {
        Node::Schema(s) => format!("`{s}`"),
        Node::Args => format!("{} arguments", args.len()),
    }
}
