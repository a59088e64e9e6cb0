//! Every vector of `docs/conformance.tsv`, computed from the code, in file
//! order: MD5 and constants, type literals and codes, size literals, args
//! and return codes, function ids, the ServiceReady listing, digest and
//! encoding, frame headers, whole frames and refusals, extension sections,
//! the bincode1 encoding of every shape and its payloads, and struct_pack
//! payloads of every shape in release and debug form.

use super::Row;
use super::support::hex::{hex, unhex};
use super::support::tsv::squash;
use md5::Digest;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use types::*;
use wire_core::codec::struct_pack::{self, to_vec, to_vec_with_literal};
use wire_core::codec::{Bincode, Codec, Payload, Postcard, StructPack};
use wire_core::protocol::ext::{self, ExtWriter};
use wire_core::protocol::frame::{self, RequestHeader, ResponseHeader, Status};
use wire_core::protocol::handshake::{self, ServiceReady};
use wire_core::rpc::{Incoming, Reply, Server};
use wire_core::{Contract, Handler, Prim, Schema, Wire};

/// The types of `docs/conformance_types.rs`, which SPEC §10 quotes verbatim
/// (so it carries no attributes of its own). Most exist only for their codes
/// and are never built, and the fields of those built are read by their
/// `Serialize` alone: dead code to the compiler.
#[allow(dead_code)]
pub mod types {
    use serde::Serialize;
    use std::collections::BTreeMap;
    use std::marker::PhantomData;
    use wire_core::{Wire, wire_rpc};

    include!("../../docs/conformance_types.rs");
}

/// Polls a future that never waits (the vector handlers are synchronous).
pub fn ready_now<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("a vector handler waited"),
    }
}

/// The `Demo` service of the vectors; `put` of key `"boom"` panics (the
/// processing order test's failing handler).
pub struct DemoImpl;

impl Demo for DemoImpl {
    fn ping(&self) -> u64 {
        7
    }

    fn get(&self, key: String) -> Option<Vec<u8>> {
        (key == "k").then(|| vec![1, 2, 3])
    }

    fn put(&self, key: String, _value: Vec<u8>) {
        assert_ne!(key, "boom", "the handler failed on purpose");
    }
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
    struct_pack_rows(&mut rows);
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
        ("frame::MAGIC", u32::from(frame::MAGIC)),
        ("frame::VERSION", u32::from(frame::VERSION)),
        ("frame::REQUEST_HEADER_LEN", frame::REQUEST_HEADER_LEN as u32),
        ("frame::RESPONSE_HEADER_LEN", frame::RESPONSE_HEADER_LEN as u32),
        ("frame::DEFAULT_MAX_FRAME", frame::DEFAULT_MAX_FRAME),
        ("ext::GROUP_HEADER_LEN", ext::GROUP_HEADER_LEN as u32),
        ("handshake::HANDSHAKE_VERSION", u32::from(handshake::HANDSHAKE_VERSION)),
        ("handshake::FUNCTION_ID", handshake::FUNCTION_ID),
        ("codec::depth::MAX_DEPTH", wire_core::codec::depth::MAX_DEPTH as u32),
    ];
    for (name, value) in constants {
        rows.push(Row::new("const", name, Some(value), &[]));
    }
    assert_eq!(handshake::FUNCTION_ID, wire_core::function_id(handshake::NAME));
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
        // C++ opt-ins.
        "ErrorCode" => ErrorCode, "Pod" => Pod,
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
        handshake::NAME,
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

/// The ServiceReady of §5.1, written from the spec's layout (not from the code).
fn ready_by_hand(ready: &ServiceReady) -> Vec<u8> {
    let mut out = b"WSRD".to_vec();
    out.extend_from_slice(&ready.version.to_le_bytes());
    out.push(ready.codec.len() as u8);
    out.extend_from_slice(ready.codec.as_bytes());
    out.extend_from_slice(&ready.digest);
    out.extend_from_slice(&ready.max_frame.to_le_bytes());
    out.extend_from_slice(&(ready.build.len() as u16).to_le_bytes());
    out.extend_from_slice(ready.build.as_bytes());
    out.extend_from_slice(&(ready.methods.len() as u32).to_le_bytes());
    for m in &ready.methods {
        for code in [m.function_id, m.args_code, m.return_code] {
            out.extend_from_slice(&code.to_le_bytes());
        }
        out.extend_from_slice(&(m.ext.len() as u16).to_le_bytes());
        for l in &m.ext {
            out.extend_from_slice(&l.since.to_le_bytes());
            out.extend_from_slice(&l.code.to_le_bytes());
        }
        out.extend_from_slice(&(m.name.len() as u16).to_le_bytes());
        out.extend_from_slice(m.name.as_bytes());
    }
    out
}

