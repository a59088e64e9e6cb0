//! The derive input, read once into a small model with its attributes read
//! (see [`crate::attr`]). Reading never fails: whether the model can be
//! derived is [`check`](super::check)'s to say.

use crate::attr;
use syn::{Data as SynData, DeriveInput, Fields, Generics, Ident, Member, Type};

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: attr::Container,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Struct(Style, Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
    /// Rejected by check: serde has no representation for a union.
    Union(&'a syn::token::Union),
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub attrs: attr::Variant,
    pub style: Style,
    pub fields: Vec<Field<'a>>,
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: attr::Field,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unit,
    Newtype,
    Tuple,
    Named,
}

impl<'a> Input<'a> {
    pub fn from_syn(input: &'a DeriveInput) -> Input<'a> {
        let data = match &input.data {
            SynData::Struct(s) => {
                let (style, fields) = fields(&s.fields);
                Data::Struct(style, fields)
            }
            SynData::Enum(e) => Data::Enum(
                e.variants
                    .iter()
                    .map(|v| {
                        let (style, fields) = fields(&v.fields);
                        Variant { ident: &v.ident, attrs: attr::Variant::from_attrs(&v.attrs), style, fields }
                    })
                    .collect(),
            ),
            SynData::Union(u) => Data::Union(&u.union_token),
        };
        Input { ident: &input.ident, generics: &input.generics, attrs: attr::Container::from_attrs(&input.attrs), data }
    }
}

fn fields<'a>(fields: &'a Fields) -> (Style, Vec<Field<'a>>) {
    let style = match fields {
        Fields::Named(_) => Style::Named,
        Fields::Unnamed(f) if f.unnamed.len() == 1 => Style::Newtype,
        Fields::Unnamed(_) => Style::Tuple,
        Fields::Unit => Style::Unit,
    };
    let fields = fields
        .iter()
        .enumerate()
        .map(|(i, f)| Field {
            member: match &f.ident {
                Some(ident) => Member::Named(ident.clone()),
                None => Member::Unnamed(i.into()),
            },
            ty: &f.ty,
            attrs: attr::Field::from_attrs(&f.attrs),
        })
        .collect();
    (style, fields)
}
