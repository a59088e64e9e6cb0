//! The struct_pack codec writes exactly the bytes the C++ library writes,
//! and reads them back: every row of `tests/data/struct_pack-bytes.tsv`
//! (measured from yalantinglibs' struct_pack, release and debug builds).
//!
//! The values are built here (the file's `rust_value` column, as code); the
//! bytes come from the file.

mod support;

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use support::cpp::*;
use support::hex::{hex, unhex};
use wire_core::Wire;
use wire_core::codec::struct_pack::{from_slice, to_vec, to_vec_with_literal};

/// A row's check, given its release and debug payloads.
type Check = Box<dyn Fn(&[u8], &[u8]) -> Result<(), String>>;

/// What a row checks.
struct Case {
    check: Check,
}

impl Case {
    /// Ours equal theirs in both builds, and theirs read back to the same bytes.
    fn of<T: Serialize + DeserializeOwned + Wire + 'static>(value: T) -> Case {
        Case {
            check: Box::new(move |release, debug| {
                let ours = to_vec(&value).map_err(|e| e.to_string())?;
                if ours != release {
                    return Err(format!("release: ours {} theirs {}", hex(&ours), hex(release)));
                }
                let ours = to_vec_with_literal(&value).map_err(|e| e.to_string())?;
                if ours != debug {
                    return Err(format!("debug: ours {} theirs {}", hex(&ours), hex(debug)));
                }
                for theirs in [release, debug] {
                    let back: T = from_slice(theirs).map_err(|e| format!("reading {}: {e}", hex(theirs)))?;
                    if to_vec(&back).map_err(|e| e.to_string())? != release {
                        return Err(format!("{} did not read back as the value", hex(theirs)));
                    }
                }
                Ok(())
            }),
        }
    }

    /// A C++ writer copies a trivially copyable struct's padding from memory:
    /// whatever it holds is read, and written back as zeros.
    fn garbage_padding<T: Serialize + DeserializeOwned + Wire + 'static>(value: T) -> Case {
        Case::reads_back(value)
    }

    /// Theirs, from both builds, read back as `value`: written again, they are ours.
    fn reads_back<T: Serialize + DeserializeOwned + Wire + 'static>(value: T) -> Case {
        Case {
            check: Box::new(move |release, debug| {
                let ours = to_vec(&value).map_err(|e| e.to_string())?;
                for theirs in [release, debug] {
                    let back: T = from_slice(theirs).map_err(|e| format!("reading {}: {e}", hex(theirs)))?;
                    if to_vec(&back).map_err(|e| e.to_string())? != ours {
                        return Err(format!("{} did not read back as the value", hex(theirs)));
                    }
                }
                Ok(())
            }),
        }
    }

    /// Borrowed values: written only.
    fn encode_only<T: Serialize + Wire + ?Sized + 'static>(value: &'static T) -> Case {
        Case {
            check: Box::new(move |release, debug| {
                let ours = to_vec(value).map_err(|e| e.to_string())?;
                let ours_debug = to_vec_with_literal(value).map_err(|e| e.to_string())?;
                if ours != release || ours_debug != debug {
                    return Err(format!(
                        "ours {} / {} theirs {} / {}",
                        hex(&ours),
                        hex(&ours_debug),
                        hex(release),
                        hex(debug)
                    ));
                }
                Ok(())
            }),
        }
    }

    /// No arguments: coro_rpc sends an empty body.
    fn empty_args() -> Case {
        Case {
            check: Box::new(
                |release, debug| {
                    if release.is_empty() && debug.is_empty() { Ok(()) } else { Err("not empty".into()) }
                },
            ),
        }
    }

    /// A C++ type with `struct_pack::compatible<>` fields (no Rust shape) is
    /// read as the type without them: its literal and code are the same.
    fn compatible<T: DeserializeOwned + Serialize + Wire + 'static>(value: T) -> Case {
        Case::reads_back(value)
    }
}

