//! The contract as owned data: what a contract file holds, and what the live
//! registry is turned into before it is compared or written.
//!
//! The live side is derived from the schema trees (`lower`: every named type
//! gets a key); the file side is parsed and then checked by turning it back
//! into schema trees (`raise`), so the codes a file records are recomputed by
//! the same walk that computed them (`wire_core`). A type expression ([`Ty`])
//! is wire-core's [`Shape`](wire_core::Shape), owned: each view of a type
//! walks the one vocabulary.

mod lower;
mod raise;
mod ty;

pub(crate) use raise::Raise;
pub use ty::Ty;

use std::collections::BTreeMap;
use wire_core::{Prim, Style};

/// A named type's definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    /// Its key in the file: the name and type arguments (`Page<u32>`), the
    /// name being `name~xxxxxxxx` when the text alone would be ambiguous.
    pub key: String,
    /// The serialized name.
    pub name: String,
    /// The type arguments of a generic type's instantiation, as in the key.
    pub type_args: Vec<Ty>,
    /// What it is made of.
    pub body: Body,
    /// Line of the definition in its file (0 for the live registry).
    pub line: usize,
}

/// The body of a named type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// A struct: `FD … FF`, or `FA` for a unit struct. Never [`Style::Newtype`].
    Struct {
        /// Named, tuple or unit.
        style: Style,
        /// `#[wire(trivial)]`: C layout in struct_pack, alignment in the literal.
        trivial: bool,
        /// The fields on the wire, in order (tuple fields are named `0`, `1`, …).
        fields: Vec<FieldDef>,
    },
    /// A C-like enum carried as its integer (`#[wire(c_enum)]`).
    CEnum {
        /// The integer on the wire.
        repr: Prim,
        /// The variants and their integers, in declaration order.
        variants: Vec<CVariantDef>,
    },
    /// An enum: `86 … FF`.
    Enum {
        /// The variants, in declaration order.
        variants: Vec<VariantDef>,
    },
    /// A transparent wrapper: its one member's literal.
    Newtype(Ty),
}

/// A named field, argument or element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDef {
    /// Its name (the position for a tuple element).
    pub name: String,
    /// Its type.
    pub ty: Ty,
}

/// One variant of a C-like enum and its integer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CVariantDef {
    /// Its name.
    pub name: String,
    /// Its integer.
    pub value: i64,
}

/// An enum variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantDef {
    /// Its name.
    pub name: String,
    /// Unit, newtype, tuple or struct variant.
    pub style: Style,
    /// Its fields on the wire, in order.
    pub fields: Vec<FieldDef>,
}

/// One handler line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlerDef {
    /// The wire name.
    pub name: String,
    /// The service (the trait, or its `#[wire(name)]`).
    pub service: String,
    /// The Rust method.
    pub method: String,
    /// `md5_32(name)`.
    pub function_id: u32,
    /// The code of the base argument tuple.
    pub args_code: u32,
    /// The code of the return type.
    pub return_code: u32,
    /// The base arguments, in order.
    pub args: Vec<FieldDef>,
    /// The `#[wire(since = N)]` levels, ascending (empty: none).
    pub ext: Vec<ExtLevelDef>,
    /// The return type.
    pub returns: Ty,
    /// The defining crate, when known (the live registry).
    pub krate: Option<String>,
    /// Line in its file (0 for the live registry).
    pub line: usize,
}

/// One extension level of a handler: its `#[wire(since = N)]` parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtLevelDef {
    /// The release that introduced them; at least 1.
    pub since: u16,
    /// The args code of the level's parameters.
    pub code: u32,
    /// The level's parameters, in order.
    pub args: Vec<FieldDef>,
}

impl HandlerDef {
    /// The levels as `(since, code)`: what peers must agree on beyond the base codes.
    pub fn ext_codes(&self) -> Vec<(u16, u32)> {
        self.ext.iter().map(|l| (l.since, l.code)).collect()
    }

    /// The level introduced in release `since`.
    pub fn level(&self, since: u16) -> Option<&ExtLevelDef> {
        self.ext.iter().find(|l| l.since == since)
    }
}

/// A whole contract: handlers sorted by name, and the named types they use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractDoc {
    /// The handlers, sorted by wire name.
    pub handlers: Vec<HandlerDef>,
    /// The named types, by key.
    pub types: BTreeMap<String, TypeDef>,
}

impl ContractDoc {
    /// The handler with this wire name.
    pub fn handler(&self, name: &str) -> Option<&HandlerDef> {
        self.handlers.binary_search_by(|h| h.name.as_str().cmp(name)).ok().map(|i| &self.handlers[i])
    }

    /// The document without where it came from (file lines, defining crate):
    /// what two documents of one contract, read from different places, share.
    pub fn without_locations(mut self) -> ContractDoc {
        for h in &mut self.handlers {
            h.line = 0;
            h.krate = None;
        }
        for t in self.types.values_mut() {
            t.line = 0;
        }
        self
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
