//! `#[derive(Wire)]` mirrors what serde's derive puts on the wire: the
//! literal follows the spec table, serde attributes that do not change the
//! bytes do not change the code, and names follow serde's renames.

use serde::{Deserialize, Serialize};
use std::marker::PhantomData;
use wire_core::{Schema, Style, Wire, literal};

const STRING: [u8; 2] = [0x80, 0x0C];

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn struct_def(s: &Schema) -> &'static wire_core::StructDef {
    match s {
        Schema::Struct(d) => d.get(),
        other => panic!("expected a struct, got {other:?}"),
    }
}

#[derive(Serialize, Deserialize, Wire)]
struct Plain {
    id: u64,
    name: String,
}

#[derive(Serialize, Deserialize, Wire)]
#[serde(rename = "Renamed", rename_all = "camelCase")]
struct WithSerdeAttrs {
    #[serde(rename = "ident")]
    id: u64,
    #[serde(alias = "nom", default)]
    display_name: String,
    // Skipped: never on the wire, never read (the `_` does not reach the schema).
    #[serde(skip)]
    _cache: Vec<u8>,
    #[serde(skip_serializing, skip_deserializing)]
    _scratch: u32,
}

#[test]
fn renames_defaults_aliases_and_skips_keep_the_code() {
    assert_eq!(literal::<WithSerdeAttrs>(), literal::<Plain>());
    assert_eq!(WithSerdeAttrs::CODE, Plain::CODE);
}

#[test]
fn names_are_the_serialized_names() {
    let d = struct_def(WithSerdeAttrs::SCHEMA);
    assert_eq!(d.name, "Renamed");
    let names: Vec<&str> = d.fields.iter().map(|f| f.name).collect();
    assert_eq!(names, ["ident", "displayName"], "skipped fields are not on the wire");
    assert!(d.path.ends_with("::WithSerdeAttrs"), "{}", d.path);
}

#[derive(Serialize, Wire)]
struct Id(u64);

#[derive(Serialize, Wire)]
#[serde(transparent)]
struct Wrapper {
    inner: Plain,
    #[serde(skip)]
    _marker: PhantomData<u8>,
}

#[derive(Serialize, Wire)]
struct Unit;

#[derive(Serialize, Wire)]
struct Pair2(u8, String);

#[test]
fn struct_shapes() {
    assert_eq!(literal::<Id>(), [0x04], "a newtype is transparent");
    assert_eq!(literal::<Wrapper>(), literal::<Plain>(), "#[serde(transparent)] is transparent");
    assert_eq!(literal::<Unit>(), [0xFA]);
    assert_eq!(literal::<Pair2>(), cat(&[&[0xFD, 0x06], &STRING, &[0xFF]]));
    assert!(matches!(Id::SCHEMA, Schema::Newtype(d) if d.name == "Id"));
}

#[derive(Serialize, Wire)]
#[allow(dead_code)] // never built: only its schema is checked
enum Shape {
    Empty,
    Circle(u32),
    Rect(u8, String),
    Named { ok: bool },
}

#[test]
fn enum_variants_follow_the_table() {
    let expected = cat(&[
        &[0x86],
        &[0xFA], // unit variant
        &[0x02], // newtype variant: lit(T)
        &[0xFD, 0x06],
        &STRING,
        &[0xFF],             // tuple variant
        &[0xFD, 0x0B, 0xFF], // struct variant
        &[0xFF],
    ]);
    assert_eq!(literal::<Shape>(), expected);
    let Schema::Enum(def) = Shape::SCHEMA else { panic!() };
    let styles: Vec<Style> = def.variants.iter().map(|v| v.style).collect();
    assert_eq!(styles, [Style::Unit, Style::Newtype, Style::Tuple, Style::Named]);
}

#[derive(Serialize, Wire)]
#[serde(rename_all = "snake_case", rename_all_fields = "UPPERCASE")]
#[allow(dead_code)] // never built: only its schema is checked
enum Renamed {
    FirstOne,
    #[serde(rename = "two")]
    Second {
        some_field: u8,
    },
}

#[test]
fn enum_renames_are_names_only() {
    let Schema::Enum(def) = Renamed::SCHEMA else { panic!() };
    assert_eq!(def.variants[0].name, "first_one");
    assert_eq!(def.variants[1].name, "two");
    assert_eq!(def.variants[1].fields[0].name, "SOME_FIELD");
    assert_eq!(literal::<Renamed>(), [0x86, 0xFA, 0xFD, 0x06, 0xFF, 0xFF]);
}

