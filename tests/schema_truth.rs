//! The schema is the truth about the bytes.
//!
//! A type's code is computed from its [`Schema`] alone, so the schema must
//! describe exactly what serde puts on the wire — otherwise two peers can agree
//! on a code and still misread each other. This file checks that with a reader
//! of the bincode 1.3 default encoding (`bincode::serialize`: fixint, little
//! endian) that is guided *only* by the schema tree: for random values of every
//! supported shape, walking the schema over the encoded bytes must consume them
//! exactly. Negative tests show the reader is not vacuous.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::marker::PhantomData;
use std::net::Ipv4Addr;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use wire_core::{Prim, Schema, Style, Wire};

// ---------------------------------------------------------------------------
// The schema-driven reader.
// ---------------------------------------------------------------------------

/// Lengths above this are taken for garbage rather than looped over (a
/// sequence of zero-sized elements consumes no bytes per element).
const MAX_LEN: u64 = 1 << 20;
/// Guards against a schema that recurses without consuming bytes.
const MAX_DEPTH: usize = 512;

/// Walks `bytes` as the bincode 1.3 default encoding of a value of `schema`;
/// returns the number of bytes consumed.
fn read(schema: &'static Schema, bytes: &[u8]) -> Result<usize, String> {
    let mut r = Reader { bytes, pos: 0, named: Vec::new() };
    r.value(schema)?;
    Ok(r.pos)
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
    /// Enclosing `Struct`/`Enum`/`Newtype` schemas, innermost last: the targets of `SelfRef`.
    named: Vec<&'static Schema>,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'b [u8], String> {
        let rest = &self.bytes[self.pos..];
        if rest.len() < n {
            return Err(format!("truncated: {what} needs {n} bytes at offset {}, {} left", self.pos, rest.len()));
        }
        self.pos += n;
        Ok(&rest[..n])
    }

    fn u8(&mut self, what: &str) -> Result<u8, String> {
        Ok(self.take(1, what)?[0])
    }

    fn u32(&mut self, what: &str) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }

    fn u64(&mut self, what: &str) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().unwrap()))
    }

    fn len(&mut self, what: &str) -> Result<usize, String> {
        let at = self.pos;
        match self.u64(what)? {
            n if n > MAX_LEN => Err(format!("implausible {what} {n} at offset {at}")),
            n => Ok(n as usize),
        }
    }

    fn prim(&mut self, p: Prim) -> Result<(), String> {
        let name = p.name();
        match p {
            Prim::I8 | Prim::U8 => self.take(1, name).map(drop),
            Prim::I16 | Prim::U16 => self.take(2, name).map(drop),
            Prim::I32 | Prim::U32 | Prim::F32 => self.take(4, name).map(drop),
            Prim::I64 | Prim::U64 | Prim::F64 => self.take(8, name).map(drop),
            Prim::I128 | Prim::U128 => self.take(16, name).map(drop),
            Prim::Bool => match self.u8("bool")? {
                0 | 1 => Ok(()),
                b => Err(format!("bad bool byte {b:#04x} at offset {}", self.pos - 1)),
            },
            Prim::Char => {
                let at = self.pos;
                let width = match self.bytes.get(at).copied() {
                    None => return Err(format!("truncated: char at offset {at}")),
                    Some(0x00..=0x7F) => 1,
                    Some(0xC0..=0xDF) => 2,
                    Some(0xE0..=0xEF) => 3,
                    Some(0xF0..=0xF7) => 4,
                    Some(b) => return Err(format!("bad UTF-8 lead byte {b:#04x} of a char at offset {at}")),
                };
                let raw = self.take(width, "char")?;
                match std::str::from_utf8(raw) {
                    Ok(s) if s.chars().count() == 1 => Ok(()),
                    _ => Err(format!("invalid UTF-8 char {raw:02x?} at offset {at}")),
                }
            }
        }
    }

    /// Reads `schema` as a named type that `SelfRef`s inside it may point back to.
    fn named(
        &mut self,
        schema: &'static Schema,
        body: impl FnOnce(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        self.named.push(schema);
        let result = body(self);
        self.named.pop();
        result
    }

    fn fields(&mut self, fields: &'static [wire_core::Field]) -> Result<(), String> {
        fields.iter().try_for_each(|f| self.value(f.schema))
    }

    fn value(&mut self, schema: &'static Schema) -> Result<(), String> {
        if self.named.len() > MAX_DEPTH {
            return Err(format!("schema nesting deeper than {MAX_DEPTH} at offset {}", self.pos));
        }
        match schema {
            Schema::Prim(p) => self.prim(*p),
            Schema::Str => {
                let n = self.len("string length")?;
                let at = self.pos;
                let raw = self.take(n, "string")?;
                std::str::from_utf8(raw).map(drop).map_err(|e| format!("invalid UTF-8 string at offset {at}: {e}"))
            }
            Schema::Seq(t) | Schema::Set(t) => {
                let n = self.len("sequence length")?;
                (0..n).try_for_each(|_| self.value(t))
            }
            Schema::Map(k, v) => {
                let n = self.len("map length")?;
                (0..n).try_for_each(|_| {
                    self.value(k)?;
                    self.value(v)
                })
            }
            Schema::Array(t, n) => (0..*n).try_for_each(|_| self.value(t)),
            Schema::Option(t) => match self.u8("option tag")? {
                0 => Ok(()),
                1 => self.value(t),
                b => Err(format!("bad option tag {b} at offset {}", self.pos - 1)),
            },
            Schema::Result(t, e) => match self.u32("result tag")? {
                0 => self.value(t),
                1 => self.value(e),
                b => Err(format!("bad result tag {b} at offset {}", self.pos - 4)),
            },
            Schema::Tuple(items) => items.iter().try_for_each(|t| self.value(t)),
            Schema::Unit => Ok(()),
            Schema::Struct(def) => {
                if def.style == Style::Unit && !def.fields.is_empty() {
                    return Err(format!("unit struct {} lists fields", def.name));
                }
                self.named(schema, |r| r.fields(def.fields))
            }
            Schema::Enum(def) => self.named(schema, |r| {
                let at = r.pos;
                let index = r.u32("variant index")?;
                let Some(v) = def.variants.get(index as usize) else {
                    return Err(format!("bad variant index {index} of {} at offset {at}", def.name));
                };
                match (v.style, v.fields.len()) {
                    (Style::Unit, 0) | (Style::Newtype, 1) | (Style::Tuple | Style::Named, _) => r.fields(v.fields),
                    (style, n) => Err(format!("variant {}::{} is {style:?} with {n} fields", def.name, v.name)),
                }
            }),
            Schema::Newtype(def) => self.named(schema, |r| r.value(def.inner)),
            // A C-like enum is its integer, under bincode as anywhere.
            Schema::CEnum(def) => self.prim(def.repr),
            Schema::Opaque(name) => Err(format!("cannot read opaque type {name} at offset {}", self.pos)),
            Schema::SelfRef(path) => {
                let target = self.named.iter().rev().find(|s| s.path() == Some(*path)).copied();
                match target {
                    Some(target) => self.value(target),
                    None => Err(format!("self-reference to {path} has no enclosing type")),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The property.
// ---------------------------------------------------------------------------

fn encode<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    bincode::serialize(value).expect("bincode serializes every test value")
}

/// `T::SCHEMA` consumes exactly the bytes of `value`.
fn check<T: Serialize + Wire + ?Sized>(value: &T) -> Result<(), TestCaseError> {
    check_bytes(T::SCHEMA, &encode(value))
}

/// `schema` consumes exactly `bytes`, and no proper prefix of them.
fn check_bytes(schema: &'static Schema, bytes: &[u8]) -> Result<(), TestCaseError> {
    prop_assert_eq!(read(schema, bytes), Ok(bytes.len()), "schema {} on bytes {:02x?}", schema, bytes);
    // Every read decision depends only on bytes already read, so a proper
    // prefix of a valid encoding must run out.
    let n = bytes.len();
    for cut in [0, n / 2, n.saturating_sub(1)] {
        if cut < n {
            prop_assert!(
                read(schema, &bytes[..cut]).is_err(),
                "schema {} read a {cut}-byte prefix of {:02x?}",
                schema,
                bytes
            );
        }
    }
    Ok(())
}

/// Serde's `rc` feature (not enabled in this workspace) serializes `Rc<T>` and
/// `Arc<T>` as `T`; check their schema against the bytes of the pointee.
fn check_pointer<P: Wire + ?Sized, T: Serialize + ?Sized>(pointee: &T) -> Result<(), TestCaseError> {
    check_bytes(P::SCHEMA, &encode(pointee))
}

const CASES: u32 = 256;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------
// Test types.
// ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct UnitStruct;

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct EmptyBraces {}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct EmptyTuple();

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct TupleStruct(u8, String, i64);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Id(u64);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Name(String);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(transparent)]
struct Transparent {
    values: Vec<u16>,
    #[serde(skip)]
    cache: u32,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(transparent)]
struct TransparentTuple(Option<i32>);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct WithSkip {
    a: u8,
    #[serde(skip)]
    cache: String,
    b: String,
    #[serde(skip_serializing, skip_deserializing)]
    scratch: Vec<u64>,
    c: bool,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct TupleWithSkip(u16, #[serde(skip)] String, i8);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(rename = "Renamed", rename_all = "camelCase")]
struct RenameMe {
    first_field: u8,
    #[serde(alias = "old_second")]
    second_field: String,
    #[serde(default)]
    third_field: Option<u32>,
    #[serde(rename = "x")]
    fourth_field: i16,
}

mod millis {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

mod octets {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::net::Ipv4Addr;

    pub fn serialize<S: Serializer>(ip: &Ipv4Addr, s: S) -> Result<S::Ok, S::Error> {
        ip.octets().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Ipv4Addr, D::Error> {
        <[u8; 4]>::deserialize(d).map(Ipv4Addr::from)
    }
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct WithFields {
    #[serde(with = "millis")]
    #[wire(as = u64)]
    timeout: Duration,
    #[serde(serialize_with = "octets::serialize", deserialize_with = "octets::deserialize")]
    #[wire(as = [u8; 4])]
    addr: Ipv4Addr,
    tag: String,
}

/// Claims the wrong `as` type (u32, but `millis` writes a u64): the reader must notice.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct WrongAs {
    #[serde(with = "millis")]
    #[wire(as = u32)]
    timeout: Duration,
    tag: String,
}

/// A container-level `into`/`from`, stated with `#[wire(as = ...)]`.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(into = "(u32, String)", from = "(u32, String)")]
#[wire(as = (u32, String))]
struct Converted {
    id: u32,
    label: String,
}

impl From<Converted> for (u32, String) {
    fn from(c: Converted) -> Self {
        (c.id, c.label)
    }
}

impl From<(u32, String)> for Converted {
    fn from((id, label): (u32, String)) -> Self {
        Converted { id, label }
    }
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
enum Shape {
    Empty,
    Circle(f64),
    Rect(u32, u32),
    Poly {
        points: Vec<(i16, i16)>,
        closed: bool,
    },
    #[serde(rename = "named")]
    Named(String),
    Wrapped(Id),
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(rename_all = "snake_case", rename_all_fields = "UPPERCASE")]
enum Renamed {
    First {
        inner_value: u8,
    },
    #[serde(rename_all = "kebab-case")]
    Second {
        other_value: Option<String>,
        #[serde(skip)]
        skipped: u64,
        last: char,
    },
    #[serde(alias = "old_third")]
    Third(#[serde(skip)] u32),
    FourthTwo(#[serde(skip)] u8, i32),
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Pair<A, B> {
    a: A,
    b: B,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Phantom<T> {
    n: u8,
    marker: PhantomData<T>,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Node {
    name: String,
    kids: Vec<Node>,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
enum Expr {
    Lit(i64),
    Add(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct List {
    value: u32,
    next: Option<Box<Self>>,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Tree<T> {
    value: T,
    kids: Vec<Tree<T>>,
}

/// Recursive, and holding another recursive type: each `SelfRef` must resolve
/// to its own nearest enclosing type.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
enum Doc {
    Text(String),
    Tree(Node),
    Many(Vec<Doc>),
    Map(BTreeMap<String, Doc>),
}

/// Same identifier as the outer `Node`, different module path.
mod other {
    use serde::{Deserialize, Serialize};
    use wire_core::Wire;

    #[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
    pub struct Node {
        pub id: u8,
        pub up: super::Node,
        pub next: Option<Box<Node>>,
    }
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Everything {
    unit: UnitStruct,
    tuple: TupleStruct,
    id: Id,
    transparent: Transparent,
    skip: WithSkip,
    renamed: RenameMe,
    with: WithFields,
    shapes: Vec<Shape>,
    pair: Pair<Node, Expr>,
    list: Option<List>,
    docs: Vec<Doc>,
    other: Option<other::Node>,
}

// ---------------------------------------------------------------------------
// Strategies.
// ---------------------------------------------------------------------------

use prop::collection::{btree_map, btree_set, hash_map, hash_set, vec};

/// Short strings of arbitrary chars (1 to 4 UTF-8 bytes each); cheaper than a regex strategy.
fn string() -> impl Strategy<Value = String> + Clone {
    vec(any::<char>(), 0..12).prop_map(String::from_iter)
}

fn id() -> impl Strategy<Value = Id> + Clone {
    any::<u64>().prop_map(Id)
}

fn tuple_struct() -> impl Strategy<Value = TupleStruct> + Clone {
    (any::<u8>(), string(), any::<i64>()).prop_map(|(a, b, c)| TupleStruct(a, b, c))
}

fn transparent() -> impl Strategy<Value = Transparent> + Clone {
    (vec(any::<u16>(), 0..8), any::<u32>()).prop_map(|(values, cache)| Transparent { values, cache })
}

fn with_skip() -> impl Strategy<Value = WithSkip> + Clone {
    (any::<u8>(), string(), string(), vec(any::<u64>(), 0..4), any::<bool>())
        .prop_map(|(a, cache, b, scratch, c)| WithSkip { a, cache, b, scratch, c })
}

fn rename_me() -> impl Strategy<Value = RenameMe> + Clone {
    (any::<u8>(), string(), any::<Option<u32>>(), any::<i16>()).prop_map(|(a, b, c, d)| RenameMe {
        first_field: a,
        second_field: b,
        third_field: c,
        fourth_field: d,
    })
}

fn with_fields() -> impl Strategy<Value = WithFields> + Clone {
    (any::<u64>(), any::<u32>(), string()).prop_map(|(ms, ip, tag)| WithFields {
        timeout: Duration::from_millis(ms),
        addr: Ipv4Addr::from(ip),
        tag,
    })
}

fn shape() -> impl Strategy<Value = Shape> + Clone {
    prop_oneof![
        Just(Shape::Empty),
        any::<f64>().prop_map(Shape::Circle),
        (any::<u32>(), any::<u32>()).prop_map(|(w, h)| Shape::Rect(w, h)),
        (vec(any::<(i16, i16)>(), 0..5), any::<bool>()).prop_map(|(points, closed)| Shape::Poly { points, closed }),
        string().prop_map(Shape::Named),
        id().prop_map(Shape::Wrapped),
    ]
}

fn renamed() -> impl Strategy<Value = Renamed> + Clone {
    prop_oneof![
        any::<u8>().prop_map(|inner_value| Renamed::First { inner_value }),
        (prop::option::of(string()), any::<u64>(), any::<char>())
            .prop_map(|(other_value, skipped, last)| Renamed::Second { other_value, skipped, last }),
        any::<u32>().prop_map(Renamed::Third),
        (any::<u8>(), any::<i32>()).prop_map(|(a, b)| Renamed::FourthTwo(a, b)),
    ]
}

fn node() -> impl Strategy<Value = Node> + Clone {
    let leaf = string().prop_map(|name| Node { name, kids: Vec::new() });
    leaf.prop_recursive(4, 32, 4, |inner| (string(), vec(inner, 0..4)).prop_map(|(name, kids)| Node { name, kids }))
}

fn expr() -> impl Strategy<Value = Expr> + Clone {
    let leaf = any::<i64>().prop_map(Expr::Lit);
    leaf.prop_recursive(6, 48, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::Add(Box::new(a), Box::new(b))),
            inner.prop_map(|e| Expr::Neg(Box::new(e))),
        ]
    })
}

fn list() -> impl Strategy<Value = List> + Clone {
    (any::<u32>(), vec(any::<u32>(), 0..12)).prop_map(|(head, rest)| {
        let mut next = None;
        for value in rest.into_iter().rev() {
            next = Some(Box::new(List { value, next }));
        }
        List { value: head, next }
    })
}

fn tree<T: Strategy + Clone + 'static>(value: T) -> impl Strategy<Value = Tree<T::Value>> + Clone
where
    T::Value: Clone + std::fmt::Debug,
{
    let leaf = value.clone().prop_map(|value| Tree { value, kids: Vec::new() });
    leaf.prop_recursive(3, 24, 3, move |inner| {
        (value.clone(), vec(inner, 0..3)).prop_map(|(value, kids)| Tree { value, kids })
    })
}

fn doc() -> impl Strategy<Value = Doc> + Clone {
    let leaf = prop_oneof![string().prop_map(Doc::Text), node().prop_map(Doc::Tree)];
    leaf.prop_recursive(3, 24, 3, |inner| {
        prop_oneof![vec(inner.clone(), 0..3).prop_map(Doc::Many), btree_map(string(), inner, 0..3).prop_map(Doc::Map)]
    })
}

fn other_node() -> impl Strategy<Value = other::Node> + Clone {
    (vec((any::<u8>(), node()), 1..4)).prop_map(|links| {
        let mut next = None;
        for (id, up) in links.into_iter().rev() {
            next = Some(Box::new(other::Node { id, up, next }));
        }
        *next.unwrap()
    })
}

fn everything() -> impl Strategy<Value = Everything> {
    (
        (tuple_struct(), id(), transparent(), with_skip(), rename_me(), with_fields()),
        (
            vec(shape(), 0..3),
            node(),
            expr(),
            prop::option::of(list()),
            vec(doc(), 0..2),
            prop::option::of(other_node()),
        ),
    )
        .prop_map(|((tuple, id, transparent, skip, renamed, with), (shapes, node, expr, list, docs, other))| {
            Everything {
                unit: UnitStruct,
                tuple,
                id,
                transparent,
                skip,
                renamed,
                with,
                shapes,
                pair: Pair { a: node, b: expr },
                list,
                docs,
                other,
            }
        })
}

// ---------------------------------------------------------------------------
// Properties: every supported shape.
// ---------------------------------------------------------------------------

/// One property per type: `T::SCHEMA` consumes exactly `bincode::serialize(&v)`.
macro_rules! truth {
    ($($name:ident: $t:ty = $strategy:expr;)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $name(v in $strategy) {
                    check::<$t>(&v)?;
                }
            )*
        }
    };
}

truth! {
    prim_i8: i8 = any::<i8>();
    prim_u8: u8 = any::<u8>();
    prim_i16: i16 = any::<i16>();
    prim_u16: u16 = any::<u16>();
    prim_i32: i32 = any::<i32>();
    prim_u32: u32 = any::<u32>();
    prim_i64: i64 = any::<i64>();
    prim_u64: u64 = any::<u64>();
    prim_i128: i128 = any::<i128>();
    prim_u128: u128 = any::<u128>();
    prim_bool: bool = any::<bool>();
    prim_char: char = any::<char>();
    prim_f32: f32 = any::<f32>();
    prim_f64: f64 = any::<f64>();
    prim_usize: usize = any::<usize>();
    prim_isize: isize = any::<isize>();

    string_: String = string();
    boxed_str: Box<str> = string().prop_map(String::into_boxed_str);
    cow_str: Cow<'static, str> = string().prop_map(Cow::Owned);
    bytes: Vec<u8> = vec(any::<u8>(), 0..64);

    vec_: Vec<u16> = vec(any::<u16>(), 0..16);
    vec_of_strings: Vec<String> = vec(string(), 0..8);
    vec_of_units: Vec<()> = vec(Just(()), 0..16);
    boxed_slice: Box<[i32]> = vec(any::<i32>(), 0..8).prop_map(Vec::into_boxed_slice);
    vec_deque: VecDeque<String> = vec(string(), 0..8).prop_map(VecDeque::from);
    linked_list: LinkedList<i8> = vec(any::<i8>(), 0..16).prop_map(|v| v.into_iter().collect());
    hash_set_: HashSet<u32> = hash_set(any::<u32>(), 0..16);
    btree_set_: BTreeSet<String> = btree_set(string(), 0..8);
    hash_map_: HashMap<String, u64> = hash_map(string(), any::<u64>(), 0..8);
    btree_map_: BTreeMap<u8, Vec<bool>> = btree_map(any::<u8>(), vec(any::<bool>(), 0..4), 0..8);
    nested_maps: HashMap<i16, BTreeMap<char, Option<String>>> =
        hash_map(any::<i16>(), btree_map(any::<char>(), prop::option::of(string()), 0..3), 0..4);

    array: [u32; 3] = any::<[u32; 3]>();
    array_of_strings: [String; 2] = [string(), string()];
    array_of_arrays: [[u8; 2]; 3] = any::<[[u8; 2]; 3]>();
    array_empty: [String; 0] = Just([]);
    array_32: [u16; 32] = any::<[u16; 32]>();

    option: Option<String> = prop::option::of(string());
    option_option: Option<Option<u8>> = any::<Option<Option<u8>>>();
    result: Result<u32, String> = prop_oneof![any::<u32>().prop_map(Ok), string().prop_map(Err)];
    result_nested: Result<Option<i8>, Result<(), bool>> = any::<Result<Option<i8>, Result<(), bool>>>();

    tuple1: (u8,) = any::<(u8,)>();
    tuple2: (u8, String) = (any::<u8>(), string());
    tuple3: (bool, char, i64) = any::<(bool, char, i64)>();
    tuple4: (u8, u16, u32, Vec<u64>) = (any::<u8>(), any::<u16>(), any::<u32>(), vec(any::<u64>(), 0..4));
    unit: () = Just(());
    phantom: PhantomData<String> = Just(PhantomData);
    boxed: Box<u32> = any::<u32>().prop_map(Box::new);
    boxed_vec: Box<Vec<Box<String>>> = vec(string().prop_map(Box::new), 0..4).prop_map(Box::new);

    unit_struct: UnitStruct = Just(UnitStruct);
    empty_braces: EmptyBraces = Just(EmptyBraces {});
    empty_tuple: EmptyTuple = Just(EmptyTuple());
    tuple_struct_: TupleStruct = tuple_struct();
    newtype_struct: Id = id();
    newtype_string: Name = string().prop_map(Name);
    transparent_struct: Transparent = transparent();
    transparent_tuple: TransparentTuple = any::<Option<i32>>().prop_map(TransparentTuple);
    skip: WithSkip = with_skip();
    tuple_skip: TupleWithSkip =
        (any::<u16>(), string(), any::<i8>()).prop_map(|(a, b, c)| TupleWithSkip(a, b, c));
    rename: RenameMe = rename_me();
    with_as: WithFields = with_fields();
    converted: Converted = (any::<u32>(), string()).prop_map(|(id, label)| Converted { id, label });

    enum_: Shape = shape();
    enum_renamed: Renamed = renamed();
    enum_in_vec: Vec<Option<Shape>> = vec(prop::option::of(shape()), 0..6);

    generic_pair: Pair<u8, String> = (any::<u8>(), string()).prop_map(|(a, b)| Pair { a, b });
    generic_pair_nested: Pair<Vec<u16>, Pair<Option<i32>, Shape>> =
        (vec(any::<u16>(), 0..4), any::<Option<i32>>(), shape()).prop_map(|(a, x, y)| Pair { a, b: Pair { a: x, b: y } });
    generic_phantom: Phantom<Vec<String>> = any::<u8>().prop_map(|n| Phantom { n, marker: PhantomData });

    recursive_node: Node = node();
    recursive_expr: Expr = expr();
    recursive_list: List = list();
    recursive_generic_tree: Tree<String> = tree(string());
    recursive_tree_of_trees: Tree<Tree<u8>> = tree(tree(any::<u8>()));
    recursive_doc: Doc = doc();
    recursive_other_node: other::Node = other_node();
    recursive_pair: Pair<Node, Expr> = (node(), expr()).prop_map(|(a, b)| Pair { a, b });
    recursive_in_containers: HashMap<u8, Vec<Option<Expr>>> =
        hash_map(any::<u8>(), vec(prop::option::of(expr()), 0..3), 0..3);

    everything_at_once: Everything = everything();
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rc_and_arc_are_transparent(s in string(), v in vec(any::<u16>(), 0..8), n in node()) {
        check_pointer::<Rc<String>, _>(&s)?;
        check_pointer::<Arc<Vec<u16>>, _>(&v)?;
        check_pointer::<Rc<Node>, _>(&n)?;
        check_pointer::<Arc<Box<Rc<Node>>>, _>(&n)?;
        check_pointer::<Rc<str>, _>(s.as_str())?;
    }

    /// The skipped fields are neither in the schema nor in the bytes.
    #[test]
    fn skipped_fields_are_not_on_the_wire(v in with_skip()) {
        let bytes = encode(&v);
        prop_assert_eq!(bytes.len(), 1 + 8 + v.b.len() + 1);
        check::<WithSkip>(&v)?;
    }
}

// ---------------------------------------------------------------------------
// The schemas themselves.
// ---------------------------------------------------------------------------

fn struct_fields(schema: &Schema) -> Vec<&'static str> {
    match schema {
        Schema::Struct(def) => def.fields.iter().map(|f| f.name).collect(),
        other => panic!("not a struct: {other:?}"),
    }
}

#[test]
fn skipped_fields_are_absent_from_the_schema() {
    assert_eq!(struct_fields(WithSkip::SCHEMA), ["a", "b", "c"]);
    assert_eq!(struct_fields(TupleWithSkip::SCHEMA), ["0", "2"]);
    match Transparent::SCHEMA {
        Schema::Newtype(def) => assert!(matches!(def.inner, Schema::Seq(Schema::Prim(Prim::U16)))),
        other => panic!("transparent struct is not a newtype: {other:?}"),
    }
}

#[test]
fn renames_are_names_only() {
    match RenameMe::SCHEMA {
        Schema::Struct(def) => assert_eq!(def.name, "Renamed"),
        other => panic!("{other:?}"),
    }
    assert_eq!(struct_fields(RenameMe::SCHEMA), ["firstField", "secondField", "thirdField", "x"]);
    let Schema::Enum(def) = Renamed::SCHEMA else { panic!("not an enum") };
    let names: Vec<_> = def.variants.iter().map(|v| v.name).collect();
    assert_eq!(names, ["first", "second", "third", "fourth_two"]);
    let second: Vec<_> = def.variants[1].fields.iter().map(|f| f.name).collect();
    assert_eq!(second, ["other-value", "last"]);
    assert_eq!(def.variants[0].fields[0].name, "INNER_VALUE");
    // Renaming never changes a code.
    assert_eq!(RenameMe::SCHEMA.literal(), [0xFD, 0x06, 0x80, 0x0C, 0x85, 0x02, 0x07, 0xFF]);
}

#[test]
fn wire_as_replaces_the_field_type() {
    assert_eq!(WithFields::SCHEMA.literal(), [0xFD, 0x04, 0x81, 0x06, 0x85, 0x80, 0x0C, 0xFF]);
    assert_eq!(Converted::SCHEMA.literal(), <(u32, String) as Wire>::SCHEMA.literal());
}

#[test]
fn self_refs_point_at_their_own_type() {
    // `Node` inside `other::Node` refers to the outer `Node`, not to `other::Node`.
    assert_eq!(Node::SCHEMA.literal(), [0xFD, 0x80, 0x0C, 0x84, 0xFB, 0x81, 0xFF]);
    assert_eq!(List::SCHEMA.literal(), [0xFD, 0x02, 0x85, 0xFB, 0x81, 0xFF]);
    let Schema::Struct(def) = other::Node::SCHEMA else { panic!("not a struct") };
    assert!(def.path.ends_with("::other::Node"), "{}", def.path);
    // A non-generic type points back at its own definition (a static).
    assert!(
        matches!(def.fields[2].schema, Schema::Option(Schema::Struct(inner)) if std::ptr::eq(inner.get(), def.get()))
    );
}

// ---------------------------------------------------------------------------
// The reader is not vacuous.
// ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct P {
    a: i32,
    b: String,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct Inner {
    s: String,
    n: u64,
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn truncation_by_one_byte_fails(e in expr(), d in doc(), s in shape()) {
        for (schema, bytes) in [(Expr::SCHEMA, encode(&e)), (Doc::SCHEMA, encode(&d)), (Shape::SCHEMA, encode(&s))] {
            prop_assert_eq!(read(schema, &bytes), Ok(bytes.len()));
            prop_assert!(read(schema, &bytes[..bytes.len() - 1]).is_err());
        }
    }

    #[test]
    fn another_types_schema_does_not_fit(s in string(), n in any::<u64>()) {
        let bytes = encode(&Inner { s, n });
        prop_assert_eq!(read(Inner::SCHEMA, &bytes), Ok(bytes.len()));
        prop_assert_ne!(read(P::SCHEMA, &bytes), Ok(bytes.len()));
    }

    #[test]
    fn a_wrong_wire_as_type_does_not_fit(ms in any::<u64>(), tag in string()) {
        let bytes = encode(&WrongAs { timeout: Duration::from_millis(ms), tag });
        prop_assert_ne!(read(WrongAs::SCHEMA, &bytes), Ok(bytes.len()));
    }

    #[test]
    fn a_different_variant_list_does_not_fit(s in shape()) {
        // `Shape` without its last variant: the `Wrapped` tag is out of range.
        let bytes = encode(&s);
        let Schema::Enum(def) = Shape::SCHEMA else { unreachable!() };
        static SHORTER: std::sync::OnceLock<&'static Schema> = std::sync::OnceLock::new();
        let shorter = SHORTER.get_or_init(|| {
            let variants = &def.variants[..def.variants.len() - 1];
            let def = Box::leak(Box::new(wire_core::EnumDef {
                name: def.name,
                path: def.path,
                type_args: def.type_args,
                variants,
            }));
            Box::leak(Box::new(Schema::Enum(wire_core::DefRef::new(def))))
        });
        let got = read(shorter, &bytes);
        if matches!(s, Shape::Wrapped(_)) {
            prop_assert!(got.unwrap_err().contains("bad variant index 5"));
        } else {
            prop_assert_eq!(got, Ok(bytes.len()));
        }
    }
}

#[test]
fn inner_read_as_p_fixed_case() {
    let bytes = encode(&Inner { s: "hello".into(), n: 7 });
    assert_eq!(read(Inner::SCHEMA, &bytes), Ok(bytes.len()));
    assert_ne!(read(P::SCHEMA, &bytes), Ok(bytes.len()));
    let bytes = encode(&P { a: 5, b: "abc".into() });
    assert_eq!(read(P::SCHEMA, &bytes), Ok(bytes.len()));
    assert_ne!(read(Inner::SCHEMA, &bytes), Ok(bytes.len()));
}

#[test]
fn bad_tags_and_utf8_are_rejected() {
    let bool_ = <bool as Wire>::SCHEMA;
    assert_eq!(read(bool_, &[1]), Ok(1));
    assert!(read(bool_, &[2]).unwrap_err().contains("bad bool"));

    let opt = <Option<u8> as Wire>::SCHEMA;
    assert_eq!(read(opt, &[1, 9]), Ok(2));
    assert!(read(opt, &[2, 9]).unwrap_err().contains("bad option tag"));

    let res = <Result<u8, ()> as Wire>::SCHEMA;
    assert_eq!(read(res, &[1, 0, 0, 0]), Ok(4));
    assert!(read(res, &[2, 0, 0, 0]).unwrap_err().contains("bad result tag"));

    assert!(read(Shape::SCHEMA, &[6, 0, 0, 0]).unwrap_err().contains("bad variant index"));

    let string = <String as Wire>::SCHEMA;
    assert_eq!(read(string, &[2, 0, 0, 0, 0, 0, 0, 0, b'o', b'k']), Ok(10));
    assert!(read(string, &[2, 0, 0, 0, 0, 0, 0, 0, 0xC3, 0x28]).unwrap_err().contains("invalid UTF-8"));
    assert!(read(string, &[0xFF; 8]).unwrap_err().contains("implausible"));

    let char_ = <char as Wire>::SCHEMA;
    assert_eq!(read(char_, "é".as_bytes()), Ok(2));
    assert_eq!(read(char_, "😀".as_bytes()), Ok(4));
    assert!(read(char_, &[0xFF]).is_err());
    assert!(read(char_, &[0xED, 0xA0, 0x80]).is_err(), "a surrogate is not a char");
    assert!(read(char_, &[0xE2, 0x82]).unwrap_err().contains("truncated"));
}

#[test]
fn opaque_and_dangling_self_refs_are_errors() {
    static OPAQUE: Schema = Schema::Opaque("Custom");
    assert!(read(&OPAQUE, &[]).unwrap_err().contains("opaque type Custom"));
    static DANGLING: Schema = Schema::SelfRef("nowhere::Node");
    assert!(read(&DANGLING, &[]).unwrap_err().contains("no enclosing type"));
}

// ---------------------------------------------------------------------------
// Regression: a newtype struct's only field is on the wire even when skipped.
// ---------------------------------------------------------------------------

/// serde_derive ignores `skip` on the only field of a newtype struct: it calls
/// `serialize_newtype_struct` with the field (and reads it back), so the bytes
/// are those of `u8`. The derive describes a zero-field tuple struct instead.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
struct NewtypeWithSkippedField(#[serde(skip)] u8);

#[test]
fn newtype_struct_with_a_skipped_field() {
    let bytes = encode(&NewtypeWithSkippedField(7));
    assert_eq!(bytes, [7], "serde writes the skipped newtype field");
    assert_eq!(bincode::deserialize::<NewtypeWithSkippedField>(&bytes).unwrap(), NewtypeWithSkippedField(7));
    assert_eq!(read(NewtypeWithSkippedField::SCHEMA, &bytes), Ok(1));
}
