//! Rust mirrors of the C++ types that `tests/data/struct_pack-cpp.tsv` and
//! `tests/data/struct_pack-bytes.tsv` were measured with (the C++
//! definitions are in the files' headers; the variant names are those the
//! bytes file's header assumes). `tests/struct_pack_cpp.rs` checks their
//! codes and literals, `tests/struct_pack_bytes.rs` their bytes;
//! `tests/recursion.rs` uses the mutually recursive ones as handler
//! arguments, and `tests/vectors.rs` the three named in
//! `tests/data/type-codes.tsv`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wire_core::Wire;

#[derive(Serialize, Deserialize, Wire)]
pub struct P {
    pub a: i32,
    pub b: String,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Inner {
    pub s: String,
    pub n: u64,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Outer {
    pub inner: Inner,
    pub items: Vec<Inner>,
    pub note: Option<String>,
    pub tags: BTreeMap<String, Vec<u64>>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Node {
    pub name: String,
    pub kids: Vec<Node>,
}

/// `std::unique_ptr<Chain>`: a nullable owning pointer.
#[derive(Serialize, Deserialize, Wire)]
pub struct Chain {
    pub v: u32,
    pub next: Option<Box<Chain>>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Forest {
    pub kids: BTreeMap<String, Vec<Forest>>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Deep {
    pub n: String,
    pub kids: Vec<Option<Vec<Deep>>>,
}

/// Trivially copyable in C++: struct_pack adds its alignment to the literal.
#[derive(Serialize, Deserialize, Wire)]
#[wire(trivial)]
pub struct Pod {
    pub a: i32,
    pub b: u64,
}

/// Trivially copyable in C++.
#[derive(Serialize, Deserialize, Wire)]
#[wire(trivial)]
pub struct PodS {
    pub a: u8,
    pub b: u16,
}

/// `std::pair<int32_t, uint64_t>`: trivially copyable in C++, unlike
/// `std::tuple`, so a trivial struct here.
#[derive(Serialize, Deserialize, Wire)]
#[wire(trivial)]
pub struct TrivialPair {
    pub first: i32,
    pub second: u64,
}

/// A non-trivial struct holding a trivial one.
#[derive(Serialize, Deserialize, Wire)]
pub struct Wrap {
    pub s: String,
    pub pod: Pod,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct VecPod {
    pub v: Vec<Pod>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct OneS {
    pub v: String,
}

/// Trivially copyable in C++.
#[derive(Serialize, Deserialize, Wire)]
#[wire(trivial)]
pub struct OneU64 {
    pub v: u64,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct XY {
    pub x: i32,
    pub y: String,
}

/// Trivially copyable in C++.
#[derive(Serialize, Deserialize, Wire)]
#[wire(trivial)]
pub struct Pt {
    pub x: i32,
    pub y: i32,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct WithArr {
    pub a: [u16; 3],
    pub s: String,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Replica {
    pub addr: String,
    pub size: u64,
}

/// `enum class Color : uint8_t`: the underlying integer.
#[derive(Wire, Clone, Copy)]
#[wire(c_enum)]
#[repr(u8)]
pub enum Color {
    R,
    G,
    B,
}

/// `enum class ErrorCode : int32_t`.
#[derive(Wire, Clone, Copy)]
#[wire(c_enum)]
#[repr(i32)]
pub enum ErrorCode {
    Ok = 0,
    NotFound = -1,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct WithEnum {
    pub s: String,
    pub e: ErrorCode,
}

/// `std::variant<std::monostate, int32_t, std::string>`: a unit variant for
/// `monostate`, a newtype variant per alternative.
#[derive(Serialize, Deserialize, Wire)]
pub enum V1 {
    Empty,
    I(i32),
    S(String),
}

/// `std::variant<int32_t, std::string, std::vector<uint8_t>>`.
#[derive(Serialize, Deserialize, Wire)]
pub enum V2 {
    I(i32),
    S(String),
    B(Vec<u8>),
}

/// `std::variant<std::monostate, XY>`.
#[derive(Serialize, Deserialize, Wire)]
pub enum V3 {
    Empty,
    Xy(XY),
}

/// `std::variant<std::monostate, Pt>`.
#[derive(Serialize, Deserialize, Wire)]
pub enum V4 {
    Empty,
    P(Pt),
}

/// `std::variant<int32_t>`.
#[derive(Serialize, Deserialize, Wire)]
pub enum V5 {
    I(i32),
}

/// `std::variant<std::monostate, Inner, std::vector<std::string>, std::optional<uint64_t>>`.
#[derive(Serialize, Deserialize, Wire)]
pub enum V6 {
    Empty,
    Inner(Inner),
    List(Vec<String>),
    Opt(Option<u64>),
}

// Mutual recursion, through two and three types, and through a map.

#[derive(Serialize, Deserialize, Wire)]
pub struct Block {
    pub stmts: Vec<Stmt>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Stmt {
    pub text: String,
    pub blocks: Vec<Block>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct A3 {
    pub name: String,
    pub bs: Vec<B3>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct B3 {
    pub cs: Vec<C3>,
    pub weight: u64,
}

/// `std::unique_ptr<A3>`.
#[derive(Serialize, Deserialize, Wire)]
pub struct C3 {
    pub back: Option<Box<A3>>,
    pub tag: String,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Entry {
    pub name: String,
    pub sub: BTreeMap<String, Dir>,
}

#[derive(Serialize, Deserialize, Wire)]
pub struct Dir {
    pub entries: Vec<Entry>,
    pub mode: u32,
}

/// `struct L { std::optional<std::vector<L>> next; }`.
#[derive(Serialize, Deserialize, Wire)]
pub struct L {
    pub next: Option<Vec<L>>,
}
