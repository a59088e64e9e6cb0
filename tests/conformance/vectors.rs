//! Every vector of `docs/conformance.tsv`, computed from the code, in file
//! order: MD5 and constants, type literals and codes, size literals, args
//! and return codes, function ids, the ServiceReady listing, digest and
//! encoding, frame headers and whole frames, extension sections, and the
//! bincode1 encoding of every shape.

use super::Row;
use super::support::tsv::squash;
use md5::Digest;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use types::*;
use wire_core::codec::{Bincode, Codec};
use wire_core::protocol::frame::{self, Kind, RequestHeader, ResponseHeader, Status};
use wire_core::protocol::handshake::ServiceReady;
use wire_core::rpc::Server;
use wire_core::{Contract, Handler, Prim, Schema, Wire};

/// The types of `docs/conformance_types.rs`, which SPEC §10 quotes verbatim
/// (so it carries no attributes of its own). Most exist only for their codes
/// and are never built, and the fields of those built are read by their
/// `Serialize` alone: dead code to the compiler.
#[allow(dead_code)]
mod types {
    use serde::Serialize;
    use std::collections::BTreeMap;
    use std::marker::PhantomData;
    use wire_core::{Wire, wire_rpc};

    include!("../../docs/conformance_types.rs");
}

/// Polls a future that never waits (the vector handlers are synchronous).
fn ready_now<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("a vector handler waited"),
    }
}

struct DemoImpl;

impl Demo for DemoImpl {
    fn ping(&self) -> u64 {
        7
    }

    fn get(&self, key: String) -> Option<Vec<u8>> {
        (key == "k").then(|| vec![1, 2, 3])
    }

    fn put(&self, _key: String, _value: Vec<u8>) {}
}

/// Every vector, in file order.
pub fn computed() -> Vec<Row> {
    let mut rows = Vec::new();
    md5_rows(&mut rows);
    type_rows(&mut rows);
    size_rows(&mut rows);
    handler_rows(&mut rows);
    ready_rows(&mut rows);
    frame_rows(&mut rows);
    ext_rows(&mut rows);
    bincode_rows(&mut rows);
    rows
}

fn md5_rows(rows: &mut Vec<Row>) {
    for input in ["", "abc", "hi", "MasterService::put_start"] {
        let digest: [u8; 16] = md5::Md5::digest(input.as_bytes()).into();
        let md5_32 = wire_core::md5_32(input.as_bytes());
        assert_eq!(md5_32, u32::from_be_bytes(digest[..4].try_into().unwrap()), "md5_32 = first 4 bytes, big-endian");
        rows.push(Row::new("md5", format!("{input:?}"), Some(md5_32), &digest));
    }
    let constants = [
        ("EMPTY_ARGS_CODE", wire_core::EMPTY_ARGS_CODE),
        ("HANDSHAKE_VERSION", u32::from(wire_core::protocol::handshake::HANDSHAKE_VERSION)),
        ("FRAME_VERSION", u32::from(frame::FRAME_VERSION)),
        ("REQUEST_HEADER_LEN", frame::REQUEST_HEADER_LEN as u32),
        ("RESPONSE_HEADER_LEN", frame::RESPONSE_HEADER_LEN as u32),
        ("DEFAULT_MAX_FRAME", frame::DEFAULT_MAX_FRAME),
    ];
    for (name, value) in constants {
        rows.push(Row::new("const", name, Some(value), &[]));
    }
}

