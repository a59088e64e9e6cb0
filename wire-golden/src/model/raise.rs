//! The model as schema trees, so the codes a file records are recomputed by
//! `wire_core`'s own walk.

use super::{Body, FieldDef, Ty, TypeDef};
use std::collections::{BTreeMap, HashMap};
use wire_core::{DefRef, Field, Schema, Shape};

/// Model -> schema tree, so the codes a file records are recomputed by
/// `wire_core`'s own walk. The trees are leaked: a contract is small and
/// checked a few times per process.
pub(crate) struct Raise<'a> {
    types: &'a BTreeMap<String, TypeDef>,
    /// Named types already raised whose schema holds no self-reference, so
    /// it is the same wherever they are used: a type used twice is raised once.
    memo: std::cell::RefCell<HashMap<&'a str, &'static Schema>>,
    /// Whether the node being raised produced a self-reference.
    saw_self_ref: std::cell::Cell<bool>,
    /// Schema nodes left to raise for this file.
    budget: std::cell::Cell<usize>,
    /// Nesting of the node being raised, through named types included.
    depth: std::cell::Cell<usize>,
}

/// How deeply a handler's schema may nest, named types included: real types
/// stay far below; it bounds the recursion of everything that walks a schema.
pub(crate) const MAX_SCHEMA_DEPTH: usize = 256;

/// Schema nodes one contract file may raise: far above any real contract
/// (with shared types raised once), far below what a hostile file that
/// reuses types exponentially would need.
pub(crate) const RAISE_BUDGET: usize = 1 << 21;

fn leak<T>(t: T) -> &'static T {
    Box::leak(Box::new(t))
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

impl<'a> Raise<'a> {
    pub fn new(types: &'a BTreeMap<String, TypeDef>) -> Raise<'a> {
        Raise {
            types,
            memo: Default::default(),
            saw_self_ref: Default::default(),
            budget: std::cell::Cell::new(RAISE_BUDGET),
            depth: std::cell::Cell::new(0),
        }
    }

    pub fn fields(&self, fields: &[FieldDef], stack: &mut Vec<String>) -> Result<&'static [Field], String> {
        let fields: Result<Vec<Field>, String> =
            fields.iter().map(|f| Ok(Field { name: leak_str(&f.name), schema: self.ty(&f.ty, stack)? })).collect();
        Ok(Box::leak(fields?.into_boxed_slice()))
    }

    pub fn ty(&self, ty: &Ty, stack: &mut Vec<String>) -> Result<&'static Schema, String> {
        if self.depth.get() >= MAX_SCHEMA_DEPTH {
            return Err(format!(
                "the types nest more than {MAX_SCHEMA_DEPTH} levels deep (named types included): \
                 no real contract does"
            ));
        }
        self.depth.set(self.depth.get() + 1);
        let raised = self.ty_here(ty, stack);
        self.depth.set(self.depth.get() - 1);
        raised
    }

    fn ty_here(&self, ty: &Ty, stack: &mut Vec<String>) -> Result<&'static Schema, String> {
        let Some(left) = self.budget.get().checked_sub(1) else {
            return Err(format!(
                "the types of this file expand to more than {RAISE_BUDGET} schema nodes: a type graph that \
                 reuses types this much has no literal of a sane size"
            ));
        };
        self.budget.set(left);
        Ok(leak(match ty.shape() {
            Shape::Prim(p) => Schema::Prim(*p),
            Shape::Str => Schema::Str,
            Shape::Unit => Schema::Unit,
            Shape::Seq(t) => Schema::Seq(self.ty(t, stack)?),
            Shape::Set(t) => Schema::Set(self.ty(t, stack)?),
            Shape::Option(t) => Schema::Option(self.ty(t, stack)?),
            Shape::Array(t, n) => Schema::Array(self.ty(t, stack)?, *n),
            Shape::Map(k, v) => Schema::Map(self.ty(k, stack)?, self.ty(v, stack)?),
            Shape::Result(t, e) => Schema::Result(self.ty(t, stack)?, self.ty(e, stack)?),
            Shape::Tuple(items) => {
                let items: Result<Vec<&'static Schema>, String> = items.iter().map(|t| self.ty(t, stack)).collect();
                Schema::Tuple(Box::leak(items?.into_boxed_slice()))
            }
            Shape::Opaque(name) => Schema::Opaque(leak_str(name)),
            Shape::Named(key) => return self.named(key, stack),
        }))
    }

    /// A named type: a reference back inside itself, else its definition
    /// (raised once where it holds no reference back).
    fn named(&self, key: &str, stack: &mut Vec<String>) -> Result<&'static Schema, String> {
        if stack.iter().any(|k| k == key) {
            self.saw_self_ref.set(true);
            return Ok(leak(Schema::SelfRef(leak_str(key))));
        }
        if let Some(schema) = self.memo.borrow().get(key).copied() {
            return Ok(schema);
        }
        let (key, def) =
            self.types.get_key_value(key).ok_or_else(|| format!("type `{key}` is used but not defined"))?;
        let outer_saw_self_ref = self.saw_self_ref.replace(false);
        let path = leak_str(key);
        let name = leak_str(&def.name);
        stack.push(key.clone());
        let type_args: Result<Vec<&'static Schema>, String> = def.type_args.iter().map(|t| self.ty(t, stack)).collect();
        let type_args: &'static [&'static Schema] = Box::leak(type_args?.into_boxed_slice());
        let schema = match &def.body {
            Body::Struct { style, trivial, fields } => Schema::Struct(DefRef::new(leak(wire_core::StructDef {
                name,
                path,
                type_args,
                style: *style,
                trivial: *trivial,
                fields: self.fields(fields, stack)?,
            }))),
            Body::Enum { variants } => {
                let variants: Result<Vec<wire_core::Variant>, String> = variants
                    .iter()
                    .map(|v| {
                        Ok(wire_core::Variant {
                            name: leak_str(&v.name),
                            style: v.style,
                            fields: self.fields(&v.fields, stack)?,
                        })
                    })
                    .collect();
                Schema::Enum(DefRef::new(leak(wire_core::EnumDef {
                    name,
                    path,
                    type_args,
                    variants: Box::leak(variants?.into_boxed_slice()),
                })))
            }
            Body::CEnum { repr, variants } => {
                let variants: Vec<wire_core::CVariant> =
                    variants.iter().map(|v| wire_core::CVariant { name: leak_str(&v.name), value: v.value }).collect();
                Schema::CEnum(DefRef::new(leak(wire_core::CEnumDef {
                    name,
                    path,
                    repr: *repr,
                    variants: Box::leak(variants.into_boxed_slice()),
                })))
            }
            Body::Newtype(inner) => Schema::Newtype(DefRef::new(leak(wire_core::NewtypeDef {
                name,
                path,
                type_args,
                inner: self.ty(inner, stack)?,
            }))),
        };
        stack.pop();
        let schema = leak(schema);
        if !self.saw_self_ref.get() {
            self.memo.borrow_mut().insert(key, schema);
        }
        self.saw_self_ref.set(outer_saw_self_ref || self.saw_self_ref.get());
        Ok(schema)
    }
}