fn evolved_ready() -> ServiceReady {
    ServiceReady::new("bincode1", "evolved 3", EvolvedRpc::HANDLERS.iter().copied())
}

fn demo_ready() -> ServiceReady {
    ServiceReady::new("bincode1", "demo 1.0", DemoRpc::HANDLERS.iter().copied())
}

fn ready_rows(rows: &mut Vec<Row>) {
    let tables = [
        ("empty codec=bincode1 build=\"\"", ServiceReady::new("bincode1", "", [])),
        ("Demo codec=bincode1 build=\"demo 1.0\"", demo_ready()),
        ("Evolved codec=bincode1 build=\"evolved 3\"", evolved_ready()),
        (
            "Demo codec=struct_pack build=\"\" max_frame=65536",
            ServiceReady::new("struct_pack", "", DemoRpc::HANDLERS.iter().copied()).with_max_frame(1 << 16),
        ),
    ];
    for (subject, ready) in tables {
        let listing = listing(&ready);
        let digest: [u8; 16] = md5::Md5::digest(&listing).into();
        assert_eq!(digest, ready.digest, "{subject}: the digest is MD5 of the listing");
        let bytes = ready.encode();
        assert_eq!(bytes, ready_by_hand(&ready), "{subject}: the layout of §5.1");
        assert_eq!(ServiceReady::decode(&bytes).as_ref(), Ok(&ready), "{subject}: decode(encode)");
        rows.push(Row::new("listing", subject, None, &listing));
        rows.push(Row::new("digest", subject, None, &ready.digest));
        rows.push(Row::new("ready", subject, None, &bytes));
    }
}

/// A request header as a vector subject names it.
fn request_subject(h: &RequestHeader) -> String {
    format!(
        "serialize_type={:#04x} seq={} function_id={:#010x} body_len={} attachment_len={}",
        h.serialize_type, h.seq, h.function_id, h.body_len, h.attachment_len
    )
}

fn response_subject(h: &ResponseHeader) -> String {
    format!("status={} seq={} body_len={} attachment_len={}", h.status, h.seq, h.body_len, h.attachment_len)
}

/// A request header of `codec`, with msg_type 0.
fn header<C: Codec>(seq: u32, function_id: u32, body: &[u8], attachment: &[u8]) -> RequestHeader {
    RequestHeader {
        serialize_type: C::SERIALIZE_TYPE,
        msg_type: 0,
        seq,
        function_id,
        body_len: body.len() as u32,
        attachment_len: attachment.len() as u32,
    }
}