fn type_rows(rows: &mut Vec<Row>) {
    macro_rules! types {
        ($($subject:literal => $t:ty),* $(,)?) => {$(
            assert_eq!(squash($subject), squash(stringify!($t)), "subject of `{}`", stringify!($t));
            let literal = wire_core::literal::<$t>();
            let code = <$t as Wire>::CODE;
            assert_eq!(code, wire_core::type_code(&literal), "{}: CODE is the code of the literal", $subject);
            rows.push(Row::new("type", $subject, Some(code), &literal));
        )*};
    }
    types! {
        // Primitives.
        "i32" => i32, "u32" => u32, "i64" => i64, "u64" => u64,
        "i8" => i8, "u8" => u8, "i16" => i16, "u16" => u16,
        "i128" => i128, "u128" => u128, "bool" => bool, "char" => char,
        "f32" => f32, "f64" => f64, "usize" => usize, "isize" => isize,
        // Strings.
        "String" => String, "str" => str, "&'static str" => &'static str, "Box<str>" => Box<str>,
        "Cow<'static, str>" => Cow<'static, str>, "Arc<str>" => Arc<str>,
        // Sequences, sets, maps.
        "Vec<u8>" => Vec<u8>, "Vec<String>" => Vec<String>, "VecDeque<u32>" => VecDeque<u32>,
        "LinkedList<i16>" => LinkedList<i16>, "[u64]" => [u64], "Vec<Vec<u8>>" => Vec<Vec<u8>>,
        "BTreeSet<i64>" => BTreeSet<i64>, "HashSet<String>" => HashSet<String>,
        "BTreeMap<String, u32>" => BTreeMap<String, u32>, "HashMap<u32, Vec<String>>" => HashMap<u32, Vec<String>>,
        // Arrays.
        "[u8; 0]" => [u8; 0], "[u8; 1]" => [u8; 1], "[u8; 16]" => [u8; 16], "[u8; 126]" => [u8; 126],
        "[u8; 127]" => [u8; 127], "[u8; 128]" => [u8; 128], "[u8; 300]" => [u8; 300],
        "[u16; 20000]" => [u16; 20000], "[[u8; 2]; 3]" => [[u8; 2]; 3], "[String; 1]" => [String; 1],
        // Option, Result.
        "Option<String>" => Option<String>, "Option<Option<u8>>" => Option<Option<u8>>, "Option<()>" => Option<()>,
        "Result<u64, String>" => Result<u64, String>, "Result<(), String>" => Result<(), String>,
        // Monostate and tuples.
        "()" => (), "PhantomData<NotWire>" => PhantomData<NotWire>, "(u8,)" => (u8,), "(u8, u16)" => (u8, u16),
        "(String, u64, bool)" => (String, u64, bool), "((), ())" => ((), ()),
        // Transparent wrappers.
        "Box<u32>" => Box<u32>, "Rc<String>" => Rc<String>, "Arc<Vec<u8>>" => Arc<Vec<u8>>,
        "&'static [u8]" => &'static [u8],
        // Derived structs.
        "P" => P, "Inner" => Inner, "Node" => Node, "Unit" => Unit, "EmptyNamed" => EmptyNamed,
        "EmptyTuple" => EmptyTuple, "Id" => Id, "Pair" => Pair, "Meters" => Meters, "Renamed" => Renamed,
        "Option<Id>" => Option<Id>, "Vec<Pair>" => Vec<Pair>,
        // Enums.
        "Shape" => Shape, "Never" => Never,
        // Recursion.
        "Expr" => Expr, "Chain" => Chain, "Forest" => Forest, "List" => List, "Tree<u32>" => Tree<u32>,
        "Tree<Tree<u8>>" => Tree<Tree<u8>>, "Vec<Node>" => Vec<Node>, "Option<Box<Node>>" => Option<Box<Node>>,
        "Block" => Block, "Stmt" => Stmt,
        // Generics.
        "Both<u8, String>" => Both<u8, String>, "Both<Node, Id>" => Both<Node, Id>,
        "Tagged<NotWire>" => Tagged<NotWire>,
        // Opaque and stated shapes.
        "Uuid" => Uuid, "Vec<Uuid>" => Vec<Uuid>, "Stated" => Stated,
    }
}

fn size_rows(rows: &mut Vec<Row>) {
    static U8: Schema = Schema::Prim(Prim::U8);
    for n in [0usize, 1, 16, 126, 127, 128, 253, 254, 300, 16128, 16129, 20000, 2_048_382, 2_048_383, 4_294_967_295] {
        let array: &'static Schema = Box::leak(Box::new(Schema::Array(&U8, n)));
        let literal = array.literal();
        assert_eq!(literal[..2], [0x81, 0x06]);
        rows.push(Row::new("size", n.to_string(), None, &literal[2..]));
    }
}

