//! Reading struct_pack's value bytes, guided by the schema.
//!
//! The schema says what every byte is, so this is a self-describing
//! deserializer (`deserialize_any` works). Reads never go past the input, a
//! size larger than what is left fails before anything is allocated, and
//! values nest at most [`MAX_DEPTH`](crate::codec::depth::MAX_DEPTH) levels.

mod access;

use super::Error;
use super::guide::{Enclosing, Node, expected};
use crate::contract::schema::{Field, Prim, Schema, Style};
use access::{Elems, Fields, Map, Same, Seq, Variant};
use serde::de::{self, Visitor};

/// The input being read.
pub(crate) struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    /// Bytes per size: 1, 2, 4 or 8.
    width: usize,
    /// The argument list at the top, if the payload is one ([`Node::Args`]).
    args: &'static [Field],
    enclosing: Enclosing,
}

/// Sequences of values without bytes of their own (`Vec<()>`) may claim
/// more elements than there are bytes left, up to this many.
const MAX_EMPTY_ELEMENTS: usize = 1 << 16;

impl<'a> Reader<'a> {
    pub(crate) fn new(input: &'a [u8], pos: usize, width: usize, args: &'static [Field]) -> Reader<'a> {
        Reader { input, pos, width, args, enclosing: Enclosing::default() }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    #[inline]
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], Error> {
        let Some(bytes) = self.input.get(self.pos..).and_then(|rest| rest.get(..n)) else {
            return Err(self.cut_off(n, what));
        };
        self.pos += n;
        Ok(bytes)
    }

    /// `N` bytes, as an array: what a number is read from.
    #[inline]
    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], Error> {
        let Some(bytes) = self.input.get(self.pos..).and_then(|rest| rest.first_chunk::<N>()) else {
            return Err(self.cut_off(N, what));
        };
        self.pos += N;
        Ok(*bytes)
    }

    /// Out of line: formatting the message would weigh down every read.
    #[cold]
    fn cut_off(&self, n: usize, what: &str) -> Error {
        let left = self.input.len() - self.pos;
        Error::new(format!("{what} needs {n} bytes at offset {}, {left} are left", self.pos))
    }

    #[inline]
    fn byte(&mut self, what: &str) -> Result<u8, Error> {
        Ok(self.array::<1>(what)?[0])
    }

    #[inline]
    fn size(&mut self, what: &str) -> Result<usize, Error> {
        // A read of fixed length per width, not a slice of the width's length.
        let n = match self.width {
            1 => u64::from(self.byte(what)?),
            2 => u64::from(u16::from_le_bytes(self.array(what)?)),
            4 => u64::from(u32::from_le_bytes(self.array(what)?)),
            _ => u64::from_le_bytes(self.array(what)?),
        };
        usize::try_from(n).map_err(|_| Error::new(format!("{what} does not fit this machine")))
    }

    /// A count of elements that each take at least one byte, or at most
    /// [`MAX_EMPTY_ELEMENTS`] of elements that may take none.
    #[inline]
    fn count(&mut self, what: &str) -> Result<usize, Error> {
        let at = self.pos;
        let n = self.size(what)?;
        let left = self.input.len() - self.pos;
        if n > left && n > MAX_EMPTY_ELEMENTS {
            return Err(too_many(what, n, at, left));
        }
        Ok(n)
    }

    /// The node every element of a sequence or map is at, resolved once,
    /// not per element (it is the same node each time). One that does not
    /// resolve is left for its first element to report.
    #[inline]
    fn resolved(&self, t: &'static Schema) -> &'static Schema {
        self.enclosing.resolve(t).unwrap_or(t)
    }

    /// The `elems` of a tuple, struct (`named`) or argument list, in order.
    fn seq<'de, V: Visitor<'de>>(
        &mut self,
        elems: Elems,
        named: Option<&'static Schema>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.enclosing.enter(named)?;
        let c_layout = match named {
            Some(s @ Schema::Struct(d)) if d.get().trivial => s.c_layout(),
            _ => None,
        };
        let base = self.pos;
        let mut access = Seq { r: &mut *self, elems, i: 0, c_layout, base };
        let value = visitor.visit_seq(&mut access)?;
        let (read, all) = (access.i, elems.count());
        if read != all {
            return Err(Error::new(format!("the value read {read} of {all} elements")));
        }
        if let Some(layout) = c_layout {
            access.skip_padding(layout.align)?;
        }
        self.enclosing.leave(named.is_some());
        Ok(value)
    }
}

#[cold]
fn too_many(what: &str, n: usize, at: usize, left: usize) -> Error {
    Error::new(format!("{what} {n} at offset {at} is more than the {left} bytes left"))
}