/// The payload `codec` writes for `value` as `what`.
fn payload<C: Codec, T: Serialize + ?Sized>(codec: &C, value: &T, what: Payload) -> Vec<u8> {
    let mut out = Vec::new();
    codec.encode(value, what, &mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

/// A request frame: header, body, attachment.
fn request_frame(h: &RequestHeader, body: &[u8], attachment: &[u8]) -> Vec<u8> {
    let frame = [&h.encode()[..], body, attachment].concat();
    let (back, b, a) = frame::split_request(&frame, u32::MAX).expect("a frame splits");
    assert_eq!((back, b, a), (*h, body, attachment));
    frame
}

/// What `server` answers to a request: its response header (with the
/// request's seq) and reply, and the whole response frame.
fn answer<C: Codec>(
    server: &Server<C>,
    h: RequestHeader,
    body: &[u8],
    attachment: &[u8],
) -> (ResponseHeader, Reply, Vec<u8>) {
    let reply = ready_now(server.handle(Incoming { header: h, body, attachment }));
    let head = ResponseHeader {
        status: reply.status.byte(),
        msg_type: 0,
        seq: h.seq,
        body_len: reply.body.len() as u32,
        attachment_len: reply.attachment.len() as u32,
    };
    let frame = [&head.encode()[..], &reply.body, &reply.attachment].concat();
    let (back, b, a) = frame::split_response(&frame, u32::MAX).expect("a frame splits");
    assert_eq!((back, b, a), (head, &reply.body[..], &reply.attachment[..]));
    (head, reply, frame)
}

/// A refused request: its response header up to `seq` (magic, version,
/// status, msg_type, seq). The message is for people; its wording is not
/// part of the protocol (SPEC §6.3), so neither it nor its length is a
/// vector: it is checked to be a non-empty struct_pack string.
fn error_row(subject: &str, head: &ResponseHeader, reply: &Reply, status: Status) -> Row {
    assert_eq!(reply.status, status, "{subject}: {}", reply.message());
    let message = struct_pack::from_slice::<String>(&reply.body)
        .unwrap_or_else(|e| panic!("{subject}: the body is not a struct_pack string: {e}"));
    assert!(!message.is_empty(), "{subject}: an empty message");
    assert_eq!(reply.message(), message);
    Row::new("response_error", subject, None, &head.encode()[..8])
}

fn frame_rows(rows: &mut Vec<Row>) {
    for (name, serialize_type) in [
        (StructPack::NAME, StructPack::SERIALIZE_TYPE),
        (Bincode::NAME, Bincode::SERIALIZE_TYPE),
        (Postcard::NAME, Postcard::SERIALIZE_TYPE),
    ] {
        rows.push(Row::new("serialize_type", name, None, &[serialize_type]));
    }
    let statuses = [
        Status::OK,
        Status::INVALID_ARGUMENTS,
        Status::HANDLER_FAILED,
        Status::FUNCTION_NOT_REGISTERED,
        Status::PROTOCOL_ERROR,
        Status::MESSAGE_TOO_LARGE,
    ];
    for status in statuses {
        let name = status.name().expect("a status this library writes has a name");
        rows.push(Row::new("status", format!("{name} {}", status.0), None, &[status.byte()]));
    }
    rows.push(Row::new("status", "404 (above 254)", None, &[Status(404).byte()]));

    let get: &'static Handler = &DemoRpc::get;
    let hello = ServiceReady::new(Bincode::NAME, "", DemoRpc::HANDLERS.iter().copied()).encode();
    let handshake = header::<Bincode>(0, handshake::FUNCTION_ID, &hello, &[]);
    let body = payload(&Bincode, &("k",), Payload::args(get));
    let call = header::<Bincode>(2, get.function_id, &body, &[]);
    let with_attachment = RequestHeader { seq: 0x0102_0304, attachment_len: 16, ..call };
    let ping = header::<StructPack>(3, DemoRpc::ping.function_id, &[], &[]);
    for h in [handshake, call, with_attachment, ping] {
        let bytes = h.encode();
        assert_eq!(RequestHeader::decode(&bytes, u32::MAX), Ok(h));
        rows.push(Row::new("request", request_subject(&h), None, &bytes));
    }
    rows.push(Row::new(
        "request_frame",
        "Demo::get(key = \"k\") seq=2 bincode1",
        None,
        &request_frame(&call, &body, &[]),
    ));
    for (form, codec) in [("", StructPack::default()), (" with literal", StructPack::with_literal())] {
        let body = payload(&codec, &("k",), Payload::args(get));
        let h = header::<StructPack>(2, get.function_id, &body, &[]);
        let subject = format!("Demo::get(key = \"k\") seq=2 struct_pack{form}");
        rows.push(Row::new("request_frame", subject, None, &request_frame(&h, &body, &[])));
    }
    let ping_frame = request_frame(&ping, &payload(&StructPack::default(), &(), Payload::args(&DemoRpc::ping)), &[]);
    assert_eq!(ping_frame.len(), frame::REQUEST_HEADER_LEN, "no arguments: an empty body");
    rows.push(Row::new("request_frame", "Demo::ping() seq=3 struct_pack", None, &ping_frame));

    // Replies of real servers, in both codecs.
    let bincode = Server::new(Bincode).with_build("demo 1.0").add_service(DemoServer::new(DemoImpl)).unwrap();
    let (head, reply, whole) = answer(&bincode, call, &body, &[]);
    assert_eq!(reply.status, Status::OK);
    rows.push(Row::new("response", response_subject(&head), None, &head.encode()));
    rows.push(Row::new("response_frame", "Demo::get(key = \"k\") -> Some([1, 2, 3]) seq=2 bincode1", None, &whole));
    let struct_pack = Server::new(StructPack::default()).add_service(DemoServer::new(DemoImpl)).unwrap();
    let body = payload(&StructPack::default(), &("k",), Payload::args(get));
    let (_, reply, whole) = answer(&struct_pack, header::<StructPack>(2, get.function_id, &body, &[]), &body, &[]);
    assert_eq!(reply.status, Status::OK);
    rows.push(Row::new("response_frame", "Demo::get(key = \"k\") -> Some([1, 2, 3]) seq=2 struct_pack", None, &whole));
    let (_, reply, whole) = answer(&struct_pack, ping, &[], &[]);
    assert_eq!(reply.status, Status::OK);
    rows.push(Row::new("response_frame", "Demo::ping() -> 7 seq=3 struct_pack", None, &whole));
    let put: &'static Handler = &DemoRpc::put;
    let body = payload(&StructPack::default(), &("k", vec![1u8]), Payload::args(put));
    let (_, reply, whole) = answer(&struct_pack, header::<StructPack>(4, put.function_id, &body, &[]), &body, &[]);
    assert_eq!(reply.status, Status::OK);
    rows.push(Row::new("response_frame", "Demo::put(key = \"k\", value = [1]) -> () seq=4 struct_pack", None, &whole));
    let (head, reply, _) = answer(&bincode, handshake, &hello, &[]);
    assert_eq!((reply.status, reply.body.clone()), (Status::OK, bincode.ready().encode()));
    rows.push(Row::new("response", response_subject(&head), None, &head.encode()));

    // Refusals, in the order the server checks (§6.4).
    let body = payload(&Bincode, &("k",), Payload::args(get));
    let refusals = [
        (
            "Demo::get as struct_pack to a bincode1 server",
            RequestHeader { serialize_type: StructPack::SERIALIZE_TYPE, ..call },
            body.clone(),
            Status::PROTOCOL_ERROR,
        ),
        (
            "unknown function id 0x12345678",
            RequestHeader { function_id: 0x1234_5678, ..call },
            body.clone(),
            Status::FUNCTION_NOT_REGISTERED,
        ),
        (
            "Demo::get with args code 0x9dcffa78",
            call,
            [&0x9dcf_fa78u32.to_le_bytes()[..], &body[4..]].concat(),
            Status::INVALID_ARGUMENTS,
        ),
        ("Demo::get with an empty body", RequestHeader { body_len: 0, ..call }, Vec::new(), Status::INVALID_ARGUMENTS),
    ];
    for (subject, h, body, status) in refusals {
        let (head, reply, _) = answer(&bincode, RequestHeader { body_len: body.len() as u32, ..h }, &body, &[]);
        rows.push(error_row(subject, &head, &reply, status));
    }

    // Error bodies as coro_rpc writes them: a struct_pack string, or for a
    // code above 254 a struct_pack pair of the code and the message.
    for (status, message) in
        [(Status::FUNCTION_NOT_REGISTERED, "the rpc function not registered"), (Status(404), "rpc not found.")]
    {
        let reply = Reply::error(status, message.to_owned());
        let head = ResponseHeader {
            status: status.byte(),
            msg_type: 0,
            seq: 5,
            body_len: reply.body.len() as u32,
            attachment_len: 0,
        };
        assert_eq!((Reply::status_of(head.status, &reply.body), reply.message().as_str()), (status, message));
        let subject = format!("error {} {message:?} seq=5", status.0);
        rows.push(Row::new("response_frame", subject, None, &[&head.encode()[..], &reply.body].concat()));
    }
}

struct EvolvedImpl;

impl Evolved for EvolvedImpl {
    fn put(&self, key: String, tenant: Option<String>, ttl: u32, tags: Vec<String>) -> bool {
        !key.is_empty() && tenant.is_some() && ttl > 0 && !tags.is_empty()
    }
}

/// A group of §8, written from the spec's layout: since, length, payload.
fn group_by_hand(since: u16, payload: &[u8]) -> Vec<u8> {
    [&since.to_le_bytes()[..], &(payload.len() as u32).to_le_bytes(), payload].concat()
}

/// §8: the levels of `Evolved::put`, extension sections in both codecs and a
/// whole request carrying one, and the refusal of a changed level. Each
/// section is also built by hand from the spec's layout and compared.
fn ext_rows(rows: &mut Vec<Row>) {
    let put: &'static Handler = &EvolvedRpc::put;
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
    // Level 2, then level 3, as `codec` writes them with `ExtWriter` and as
    // the layout says from the levels' payloads.
    let sections = |codec: &dyn Fn(u16) -> Vec<u8>, written: Vec<u8>| {
        let by_hand = [group_by_hand(2, &codec(2)), group_by_hand(3, &codec(3))].concat();
        assert_eq!(written, by_hand, "the section is the spec's layout");
        written
    };
    let mut writer = ExtWriter::new(&Bincode, put);
    writer.level(2, &(&tenant,)).level(3, &(ttl, &tags));
    let level_3 = [&put.ext[1].code.to_le_bytes()[..], &bincode::serialize(&(ttl, &tags)).unwrap()].concat();
    let bincode_level = |since| match since {
        2 => [&put.ext[0].code.to_le_bytes()[..], &bincode::serialize(&(&tenant,)).unwrap()].concat(),
        _ => level_3.clone(),
    };
    let bincode_section = sections(&bincode_level, writer.finish().expect("both levels are the handler's"));
    let subject = "Evolved::put(tenant = Some(\"acme\"), ttl = 60, tags = [\"a\"]) bincode1";
    rows.push(Row::new("ext_section", subject, None, &bincode_section));

    let codec = StructPack::default();
    let mut writer = ExtWriter::new(&codec, put);
    writer.level(2, &(&tenant,)).level(3, &(ttl, &tags));
    let struct_pack_level = |since| match since {
        2 => payload(&StructPack::default(), &(&tenant,), Payload::level(&put.ext[0])),
        _ => payload(&StructPack::default(), &(ttl, &tags), Payload::level(&put.ext[1])),
    };
    let struct_pack_section = sections(&struct_pack_level, writer.finish().expect("both levels are the handler's"));
    let subject = "Evolved::put(tenant = Some(\"acme\"), ttl = 60, tags = [\"a\"]) struct_pack";
    rows.push(Row::new("ext_section", subject, None, &struct_pack_section));

    let body = payload(&Bincode, &("k",), Payload::args(put));
    let call = header::<Bincode>(3, put.function_id, &body, &bincode_section);
    let subject = "Evolved::put(key = \"k\", tenant = Some(\"acme\"), ttl = 60, tags = [\"a\"]) seq=3 bincode1";
    rows.push(Row::new("request_frame", subject, None, &request_frame(&call, &body, &bincode_section)));

    let server = Server::new(Bincode).add_service(EvolvedServer::new(EvolvedImpl)).expect("one service");
    let (_, reply, _) = answer(&server, call, &body, &bincode_section);
    assert_eq!(reply.status, Status::OK);
    assert!(Bincode.decode::<bool>(&reply.body, Payload::returns(put)).unwrap());
    let level_2 = [&0x0bad_c0deu32.to_le_bytes()[..], &bincode::serialize(&(7u64,)).unwrap()].concat();
    let changed = [group_by_hand(2, &level_2), group_by_hand(3, &level_3)].concat();
    let (head, reply, _) =
        answer(&server, RequestHeader { attachment_len: changed.len() as u32, ..call }, &body, &changed);
    rows.push(error_row("Evolved::put with level 2 code 0x0badc0de", &head, &reply, Status::INVALID_ARGUMENTS));
}

/// §6.6: the bincode1 encoding of every shape (`bincode::serialize`), and
/// the payloads the `Bincode` codec writes: the type-code first.
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
            let bytes = bincode::serialize(&value).unwrap();
            let written = payload(&Bincode, &value, Payload::of::<$t>());
            assert_eq!(written, [&<$t as Wire>::CODE.to_le_bytes()[..], &bytes].concat(), "{}: the codec writes the code, then bincode::serialize", stringify!($value));
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
        // A C-like enum: its integer.
        ErrorCode = ErrorCode::NotFound,
        // What a hand-written Serialize writes (here serialize_bytes: a u64 length, the bytes).
        Uuid = Uuid([0xAB; 16]) => "Uuid([0xAB; 16])",
    }

    // Payloads: the code of what they hold, then the bincode bytes; none for no arguments.
    let get: &'static Handler = &DemoRpc::get;
    let payloads = [
        ("Demo::get arguments (\"k\",)", payload(&Bincode, &("k",), Payload::args(get))),
        ("Demo::get return Some([1, 2, 3])", payload(&Bincode, &Some(vec![1u8, 2, 3]), Payload::returns(get))),
        ("Demo::ping arguments ()", payload(&Bincode, &(), Payload::args(&DemoRpc::ping))),
        ("Demo::put return ()", payload(&Bincode, &(), Payload::returns(&DemoRpc::put))),
    ];
    for (subject, bytes) in payloads {
        rows.push(Row::new("bincode_payload", subject, frame::payload_code(&bytes), &bytes));
    }
}

