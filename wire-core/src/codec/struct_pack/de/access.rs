//! serde's access traits over struct_pack values: the elements of a
//! tuple, struct or argument list ([`Seq`], in C layout for a trivially
//! copyable struct), of a sequence or array ([`Same`]), a map's entries
//! ([`Map`]), and an enum's variant ([`Variant`]).

use super::{De, Reader};
use crate::codec::struct_pack::Error;
use crate::codec::struct_pack::guide::Node;
use crate::contract::layout::CLayout;
use crate::contract::schema::Schema;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// The elements of a tuple, struct or argument list, in order.
#[derive(Clone, Copy)]
pub(super) enum Elems {
    List(&'static [&'static Schema]),
    Fields(&'static [crate::contract::schema::Field]),
}

impl Elems {
    pub(super) fn count(self) -> usize {
        match self {
            Elems::List(items) => items.len(),
            Elems::Fields(fields) => fields.len(),
        }
    }

    fn get(self, i: usize) -> Option<&'static Schema> {
        match self {
            Elems::List(items) => items.get(i).copied(),
            Elems::Fields(fields) => fields.get(i).map(|f| f.schema),
        }
    }
}

pub(super) struct Seq<'r, 'a> {
    pub(super) r: &'r mut Reader<'a>,
    pub(super) elems: Elems,
    pub(super) i: usize,
    /// The C layout of a trivially copyable struct, which starts at `base`.
    pub(super) c_layout: Option<CLayout>,
    pub(super) base: usize,
}

impl Seq<'_, '_> {
    /// Skips the padding up to the next multiple of `align` from the
    /// struct's start: whatever it holds (C++ copies it from memory).
    pub(super) fn skip_padding(&mut self, align: usize) -> Result<(), Error> {
        let offset = self.r.pos - self.base;
        self.r.take(offset.div_ceil(align) * align - offset, "padding")?;
        Ok(())
    }
}

impl<'de> de::SeqAccess<'de> for Seq<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(schema) = self.elems.get(self.i) else {
            return Ok(None);
        };
        self.i += 1;
        if self.c_layout.is_some() {
            let field = schema.c_layout().ok_or_else(|| Error::new(format!("`{schema}` is not trivially copyable")))?;
            self.skip_padding(field.align)?;
        }
        seed.deserialize(De { r: &mut *self.r, node: Node::Schema(schema) }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.elems.count() - self.i)
    }
}

/// The elements of a sequence or array: all at one node, resolved once.
/// Not [`Seq`]: this is read once per element of a `Vec<u8>`, and has
/// nothing to look up but the count.
pub(super) struct Same<'r, 'a> {
    pub(super) r: &'r mut Reader<'a>,
    pub(super) t: &'static Schema,
    pub(super) left: usize,
}

impl<'de> de::SeqAccess<'de> for Same<'_, '_> {
    type Error = Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(De { r: &mut *self.r, node: Node::Schema(self.t) }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

pub(super) struct Map<'r, 'a> {
    pub(super) r: &'r mut Reader<'a>,
    pub(super) k: &'static Schema,
    pub(super) v: &'static Schema,
    pub(super) left: usize,
}

impl<'de> de::MapAccess<'de> for Map<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(De { r: &mut *self.r, node: Node::Schema(self.k) }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(De { r: &mut *self.r, node: Node::Schema(self.v) })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// The fields of the variant that was read.
pub(super) enum Fields {
    None,
    One(&'static Schema),
    Many(&'static [crate::contract::schema::Field]),
}

pub(super) struct Variant<'r, 'a> {
    pub(super) r: &'r mut Reader<'a>,
    pub(super) index: u32,
    pub(super) fields: Fields,
}

impl<'de, 'r, 'a> de::EnumAccess<'de> for Variant<'r, 'a> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let index: de::value::U32Deserializer<Error> = self.index.into_deserializer();
        Ok((seed.deserialize(index)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.fields {
            Fields::None => Ok(()),
            _ => Err(Error::new(format!("variant {} has fields, the type reads a unit variant", self.index))),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.fields {
            Fields::One(schema) => seed.deserialize(De { r: self.r, node: Node::Schema(schema) }),
            _ => Err(Error::new(format!("variant {} is not a newtype variant", self.index))),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.fields {
            Fields::Many(fields) => self.r.seq(Elems::Fields(fields), None, visitor),
            _ => Err(Error::new(format!("variant {} is not a tuple or struct variant", self.index))),
        }
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        self.tuple_variant(0, visitor)
    }
}