/// A number read straight when the node is exactly that number (struct
/// fields, every element of a `Vec<u8>`): no dispatch over every shape.
macro_rules! direct_numbers {
    ($($method:ident($t:ty) => $p:ident $visit:ident,)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.node {
                Node::Schema(Schema::Prim(Prim::$p)) => visitor.$visit(le!(self.r, $t)),
                _ => self.deserialize_any(visitor),
            }
        }
    )*};
}

/// Deserializes one value at `node`.
pub(crate) struct De<'r, 'a> {
    pub(crate) r: &'r mut Reader<'a>,
    pub(crate) node: Node,
}

macro_rules! le {
    ($r:expr, $t:ty) => {
        <$t>::from_le_bytes($r.array(stringify!($t))?)
    };
}

impl<'de, 'r, 'a> De<'r, 'a> {
    fn prim<V: Visitor<'de>>(self, p: Prim, visitor: V) -> Result<V::Value, Error> {
        let r = self.r;
        match p {
            Prim::Bool => match r.byte("bool")? {
                0 => visitor.visit_bool(false),
                1 => visitor.visit_bool(true),
                b => Err(Error::new(format!("bool byte {b:#04x} at offset {} is neither 0 nor 1", r.pos - 1))),
            },
            Prim::I8 => visitor.visit_i8(le!(r, i8)),
            Prim::U8 => visitor.visit_u8(le!(r, u8)),
            Prim::I16 => visitor.visit_i16(le!(r, i16)),
            Prim::U16 => visitor.visit_u16(le!(r, u16)),
            Prim::I32 => visitor.visit_i32(le!(r, i32)),
            Prim::U32 => visitor.visit_u32(le!(r, u32)),
            Prim::I64 => visitor.visit_i64(le!(r, i64)),
            Prim::U64 => visitor.visit_u64(le!(r, u64)),
            Prim::I128 => visitor.visit_i128(le!(r, i128)),
            Prim::U128 => visitor.visit_u128(le!(r, u128)),
            Prim::F32 => visitor.visit_f32(le!(r, f32)),
            Prim::F64 => visitor.visit_f64(le!(r, f64)),
            Prim::Char => {
                let at = r.pos;
                let c = le!(r, u32);
                let c = char::from_u32(c)
                    .ok_or_else(|| Error::new(format!("{c:#x} at offset {at} is not a Unicode scalar value")))?;
                visitor.visit_char(c)
            }
        }
    }

    fn string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let n = self.r.count("string size")?;
        let at = self.r.pos;
        let bytes = self.r.take(n, "string")?;
        let s = std::str::from_utf8(bytes)
            .map_err(|e| Error::new(format!("the string at offset {at} is not UTF-8: {e}")))?;
        visitor.visit_str(s)
    }

    fn sequence<V: Visitor<'de>>(self, t: &'static Schema, visitor: V) -> Result<V::Value, Error> {
        let n = self.r.count("sequence size")?;
        self.same(t, n, visitor)
    }

    /// `n` values at `t`: a sequence's elements or an array's.
    fn same<V: Visitor<'de>>(self, t: &'static Schema, n: usize, visitor: V) -> Result<V::Value, Error> {
        self.r.enclosing.enter(None)?;
        let t = self.r.resolved(t);
        let mut access = Same { r: &mut *self.r, t, left: n };
        let value = visitor.visit_seq(&mut access)?;
        if access.left != 0 {
            return Err(Error::new(format!("the value read {} of {n} elements", n - access.left)));
        }
        self.r.enclosing.leave(false);
        Ok(value)
    }

    fn map<V: Visitor<'de>>(self, k: &'static Schema, v: &'static Schema, visitor: V) -> Result<V::Value, Error> {
        let n = self.r.count("map size")?;
        self.r.enclosing.enter(None)?;
        let (k, v) = (self.r.resolved(k), self.r.resolved(v));
        let mut access = Map { r: &mut *self.r, k, v, left: n };
        let value = visitor.visit_map(&mut access)?;
        if access.left != 0 {
            return Err(Error::new(format!("the value read {} of {n} map entries", n - access.left)));
        }
        self.r.enclosing.leave(false);
        Ok(value)
    }

    fn option<V: Visitor<'de>>(self, t: &'static Schema, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.pos;
        match self.r.byte("option flag")? {
            0 => visitor.visit_none(),
            1 => {
                self.r.enclosing.enter(None)?;
                let value = visitor.visit_some(De { r: &mut *self.r, node: Node::Schema(t) })?;
                self.r.enclosing.leave(false);
                Ok(value)
            }
            b => Err(Error::new(format!("option flag {b:#04x} at offset {at} is neither 0 nor 1"))),
        }
    }

    /// expected<T, E>: 1 = a value (variant 0, `Ok`), 0 = an error (variant 1, `Err`).
    fn result<V: Visitor<'de>>(self, t: &'static Schema, e: &'static Schema, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.pos;
        let (index, schema) = match self.r.byte("expected flag")? {
            1 => (0u32, t),
            0 => (1, e),
            b => return Err(Error::new(format!("expected flag {b:#04x} at offset {at} is neither 0 nor 1"))),
        };
        self.r.enclosing.enter(None)?;
        let value = visitor.visit_enum(Variant { r: &mut *self.r, index, fields: Fields::One(schema) })?;
        self.r.enclosing.leave(false);
        Ok(value)
    }

    /// An enum `s` of `variants`: the index byte, then the variant's fields.
    fn variant<V: Visitor<'de>>(
        self,
        s: &'static Schema,
        variants: &'static [crate::contract::schema::Variant],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let at = self.r.pos;
        let index = self.r.byte("variant index")?;
        let v = variants
            .get(index as usize)
            .ok_or_else(|| Error::new(format!("variant index {index} at offset {at}: `{s}` has {}", variants.len())))?;
        let fields = match v.style {
            Style::Unit => Fields::None,
            Style::Newtype => Fields::One(v.fields[0].schema),
            Style::Tuple | Style::Named => Fields::Many(v.fields),
        };
        self.r.enclosing.enter(Some(s))?;
        let value = visitor.visit_enum(Variant { r: &mut *self.r, index: index as u32, fields })?;
        self.r.enclosing.leave(true);
        Ok(value)
    }
}