fn cases() -> Vec<(&'static str, Case)> {
    vec![
        ("bool true", Case::of::<bool>(true)),
        ("bool false", Case::of::<bool>(false)),
        ("i8 -1", Case::of::<i8>(-1i8)),
        ("i8 min", Case::of::<i8>(i8::MIN)),
        ("u8 255", Case::of::<u8>(255u8)),
        ("i16 -2", Case::of::<i16>(-2i16)),
        ("u16 max", Case::of::<u16>(u16::MAX)),
        ("u16 0x1234", Case::of::<u16>(0x1234u16)),
        ("i32 -1", Case::of::<i32>(-1i32)),
        ("i32 min", Case::of::<i32>(i32::MIN)),
        ("u32 0xdeadbeef", Case::of::<u32>(0xdead_beefu32)),
        ("i64 -2", Case::of::<i64>(-2i64)),
        ("i64 min", Case::of::<i64>(i64::MIN)),
        ("u64 max", Case::of::<u64>(u64::MAX)),
        ("u64 0x0102030405060708", Case::of::<u64>(0x0102_0304_0506_0708u64)),
        ("usize 7", Case::of::<usize>(7usize)),
        ("isize -7", Case::of::<isize>(-7isize)),
        ("i128 -2", Case::of::<i128>(-2i128)),
        ("i128 min", Case::of::<i128>(i128::MIN)),
        ("u128 big", Case::of::<u128>(0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10u128)),
        ("f32 1.5", Case::of::<f32>(1.5f32)),
        ("f32 -0.1", Case::of::<f32>(-0.1f32)),
        ("f64 1.5", Case::of::<f64>(1.5f64)),
        ("f64 -0.1", Case::of::<f64>(-0.1f64)),
        ("char32 e-acute", Case::of::<char>('\u{e9}')),
        ("char32 emoji", Case::of::<char>('\u{1f600}')),
        ("unit (monostate)", Case::of::<()>(())),
        ("String len 0", Case::of::<String>(String::new())),
        ("String len 3", Case::of::<String>(String::from("abc"))),
        ("String utf8 e-acute", Case::of::<String>(String::from("\u{e9}"))),
        ("String len 255", Case::of::<String>("a".repeat(255))),
        ("String len 256", Case::of::<String>("a".repeat(256))),
        ("String len 65535", Case::of::<String>("a".repeat(65535))),
        ("String len 65536", Case::of::<String>("a".repeat(65536))),
        ("String len 70000", Case::of::<String>("a".repeat(70000))),
        ("&str hi", Case::encode_only::<str>("hi")),
        ("Vec<u8> empty", Case::of::<Vec<u8>>(Vec::<u8>::new())),
        ("Vec<u8> [1,2,3]", Case::of::<Vec<u8>>(vec![1u8, 2, 3])),
        ("Vec<u32> [1,2]", Case::of::<Vec<u32>>(vec![1u32, 2])),
        ("Vec<u32> 100 elems (400 bytes)", Case::of::<Vec<u32>>(vec![7u32; 100])),
        ("Vec<u32> 256 elems", Case::of::<Vec<u32>>(vec![7u32; 256])),
        ("Vec<bool> [t,f,t]", Case::of::<Vec<bool>>(vec![true, false, true])),
        ("Vec<String> [a,bc]", Case::of::<Vec<String>>(vec![String::from("a"), String::from("bc")])),
        ("Vec<Vec<u32>> [[1,2],[],[3]]", Case::of::<Vec<Vec<u32>>>(vec![vec![1u32, 2], vec![], vec![3]])),
        ("VecDeque<i16> [-1,2]", Case::of::<VecDeque<i16>>(VecDeque::from(vec![-1i16, 2]))),
        ("LinkedList<u64> [1,2]", Case::of::<LinkedList<u64>>(LinkedList::from([1u64, 2]))),
        ("Vec<Option<String>> [Some(a),None]", Case::of::<Vec<Option<String>>>(vec![Some(String::from("a")), None])),
        ("Vec<char> [e-acute]", Case::of::<Vec<char>>(vec!['\u{e9}'])),
        (
            "BTreeMap<String,u32> {a:1,b:2}",
            Case::of::<BTreeMap<String, u32>>(BTreeMap::from([(String::from("a"), 1u32), (String::from("b"), 2)])),
        ),
        ("BTreeMap<String,u32> empty", Case::of::<BTreeMap<String, u32>>(BTreeMap::new())),
        (
            "HashMap<i64,Vec<String>> one entry",
            Case::of::<HashMap<i64, Vec<String>>>(HashMap::from([(-3i64, vec![String::from("x")])])),
        ),
        ("HashMap<String,u32> one entry", Case::of::<HashMap<String, u32>>(HashMap::from([(String::from("k"), 9u32)]))),
        ("BTreeSet<i64> {-1,3,5}", Case::of::<BTreeSet<i64>>(BTreeSet::from([5i64, -1, 3]))),
        ("HashSet<String> one entry", Case::of::<HashSet<String>>(HashSet::from([String::from("s")]))),
        ("[u8;4] [1,2,3,4]", Case::of::<[u8; 4]>([1u8, 2, 3, 4])),
        ("[u32;2] [1,2]", Case::of::<[u32; 2]>([1u32, 2])),
        ("[String;2] [a,bc]", Case::of::<[String; 2]>([String::from("a"), String::from("bc")])),
        ("[Option<u32>;2] [Some(1),None]", Case::of::<[Option<u32>; 2]>([Some(1u32), None])),
        ("[u32;3] (C array)", Case::of::<[u32; 3]>([1u32, 2, 3])),
        ("WithArr {a:[1,2,3],s:x}", Case::of::<WithArr>(WithArr { a: [1u16, 2, 3], s: String::from("x") })),
        ("Option<String> Some(hi)", Case::of::<Option<String>>(Some(String::from("hi")))),
        ("Option<String> None", Case::of::<Option<String>>(None::<String>)),
        ("Option<u32> Some(5)", Case::of::<Option<u32>>(Some(5u32))),
        ("Option<u32> None", Case::of::<Option<u32>>(None::<u32>)),
        ("Option<Option<u8>> Some(Some(5))", Case::of::<Option<Option<u8>>>(Some(Some(5u8)))),
        ("Option<Option<u8>> Some(None)", Case::of::<Option<Option<u8>>>(Some(None::<u8>))),
        ("Option<Option<u8>> None", Case::of::<Option<Option<u8>>>(None::<Option<u8>>)),
        ("Option<Vec<u32>> Some([1])", Case::of::<Option<Vec<u32>>>(Some(vec![1u32]))),
        ("Option<Box<u32>> None (unique_ptr null)", Case::of::<Option<Box<u32>>>(None::<Box<u32>>)),
        ("Option<Box<u32>> Some(7) (unique_ptr)", Case::of::<Option<Box<u32>>>(Some(Box::new(7u32)))),
        ("Chain 1->2", Case::of::<Chain>(Chain { v: 1, next: Some(Box::new(Chain { v: 2, next: None })) })),
        ("(u8,) (5)", Case::of::<(u8,)>((5u8,))),
        ("(i32,String) (-1,hi)", Case::of::<(i32, String)>((-1i32, String::from("hi")))),
        ("(String,u64,bool)", Case::of::<(String, u64, bool)>((String::from("a"), 2u64, true))),
        ("(i32,u64) [tuple, not trivial]", Case::of::<(i32, u64)>((-1i32, 2u64))),
        ("(String,u64) [pair] (hi,7)", Case::of::<(String, u64)>((String::from("hi"), 7u64))),
        ("(i32,u64) [pair, trivial] padding=00", Case::of::<TrivialPair>(TrivialPair { first: -1, second: 2 })),
        (
            "(i32,u64) [pair, trivial] padding=aa (garbage copied)",
            Case::garbage_padding::<TrivialPair>(TrivialPair { first: -1, second: 2 }),
        ),
        ("P {a:-1,b:hi}", Case::of::<P>(P { a: -1, b: String::from("hi") })),
        ("Inner {s:abc,n:5}", Case::of::<Inner>(Inner { s: String::from("abc"), n: 5 })),
        (
            "Outer",
            Case::of::<Outer>(Outer {
                inner: Inner { s: String::from("x"), n: 1 },
                items: vec![Inner { s: String::from("y"), n: 2 }, Inner { s: String::from("z"), n: 3 }],
                note: Some(String::from("n")),
                tags: BTreeMap::from([(String::from("k"), vec![1u64, 2])]),
            }),
        ),
        (
            "Outer default",
            Case::of::<Outer>(Outer {
                inner: Inner { s: String::new(), n: 0 },
                items: vec![],
                note: None,
                tags: BTreeMap::new(),
            }),
        ),
        (
            "Node 2 levels",
            Case::of::<Node>(Node {
                name: String::from("r"),
                kids: vec![
                    Node { name: String::from("a"), kids: vec![] },
                    Node { name: String::from("b"), kids: vec![] },
                ],
            }),
        ),
        (
            "Node 3 levels",
            Case::of::<Node>(Node {
                name: String::from("r"),
                kids: vec![Node {
                    name: String::from("a"),
                    kids: vec![Node { name: String::from("c"), kids: vec![] }],
                }],
            }),
        ),
        ("Pod {a:-1,b:2} padding=00", Case::of::<Pod>(Pod { a: -1, b: 2 })),
        ("Pod {a:-1,b:2} padding=aa (garbage copied)", Case::garbage_padding::<Pod>(Pod { a: -1, b: 2 })),
        ("PodS {a:1,b:0x0203} padding=00", Case::of::<PodS>(PodS { a: 1, b: 0x0203 })),
        (
            "Wrap {s:hi,pod:{-1,2}} padding=00",
            Case::of::<Wrap>(Wrap { s: String::from("hi"), pod: Pod { a: -1, b: 2 } }),
        ),
        (
            "VecPod 2 elems padding=00",
            Case::of::<VecPod>(VecPod { v: vec![Pod { a: 1, b: 2 }, Pod { a: -1, b: 0x0102_0304_0506_0708 }] }),
        ),
        ("OneU64 {v:9}", Case::of::<OneU64>(OneU64 { v: 9 })),
        ("OneS {v:hi}", Case::of::<OneS>(OneS { v: String::from("hi") })),
        ("Pt {x:1,y:-2}", Case::of::<Pt>(Pt { x: 1, y: -2 })),
        ("Color::G", Case::of::<Color>(Color::G)),
        ("ErrorCode::NotFound", Case::of::<ErrorCode>(ErrorCode::NotFound)),
        ("WithEnum {s:x,e:NotFound}", Case::of::<WithEnum>(WithEnum { s: String::from("x"), e: ErrorCode::NotFound })),
        ("V1 monostate", Case::of::<V1>(V1::Empty)),
        ("V1 i32 -5", Case::of::<V1>(V1::I(-5))),
        ("V1 string hi", Case::of::<V1>(V1::S(String::from("hi")))),
        ("V2 i32 7", Case::of::<V2>(V2::I(7))),
        ("V2 string x", Case::of::<V2>(V2::S(String::from("x")))),
        ("V2 bytes [1,2]", Case::of::<V2>(V2::B(vec![1u8, 2]))),
        ("V4 Pt", Case::of::<V4>(V4::P(Pt { x: 1, y: 2 }))),
        ("V6 monostate", Case::of::<V6>(V6::Empty)),
        ("V6 Inner", Case::of::<V6>(V6::Inner(Inner { s: String::from("a"), n: 1 }))),
        ("V6 Vec<String>", Case::of::<V6>(V6::List(vec![String::from("a")]))),
        ("V6 Option<u64> Some(3)", Case::of::<V6>(V6::Opt(Some(3)))),
        ("V6 Option<u64> None", Case::of::<V6>(V6::Opt(None))),
        ("Result<u64,String> Ok(7) [std::expected]", Case::of::<Result<u64, String>>(Ok::<u64, String>(7))),
        (
            "Result<u64,String> Err(bad) [std::expected]",
            Case::of::<Result<u64, String>>(Err::<u64, String>(String::from("bad"))),
        ),
        ("Result<u64,String> Ok(7) [tl::expected]", Case::of::<Result<u64, String>>(Ok::<u64, String>(7))),
        ("Result<(),String> Ok(()) [std::expected<void>]", Case::of::<Result<(), String>>(Ok::<(), String>(()))),
        (
            "Result<(),String> Err(bad) [std::expected<void>]",
            Case::of::<Result<(), String>>(Err::<(), String>(String::from("bad"))),
        ),
        (
            "Result<bool,ErrorCode> Err(NotFound)",
            Case::of::<Result<bool, ErrorCode>>(Err::<bool, ErrorCode>(ErrorCode::NotFound)),
        ),
        ("Result<u32,i32> Ok(1) (no container)", Case::of::<Result<u32, i32>>(Ok::<u32, i32>(1))),
        (
            "Block [mutual recursion]",
            Case::of::<Block>(Block {
                stmts: vec![Stmt { text: String::from("x"), blocks: vec![Block { stmts: vec![] }] }],
            }),
        ),
        (
            "Stmt [mutual recursion]",
            Case::of::<Stmt>(Stmt { text: String::from("y"), blocks: vec![Block { stmts: vec![] }] }),
        ),
        (
            "Dir [mutual recursion]",
            Case::of::<Dir>(Dir {
                entries: vec![Entry {
                    name: String::from("e"),
                    sub: BTreeMap::from([(String::from("s"), Dir { entries: vec![], mode: 1 })]),
                }],
                mode: 0o755,
            }),
        ),
        (
            "Entry [mutual recursion] empty sub",
            Case::of::<Entry>(Entry { name: String::from("f"), sub: BTreeMap::new() }),
        ),
        ("Vec<String> [300 a's, b] -> width 2", Case::of::<Vec<String>>(vec!["a".repeat(300), String::from("b")])),
        ("Inner {s: 70000 a's, n:1} -> width 4", Case::of::<Inner>(Inner { s: "a".repeat(70000), n: 1 })),
        ("(String 256 a's, Vec<u8> [1]) args -> width 2", Case::of::<(String, Vec<u8>)>(("a".repeat(256), vec![1u8]))),
        ("Vec<Vec<u8>> [[0;300]] -> width 2 (outer size too)", Case::of::<Vec<Vec<u8>>>(vec![vec![0u8; 300]])),
        ("Option<Vec<u8>> Some([0;256]) -> width 2", Case::of::<Option<Vec<u8>>>(Some(vec![0u8; 256]))),
        ("Option<Vec<u8>> None (container type, no container value)", Case::of::<Option<Vec<u8>>>(None::<Vec<u8>>)),
        ("args (String)", Case::of::<String>(String::from("hi"))),
        ("args (String, u64)", Case::of::<(String, u64)>((String::from("hi"), 7u64))),
        ("args (String, String)", Case::of::<(String, String)>((String::from("a"), String::from("bc")))),
        (
            "args (u32, Option<String>, Vec<u8>) Some",
            Case::of::<(u32, Option<String>, Vec<u8>)>((1u32, Some(String::from("o")), vec![9u8, 8])),
        ),
        (
            "args (u32, Option<String>, Vec<u8>) None",
            Case::of::<(u32, Option<String>, Vec<u8>)>((1u32, None::<String>, Vec::<u8>::new())),
        ),
        ("args (i32, i32)", Case::of::<(i32, i32)>((1i32, 2i32))),
        ("args (i32, u64) [all fundamental]", Case::of::<(i32, u64)>((-1i32, 2u64))),
        ("args ()", Case::empty_args()),
        ("ret void (monostate reply body)", Case::of::<()>(())),
        ("CompatS extra=Some(5)", Case::compatible(Inner { s: String::from("a"), n: 1 })),
        ("CompatS extra=None", Case::compatible(Inner { s: String::from("a"), n: 1 })),
        ("CompatLast extra=Some(xy)", Case::compatible(OneS { v: String::from("a") })),
    ]
}

