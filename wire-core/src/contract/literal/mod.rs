//! The type literal (wire spec §2), produced by one `const fn` walk over the
//! schema tree. The walk streams bytes into an [`Emitter`], which either hashes
//! them (for codes, in const evaluation) or captures them (for
//! [`Schema::literal`] at run time); nothing else knows the byte alphabet.

mod cycle;
mod emitter;

use crate::contract::schema::{Field, Schema, Style};
use cycle::{Chain, Found, circle, find};
pub(crate) use emitter::{Emitter, byte};
pub use emitter::{LiteralError, MAX_LITERAL};

#[allow(clippy::redundant_pattern_matching)] // `matches!` on purpose, see below
const fn walk(s: &Schema, parent: Option<&Chain<'_>>, e: &mut Emitter) {
    // Each node writes a bounded number of bytes, so checking per node bounds the walk.
    if e.len > MAX_LITERAL {
        e.fail(LiteralError::TooLong);
    }
    // `matches!`, not `is_some()`: a method is a call in const evaluation, and this runs per node.
    if matches!(e.error, Some(_)) {
        return;
    }
    // Leaves here, everything else in `shape`: most nodes are leaves, and a
    // const-evaluated call costs by the number of locals of its frame.
    match s {
        Schema::Prim(p) => e.byte(p.literal()),
        Schema::Str => {
            e.byte(byte::STRING[0]);
            e.byte(byte::STRING[1]);
        }
        Schema::Unit => e.byte(byte::MONOSTATE),
        Schema::CEnum(def) => e.byte(def.get().repr.literal()),
        _ => match find(parent, s) {
            Found::At(d) => circle(d, e),
            Found::Transparent => e.fail(LiteralError::DanglingSelfRef),
            Found::No => match s {
                Schema::SelfRef(_) => e.fail(LiteralError::DanglingSelfRef),
                _ => shape(s, parent, e),
            },
        },
    }
}

/// [`walk`] of a node with children (or a name) that is not a reference back.
const fn shape(s: &Schema, parent: Option<&Chain<'_>>, e: &mut Emitter) {
    let here = Chain { node: Some(s), counts: true, parent };
    match s {
        Schema::Prim(_) | Schema::Str | Schema::Unit | Schema::CEnum(_) | Schema::SelfRef(_) => walk(s, parent, e),
        Schema::Seq(t) => wrap1(byte::SEQ, t, &here, e),
        Schema::Set(t) => wrap1(byte::SET, t, &here, e),
        Schema::Option(t) => wrap1(byte::OPTION, t, &here, e),
        Schema::Map(k, v) => wrap2(byte::MAP, k, v, &here, e),
        Schema::Result(t, err) => wrap2(byte::RESULT, t, err, &here, e),
        Schema::Array(t, n) => {
            e.byte(byte::ARRAY);
            walk(t, Some(&here), e);
            e.size(*n);
        }
        Schema::Tuple(items) => {
            e.byte(byte::STRUCT);
            let mut i = 0;
            let n = items.len();
            while i < n {
                walk(items[i], Some(&here), e);
                i += 1;
            }
            e.byte(byte::END);
        }
        Schema::Struct(def) => {
            let def = def.get();
            match def.style {
                Style::Unit => e.byte(byte::MONOSTATE),
                _ if def.trivial => trivial(s, def, &here, e),
                _ => fields(def.fields, &here, e),
            }
        }
        Schema::Enum(def) => {
            let def = def.get();
            e.byte(byte::ENUM);
            let mut i = 0;
            let n = def.variants.len();
            while i < n {
                let v = &def.variants[i];
                match v.style {
                    Style::Unit => e.byte(byte::MONOSTATE),
                    Style::Newtype => walk(v.fields[0].schema, Some(&here), e),
                    // A tuple or struct variant is a struct of its own.
                    Style::Tuple | Style::Named => {
                        fields(v.fields, &Chain { node: None, counts: true, parent: Some(&here) }, e)
                    }
                }
                i += 1;
            }
            e.byte(byte::END);
        }
        Schema::Newtype(def) => walk(def.get().inner, Some(&Chain { node: Some(s), counts: false, parent }), e),
        Schema::Opaque(name) => {
            e.byte(byte::OPAQUE);
            e.bytes(name.as_bytes());
            e.byte(byte::END);
        }
    }
}

const fn wrap1(tag: u8, t: &Schema, here: &Chain<'_>, e: &mut Emitter) {
    e.byte(tag);
    walk(t, Some(here), e);
}

const fn wrap2(tag: u8, a: &Schema, b: &Schema, here: &Chain<'_>, e: &mut Emitter) {
    e.byte(tag);
    walk(a, Some(here), e);
    walk(b, Some(here), e);
}

