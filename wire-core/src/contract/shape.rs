//! The vocabulary of shapes: one node of a type, with its children and its
//! named type left generic, so every view of a type (the schema tree, a
//! contract file's owned model) shares one enum, its text form and its walk.
//! A new shape is a compile error wherever a view handles shapes.

use super::schema::{Prim, Schema};
use std::fmt;

/// One node of a type: children as `C`, a named type (struct, enum,
/// newtype, C-like enum, or a reference back to one) as `N`.
///
/// ```
/// use wire_core::{Schema, Shape, Wire};
/// let shape = <Vec<Option<u8>> as Wire>::SCHEMA.shape();
/// assert_eq!(shape.keyword(), Some("Vec"));
/// assert_eq!(shape.children().count(), 1);
/// // The text form writes the children and names as told.
/// let text = shape.map(|c: &Schema| c.to_string(), |n: &Schema| n.to_string());
/// assert_eq!(text.to_string(), "Vec<Option<u8>>");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Shape<C, N> {
    /// A scalar.
    Prim(Prim),
    /// A string.
    Str,
    /// `()` and other monostates.
    Unit,
    /// A sequence.
    Seq(C),
    /// A set.
    Set(C),
    /// An option.
    Option(C),
    /// A fixed-size array and its length.
    Array(C, usize),
    /// A map.
    Map(C, C),
    /// A `Result` (struct_pack's `expected`).
    Result(C, C),
    /// A tuple.
    Tuple(Vec<C>),
    /// A hand-serialized type, by declared name.
    Opaque(String),
    /// A named type.
    Named(N),
}

impl<C, N> Shape<C, N> {
    /// The children, in order (none for leaves and named types).
    pub fn children(&self) -> impl Iterator<Item = &C> {
        let (one, two, many): (Option<&C>, Option<&C>, &[C]) = match self {
            Shape::Seq(t) | Shape::Set(t) | Shape::Option(t) | Shape::Array(t, _) => (Some(t), None, &[]),
            Shape::Map(a, b) | Shape::Result(a, b) => (Some(a), Some(b), &[]),
            Shape::Tuple(items) => (None, None, items),
            Shape::Prim(_) | Shape::Str | Shape::Unit | Shape::Opaque(_) | Shape::Named(_) => (None, None, &[]),
        };
        one.into_iter().chain(two).chain(many)
    }

    /// The same node with each child mapped by `child` and a name by `named`.
    pub fn map<C2, N2>(self, mut child: impl FnMut(C) -> C2, named: impl FnOnce(N) -> N2) -> Shape<C2, N2> {
        match self {
            Shape::Prim(p) => Shape::Prim(p),
            Shape::Str => Shape::Str,
            Shape::Unit => Shape::Unit,
            Shape::Seq(t) => Shape::Seq(child(t)),
            Shape::Set(t) => Shape::Set(child(t)),
            Shape::Option(t) => Shape::Option(child(t)),
            Shape::Array(t, n) => Shape::Array(child(t), n),
            Shape::Map(a, b) => {
                let a = child(a);
                Shape::Map(a, child(b))
            }
            Shape::Result(a, b) => {
                let a = child(a);
                Shape::Result(a, child(b))
            }
            Shape::Tuple(items) => Shape::Tuple(items.into_iter().map(child).collect()),
            Shape::Opaque(name) => Shape::Opaque(name),
            Shape::Named(n) => Shape::Named(named(n)),
        }
    }

    /// The node borrowed: its children and name by reference, as
    /// [`Option::as_ref`] is for an option.
    ///
    /// ```
    /// use wire_core::Shape;
    /// let shape: Shape<String, String> = Shape::Map("key".into(), "value".into());
    /// assert_eq!(shape.as_ref().map(|c| c.len(), |n| n.len()), Shape::Map(3, 5));
    /// ```
    pub fn as_ref(&self) -> Shape<&C, &N> {
        match self {
            Shape::Prim(p) => Shape::Prim(*p),
            Shape::Str => Shape::Str,
            Shape::Unit => Shape::Unit,
            Shape::Seq(t) => Shape::Seq(t),
            Shape::Set(t) => Shape::Set(t),
            Shape::Option(t) => Shape::Option(t),
            Shape::Array(t, n) => Shape::Array(t, *n),
            Shape::Map(a, b) => Shape::Map(a, b),
            Shape::Result(a, b) => Shape::Result(a, b),
            Shape::Tuple(items) => Shape::Tuple(items.iter().collect()),
            Shape::Opaque(name) => Shape::Opaque(name.clone()),
            Shape::Named(n) => Shape::Named(n),
        }
    }