fn handler_rows(rows: &mut Vec<Row>) {
    let contract = Contract::current().expect("no function id collisions");
    let args: [(&str, &Handler); 8] = [
        ("()", &CallsRpc::none),
        ("(String)", &CallsRpc::one),
        ("(String, String)", &CallsRpc::two),
        ("(u32, Option<String>, Vec<u8>)", &CallsRpc::three),
        ("(())", &CallsRpc::unit_arg),
        ("((u8,))", &CallsRpc::tuple1_arg),
        ("((u8, u16))", &CallsRpc::tuple2_arg),
        ("(u8, u16)", &CallsRpc::split_args),
    ];
    for (subject, h) in args {
        let literal = h.args_literal();
        assert_eq!(h.args_code, wire_core::type_code(&literal), "{subject}");
        rows.push(Row::new("args", subject, Some(h.args_code), &literal));
    }
    let rets: [(&str, &Handler); 4] = [
        ("fn none(&self)", &CallsRpc::none),
        ("fn three(&self, a: u32, b: Option<String>, c: Vec<u8>) -> Result<u64, String>", &CallsRpc::three),
        ("async fn fetch(&self, key: String) -> Option<Vec<u8>>", &CallsRpc::fetch),
        ("fn pinned(&self) -> u64", &CallsRpc::pinned),
    ];
    for (subject, h) in rets {
        let literal = h.return_literal();
        assert_eq!(h.return_code, wire_core::type_code(&literal), "{subject}");
        rows.push(Row::new("ret", subject, Some(h.return_code), &literal));
    }
    let names = [
        "hi",
        "add",
        "echo",
        "HelloService::hello",
        "MasterService::put_start",
        "Calls::none",
        "Calls::fetch",
        "ns::Class::Method",
        "Demo::get",
        "Demo::ping",
        "Demo::put",
    ];
    for name in names {
        let id = wire_core::function_id(name);
        if let Some(h) = contract.get(name) {
            assert_eq!(h.function_id, id, "{name}: the registered id");
        }
        rows.push(Row::new("fid", name, Some(id), &[]));
    }
    for name in ["Calls::none", "Calls::fetch", "ns::Class::Method", "Demo::get", "Demo::ping", "Demo::put"] {
        assert!(contract.get(name).is_some(), "`{name}` is registered under that wire name");
    }
}

/// The digest listing, written from the spec's rule (not from the code).
fn listing(ready: &ServiceReady) -> Vec<u8> {
    let mut methods: Vec<_> = ready.methods.iter().collect();
    methods.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut out = Vec::new();
    for m in methods {
        let ext: Vec<String> = m.ext.iter().map(|l| format!("{}:{:08x}", l.since, l.code)).collect();
        let ext = if ext.is_empty() { "0".to_owned() } else { ext.join(",") };
        let line = format!("{}\t{:08x}\t{:08x}\t{:08x}\t{ext}\n", m.name, m.function_id, m.args_code, m.return_code);
        out.extend_from_slice(line.as_bytes());
    }
    out
}

fn evolved_ready() -> ServiceReady {
    ServiceReady::new("bincode1", "evolved 3", EvolvedRpc::HANDLERS.iter().copied())
}

struct EvolvedImpl;

impl Evolved for EvolvedImpl {
    fn put(&self, key: String, tenant: Option<String>, ttl: u32, tags: Vec<String>) -> bool {
        !key.is_empty() && tenant.is_some() && ttl > 0 && !tags.is_empty()
    }
}