impl<'de> de::Deserializer<'de> for De<'_, '_> {
    type Error = Error;

    /// A dispatcher only: each shape is read by its own method, so the
    /// frame that recursion passes through once per level stays small (a
    /// match with every shape's locals in one frame overflowed a 2 MiB stack
    /// in debug builds near 400 levels, below `MAX_DEPTH`).
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let s = match self.r.enclosing.at(self.node)? {
            Node::Args if self.r.args.is_empty() => return visitor.visit_unit(),
            Node::Args => return self.r.seq(Elems::Fields(self.r.args), None, visitor),
            Node::Schema(s) => s,
        };
        match s {
            Schema::Prim(p) => self.prim(*p, visitor),
            Schema::Str => self.string(visitor),
            Schema::Seq(t) | Schema::Set(t) => self.sequence(t, visitor),
            Schema::Array(t, n) => self.same(t, *n, visitor),
            Schema::Tuple(items) => self.r.seq(Elems::List(items), None, visitor),
            Schema::Map(k, v) => self.map(k, v, visitor),
            Schema::Option(t) => self.option(t, visitor),
            Schema::Result(t, e) => self.result(t, e, visitor),
            Schema::Unit => visitor.visit_unit(),
            Schema::Struct(d) if d.style == Style::Unit => visitor.visit_unit(),
            Schema::Struct(d) => self.r.seq(Elems::Fields(d.get().fields), Some(s), visitor),
            Schema::Enum(d) => self.variant(s, d.get().variants, visitor),
            Schema::CEnum(d) => self.prim(d.get().repr, visitor),
            Schema::Opaque(name) => Err(Error::new(format!(
                "`{name}` is opaque (a hand-written Serialize): struct_pack has no layout for it"
            ))),
            Schema::Newtype(_) | Schema::SelfRef(_) => unreachable!("resolved by `at`"),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        match self.r.enclosing.at(self.node)? {
            // A `#[wire(trivial)]` newtype is a struct of one field, as in C++: read as a sequence.
            Node::Schema(Schema::Struct(d)) if d.fields.len() == 1 => self.deserialize_any(visitor),
            // Other newtypes are transparent: the same position, resolved when read.
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.r.enclosing.at(self.node)? {
            Node::Schema(Schema::Option(t)) => self.option(t, visitor),
            node => Err(Error::new(format!("expected {}, the type reads an Option", expected(node, self.r.args)))),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Straight to the variant, not through `deserialize_any`: one frame
        // less per level of a recursive enum.
        match self.r.enclosing.at(self.node)? {
            Node::Schema(s @ Schema::Enum(d)) => self.variant(s, d.get().variants, visitor),
            Node::Schema(Schema::Result(t, e)) => self.result(t, e, visitor),
            node => Err(Error::new(format!("expected {}, the type reads an enum", expected(node, self.r.args)))),
        }
    }

    fn is_human_readable(&self) -> bool {
        false
    }

    direct_numbers! {
        deserialize_i8(i8) => I8 visit_i8,
        deserialize_u8(u8) => U8 visit_u8,
        deserialize_i16(i16) => I16 visit_i16,
        deserialize_u16(u16) => U16 visit_u16,
        deserialize_i32(i32) => I32 visit_i32,
        deserialize_u32(u32) => U32 visit_u32,
        deserialize_i64(i64) => I64 visit_i64,
        deserialize_u64(u64) => U64 visit_u64,
        deserialize_i128(i128) => I128 visit_i128,
        deserialize_u128(u128) => U128 visit_u128,
        deserialize_f32(f32) => F32 visit_f32,
        deserialize_f64(f64) => F64 visit_f64,
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Schema(Schema::Str) => self.string(visitor),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool char bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}
