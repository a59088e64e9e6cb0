//! Writing a value as struct_pack's value bytes, guided by its schema.
//!
//! The calls every struct, variant and field goes through are inlined
//! into the value's `Serialize` impl in optimized builds
//! (`inline(always)`): a [`Compound`] is then kept in registers instead of
//! being returned through memory and copied back, which stalled on every
//! struct. Not in debug builds, where inlining only merges frames: a value
//! nested [`MAX_DEPTH`](crate::codec::depth::MAX_DEPTH) levels deep must
//! still fit a test thread's stack there.

mod compound;

use super::Error;
use super::guide::{Enclosing, Node, expected};
use crate::contract::schema::{Field, Prim, Schema, Style, Variant};
use compound::{Compound, Elems};
use serde::ser::{self, Serialize};

/// The value bytes being written.
pub(crate) struct Writer<'o> {
    pub(crate) out: &'o mut Vec<u8>,
    /// Bytes per size: 1, 2, 4 or 8.
    pub(crate) width: usize,
    /// Set when a size did not fit `width`: the width to write again with.
    pub(crate) wider: Option<usize>,
    /// The argument list at the top, if the payload is one ([`Node::Args`]).
    args: &'static [Field],
    enclosing: Enclosing,
}

impl<'o> Writer<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>, width: usize, args: &'static [Field]) -> Writer<'o> {
        Writer { out, width, wider: None, args, enclosing: Enclosing::default() }
    }

    /// Writes a size. One too large for the width stops the pass at once,
    /// with [`wider`](Writer::wider) set: the rest of it would be thrown away.
    ///
    /// The common case (one-byte sizes, a size under 256) is inlined.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn size(&mut self, n: usize) -> Result<(), Error> {
        if self.width == 1 && n < 0x100 {
            self.out.push(n as u8);
            return Ok(());
        }
        self.wide_size(n)
    }

    #[inline(never)]
    fn wide_size(&mut self, n: usize) -> Result<(), Error> {
        let needed = super::width_for(n);
        if needed > self.width {
            self.wider = Some(needed);
            // Not seen: `encode` looks at `wider` first (an empty message does not allocate).
            return Err(Error("".into()));
        }
        // A copy of fixed length per width: a slice of the width's length
        // would be a `memcpy` call per size.
        match self.width {
            1 => self.out.push(n as u8),
            2 => self.out.extend_from_slice(&(n as u16).to_le_bytes()),
            4 => self.out.extend_from_slice(&(n as u32).to_le_bytes()),
            _ => self.out.extend_from_slice(&(n as u64).to_le_bytes()),
        }
        Ok(())
    }

    #[cold]
    fn wrong_len(&self, node: Node, fields: usize, len: usize) -> Error {
        Error::new(format!("expected {} with {fields} fields, the value wrote {len}", expected(node, self.args)))
    }

    #[cold]
    fn mismatch(&self, node: Node, wrote: &str) -> Error {
        Error::new(format!("expected {}, the value's serde impl wrote {wrote}", expected(node, self.args)))
    }
}

#[cold]
fn no_variant(s: &Schema, index: u32) -> Error {
    let variants = match s {
        Schema::Enum(d) => d.get().variants.len(),
        _ => 0,
    };
    Error::new(format!("`{s}` has {variants} variants, the value wrote variant {index}"))
}

#[cold]
fn wrong_style(s: &Schema, v: &Variant, wrote: &str) -> Error {
    Error::new(format!("variant `{s}::{}` is {:?}, the value wrote {wrote}", v.name, v.style))
}

/// Serializes one value at `node`.
pub(crate) struct Ser<'w, 'o> {
    pub(crate) w: &'w mut Writer<'o>,
    pub(crate) node: Node,
}

