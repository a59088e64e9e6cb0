//! Writes the seed inputs into `corpus/<target>/seed-*` (run from `fuzz/`:
//! `cargo run --example seeds`). Seeds are real encodings made by the real
//! encoders, and the checked-in contract files of the example service. A
//! seed whose bytes some corpus file already holds is not written again.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use wire_core::codec::struct_pack::{to_vec, to_vec_with_literal};
use wire_core::codec::{Bincode, Codec, Payload, StructPack};
use wire_core::protocol::ext::{ExtWriter, write_group};
use wire_core::protocol::frame::{RequestHeader, ResponseHeader, Status};
use wire_core::protocol::handshake::{self, ExtLevel, HANDSHAKE_VERSION, Method, ServiceReady};
use wire_core::rpc::Reply;
use wire_core::{Handler, Wire};
use wire_fuzz::{Color, Expr, LevelsRpc, Pod};

/// A service with `#[wire(since = N)]` parameters, so the contract seeds
/// include `ext=` keys and `#[since N]` arguments, and the frame seeds an
/// attachment.
#[wire_core::wire_rpc]
pub trait Store {
    fn put(
        &self,
        key: String,
        value: Vec<u8>,
        #[wire(since = 2)] tenant: Option<String>,
        #[wire(since = 3)] ttl: Option<u32>,
    ) -> u64;
    fn get(&self, key: String) -> Option<Vec<u8>>;
}

/// The functions of the C++ coro_rpc test service, by their C++ names.
#[wire_core::wire_rpc(codes_only)]
pub trait Cpp {
    #[wire(name = "add")]
    fn add(&self, a: i32, b: i32) -> i32;
    #[wire(name = "ping")]
    fn ping(&self);
}

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.ends_with(format!("seed-{name}")) && fs::read(&path).unwrap() == bytes {
            return;
        }
    }
    fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
}

fn payload<C: Codec, T: serde::Serialize + ?Sized>(codec: &C, value: &T, payload: Payload) -> Vec<u8> {
    let mut out = Vec::new();
    codec.encode(value, payload, &mut out).unwrap();
    out
}

fn request<C: Codec>(seq: u32, function_id: u32, body: &[u8], attachment: &[u8]) -> Vec<u8> {
    let header = RequestHeader {
        serialize_type: C::SERIALIZE_TYPE,
        msg_type: 0,
        seq,
        function_id,
        body_len: body.len() as u32,
        attachment_len: attachment.len() as u32,
    };
    [&header.encode()[..], body, attachment].concat()
}

fn response(seq: u32, reply: &Reply) -> Vec<u8> {
    let header = ResponseHeader {
        status: reply.status.byte(),
        msg_type: 0,
        seq,
        body_len: reply.body.len() as u32,
        attachment_len: reply.attachment.len() as u32,
    };
    [&header.encode()[..], &reply.body, &reply.attachment].concat()
}

fn store_ready() -> ServiceReady {
    ServiceReady::new(Bincode::NAME, "seeds", StoreRpc::HANDLERS.iter().copied())
}

fn frames() {
    // A bincode call with its extension section in the attachment.
    let put: &'static Handler = &StoreRpc::put;
    let body = payload(&Bincode, &("k", vec![1u8, 2]), Payload::args(put));
    let mut ext = ExtWriter::new(&Bincode, put);
    ext.level(2, &(Some("acme"),)).level(3, &(Some(60u32),));
    write("fuzz_frame", "call", &request::<Bincode>(7, put.function_id, &body, &ext.finish().unwrap()));
    // The handshake, a call of the reserved handler, and its answer.
    let hello = store_ready().encode();
    write("fuzz_frame", "handshake", &request::<Bincode>(0, handshake::FUNCTION_ID, &hello, &[]));
    write("fuzz_frame", "reply-handshake", &response(0, &Reply::ok(hello)));
    // struct_pack calls as a C++ client sends them, release and debug form.
    let add: &'static Handler = &CppRpc::add;
    let args = payload(&StructPack::default(), &(1i32, 2i32), Payload::args(add));
    write("fuzz_frame", "call-struct-pack", &request::<StructPack>(0, add.function_id, &args, &[]));
    let args = payload(&StructPack::with_literal(), &(1i32, 2i32), Payload::args(add));
    write("fuzz_frame", "call-struct-pack-debug", &request::<StructPack>(1, add.function_id, &args, &[]));
    write("fuzz_frame", "call-no-arguments", &request::<StructPack>(2, CppRpc::ping.function_id, &[], &[]));
    // Replies: a value, the void reply (a monostate), and errors.
    let three = payload(&StructPack::default(), &3i32, Payload::returns(add));
    write("fuzz_frame", "reply-ok", &response(0, &Reply::ok(three)));
    let unit = payload(&StructPack::default(), &(), Payload::returns(&CppRpc::ping));
    write("fuzz_frame", "reply-void", &response(2, &Reply::ok(unit)));
    let got = payload(&Bincode, &Some(vec![1u8, 2, 3]), Payload::returns(&StoreRpc::get));
    write("fuzz_frame", "reply-ok-bincode", &response(8, &Reply::ok(got)));
    let error = Reply::error(Status::FUNCTION_NOT_REGISTERED, "the rpc function not registered".into());
    write("fuzz_frame", "reply-error", &response(7, &error));
    let big = Reply::error(Status(404), "rpc not found.".into());
    write("fuzz_frame", "reply-error-255", &response(9, &big));
}