/// §8: the levels of `Evolved::put`, an extension section and a whole
/// request carrying one, and the refusal of a changed level. Each section is
/// also built by hand from the spec's layout and compared.
fn ext_rows(rows: &mut Vec<Row>) {
    let put = &EvolvedRpc::put;
    for group in put.ext {
        let names: Vec<&str> = group.args.iter().map(|f| f.name).collect();
        assert_eq!(group.code, wire_core::args_code(group.args));
        rows.push(Row::new(
            "ext_level",
            format!("Evolved::put since={} ({})", group.since, names.join(", ")),
            Some(group.code),
            &[],
        ));
    }
    rows.push(Row::new("args", "Evolved::put base (key: String)", Some(put.args_code), &put.args_literal()));

    let tenant = Some("acme".to_owned());
    let (ttl, tags) = (60u32, vec!["a".to_owned()]);
    let mut writer = wire_core::protocol::ext::ExtWriter::new(&Bincode, put);
    writer.level(2, &(&tenant,)).level(3, &(ttl, &tags));
    let section = writer.finish().expect("both levels are the handler's");
    let by_hand = |since: u16, code: u32, bytes: Vec<u8>| {
        let mut g = since.to_le_bytes().to_vec();
        g.extend_from_slice(&code.to_le_bytes());
        g.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        g.extend_from_slice(&bytes);
        g
    };
    let mut expected = by_hand(2, put.ext[0].code, bincode::serialize(&(&tenant,)).unwrap());
    expected.extend(by_hand(3, put.ext[1].code, bincode::serialize(&(ttl, &tags)).unwrap()));
    assert_eq!(section, expected, "the section is the spec's layout");
    let subject = "Evolved::put(tenant = Some(\"acme\"), ttl = 60, tags = [\"a\"]) bincode1";
    rows.push(Row::new("ext_section", subject, None, &section));

    let body = bincode::serialize(&("k",)).unwrap();
    let call = RequestHeader { seq: 3, ..RequestHeader::call(put, body.len() as u32, section.len() as u32) };
    let mut frame = call.encode().to_vec();
    frame.extend_from_slice(&body);
    frame.extend_from_slice(&section);
    let subject = "Evolved::put(key = \"k\", tenant = Some(\"acme\"), ttl = 60, tags = [\"a\"]) seq=3 bincode1";
    rows.push(Row::new("request_frame", subject, None, &frame));

    let server = Server::new(Bincode).serve(EvolvedServer::new(EvolvedImpl)).expect("one service");
    let (reply, out) = ready_now(server.handle(&call, &body, &section));
    assert_eq!((reply.status, bincode::deserialize::<bool>(&out).ok()), (Status::Ok, Some(true)));
    let mut changed = by_hand(2, 0x0bad_c0de, bincode::serialize(&(7u64,)).unwrap());
    changed.extend(by_hand(3, put.ext[1].code, bincode::serialize(&(ttl, &tags)).unwrap()));
    let request = RequestHeader { ext_len: changed.len() as u32, ..call };
    let (reply, out) = ready_now(server.handle(&request, &body, &changed));
    assert_eq!(reply.status, Status::InvalidExtension);
    rows.push(error_row("Evolved::put with level 2 code 0x0badc0de", &reply, &out));
}

/// An error response: its header up to `body_len`. The body is a message for
/// people whose wording is not part of the protocol (SPEC §6.3), so neither
/// it nor its length is a vector; it is checked to be what the spec says.
fn error_row(subject: &str, header: &ResponseHeader, body: &[u8]) -> Row {
    assert_ne!(header.status, Status::Ok, "{subject}");
    assert_eq!(header.body_len as usize, body.len(), "{subject}: body_len is the message's length");
    let message = std::str::from_utf8(body).unwrap_or_else(|e| panic!("{subject}: the message is not UTF-8: {e}"));
    assert!(!message.is_empty(), "{subject}: an empty message");
    let bytes = header.encode();
    Row::new("response_error", subject, None, &bytes[..16])
}

fn demo_ready() -> ServiceReady {
    ServiceReady::new("bincode1", "demo 1.0", DemoRpc::HANDLERS.iter().copied())
}

