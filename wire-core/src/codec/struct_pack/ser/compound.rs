//! The values of a struct, tuple, sequence or map: what each expects
//! ([`Elems`]), and how it is written ([`Compound`], serde's `Serialize*`
//! traits), with C layout padding for trivially copyable structs.

use super::{Ser, Writer};
use crate::codec::struct_pack::Error;
use crate::codec::struct_pack::guide::{Enclosing, Node};
use crate::contract::schema::Schema;
use serde::ser::{self, Serialize};

/// The values a compound expects, in order.
#[derive(Clone, Copy)]
pub(crate) enum Elems {
    Same(&'static Schema, usize),
    List(&'static [&'static Schema]),
    Fields(&'static [crate::contract::schema::Field]),
    /// A map's keys and values, alternating.
    Map(&'static Schema, &'static Schema, usize),
}

impl Elems {
    pub(super) fn len(self) -> usize {
        match self {
            Elems::Same(_, n) | Elems::Map(_, _, n) => n,
            Elems::List(items) => items.len(),
            Elems::Fields(fields) => fields.len(),
        }
    }

    /// The `i`th value's node. Fields (structs, variants, argument lists)
    /// are tested first, with one compare: the other kinds would make it
    /// an indirect jump for every field.
    #[inline(always)]
    fn get(self, i: usize) -> Option<&'static Schema> {
        if let Elems::Fields(fields) = self {
            return fields.get(i).map(|f| f.schema);
        }
        self.get_other(i)
    }

    fn get_other(self, i: usize) -> Option<&'static Schema> {
        match self {
            Elems::Same(t, n) => (i < n).then_some(t),
            Elems::List(items) => items.get(i).copied(),
            Elems::Fields(fields) => fields.get(i).map(|f| f.schema),
            Elems::Map(k, v, n) => (i < 2 * n).then_some(if i.is_multiple_of(2) { k } else { v }),
        }
    }

    pub(super) fn count(self) -> usize {
        match self {
            Elems::Map(_, _, n) => 2 * n,
            other => other.len(),
        }
    }

    /// A sequence's or map's element nodes resolved once, not per element
    /// (they are the same node each time). One that does not resolve is
    /// left for its first element to report.
    #[inline(always)]
    pub(super) fn resolved(self, enclosing: &Enclosing) -> Elems {
        let resolve = |t| enclosing.resolve(t).unwrap_or(t);
        match self {
            Elems::Same(t, n) => Elems::Same(resolve(t), n),
            Elems::Map(k, v, n) => Elems::Map(resolve(k), resolve(v), n),
            other => other,
        }
    }
}

/// The values of a struct, tuple, sequence or map.
pub(crate) struct Compound<'w, 'o> {
    pub(super) w: &'w mut Writer<'o>,
    pub(super) elems: Elems,
    pub(super) i: usize,
    /// How many values `elems` expects (counted once, not at the end).
    pub(super) count: usize,
    pub(super) named: bool,
    /// The alignment of a trivially copyable struct, written in C layout
    /// from `base`; 0 for other values. One word, not the whole layout:
    /// every struct's state is this and a few more.
    pub(super) c_align: usize,
    pub(super) base: usize,
}

impl Compound<'_, '_> {
    /// Inlined into the caller's `Serialize` impl, as its `serialize_field`
    /// calls are: a call per field would be a good part of a field's time.
    ///
    /// Nothing here takes the compound's address (the out-of-line helpers
    /// get its fields), so it can stay in registers.
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(super) fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let Some(schema) = self.elems.get(self.i) else {
            return Err(too_many(self.count));
        };
        self.i += 1;
        if self.c_align != 0 {
            pad_for(self.w.out, self.base, schema)?;
        }
        value.serialize(Ser { w: self.w, node: Node::Schema(schema) })
    }

    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(super) fn finish(&mut self) -> Result<(), Error> {
        if self.i != self.count {
            return Err(too_few(self.i, self.count));
        }
        if self.c_align != 0 {
            pad(self.w.out, self.base, self.c_align);
        }
        self.w.enclosing.leave(self.named);
        Ok(())
    }
}

/// Zeroes `out` up to the next multiple of `align` from a struct's start, `base`.
#[inline(never)]
fn pad(out: &mut Vec<u8>, base: usize, align: usize) {
    let offset = out.len() - base;
    let padded = offset.div_ceil(align) * align;
    out.resize(base + padded, 0);
}

/// Zeroes the padding before a field of a trivially copyable struct starting at `base`.
#[inline(never)]
fn pad_for(out: &mut Vec<u8>, base: usize, field: &'static Schema) -> Result<(), Error> {
    let layout = field.c_layout().ok_or_else(|| Error::new(format!("`{field}` is not trivially copyable")))?;
    pad(out, base, layout.align);
    Ok(())
}

#[cold]
fn too_many(count: usize) -> Error {
    Error::new(format!("the value wrote more than the {count} elements it announced"))
}

#[cold]
fn too_few(written: usize, count: usize) -> Error {
    Error::new(format!("the value wrote {written} of the {count} elements it announced"))
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end(mut self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end(mut self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end(mut self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end(mut self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.element(key)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end(mut self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _key: &'static str, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end(mut self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _key: &'static str, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn end(mut self) -> Result<(), Error> {
        self.finish()
    }
}
