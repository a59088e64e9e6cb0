//! The schema is the truth about the bytes.
//!
//! A type's code is computed from its [`Schema`] alone, so the schema must
//! describe exactly what serde puts on the wire — otherwise two peers can agree
//! on a code and still misread each other. This file checks that with a reader
//! of the bincode 1.3 default encoding (`bincode::serialize`: fixint, little
//! endian) that is guided *only* by the schema tree: for random values of every
//! supported shape, walking the schema over the encoded bytes must consume them
//! exactly. Negative tests show the reader is not vacuous.
//!
//! The reader is `support/bincode_reader.rs`; the types and their
//! strategies are in `schema_truth/`.

#[path = "schema_truth/strategies.rs"]
mod strategies;
mod support;
#[path = "schema_truth/types.rs"]
mod types;

use proptest::collection::{btree_map, btree_set, hash_map, hash_set, vec};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use strategies::*;
use support::bincode_reader::read;
use support::cpp::{Inner, P};
use types::*;
use wire_core::{Prim, Schema, Wire};

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