/// §6.6: the bincode1 encoding of every shape, each value encoded by the
/// `Bincode` codec (and checked to be `bincode::serialize`'s bytes).
fn bincode_rows(rows: &mut Vec<Row>) {
    // The subject is `VALUE: TYPE`, the value as `Debug` prints it, or as given.
    macro_rules! shown {
        ($value:ident) => {
            format!("{:?}", $value)
        };
        ($value:ident, $shown:literal) => {
            $shown.to_owned()
        };
    }
    macro_rules! encodings {
        ($($t:ty = $value:expr $(=> $shown:literal)?),* $(,)?) => {$(
            let value: $t = $value;
            let bytes = Bincode.encode(&value).unwrap_or_else(|e| panic!("{}: {e}", stringify!($value)));
            assert_eq!(bytes, bincode::serialize(&value).unwrap(), "{}: the codec is bincode::serialize", stringify!($value));
            let shown = shown!(value $(, $shown)?);
            rows.push(Row::new("bincode", format!("{shown}: {}", stringify!($t)), None, &bytes));
        )*};
    }
    encodings! {
        // Scalars: fixed width, little-endian.
        bool = false, bool = true,
        u8 = 0xAB, i8 = -2, u16 = 0x0102, i16 = -2, u32 = 0x0102_0304, i32 = -2,
        u64 = 0x0102_0304_0506_0708, i64 = -2, u128 = 1, i128 = -2, usize = 1, isize = -2,
        f32 = 1.0, f64 = -0.5,
        // char: its UTF-8 bytes, 1 to 4, no length.
        char = 'A', char = 'é', char = '€', char = '😀',
        // Strings and sequences: a u64 length, then the contents.
        String = "hi".into(), &'static str = "", Box<str> = "é".into(),
        Vec<u8> = vec![1, 2, 3], Vec<u16> = vec![1, 2], Vec<String> = vec!["a".into(), "bc".into()],
        Vec<u64> = vec![], VecDeque<u32> = VecDeque::from([7]),
        BTreeSet<u8> = BTreeSet::from([3, 1]), BTreeMap<String, u32> = BTreeMap::from([("a".into(), 1), ("b".into(), 2)]),
        HashMap<u32, Vec<String>> = HashMap::from([(5, vec!["x".into()])]),
        // Arrays: no length.
        [u8; 3] = [1, 2, 3], [u16; 2] = [1, 2], [u8; 0] = [], [String; 1] = ["a".into()],
        // Option: a one-byte tag. Result: a u32 variant index.
        Option<u32> = None, Option<u32> = Some(5), Option<()> = Some(()), Option<Option<u8>> = Some(None),
        Result<u64, String> = Ok(1), Result<u64, String> = Err("x".into()), Result<(), String> = Ok(()),
        // Nothing for the monostates.
        () = (), PhantomData<NotWire> = PhantomData => "PhantomData", Unit = Unit,
        // Transparent: the inner value.
        Box<u32> = Box::new(7), Id = Id(7), Meters = Meters { value: 1.5 },
        // Tuples and structs: the fields in order, nothing around them.
        (u8,) = (1,), (u8, u16) = (1, 2), (String, u64, bool) = ("a".into(), 2, true),
        P = P { a: -1, b: "ab".into() }, Pair = Pair(3, "x".into()), EmptyNamed = EmptyNamed {} => "EmptyNamed {}",
        Renamed = Renamed { key_name: "k".into(), cache: vec![9], scratch: 9, value_len: 3 },
        Node = Node { name: "a".into(), kids: vec![Node { name: "b".into(), kids: vec![] }] },
        Chain = Chain { value: 1, next: Some(Box::new(Chain { value: 2, next: None })) },
        // Enums: a u32 variant index, then the variant's fields.
        Shape = Shape::Empty, Shape = Shape::Circle(1.0), Shape = Shape::Rect(2, 3),
        Shape = Shape::Named { label: "x".into(), sides: 3 }, Shape = Shape::Nothing(()),
        Shape = Shape::NoFields() => "NoFields()", Shape = Shape::NoNamed {} => "NoNamed {}", Shape = Shape::Skipped(9),
        // What a hand-written Serialize writes (here serialize_bytes: a u64 length, the bytes).
        Uuid = Uuid([0xAB; 16]) => "Uuid([0xAB; 16])",
    }
}

fn ready_rows(rows: &mut Vec<Row>) {
    let tables = [
        ("empty codec=bincode1 build=\"\"", ServiceReady::new("bincode1", "", [])),
        ("Demo codec=bincode1 build=\"demo 1.0\"", demo_ready()),
        ("Evolved codec=bincode1 build=\"evolved 3\"", evolved_ready()),
    ];
    for (subject, ready) in tables {
        let listing = listing(&ready);
        let digest: [u8; 16] = md5::Md5::digest(&listing).into();
        assert_eq!(digest, ready.digest, "{subject}: the digest is MD5 of the listing");
        let bytes = ready.encode();
        assert_eq!(ServiceReady::decode(&bytes).as_ref(), Ok(&ready), "{subject}: decode(encode)");
        rows.push(Row::new("listing", subject, None, &listing));
        rows.push(Row::new("digest", subject, None, &ready.digest));
        rows.push(Row::new("ready", subject, None, &bytes));
    }
}

