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
    Struct(DefRef<StructDef>),
    /// An enum.
    Enum(DefRef<EnumDef>),
    /// A named transparent wrapper: a newtype struct or `#[serde(transparent)]`.
    /// Its literal is its inner type's; the name is kept for reports.
    Newtype(DefRef<NewtypeDef>),
    /// A C-like enum carried as its integer (`#[wire(c_enum)]`), as C++
    /// enums are: the integer's literal and bytes.
    CEnum(DefRef<CEnumDef>),
    /// A type with a hand-written `Serialize`, declared opaque under a name.
    Opaque(&'static str),
    /// A reference back to the enclosing named type whose [`path`](StructDef::path)
    /// is given: how `#[derive(Wire)]` spells the direct self-recursion of a
    /// generic type (non-generic types point back at their definition instead).
    SelfRef(&'static str),
}

/// A reference to a named type's definition, which may lead back to the type
/// itself: mutually recursive types point at each other's definitions.
///
/// `#[derive(Wire)]` keeps the definition of a non-generic type in a `static`
/// and its [`Wire::SCHEMA`](crate::Wire::SCHEMA) holds a `DefRef` to it.
/// A constant holding a plain reference to a static makes rustc evaluate that
/// static first, so two types whose definitions mention each other would be a
/// cycle; a `DefRef` is read only when the type's literal is walked, by which
/// time every definition exists. Any `&'static` definition will do:
///
/// ```
/// use wire_core::{DefRef, Field, Schema, StructDef, Style, Wire};
/// static DEF: StructDef = StructDef {
///     name: "Inner",
///     path: "doc::Inner",
///     type_args: &[],
///     style: Style::Named,
///     trivial: false,
///     fields: &[Field { name: "s", schema: <String as Wire>::SCHEMA }],
/// };
/// const INNER: &Schema = &Schema::Struct(DefRef::new(&DEF));
/// assert_eq!(INNER.literal(), [0xFD, 0x80, 0x0C, 0xFF]);
/// ```
// A union, not a struct: rustc validates the value of a constant by following
// its references, and a reference into a static inside a union is not followed.
pub union DefRef<T: 'static> {
    def: &'static T,
}

impl<T: 'static> DefRef<T> {
    /// Refers to `def`.
    pub const fn new(def: &'static T) -> DefRef<T> {
        DefRef { def }
    }

    /// The definition.
    pub const fn get(self) -> &'static T {
        // SAFETY: the only field, always initialized by `new`.
        unsafe { self.def }
    }
}

impl<T: 'static> Clone for DefRef<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for DefRef<T> {}

impl<T: 'static> core::ops::Deref for DefRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.get()
    }
}

/// The definition's path only: definitions may be cyclic.
impl<T: NamedDef> fmt::Debug for DefRef<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DefRef({})", self.get().path())
    }
}

/// What every named definition has.
pub trait NamedDef: 'static {
    /// `module_path!()::Ident`.
    fn path(&self) -> &'static str;
}

macro_rules! named_def {
    ($($t:ty),*) => {$(
        impl NamedDef for $t {
            fn path(&self) -> &'static str {
                self.path
            }
        }
    )*};
}
named_def!(StructDef, EnumDef, NewtypeDef, CEnumDef);

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
    /// `module_path!()::Ident`: with `type_args`, identifies the type for recursion.
    pub path: &'static str,
    /// The type arguments of this instantiation of a generic type (its
    /// parameters that are on the wire); empty for other types.
    pub type_args: &'static [&'static Schema],
    /// Named, tuple or unit. Never [`Style::Newtype`]: those are [`Schema::Newtype`].
    pub style: Style,
    /// Trivially copyable (`#[wire(trivial)]`): only numbers, C-like enums and
    /// such structs, as a C++ struct that struct_pack copies as its memory.
    /// Its literal ends with its alignment, twice; struct_pack writes it in
    /// C layout, padding zeroed.
    pub trivial: bool,
    /// The fields on the wire (skipped ones are absent), in order.
    pub fields: &'static [Field],
}

/// An enum type.
#[derive(Debug)]
pub struct EnumDef {
    /// The serialized name.
    pub name: &'static str,
    /// `module_path!()::Ident`: with `type_args`, identifies the type for recursion.
    pub path: &'static str,
    /// The type arguments of this instantiation of a generic type (its
    /// parameters that are on the wire); empty for other types.
    pub type_args: &'static [&'static Schema],
    /// The variants, in declaration order (their index is their wire tag).
    pub variants: &'static [Variant],
}

/// A C-like enum carried as its integer.
#[derive(Debug)]
pub struct CEnumDef {
    /// The serialized name.
    pub name: &'static str,
    /// `module_path!()::Ident`.
    pub path: &'static str,
    /// The integer on the wire (`#[repr(..)]`).
    pub repr: Prim,
    /// The variants and their values, in declaration order.
    pub variants: &'static [CVariant],
}

/// One variant of a C-like enum.
#[derive(Debug)]
pub struct CVariant {
    /// The variant's name.
    pub name: &'static str,
    /// Its integer.
    pub value: i64,
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
    /// `module_path!()::Ident`: with `type_args`, identifies the type.
    pub path: &'static str,
    /// The type arguments of this instantiation of a generic type (its
    /// parameters that are on the wire); empty for other types.
    pub type_args: &'static [&'static Schema],
    /// The wrapped type, which alone is on the wire.
    pub inner: &'static Schema,
}

impl Schema {
    /// The name of the user type this node stands for, if any.
    pub const fn type_name(&self) -> Option<&'static str> {
        match self {
            Schema::Struct(d) => Some(d.get().name),
            Schema::Enum(d) => Some(d.get().name),
            Schema::Newtype(d) => Some(d.get().name),
            Schema::CEnum(d) => Some(d.get().name),
            Schema::Opaque(name) => Some(name),
            _ => None,
        }
    }

    /// The recursion identity (`module_path!()::Ident`) of a derived type.
    pub const fn path(&self) -> Option<&'static str> {
        match self {
            Schema::Struct(d) => Some(d.get().path),
            Schema::Enum(d) => Some(d.get().path),
            Schema::Newtype(d) => Some(d.get().path),
            Schema::CEnum(d) => Some(d.get().path),
            _ => None,
        }
    }
}

/// Writes the type as Rust-like text: `Vec<String>`, `Option<Replica>`, `(u32, bool)`.
/// Named types print their name and type arguments (`Page<u32>`), not their
/// fields; `Map`/`Set` stand for every map and set.
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
            Schema::Tuple(items) => super::shape::write_tuple(f, items),
            Schema::Unit => f.write_str("()"),
            Schema::Struct(d) => named(f, d.name, d.type_args),
            Schema::Enum(d) => named(f, d.name, d.type_args),
            Schema::Newtype(d) => named(f, d.name, d.type_args),
            Schema::CEnum(d) => f.write_str(d.name),
            Schema::Opaque(name) => f.write_str(name),
            Schema::SelfRef(path) => f.write_str(last_segment(path)),
        }
    }
}

/// `Page<u32>`: a name and the type arguments of its instantiation.
fn named(f: &mut fmt::Formatter<'_>, name: &str, type_args: &[&Schema]) -> fmt::Result {
    f.write_str(name)?;
    if let Some((first, rest)) = type_args.split_first() {
        write!(f, "<{first}")?;
        for t in rest {
            write!(f, ", {t}")?;
        }
        f.write_str(">")?;
    }
    Ok(())
}

/// `a::b::Node` -> `Node`.
pub(crate) fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}