fn readies() {
    let ready = |methods: Vec<Method>| ServiceReady {
        version: HANDSHAKE_VERSION,
        codec: "bincode1".into(),
        digest: ServiceReady::digest_of(&methods),
        max_frame: 16 << 20,
        build: "v1".into(),
        methods,
    };
    let m = |function_id, args_code, return_code, ext: &[(u16, u32)], name: &str| Method {
        function_id,
        args_code,
        return_code,
        ext: ext.iter().map(|&(since, code)| ExtLevel { since, code }).collect(),
        name: name.into(),
    };
    write("fuzz_ready", "empty", &ready(Vec::new()).encode());
    let pair = vec![
        m(0x1122_3344, 0x0a0b_0c0e, 2, &[], "Svc::zeta"),
        m(0xa0b0_c0d0, 0xdead_beee, 0xcafe_babe, &[], "Svc::alpha"),
    ];
    write("fuzz_ready", "pair", &ready(pair).encode());
    let three = vec![
        m(0x0fb1_b691, 0x9dcf_fa76, 0xac9f_0aaa, &[], "MasterService::exist_key"),
        m(0x1000_0000, 0x1111_1111, 0x2222_2222, &[(1, 0x0102_0304), (2, 0x0a0b_0c0d)], "MasterService::put_start"),
        m(0xf000_0000, 0x3333_3333, 0x4444_4444, &[(3, 0x5555_5555)], "MasterService::get_replica_list"),
    ];
    write("fuzz_ready", "three", &ready(three).encode());
    write("fuzz_ready", "store", &store_ready().encode());
    // Other versions: read as far as their version.
    for version in [1u16, 3] {
        let mut other = ready(Vec::new());
        other.version = version;
        write("fuzz_ready", &format!("version{version}"), &other.encode());
    }
}

fn sections() {
    let put: &'static Handler = &LevelsRpc::put;
    write("fuzz_ext", "empty", &[]);
    let mut one = ExtWriter::new(&Bincode, put);
    one.level(1, &(Some("acme"),));
    write("fuzz_ext", "one", &one.finish().unwrap());
    let mut two = ExtWriter::new(&Bincode, put);
    two.level(1, &(None::<String>,)).level(2, &(vec![1u64, 2, 3], Some(7u32)));
    let mut two = two.finish().unwrap();
    write("fuzz_ext", "two", &two);
    write_group(&mut two, 9, b"a level nobody knows");
    write("fuzz_ext", "unknown-level", &two);
    for (name, codec) in [("struct-pack", StructPack::default()), ("struct-pack-debug", StructPack::with_literal())] {
        let mut both = ExtWriter::new(&codec, put);
        both.level(1, &(Some("acme"),)).level(2, &(vec![u64::MAX], None::<u32>));
        write("fuzz_ext", name, &both.finish().unwrap());
    }
}

/// A value's struct_pack payloads, release and debug, and its bytes after
/// the head (the target also tries input after each type's code).
fn packed<T: serde::Serialize + Wire>(name: &str, value: &T) {
    let release = to_vec(value).unwrap();
    write("fuzz_struct_pack", name, &release);
    write("fuzz_struct_pack", &format!("{name}-debug"), &to_vec_with_literal(value).unwrap());
    let head = if release[0] & 1 == 1 { 5 } else { 4 };
    write("fuzz_struct_pack", &format!("{name}-values"), &release[head..]);
}

fn struct_packs() {
    packed("string", &"hello".to_owned());
    packed("string-width-2", &"x".repeat(300));
    packed("bytes", &vec![9u8, 8, 7]);
    packed("args", &(1u32, Some("o".to_owned()), vec![9u8, 8]));
    packed("map", &BTreeMap::from([("a".to_owned(), vec![1u64, 2]), ("b".to_owned(), vec![])]));
    packed("expected-ok", &Ok::<u64, String>(9));
    packed("expected-err", &Err::<u64, String>("no".into()));
    packed("option", &Some(Some(true)));
    let tree = Expr::Named {
        name: "n".into(),
        kids: vec![Expr::Lit(-1), Expr::Neg(Box::new(Expr::Add(Box::new(Expr::Lit(2)), Box::new(Expr::Nothing))))],
    };
    packed("exprs", &vec![tree, Expr::Nothing]);
    packed("pod", &(Pod { a: 1, b: 2, color: Color::Blue }, [1u16, 2, 3], 'é'));
    packed("units", &vec![(); 3]);
    packed("rpc-error", &(404u16, "rpc not found.".to_owned()));
}

fn contracts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (name, path) in [
        ("master", "examples/master/contracts/master.wire"),
        ("release-v0.1", "examples/master/contracts/releases/v0.1.wire"),
    ] {
        write("fuzz_contract", name, &fs::read(root.join(path)).unwrap());
    }
    let store = wire_golden::ContractDoc::from_contract(&wire_core::Contract::current().unwrap());
    write("fuzz_contract", "since-levels", wire_golden::render(&store).as_bytes());
    let types_only = "wire-contract v1\n\ntype Pair tuple\n  u8\n  (String, [u64; 4])\n\
                      type E enum name=\"e-num\"\n  A\n  B(u8)\n  C { x: Option<Vec<u8>> }\n\
                      type N newtype\n  Map<String, Result<Set<i64>, opaque(\"Raw\")>>\n\nend 0 handlers 3 types\n";
    write("fuzz_contract", "types-only", types_only.as_bytes());
}

fn main() {
    frames();
    readies();
    sections();
    struct_packs();
    contracts();
}