/// The measured C++ bytes of a row of `tests/data/struct_pack-bytes.tsv`:
/// (release, debug).
fn measured(label: &str) -> (Vec<u8>, Vec<u8>) {
    let columns = ["label", "rust_type", "rust_value", "cpp_type", "hex", "hex_debug"];
    let rows = super::support::tsv::read("struct_pack-bytes.tsv", &columns, columns.len());
    let row = rows.iter().find(|r| r.col(0) == label).unwrap_or_else(|| panic!("no measured row `{label}`"));
    (unhex(row.col(4), row.line), unhex(row.col(5), row.line))
}

/// The struct_pack section (§6.7): every shape's payload, release and debug
/// form, each checked against the bytes measured from the C++ library where
/// a row of the same value exists, and read back where the type reads.
fn struct_pack_rows(rows: &mut Vec<Row>) {
    fn push<T: Serialize + Wire + ?Sized>(rows: &mut Vec<Row>, subject: String, value: &T, cpp: Option<&str>) {
        let (release, debug) = (to_vec(value).unwrap(), to_vec_with_literal(value).unwrap());
        assert_eq!(frame::payload_code(&release), Some(T::CODE), "{subject}: the payload starts with the code");
        assert_eq!(debug[0] & 1, 1, "{subject}: the debug form always has metainfo");
        assert_eq!(debug[4] & 0b100, 0b100, "{subject}: and its literal");
        let literal = wire_core::literal::<T>();
        assert_eq!(debug[5..5 + literal.len()], literal, "{subject}: the literal follows the metainfo byte");
        assert_eq!(debug[5 + literal.len()], 0, "{subject}: then 00");
        if let Some(label) = cpp {
            let (cpp_release, cpp_debug) = measured(label);
            assert_eq!(
                (hex(&release), hex(&debug)),
                (hex(&cpp_release), hex(&cpp_debug)),
                "{subject}: the C++ bytes of `{label}`"
            );
        }
        rows.push(Row::new("struct_pack", subject.clone(), Some(T::CODE), &release));
        rows.push(Row::new("struct_pack_debug", subject, Some(T::CODE), &debug));
    }
    /// Also reads both forms back.
    fn read<T: Serialize + DeserializeOwned + Wire + std::fmt::Debug + PartialEq>(
        rows: &mut Vec<Row>,
        subject: String,
        value: T,
        cpp: Option<&str>,
    ) {
        push(rows, subject.clone(), &value, cpp);
        for bytes in [to_vec(&value).unwrap(), to_vec_with_literal(&value).unwrap()] {
            assert_eq!(struct_pack::from_slice::<T>(&bytes).as_ref(), Ok(&value), "{subject}: reads back");
        }
    }
    macro_rules! packed {
        ($($kind:ident $t:ty = $value:expr $(=> $shown:literal)? $(; cpp $label:literal)?),* $(,)?) => {$(
            let value: $t = $value;
            let shown = packed!(@shown value $(, $shown)?);
            let cpp: Option<&str> = packed!(@cpp $($label)?);
            $kind::<$t>(rows, format!("{shown}: {}", stringify!($t)), packed!(@arg $kind value), cpp);
        )*};
        (@shown $value:ident) => { format!("{:?}", $value) };
        (@shown $value:ident, $shown:literal) => { $shown.to_owned() };
        (@cpp) => { None };
        (@cpp $label:literal) => { Some($label) };
        (@arg push $value:ident) => { &$value };
        (@arg read $value:ident) => { $value };
    }
    packed! {
        // Integers and floats: little-endian, fixed width; bool one byte; char 4 bytes (char32_t).
        read bool = true; cpp "bool true",
        read i32 = -1; cpp "i32 -1",
        read u64 = 0x0102_0304_0506_0708; cpp "u64 0x0102030405060708",
        read f64 = 1.5; cpp "f64 1.5",
        read char = 'é'; cpp "char32 e-acute",
        // Strings and containers: a size (one byte here), then the elements.
        read String = "abc".into(); cpp "String len 3",
        read Vec<u8> = vec![1, 2, 3]; cpp "Vec<u8> [1,2,3]",
        read Vec<String> = vec!["a".into(), "bc".into()]; cpp "Vec<String> [a,bc]",
        read BTreeMap<String, u32> = BTreeMap::from([("a".into(), 1), ("b".into(), 2)]); cpp "BTreeMap<String,u32> {a:1,b:2}",
        // Arrays: no size.
        read [u8; 4] = [1, 2, 3, 4]; cpp "[u8;4] [1,2,3,4]",
        // Option and expected: a flag byte, 1 for a value.
        read Option<String> = Some("hi".into()); cpp "Option<String> Some(hi)",
        read Option<String> = None; cpp "Option<String> None",
        read Result<u64, String> = Ok(7); cpp "Result<u64,String> Ok(7) [std::expected]",
        read Result<u64, String> = Err("bad".into()); cpp "Result<u64,String> Err(bad) [std::expected]",
        // Monostate: nothing; tuples and structs: their fields.
        read () = (); cpp "unit (monostate)",
        read (i32, String) = (-1, "hi".into()); cpp "(i32,String) (-1,hi)",
        push P = P { a: -1, b: "hi".into() }; cpp "P {a:-1,b:hi}",
        push Node = Node { name: "r".into(), kids: vec![Node { name: "a".into(), kids: vec![] }, Node { name: "b".into(), kids: vec![] }] }; cpp "Node 2 levels",
        push Chain = Chain { value: 1, next: Some(Box::new(Chain { value: 2, next: None })) }; cpp "Chain 1->2",
        // Enums: the variant index, one byte, then the variant's fields.
        push Shape = Shape::Empty, push Shape = Shape::Circle(1.0), push Shape = Shape::Rect(2, 3),
        push Shape = Shape::Named { label: "x".into(), sides: 3 },
        // C++ opt-ins: a C-like enum as its integer; a trivially copyable struct in C layout, padding zeroed.
        push ErrorCode = ErrorCode::NotFound; cpp "ErrorCode::NotFound",
        push Pod = Pod { a: -1, b: 2 }; cpp "Pod {a:-1,b:2} padding=00",
        // A size of 256 or more: every size takes 2 bytes (metainfo 08).
        read Vec<String> = vec!["a".repeat(300), "b".into()] => "[\"a\" x 300, \"b\"]"; cpp "Vec<String> [300 a's, b] -> width 2",
    }

    // Call payloads: several arguments are their tuple's payload; none, an empty one.
    let three: &'static Handler = &CallsRpc::three;
    let args = (1u32, Some("o".to_owned()), vec![9u8, 8]);
    for (kind, codec) in [("struct_pack", StructPack::default()), ("struct_pack_debug", StructPack::with_literal())] {
        let bytes = payload(&codec, &args, Payload::args(three));
        let subject = "Calls::three arguments (1, Some(\"o\"), [9, 8])";
        rows.push(Row::new(kind, subject, Some(three.args_code), &bytes));
        let empty = payload(&codec, &(), Payload::args(&CallsRpc::none));
        assert!(empty.is_empty(), "no arguments: an empty payload");
        rows.push(Row::new(kind, "Calls::none arguments ()", Some(CallsRpc::none.args_code), &empty));
    }
    let (cpp, _) = measured("args (u32, Option<String>, Vec<u8>) Some");
    assert_eq!(payload(&StructPack::default(), &args, Payload::args(three)), cpp, "the C++ client's body");
}