    /// [`map`](Shape::map) for a walk with state (a memo, the types it is
    /// inside of): both functions are given the one context `cx`.
    ///
    /// ```
    /// use wire_core::Shape;
    /// let mut seen = Vec::new();
    /// let shape: Shape<u8, &str> = Shape::Result(1, 2);
    /// let doubled = shape.map_with(&mut seen, |seen, c| { seen.push(c); c * 2 }, |_, n| n);
    /// assert_eq!((doubled, seen), (Shape::Result(2, 4), vec![1, 2]));
    /// ```
    pub fn map_with<X: ?Sized, C2, N2>(
        self,
        cx: &mut X,
        mut child: impl FnMut(&mut X, C) -> C2,
        named: impl FnOnce(&mut X, N) -> N2,
    ) -> Shape<C2, N2> {
        // `map` calls one function at a time, so each borrows `cx` in turn.
        let cx = std::cell::RefCell::new(cx);
        self.map(|c| child(&mut cx.borrow_mut(), c), |n| named(&mut cx.borrow_mut(), n))
    }

    /// The word a contract file writes for a shape with children
    /// (`Vec`, `Set`, `Option`, `Map`, `Result`), if it has one.
    pub fn keyword(&self) -> Option<&'static str> {
        Some(match self {
            Shape::Seq(_) => "Vec",
            Shape::Set(_) => "Set",
            Shape::Option(_) => "Option",
            Shape::Map(..) => "Map",
            Shape::Result(..) => "Result",
            Shape::Prim(_)
            | Shape::Str
            | Shape::Unit
            | Shape::Array(..)
            | Shape::Tuple(_)
            | Shape::Opaque(_)
            | Shape::Named(_) => return None,
        })
    }

    /// Every word a shape's text form uses, which a named type's key must avoid.
    pub const RESERVED: &'static [&'static str] = &[
        "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "i128", "u128", "bool", "char", "f32", "f64", "String",
        "Vec", "Set", "Map", "Option", "Result", "opaque",
    ];
}

/// The text form, as contract files and reports write types: `Vec<String>`,
/// `Map<K, V>`, `[u8; 16]`, `(u8,)`, `()`, `opaque("Uuid")`, a named type as
/// `N` writes itself.
impl<C: fmt::Display, N: fmt::Display> fmt::Display for Shape<C, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Prim(p) => f.write_str(p.name()),
            Shape::Str => f.write_str("String"),
            Shape::Unit => f.write_str("()"),
            Shape::Array(t, n) => write!(f, "[{t}; {n}]"),
            Shape::Tuple(items) => write_tuple(f, items),
            Shape::Opaque(name) => write!(f, "opaque({name:?})"),
            Shape::Named(n) => write!(f, "{n}"),
            Shape::Seq(t) => write!(f, "Vec<{t}>"),
            Shape::Set(t) => write!(f, "Set<{t}>"),
            Shape::Option(t) => write!(f, "Option<{t}>"),
            Shape::Map(k, v) => write!(f, "Map<{k}, {v}>"),
            Shape::Result(t, e) => write!(f, "Result<{t}, {e}>"),
        }
    }
}

/// A tuple's text form, `(u8, bool)`, with a trailing comma for one
/// element (`(u8,)`) as Rust writes it: shared by [`Shape`] and [`Schema`].
pub(crate) fn write_tuple<T: fmt::Display>(f: &mut fmt::Formatter<'_>, items: &[T]) -> fmt::Result {
    f.write_str("(")?;
    for (i, t) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{t}")?;
    }
    if items.len() == 1 {
        f.write_str(",")?;
    }
    f.write_str(")")
}

impl Schema {
    /// This node in the shared vocabulary: its children are schema nodes,
    /// and a named type (or a reference back to one) is the node itself.
    pub fn shape(&'static self) -> Shape<&'static Schema, &'static Schema> {
        match self {
            Schema::Prim(p) => Shape::Prim(*p),
            Schema::Str => Shape::Str,
            Schema::Unit => Shape::Unit,
            Schema::Seq(t) => Shape::Seq(*t),
            Schema::Set(t) => Shape::Set(*t),
            Schema::Option(t) => Shape::Option(*t),
            Schema::Array(t, n) => Shape::Array(*t, *n),
            Schema::Map(k, v) => Shape::Map(*k, *v),
            Schema::Result(t, e) => Shape::Result(*t, *e),
            Schema::Tuple(items) => Shape::Tuple(items.to_vec()),
            Schema::Opaque(name) => Shape::Opaque((*name).to_owned()),
            Schema::Struct(_) | Schema::Enum(_) | Schema::Newtype(_) | Schema::CEnum(_) | Schema::SelfRef(_) => {
                Shape::Named(self)
            }
        }
    }
}