/// `FD` + each field + `FF`, the fields seeing `here` as their parent.
const fn fields(fs: &[Field], here: &Chain<'_>, e: &mut Emitter) {
    e.byte(byte::STRUCT);
    let mut i = 0;
    let n = fs.len();
    while i < n {
        walk(fs[i].schema, Some(here), e);
        i += 1;
    }
    e.byte(byte::END);
}

/// A trivially copyable struct: `FD` + fields + its alignment twice
/// (struct_pack's pack alignment and alignment, equal for a C struct) + `FF`.
const fn trivial(s: &Schema, def: &'static crate::StructDef, here: &Chain<'_>, e: &mut Emitter) {
    e.byte(byte::STRUCT);
    let mut i = 0;
    while i < def.fields.len() {
        walk(def.fields[i].schema, Some(here), e);
        i += 1;
    }
    match s.c_layout() {
        Some(layout) => {
            e.size(layout.align);
            e.size(layout.align);
        }
        None => e.fail(LiteralError::NotTrivial),
    }
    e.byte(byte::END);
}

/// What a literal is taken of: one type, or a handler's argument list.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Root<'a> {
    Type(&'a Schema),
    Args(&'a [Field]),
}

/// Argument tuple rule (wire spec §2): none -> empty, one -> unwrapped, more -> `FD … FF`.
pub(crate) const fn emit(root: Root<'_>, e: &mut Emitter) {
    match root {
        Root::Type(s) => walk(s, None, e),
        Root::Args(args) => match args.len() {
            0 => {}
            1 => walk(args[0].schema, None, e),
            _ => fields(args, &Chain { node: None, counts: true, parent: None }, e),
        },
    }
}

pub(crate) const fn try_code_of(root: Root<'_>) -> Result<u32, LiteralError> {
    let mut e = Emitter::hashing();
    emit(root, &mut e);
    e.code()
}

/// In const evaluation a failure is a compile error carrying the message.
const fn code_of(root: Root<'_>) -> u32 {
    match try_code_of(root) {
        Ok(code) => code,
        Err(LiteralError::DanglingSelfRef) => panic!(
            "wire: a self-reference found no enclosing struct or enum: a recursive newtype or \
             #[serde(transparent)] type has no literal of its own to point back to; make it a \
             struct with named fields or an enum"
        ),
        Err(LiteralError::TooLong) => panic!(
            "wire: the type's literal would exceed 1 MiB: its types are reused so often that writing \
             each use out explodes; box or restructure the repeated part, or give it \
             #[wire(opaque = \"Name\")]"
        ),
        Err(LiteralError::NotTrivial) => panic!(
            "wire: a #[wire(trivial)] struct has a field that is not trivially copyable: only numbers, \
             #[wire(c_enum)] enums, arrays of them and #[wire(trivial)] structs are; remove \
             #[wire(trivial)] or change the field"
        ),
    }
}

pub(crate) fn try_literal_of(root: Root<'_>) -> Result<Vec<u8>, LiteralError> {
    let mut out = Vec::new();
    loop {
        let mut e = Emitter::capturing(out.len());
        emit(root, &mut e);
        if let Some(error) = e.error {
            return Err(error);
        }
        out.extend_from_slice(&e.window[..e.captured]);
        if out.len() >= e.len {
            return Ok(out);
        }
    }
}

/// The literal of `root`, empty if it has none (a tree whose code would not compile).
pub(crate) fn literal_of_root(root: Root<'_>) -> Vec<u8> {
    try_literal_of(root).unwrap_or_default()
}

fn literal_of(root: Root<'_>) -> Vec<u8> {
    try_literal_of(root).unwrap_or_else(|e| panic!("wire: {e}"))
}

impl Schema {
    /// The type-code: `md5_32(literal) & 0xFFFF_FFFE`, computed without building the literal.
    ///
    /// ```
    /// use wire_core::{type_code, Schema, Wire};
    /// const CODE: u32 = <Vec<String> as Wire>::SCHEMA.code();
    /// assert_eq!(CODE, type_code(&[0x84, 0x80, 0x0C]));
    /// ```
    pub const fn code(&self) -> u32 {
        code_of(Root::Type(self))
    }

    /// The type literal bytes (wire spec §2).
    ///
    /// ```
    /// use wire_core::Wire;
    /// assert_eq!(<Option<String> as Wire>::SCHEMA.literal(), [0x85, 0x80, 0x0C]);
    /// ```
    ///
    /// # Panics
    /// If the tree has no literal (see [`LiteralError`]); a derived type's
    /// `CODE` would not have compiled. Use [`Schema::try_literal`] on trees
    /// built at run time.
    pub fn literal(&self) -> Vec<u8> {
        literal_of(Root::Type(self))
    }

    /// The literal, or why the tree has none.
    pub fn try_literal(&self) -> Result<Vec<u8>, LiteralError> {
        try_literal_of(Root::Type(self))
    }

    /// The code, or why the tree has none.
    pub const fn try_code(&self) -> Result<u32, LiteralError> {
        try_code_of(Root::Type(self))
    }
}

/// The args code of a handler taking `args` (receiver excluded).
///
/// ```
/// use wire_core::{args_code, Field, Wire};
/// const ARGS: &[Field] = &[Field { name: "key", schema: <String as Wire>::SCHEMA }];
/// // One argument is not wrapped in a tuple.
/// assert_eq!(args_code(ARGS), <String as Wire>::CODE);
/// ```
pub const fn args_code(args: &[Field]) -> u32 {
    code_of(Root::Args(args))
}

/// The literal of a handler's argument tuple (empty for no arguments).
pub fn args_literal(args: &[Field]) -> Vec<u8> {
    literal_of(Root::Args(args))
}

/// The args code, or why the arguments have none.
pub const fn try_args_code(args: &[Field]) -> Result<u32, LiteralError> {
    try_code_of(Root::Args(args))
}

/// The args literal, or why the arguments have none.
pub fn try_args_literal(args: &[Field]) -> Result<Vec<u8>, LiteralError> {
    try_literal_of(Root::Args(args))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size_literal(n: usize) -> Vec<u8> {
        let mut e = Emitter::capturing(0);
        e.size(n);
        assert!(e.error.is_none());
        e.window[..e.captured].to_vec()
    }

    #[test]
    fn size_literal_matches_spec_examples() {
        assert_eq!(size_literal(16), [0x91]);
        assert_eq!(size_literal(300), [0x2F, 0x83]);
        assert_eq!(size_literal(20000), [0x3E, 0x1F, 0x82]);
        assert_eq!(size_literal(0), [0x81]);
        assert_eq!(size_literal(126), [0xFF]);
        assert_eq!(size_literal(127), [0x01, 0x82]);
    }

    #[test]
    fn literals_longer_than_one_window_are_captured_whole() {
        static FIELDS: [Field; 300] = [const { Field { name: "x", schema: &Schema::Str } }; 300];
        static BIG: Schema = Schema::Struct(crate::DefRef::new(&crate::StructDef {
            name: "Big",
            path: "t::Big",
            type_args: &[],
            style: Style::Named,
            trivial: false,
            fields: &FIELDS,
        }));
        let lit = BIG.literal();
        assert_eq!(lit.len(), 2 + 300 * 2);
        assert_eq!(lit[0], 0xFD);
        assert_eq!(lit[lit.len() - 1], 0xFF);
        assert!(lit[1..lit.len() - 1].chunks(2).all(|c| c == [0x80, 0x0C]));
        assert_eq!(BIG.code(), crate::type_code(&lit));
    }
}

#[cfg(test)]
mod error_tests {
    use super::*;
    use crate::{DefRef, NewtypeDef, StructDef};

    #[test]
    fn trees_without_a_literal_are_errors_not_panics() {
        static LOOP: Schema = Schema::Newtype(DefRef::new(&NewtypeDef {
            name: "N",
            path: "t::N",
            type_args: &[],
            inner: &Schema::SelfRef("t::N"),
        }));
        assert_eq!(LOOP.try_literal(), Err(LiteralError::DanglingSelfRef));
        assert_eq!(LOOP.try_code(), Err(LiteralError::DanglingSelfRef));
        static DIRECT: Schema = Schema::Struct(DefRef::new(&StructDef {
            name: "S",
            path: "t::S",
            type_args: &[],
            style: Style::Named,
            trivial: false,
            fields: &[Field { name: "s", schema: &Schema::SelfRef("t::S") }],
        }));
        // The parent itself through a transparent wrapper: FB + size(-1).
        assert_eq!(DIRECT.try_literal(), Ok(vec![0xFD, 0xFB, 0x80, 0xFF]));
        static NEWTYPE_ARG: [Field; 1] = [Field { name: "a", schema: &LOOP }];
        assert!(try_args_code(&NEWTYPE_ARG).is_err());
    }

    /// `T0 = (T1, T1)`, `T1 = (T2, T2)`, …: 2^depth leaves. Found by fuzzing
    /// the contract parser, which computes codes of hostile files.
    fn doubling(depth: usize) -> &'static Schema {
        let mut s: &'static Schema = &Schema::Unit;
        for _ in 0..depth {
            s = Box::leak(Box::new(Schema::Tuple(Box::leak(Box::new([s, s])))));
        }
        s
    }

    #[test]
    fn exploding_literals_stop_at_the_bound() {
        // 2^18 leaves: 0.5 MiB of literal, within the bound.
        assert!(doubling(18).try_code().is_ok());
        // 2^64 leaves would never finish; the walk stops after 1 MiB.
        assert_eq!(doubling(64).try_code(), Err(LiteralError::TooLong));
        let args = [Field { name: "a", schema: doubling(64) }, Field { name: "b", schema: &Schema::Unit }];
        assert_eq!(try_args_code(&args), Err(LiteralError::TooLong));
        assert_eq!(doubling(64).try_literal(), Err(LiteralError::TooLong));
    }
}
