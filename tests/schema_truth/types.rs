//! The types `tests/schema_truth.rs` holds to the bincode bytes: every
//! struct and enum style, serde's attributes, `#[wire(as)]`, generics and
//! recursion (direct, through containers, mutual, and nested in another
//! recursive type).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::net::Ipv4Addr;
use std::time::Duration;
use wire_core::Wire;

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct UnitStruct;

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct EmptyBraces {}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct EmptyTuple();

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct TupleStruct(pub u8, pub String, pub i64);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Id(pub u64);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Name(pub String);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(transparent)]
pub struct Transparent {
    pub values: Vec<u16>,
    #[serde(skip)]
    pub cache: u32,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(transparent)]
pub struct TransparentTuple(pub Option<i32>);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct WithSkip {
    pub a: u8,
    #[serde(skip)]
    pub cache: String,
    pub b: String,
    #[serde(skip_serializing, skip_deserializing)]
    pub scratch: Vec<u64>,
    pub c: bool,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct TupleWithSkip(pub u16, #[serde(skip)] pub String, pub i8);

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(rename = "Renamed", rename_all = "camelCase")]
pub struct RenameMe {
    pub first_field: u8,
    #[serde(alias = "old_second")]
    pub second_field: String,
    #[serde(default)]
    pub third_field: Option<u32>,
    #[serde(rename = "x")]
    pub fourth_field: i16,
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
pub struct WithFields {
    #[serde(with = "millis")]
    #[wire(as = u64)]
    pub timeout: Duration,
    #[serde(serialize_with = "octets::serialize", deserialize_with = "octets::deserialize")]
    #[wire(as = [u8; 4])]
    pub addr: Ipv4Addr,
    pub tag: String,
}

/// Claims the wrong `as` type (u32, but `millis` writes a u64): the reader must notice.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct WrongAs {
    #[serde(with = "millis")]
    #[wire(as = u32)]
    pub timeout: Duration,
    pub tag: String,
}

/// A container-level `into`/`from`, stated with `#[wire(as = ...)]`.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
#[serde(into = "(u32, String)", from = "(u32, String)")]
#[wire(as = (u32, String))]
pub struct Converted {
    pub id: u32,
    pub label: String,
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
pub enum Shape {
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
pub enum Renamed {
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
pub struct Pair<A, B> {
    pub a: A,
    pub b: B,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Phantom<T> {
    pub n: u8,
    pub marker: PhantomData<T>,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Node {
    pub name: String,
    pub kids: Vec<Node>,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub enum Expr {
    Lit(i64),
    Add(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct List {
    pub value: u32,
    pub next: Option<Box<Self>>,
}

#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Tree<T> {
    pub value: T,
    pub kids: Vec<Tree<T>>,
}

/// Recursive, and holding another recursive type: each `SelfRef` must resolve
/// to its own nearest enclosing type.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub enum Doc {
    Text(String),
    Tree(Node),
    Many(Vec<Doc>),
    Map(BTreeMap<String, Doc>),
}

/// Same identifier as the outer `Node`, different module path.
pub mod other {
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
pub struct Everything {
    pub unit: UnitStruct,
    pub tuple: TupleStruct,
    pub id: Id,
    pub transparent: Transparent,
    pub skip: WithSkip,
    pub renamed: RenameMe,
    pub with: WithFields,
    pub shapes: Vec<Shape>,
    pub pair: Pair<Node, Expr>,
    pub list: Option<List>,
    pub docs: Vec<Doc>,
    pub other: Option<other::Node>,
}