impl<'w, 'o> Ser<'w, 'o> {
    /// A sequence's size, written: its element node (resolved) and size.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn seq_head(&mut self, len: Option<usize>) -> Result<(&'static Schema, usize), Error> {
        let node = self.w.enclosing.at(self.node)?;
        let (Node::Schema(Schema::Seq(t) | Schema::Set(t)), Some(len)) = (node, len) else {
            return Err(self.not_a_seq(node, len));
        };
        self.w.size(len)?;
        Ok((self.w.enclosing.resolve(t).unwrap_or(t), len))
    }

    #[cold]
    fn not_a_seq(&self, node: Node, len: Option<usize>) -> Error {
        match len {
            None => Error("struct_pack writes a sequence's size first: the value did not say it".into()),
            Some(_) => self.w.mismatch(node, "a sequence"),
        }
    }

    /// A number, or a C-like enum written as its integer. The bytes come
    /// as an array, not a slice: a copy of known length is a store or two,
    /// where a slice's is a `memmove` call per number.
    ///
    /// The node is most often exactly that number (every element of a
    /// `Vec<u8>`): that case is small enough to inline into the caller's
    /// loop, the others are out of line.
    #[inline]
    fn prim<const N: usize>(self, p: Prim, bytes: [u8; N], wrote: &str) -> Result<(), Error> {
        match self.node {
            Node::Schema(Schema::Prim(q)) if *q == p => {
                self.w.out.extend_from_slice(&bytes);
                Ok(())
            }
            _ => self.other_prim(p, bytes, wrote),
        }
    }

    /// [`prim`](Ser::prim) at a node that is not exactly `p`: a transparent
    /// layer around it, a C-like enum, or a mismatch.
    #[inline(never)]
    fn other_prim<const N: usize>(self, p: Prim, bytes: [u8; N], wrote: &str) -> Result<(), Error> {
        match self.w.enclosing.at(self.node)? {
            Node::Schema(Schema::Prim(q)) if *q == p => {
                self.w.out.extend_from_slice(&bytes);
                Ok(())
            }
            Node::Schema(Schema::CEnum(d)) if d.get().repr == p => {
                self.w.out.extend_from_slice(&bytes);
                Ok(())
            }
            node => Err(self.w.mismatch(node, wrote)),
        }
    }

    #[inline(always)]
    fn compound(self, elems: Elems, named: Option<&'static Schema>) -> Result<Compound<'w, 'o>, Error> {
        self.w.enclosing.enter(named)?;
        let elems = elems.resolved(&self.w.enclosing);
        // A trivially copyable struct is written in C layout: each field at
        // its aligned offset from here, padding zeroed.
        let c_align = match named {
            Some(Schema::Struct(d)) if d.get().trivial => named.and_then(|s| s.c_layout()).map_or(0, |l| l.align),
            _ => 0,
        };
        let base = self.w.out.len();
        Ok(Compound { w: self.w, elems, i: 0, count: elems.count(), named: named.is_some(), c_align, base })
    }

    /// A struct, tuple, tuple struct or argument list of `len` values.
    ///
    /// Inlined, errors aside, into the value's `Serialize` impl: the
    /// [`Compound`] is then built in registers, not returned through memory
    /// and copied back (which stalled on every struct).
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn fields(self, len: usize, wrote: &str) -> Result<Compound<'w, 'o>, Error> {
        let node = self.w.enclosing.at(self.node)?;
        let (elems, named) = match node {
            Node::Args => (Elems::Fields(self.w.args), None),
            Node::Schema(s @ Schema::Struct(d)) if d.style != Style::Unit => (Elems::Fields(d.get().fields), Some(s)),
            Node::Schema(Schema::Tuple(items)) => (Elems::List(items), None),
            Node::Schema(Schema::Array(t, n)) if *n == len => (Elems::Same(t, *n), None),
            _ => return Err(self.w.mismatch(node, wrote)),
        };
        if elems.len() != len {
            return Err(self.w.wrong_len(node, elems.len(), len));
        }
        self.compound(elems, named)
    }

    /// An enum's variant `index`: writes the index, returns the variant's fields.
    ///
    /// Inlined, errors aside, for the reason [`fields`](Ser::fields) is.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn variant(self, index: u32, style: Style, wrote: &str) -> Result<Compound<'w, 'o>, Error> {
        let node = self.w.enclosing.at(self.node)?;
        let Node::Schema(s @ Schema::Enum(d)) = node else {
            return Err(self.w.mismatch(node, wrote));
        };
        let Some(v) = d.get().variants.get(index as usize) else {
            return Err(no_variant(s, index));
        };
        let fits = matches!(
            (v.style, style),
            (Style::Unit, Style::Unit)
                | (Style::Newtype, Style::Newtype)
                | (Style::Tuple | Style::Named, Style::Tuple | Style::Named)
        );
        if !fits {
            return Err(wrong_style(s, v, wrote));
        }
        // struct_pack's variant index is one byte (its variants have at most 255 alternatives).
        let Ok(index) = u8::try_from(index) else {
            return Err(Error::new(format!("variant index {index} does not fit a byte")));
        };
        self.w.out.push(index);
        Ser { w: self.w, node }.compound(Elems::Fields(v.fields), Some(s))
    }
}