#[derive(Serialize, Wire)]
struct Pair<A, B> {
    a: A,
    b: B,
}

#[derive(Serialize, Wire)]
struct Tagged<T> {
    value: u8,
    _t: PhantomData<T>,
}

struct NotWire;

#[test]
fn generic_types() {
    assert_eq!(literal::<Pair<i32, String>>(), literal::<(i32, String)>());
    assert_eq!(Pair::<u8, u8>::CODE, <(u8, u8)>::CODE);
    // `T` only in PhantomData needs no `Wire` bound, as serde needs no `Serialize` bound.
    assert_eq!(literal::<Tagged<NotWire>>(), [0xFD, 0x06, 0xFA, 0xFF]);
}

#[derive(Serialize, Wire)]
struct List {
    v: u8,
    next: Option<Box<List>>,
}

#[derive(Serialize, Wire)]
struct SelfVec {
    kids: Vec<Self>,
}

#[derive(Serialize, Wire)]
struct Tree<T> {
    v: T,
    kids: Vec<Tree<T>>,
}

#[derive(Serialize, Wire)]
#[allow(dead_code)] // never built: only its schema is checked
enum Expr {
    Lit(i64),
    Add(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
}

#[test]
fn direct_self_recursion() {
    // Inner `List` is at distance 2 (Option is 1): FB + size(0).
    assert_eq!(literal::<List>(), [0xFD, 0x06, 0x85, 0xFB, 0x81, 0xFF]);
    assert_eq!(literal::<SelfVec>(), [0xFD, 0x84, 0xFB, 0x81, 0xFF]);
    assert_eq!(literal::<Tree<u8>>(), [0xFD, 0x06, 0x84, 0xFB, 0x81, 0xFF]);
    // Each `Tree` points back to itself, not to the outer one.
    let inner = literal::<Tree<u8>>();
    assert_eq!(literal::<Tree<Tree<u8>>>(), cat(&[&[0xFD], &inner, &[0x84, 0xFB, 0x81, 0xFF]]));
    // A struct variant is a level of its own: `Add(..)` is 1, `Expr` is 2.
    // `Neg(Box<Expr>)` reaches its parent through `Box` alone: FB + size(-1) = FB 80.
    assert_eq!(literal::<Expr>(), [0x86, 0x03, 0xFD, 0xFB, 0x81, 0xFB, 0x81, 0xFF, 0xFB, 0x80, 0xFF]);
}

mod millis {
    use serde::{Deserializer, Serializer};
    use std::time::Duration;
    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_millis() as u64)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let ms = <u64 as serde::Deserialize>::deserialize(d)?;
        Ok(Duration::from_millis(ms))
    }
}

#[derive(Serialize, Deserialize, Wire)]
struct Overrides {
    #[serde(with = "millis")]
    #[wire(as = u64)]
    timeout: std::time::Duration,
    #[wire(opaque = "Blob")]
    blob: String,
}

/// Its shape is stated (`opaque`), so its field is never read.
#[derive(Wire)]
#[wire(opaque = "Handwritten")]
struct Handwritten(#[allow(dead_code)] Vec<u8>);

#[test]
fn stated_shapes() {
    let expected = cat(&[&[0xFD, 0x04, 0xF9], b"Blob", &[0xFF, 0xFF]]);
    assert_eq!(literal::<Overrides>(), expected);
    assert_eq!(literal::<Handwritten>(), cat(&[&[0xF9], b"Handwritten", &[0xFF]]));
}

#[test]
fn std_extensions() {
    assert_eq!(literal::<usize>(), literal::<u64>(), "serde writes usize as u64");
    assert_eq!(literal::<isize>(), literal::<i64>());
    assert_eq!(literal::<[u8; 0]>(), [0xFA], "a zero-length array carries no bytes");
    assert_eq!(literal::<Box<str>>(), STRING);
    assert_eq!(literal::<std::collections::VecDeque<u8>>(), literal::<Vec<u8>>());
    assert_eq!(literal::<(u8,)>(), [0xFD, 0x06, 0xFF]);
    assert_eq!(literal::<Result<u8, String>>(), cat(&[&[0x87, 0x06], &STRING]));
    assert_eq!(literal::<[u8; 300]>(), [0x81, 0x06, 0x2F, 0x83]);
}

#[test]
fn display_is_rust_like() {
    assert_eq!(<Result<Vec<Plain>, Option<Id>> as Wire>::SCHEMA.to_string(), "Result<Vec<Plain>, Option<Id>>");
    assert_eq!(<(u8, [u16; 4])>::SCHEMA.to_string(), "(u8, [u16; 4])");
}
