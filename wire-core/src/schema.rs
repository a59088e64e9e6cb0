//! The schema tree: the single description of a wire type.
//!
//! Every other view of a type is derived from it: the type literal and code
//! ([`Schema::literal`], [`Schema::code`]), the registry, the golden contract
//! text and the explanations of a difference. Names (of structs, fields,
//! variants) are carried for people and tools; they never enter the literal.

use core::fmt;

/// A primitive scalar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Prim {
    /// `i8`
    I8,
    /// `u8`
    U8,
    /// `i16`
    I16,
    /// `u16`
    U16,
    /// `i32`
    I32,
    /// `u32`
    U32,
    /// `i64`
    I64,
    /// `u64`
    U64,
    /// `i128`
    I128,
    /// `u128`
    U128,
    /// `bool`
    Bool,
    /// `char`
    Char,
    /// `f32`
    F32,
    /// `f64`
    F64,
}

impl Prim {
    /// The one-byte literal (struct_pack's type id).
    pub const fn literal(self) -> u8 {
        match self {
            Prim::I32 => 0x01,
            Prim::U32 => 0x02,
            Prim::I64 => 0x03,
            Prim::U64 => 0x04,
            Prim::I8 => 0x05,
            Prim::U8 => 0x06,
            Prim::I16 => 0x07,
            Prim::U16 => 0x08,
            Prim::I128 => 0x09,
            Prim::U128 => 0x0A,
            Prim::Bool => 0x0B,
            Prim::Char => 0x0E,
            Prim::F32 => 0x11,
            Prim::F64 => 0x12,
        }
    }

    /// The Rust spelling, e.g. `"u64"`.
    pub const fn name(self) -> &'static str {
        match self {
            Prim::I8 => "i8",
            Prim::U8 => "u8",
            Prim::I16 => "i16",
            Prim::U16 => "u16",
            Prim::I32 => "i32",
            Prim::U32 => "u32",
            Prim::I64 => "i64",
            Prim::U64 => "u64",
            Prim::I128 => "i128",
            Prim::U128 => "u128",
            Prim::Bool => "bool",
            Prim::Char => "char",
            Prim::F32 => "f32",
            Prim::F64 => "f64",
        }
    }

    /// Every primitive, in literal order.
    pub const ALL: [Prim; 14] = [
        Prim::I32,
        Prim::U32,
        Prim::I64,
        Prim::U64,
        Prim::I8,
        Prim::U8,
        Prim::I16,
        Prim::U16,
        Prim::I128,
        Prim::U128,
        Prim::Bool,
        Prim::Char,
        Prim::F32,
        Prim::F64,
    ];
}