/// An iterator's length if it is sure of it (serde's rule for `collect_seq`).
fn exact_len(iter: &impl Iterator) -> Option<usize> {
    match iter.size_hint() {
        (lo, Some(hi)) if lo == hi => Some(lo),
        _ => None,
    }
}

macro_rules! prims {
    ($($method:ident($t:ty) => $p:ident,)*) => {$(
        #[inline]
        fn $method(self, v: $t) -> Result<(), Error> {
            self.prim(Prim::$p, v.to_le_bytes(), stringify!($t))
        }
    )*};
}

impl<'w, 'o> ser::Serializer for Ser<'w, 'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'o>;
    type SerializeTuple = Compound<'w, 'o>;
    type SerializeTupleStruct = Compound<'w, 'o>;
    type SerializeTupleVariant = Compound<'w, 'o>;
    type SerializeMap = Compound<'w, 'o>;
    type SerializeStruct = Compound<'w, 'o>;
    type SerializeStructVariant = Compound<'w, 'o>;

    prims! {
        serialize_i8(i8) => I8,
        serialize_i16(i16) => I16,
        serialize_i32(i32) => I32,
        serialize_i64(i64) => I64,
        serialize_i128(i128) => I128,
        serialize_u8(u8) => U8,
        serialize_u16(u16) => U16,
        serialize_u32(u32) => U32,
        serialize_u64(u64) => U64,
        serialize_u128(u128) => U128,
        serialize_f32(f32) => F32,
        serialize_f64(f64) => F64,
    }

    #[inline]
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.prim(Prim::Bool, [v as u8], "bool")
    }

    /// char32_t: the code point, 4 bytes.
    #[inline]
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.prim(Prim::Char, (v as u32).to_le_bytes(), "char")
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.serialize_bytes(v.as_bytes())
    }

    /// A string, or a sequence of bytes: the size, then the bytes.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        match self.w.enclosing.at(self.node)? {
            Node::Schema(Schema::Str | Schema::Seq(Schema::Prim(Prim::U8 | Prim::I8))) => {
                self.w.size(v.len())?;
                self.w.out.extend_from_slice(v);
                Ok(())
            }
            node => Err(self.w.mismatch(node, "a string")),
        }
    }

    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        match self.w.enclosing.at(self.node)? {
            Node::Schema(Schema::Option(_)) => {
                self.w.out.push(0);
                Ok(())
            }
            node => Err(self.w.mismatch(node, "None")),
        }
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        match self.w.enclosing.at(self.node)? {
            Node::Schema(Schema::Option(t)) => {
                self.w.out.push(1);
                value.serialize(Ser { w: self.w, node: Node::Schema(t) })
            }
            node => Err(self.w.mismatch(node, "Some")),
        }
    }

    /// `()`: std::monostate, no bytes.
    #[inline]
    fn serialize_unit(self) -> Result<(), Error> {
        match self.w.enclosing.at(self.node)? {
            Node::Schema(Schema::Unit) => Ok(()),
            Node::Args if self.w.args.is_empty() => Ok(()),
            Node::Schema(Schema::Struct(d)) if d.style == Style::Unit => Ok(()),
            node => Err(self.w.mismatch(node, "()")),
        }
    }

    #[inline]
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_unit_variant(self, _name: &'static str, index: u32, _variant: &'static str) -> Result<(), Error> {
        self.variant(index, Style::Unit, "a unit variant")?.finish()
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        match self.w.enclosing.at(self.node)? {
            // A `#[wire(trivial)]` newtype is a struct of one field, as in C++.
            Node::Schema(Schema::Struct(d)) if d.fields.len() == 1 => {
                let mut fields = self.fields(1, "a newtype struct")?;
                fields.element(value)?;
                fields.finish()
            }
            // Other newtypes are transparent in the schema (resolved by `at`) and on the wire.
            _ => value.serialize(self),
        }
    }

    #[inline]
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if let Node::Schema(Schema::Result(t, e)) = self.w.enclosing.at(self.node)? {
            // expected<T, E>: 1 then the value, or 0 then the error.
            let (flag, schema) = match index {
                0 => (1, t),
                1 => (0, e),
                _ => return Err(Error::new(format!("a `Result` has 2 variants, the value wrote variant {index}"))),
            };
            self.w.out.push(flag);
            return value.serialize(Ser { w: self.w, node: Node::Schema(schema) });
        }
        let mut fields = self.variant(index, Style::Newtype, "a newtype variant")?;
        fields.element(value)?;
        fields.finish()
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_seq(mut self, len: Option<usize>) -> Result<Compound<'w, 'o>, Error> {
        let (t, len) = self.seq_head(len)?;
        self.compound(Elems::Same(t, len), None)
    }

    /// A sequence from an iterator: how serde writes a `Vec`, a set, a
    /// slice. The default would go through [`SerializeSeq`](ser::SerializeSeq),
    /// whose state is read from and written back to memory around every
    /// element; this loop keeps it in registers (a `Vec<u8>` is one byte
    /// an iteration).
    fn collect_seq<I>(mut self, iter: I) -> Result<(), Error>
    where
        I: IntoIterator,
        I::Item: Serialize,
    {
        let iter = iter.into_iter();
        let (t, len) = self.seq_head(exact_len(&iter))?;
        self.w.enclosing.enter(None)?;
        let mut written = 0;
        for item in iter {
            if written == len {
                return Err(Error::new(format!("the value wrote more than the {len} elements it announced")));
            }
            item.serialize(Ser { w: self.w, node: Node::Schema(t) })?;
            written += 1;
        }
        if written != len {
            return Err(Error::new(format!("the value wrote {written} of the {len} elements it announced")));
        }
        self.w.enclosing.leave(false);
        Ok(())
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'o>, Error> {
        self.fields(len, "a tuple")
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'w, 'o>, Error> {
        self.fields(len, "a tuple struct")
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, Error> {
        let fields = self.variant(index, Style::Tuple, "a tuple variant")?;
        if fields.elems.len() != len {
            return Err(Error::new(format!("a variant of {} fields, the value wrote {len}", fields.elems.len())));
        }
        Ok(fields)
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'w, 'o>, Error> {
        let node = self.w.enclosing.at(self.node)?;
        let (Node::Schema(Schema::Map(k, v)), Some(len)) = (node, len) else {
            return Err(match len {
                None => Error("struct_pack writes a map's size first: the value did not say it".into()),
                Some(_) => self.w.mismatch(node, "a map"),
            });
        };
        self.w.size(len)?;
        Ser { w: self.w, node }.compound(Elems::Map(k, v, len), None)
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'w, 'o>, Error> {
        self.fields(len, "a struct")
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, Error> {
        self.serialize_tuple_variant(name, index, variant, len)
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}