fn frame_rows(rows: &mut Vec<Row>) {
    for kind in [Kind::Call, Kind::Handshake] {
        rows.push(Row::new("frame_kind", format!("{kind:?}"), None, &[kind as u8]));
    }
    let statuses = [
        Status::Ok,
        Status::FunctionNotRegistered,
        Status::InvalidArguments,
        Status::DecodeFailed,
        Status::FrameTooLarge,
        Status::BadFrame,
        Status::HandshakeRequired,
        Status::InvalidExtension,
    ];
    for status in statuses {
        rows.push(Row::new("status", format!("{status:?}"), None, &[status as u8]));
    }

    let get = &DemoRpc::get;
    let hello = demo_ready().encode();
    let handshake = RequestHeader { seq: 1, ..RequestHeader::handshake(hello.len() as u32) };
    let body = bincode::serialize(&("k",)).unwrap();
    let call = RequestHeader {
        kind: Kind::Call,
        seq: 2,
        function_id: get.function_id,
        args_code: get.args_code,
        body_len: body.len() as u32,
        ext_len: 0,
    };
    let with_ext = RequestHeader { seq: 0x01020304, ext_len: 16, ..call };
    for h in [handshake, call, with_ext] {
        let bytes = h.encode();
        let mut whole = bytes.to_vec();
        whole.resize(whole.len() + h.payload_len() as usize, 0);
        assert_eq!(frame::split_request(&whole, u32::MAX).map(|(h, _, _)| h), Ok(h));
        rows.push(Row::new("request", request_subject(&h), None, &bytes));
    }
    let mut call_frame = call.encode().to_vec();
    call_frame.extend_from_slice(&body);
    rows.push(Row::new("request_frame", "Demo::get(key = \"k\") seq=2 bincode1", None, &call_frame));

    let server = Server::new(Bincode).serve(DemoServer::new(DemoImpl)).expect("one service");
    let replies = [
        ("Demo::get(key = \"k\") -> Some([1, 2, 3])", call, body.clone()),
        ("unknown function id 0x12345678", RequestHeader { function_id: 0x1234_5678, ..call }, body.clone()),
        ("Demo::get with args_code 0x9dcffa77", RequestHeader { args_code: 0x9dcf_fa77, ..call }, body.clone()),
    ];
    for (subject, request, body) in replies {
        let (header, reply) = ready_now(server.handle(&request, &body, &[]));
        let mut whole = header.encode().to_vec();
        whole.extend_from_slice(&reply);
        assert_eq!(frame::split_response(&whole, u32::MAX), Ok((header, &reply[..])));
        if header.status == Status::Ok {
            rows.push(Row::new("response", response_subject(&header), None, &header.encode()));
            rows.push(Row::new("response_frame", subject, None, &whole));
        } else {
            rows.push(error_row(subject, &header, &reply));
        }
    }
    let handshake_reply = ResponseHeader {
        status: Status::Ok,
        seq: 1,
        function_id: 0,
        return_code: 0,
        body_len: server.ready().encode().len() as u32,
    };
    rows.push(Row::new("response", response_subject(&handshake_reply), None, &handshake_reply.encode()));
}

fn request_subject(h: &RequestHeader) -> String {
    format!(
        "{:?} seq={} function_id={:#010x} args_code={:#010x} body_len={} ext_len={}",
        h.kind, h.seq, h.function_id, h.args_code, h.body_len, h.ext_len
    )
}

fn response_subject(h: &ResponseHeader) -> String {
    format!(
        "{:?} seq={} function_id={:#010x} return_code={:#010x} body_len={}",
        h.status, h.seq, h.function_id, h.return_code, h.body_len
    )
}
