// docs/conformance_types.rs: the types named in docs/conformance.tsv.
// Included by tests/conformance.rs and quoted verbatim in docs/SPEC.md (§10).

// The types of the reference vectors (tests/data/type-codes.tsv).
#[derive(Debug, Serialize, Wire)]
pub struct P { pub a: i32, pub b: String }
#[derive(Debug, Serialize, Wire)]
pub struct Inner { pub s: String, pub n: u64 }
#[derive(Debug, Serialize, Wire)]
pub struct Node { pub name: String, pub kids: Vec<Node> }

// Structs of every style.
#[derive(Debug, Serialize, Wire)]
pub struct Unit;
#[derive(Debug, Serialize, Wire)]
pub struct EmptyNamed {}
#[derive(Debug, Serialize, Wire)]
pub struct EmptyTuple();
#[derive(Debug, Serialize, Wire)]
pub struct Id(pub u64);
#[derive(Debug, Serialize, Wire)]
pub struct Pair(pub u32, pub String);
#[derive(Debug, Serialize, Wire)]
#[serde(transparent)]
pub struct Meters { pub value: f64 }

// serde attributes: names never matter, skipped fields are not on the wire.
#[derive(Debug, Serialize, Wire)]
#[serde(rename = "Renamed2", rename_all = "camelCase")]
pub struct Renamed {
    #[serde(rename = "k")]
    pub key_name: String,
    #[serde(skip)]
    pub cache: Vec<u8>,
    #[serde(skip_serializing, skip_deserializing)]
    pub scratch: u32,
    #[serde(alias = "len", default)]
    pub value_len: u64,
}

// Every variant kind.
#[derive(Debug, Serialize, Wire)]
pub enum Shape {
    Empty,
    Circle(f64),
    Rect(u32, u32),
    Named { label: String, sides: u8 },
    Nothing(()),
    NoFields(),
    NoNamed {},
    Skipped(#[serde(skip)] u64),
}
#[derive(Debug, Serialize, Wire)]
pub enum Never {}

// Recursion.
#[derive(Debug, Serialize, Wire)]
pub enum Expr { Lit(i64), Neg(Box<Expr>), Add(Box<Expr>, Box<Expr>) }
#[derive(Debug, Serialize, Wire)]
pub struct Chain { pub value: u32, pub next: Option<Box<Chain>> }
#[derive(Debug, Serialize, Wire)]
pub struct Forest { pub trees: BTreeMap<String, Vec<Forest>> }
// Mutual recursion: each type's definition points at the other's.
#[derive(Debug, Serialize, Wire)]
pub struct Block { pub stmts: Vec<Stmt> }
#[derive(Debug, Serialize, Wire)]
pub struct Stmt { pub text: String, pub blocks: Vec<Block> }
#[derive(Debug, Serialize, Wire)]
pub enum List { Nil, Cons(u8, Vec<List>) }
#[derive(Debug, Serialize, Wire)]
pub struct Tree<T> { pub value: T, pub kids: Vec<Tree<T>> }

// Generics.
#[derive(Debug, Serialize, Wire)]
pub struct Both<A, B> { pub a: A, pub b: B }
#[derive(Debug, Serialize, Wire)]
pub struct Tagged<T> { pub id: u64, pub marker: PhantomData<T> }
pub struct NotWire;

// Opaque types and stated shapes.
#[derive(Debug, Wire)]
#[wire(opaque = "Uuid")]
pub struct Uuid(pub [u8; 16]);
impl Serialize for Uuid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}
#[derive(Debug, Serialize, Wire)]
pub struct Stated {
    #[serde(with = "as_text")]
    #[wire(as = String)]
    pub count: u64,
    #[wire(opaque = "Ipv4")]
    pub addr: std::net::Ipv4Addr,
    pub id: Uuid,
}
pub mod as_text {
    pub fn serialize<S: serde::Serializer>(n: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(n)
    }
}

// C++ shapes Rust opts into (§3.7): an enum carried as its integer, and a
// trivially copyable struct, written in C layout with its padding.
#[derive(Debug, Clone, Copy, Wire)]
#[wire(c_enum)]
#[repr(i32)]
pub enum ErrorCode { Ok = 0, NotFound = -1 }
#[derive(Debug, Serialize, Wire)]
#[wire(trivial)]
pub struct Pod { pub a: i32, pub b: u64 }

// Handlers: the argument-tuple and return rules, and a small service for
// the ServiceReady, digest and frame vectors.
#[wire_rpc(codes_only)]
pub trait Calls {
    fn none(&self);
    fn one(&self, a: String);
    fn two(&self, a: String, b: String);
    fn three(&self, a: u32, b: Option<String>, c: Vec<u8>) -> Result<u64, String>;
    fn unit_arg(&self, a: ());
    fn tuple1_arg(&self, a: (u8,));
    fn tuple2_arg(&self, a: (u8, u16));
    fn split_args(&self, a: u8, b: u16);
    async fn fetch(&self, key: String) -> Option<Vec<u8>>;
    #[wire(name = "ns::Class::Method")]
    fn pinned(&self) -> u64;
}

#[wire_rpc]
pub trait Demo {
    fn ping(&self) -> u64;
    fn get(&self, key: String) -> Option<Vec<u8>>;
    fn put(&self, key: String, value: Vec<u8>);
}

/// §8: a handler that gained extension levels 2 and 3 after its first release.
#[wire_rpc]
pub trait Evolved {
    fn put(
        &self,
        key: String,
        #[wire(since = 2)] tenant: Option<String>,
        #[wire(since = 3)] ttl: u32,
        #[wire(since = 3)] tags: Vec<String>,
    ) -> bool;
}
