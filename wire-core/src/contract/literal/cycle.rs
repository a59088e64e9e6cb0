//! Recursion in the literal (wire spec §2, "Recursion"): the chain of
//! enclosing shapes, type identity (`Page<u32>` and `Page<u64>` are two
//! types), and the `FB` reference back to an enclosing occurrence.

use super::emitter::{Emitter, byte};
use crate::contract::schema::Schema;

/// The chain of enclosing shapes, innermost first (wire spec §2, "Recursion").
pub(super) struct Chain<'a> {
    /// The shape, or `None` for a handler's argument list.
    pub(super) node: Option<&'a Schema>,
    /// Whether the shape has a literal of its own (everything but a newtype):
    /// only those count in a recursion distance.
    pub(super) counts: bool,
    pub(super) parent: Option<&'a Chain<'a>>,
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A named node's identity: its path and type arguments (`Page<u32>` and
/// `Page<u64>` are two types); a self-reference stands for the enclosing
/// type of its path.
const fn identity(s: &Schema) -> Option<(&'static str, Option<&'static [&'static Schema]>)> {
    match s {
        Schema::Struct(d) => Some((d.get().path, Some(d.get().type_args))),
        Schema::Enum(d) => Some((d.get().path, Some(d.get().type_args))),
        Schema::Newtype(d) => Some((d.get().path, Some(d.get().type_args))),
        Schema::CEnum(d) => Some((d.get().path, Some(&[]))),
        Schema::SelfRef(path) => Some((path, None)),
        _ => None,
    }
}

/// Whether two nodes are one type: shapes compared by shape, named types by
/// identity (never by their fields, so this ends on recursive types too).
const fn same_type(a: &Schema, b: &Schema) -> bool {
    if let (Some((pa, aa)), Some((pb, ab))) = (identity(a), identity(b)) {
        return str_eq(pa, pb)
            && match (aa, ab) {
                (Some(x), Some(y)) => same_types(x, y),
                _ => true,
            };
    }
    match (a, b) {
        (Schema::Prim(x), Schema::Prim(y)) => x.literal() == y.literal(),
        (Schema::Str, Schema::Str) | (Schema::Unit, Schema::Unit) => true,
        (Schema::Seq(x), Schema::Seq(y))
        | (Schema::Set(x), Schema::Set(y))
        | (Schema::Option(x), Schema::Option(y)) => same_type(x, y),
        (Schema::Map(k1, v1), Schema::Map(k2, v2)) | (Schema::Result(k1, v1), Schema::Result(k2, v2)) => {
            same_type(k1, k2) && same_type(v1, v2)
        }
        (Schema::Array(x, n), Schema::Array(y, m)) => *n == *m && same_type(x, y),
        (Schema::Tuple(x), Schema::Tuple(y)) => same_types(x, y),
        (Schema::Opaque(x), Schema::Opaque(y)) => str_eq(x, y),
        _ => false,
    }
}

const fn same_types(a: &[&Schema], b: &[&Schema]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !same_type(a[i], b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Where an enclosing occurrence of a shape was found.
pub(super) enum Found {
    /// Not enclosing.
    No,
    /// At this distance (1 = immediate parent), counting shapes with a literal byte.
    At(usize),
    /// A newtype met again with no struct or enum in between: it has no
    /// literal of its own to point back to.
    Transparent,
}

/// The nearest enclosing occurrence of `s`: as in struct_pack, any shape
/// met again among its ancestors (a struct, an enum, also a container such
/// as `Vec<Stmt>` inside `Stmt`'s fields) is a reference back to it.
pub(super) const fn find(chain: Option<&Chain<'_>>, s: &Schema) -> Found {
    let mut d = 0;
    let mut named_between = false;
    let mut link = chain;
    while let Some(l) = link {
        if l.counts {
            d += 1;
        }
        if let Some(node) = l.node {
            if same_type(node, s) {
                return if l.counts {
                    Found::At(d)
                } else if named_between {
                    // A struct or enum in between closes the cycle when met again.
                    Found::No
                } else {
                    Found::Transparent
                };
            }
            if l.counts && identity(node).is_some() {
                named_between = true;
            }
        }
        link = l.parent;
    }
    Found::No
}

/// `FB` + size(d − 2): a reference to the enclosing type at distance `d`.
pub(super) const fn circle(d: usize, e: &mut Emitter) {
    e.byte(byte::CIRCLE);
    if d >= 2 {
        e.size(d - 2);
    } else {
        // Extension: the parent itself, reached through a transparent
        // wrapper (`Neg(Box<Expr>)`): size(-1), the one-byte formula's 128.
        e.byte(byte::SIZE_MINUS_ONE);
    }
}