/// Rows with no Rust shape: C++ character types other than char32_t, u32string,
/// and a struct with compatible fields of two versions (its Rust twin would
/// be `{ s: String }`, but the row's value is not known here).
const CPP_ONLY: &[&str] = &[
    "[c++ only] char 'A'",
    "[c++ only] char8_t 'A'",
    "[c++ only] char16_t e-acute",
    "[c++ only] wchar_t e-acute",
    "[c++ only] signed char -1",
    "[c++ only] u32string e-acute",
    "Compat2 b(v2)=Some(7) a(v1)=Some(q)",
];

#[test]
fn every_measured_payload_is_reproduced() {
    let columns = ["label", "rust_type", "rust_value", "cpp_type", "hex", "hex_debug"];
    let rows = support::tsv::read("struct_pack-bytes.tsv", &columns, columns.len());
    let mut by_label: HashMap<&str, Case> = HashMap::new();
    for (label, case) in cases() {
        assert!(by_label.insert(label, case).is_none(), "{label} twice");
    }
    let (mut checked, mut failures) = (0, Vec::new());
    for row in &rows {
        let (label, release, debug) = (row.col(0), unhex(row.col(4), row.line), unhex(row.col(5), row.line));
        if CPP_ONLY.contains(&label) {
            continue;
        }
        let Some(case) = by_label.remove(label) else {
            failures.push(format!("line {}: `{label}` has no case here", row.line));
            continue;
        };
        checked += 1;
        if let Err(e) = (case.check)(&release, &debug) {
            failures.push(format!("line {}: `{label}`: {e}", row.line));
        }
    }
    for label in by_label.keys() {
        failures.push(format!("`{label}` is not in the file"));
    }
    assert!(failures.is_empty(), "{} of {checked} rows failed:\n{}", failures.len(), failures.join("\n"));
}