/// The wire shape of a type. Built in const evaluation by [`Wire`](crate::Wire)
/// impls; `#[derive(Wire)]` writes the one for user types.
#[derive(Debug)]
pub enum Schema {
    /// A scalar.
    Prim(Prim),
    /// `String`, `str`, `Box<str>`: a string of 8-bit chars.
    Str,
    /// `Vec<T>`, `VecDeque<T>`, `LinkedList<T>`, `[T]`.
    Seq(&'static Schema),
    /// `HashSet<K>`, `BTreeSet<K>`.
    Set(&'static Schema),
    /// `HashMap<K, V>`, `BTreeMap<K, V>`.
    Map(&'static Schema, &'static Schema),
    /// `[T; N]` with `N > 0`.
    Array(&'static Schema, usize),
    /// `Option<T>`.
    Option(&'static Schema),
    /// `Result<T, E>`.
    Result(&'static Schema, &'static Schema),
    /// A tuple `(A, B, …)`.
    Tuple(&'static [&'static Schema]),
    /// `()`, `PhantomData<T>` (monostate).
    Unit,
    /// A struct with named fields, a tuple struct of zero or ≥ 2 fields, or a unit struct.
    Struct(&'static StructDef),
    /// An enum.
    Enum(&'static EnumDef),
    /// A named transparent wrapper: a newtype struct or `#[serde(transparent)]`.
    /// Its literal is its inner type's; the name is kept for reports.
    Newtype(&'static NewtypeDef),
    /// A type with a hand-written `Serialize`, declared opaque under a name.
    Opaque(&'static str),
    /// A reference back to the enclosing derived type whose [`path`](StructDef::path)
    /// is given: how `#[derive(Wire)]` spells direct self-recursion.
    SelfRef(&'static str),
}

/// How the fields of a struct or variant are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// `struct S;` or `V`.
    Unit,
    /// `V(T)` (for structs, see [`Schema::Newtype`]).
    Newtype,
    /// `S(A, B)` or `V(A, B)`.
    Tuple,
    /// `S { a: A }` or `V { a: A }`.
    Named,
}

/// A named field, or an unnamed one (`name` is its index then), or a handler argument.
#[derive(Debug)]
pub struct Field {
    /// The serialized name (after serde `rename`/`rename_all`), or the index of a tuple field.
    pub name: &'static str,
    /// The field's type.
    pub schema: &'static Schema,
}

/// A struct type.
#[derive(Debug)]
pub struct StructDef {
    /// The serialized name.
    pub name: &'static str,
    /// `module_path!()::Ident`: identifies the type for recursion.
    pub path: &'static str,
    /// Named, tuple or unit. Never [`Style::Newtype`]: those are [`Schema::Newtype`].
    pub style: Style,
    /// The fields on the wire (skipped ones are absent), in order.
    pub fields: &'static [Field],
}

/// An enum type.
#[derive(Debug)]
pub struct EnumDef {
    /// The serialized name.
    pub name: &'static str,
    /// `module_path!()::Ident`: identifies the type for recursion.
    pub path: &'static str,
    /// The variants, in declaration order (their index is their wire tag).
    pub variants: &'static [Variant],
}

/// One enum variant.
#[derive(Debug)]
pub struct Variant {
    /// The serialized name.
    pub name: &'static str,
    /// Unit, newtype, tuple or struct variant.
    pub style: Style,
    /// The fields on the wire; exactly one for a newtype variant.
    pub fields: &'static [Field],
}

/// A named transparent wrapper.
#[derive(Debug)]
pub struct NewtypeDef {
    /// The serialized name.
    pub name: &'static str,
    /// `module_path!()::Ident`.
    pub path: &'static str,
    /// The wrapped type, which alone is on the wire.
    pub inner: &'static Schema,
}

impl Schema {
    /// The name of the user type this node stands for, if any.
    pub const fn type_name(&self) -> Option<&'static str> {
        match self {
            Schema::Struct(d) => Some(d.name),
            Schema::Enum(d) => Some(d.name),
            Schema::Newtype(d) => Some(d.name),
            Schema::Opaque(name) => Some(name),
            _ => None,
        }
    }

    /// The recursion identity (`module_path!()::Ident`) of a derived type.
    pub const fn path(&self) -> Option<&'static str> {
        match self {
            Schema::Struct(d) => Some(d.path),
            Schema::Enum(d) => Some(d.path),
            Schema::Newtype(d) => Some(d.path),
            _ => None,
        }
    }
}

/// Writes the type as Rust-like text: `Vec<String>`, `Option<Replica>`, `(u32, bool)`.
/// Named types print their name only; `Map`/`Set` stand for every map and set.
impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schema::Prim(p) => f.write_str(p.name()),
            Schema::Str => f.write_str("String"),
            Schema::Seq(t) => write!(f, "Vec<{t}>"),
            Schema::Set(t) => write!(f, "Set<{t}>"),
            Schema::Map(k, v) => write!(f, "Map<{k}, {v}>"),
            Schema::Array(t, n) => write!(f, "[{t}; {n}]"),
            Schema::Option(t) => write!(f, "Option<{t}>"),
            Schema::Result(t, e) => write!(f, "Result<{t}, {e}>"),
            Schema::Tuple(items) => {
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
            Schema::Unit => f.write_str("()"),
            Schema::Struct(d) => f.write_str(d.name),
            Schema::Enum(d) => f.write_str(d.name),
            Schema::Newtype(d) => f.write_str(d.name),
            Schema::Opaque(name) => f.write_str(name),
            Schema::SelfRef(path) => f.write_str(last_segment(path)),
        }
    }
}

/// `a::b::Node` -> `Node`.
pub(crate) fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}
