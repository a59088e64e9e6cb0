//! Writes the seed inputs into `corpus/<target>/seed-*` (run from `fuzz/`:
//! `cargo run --example seeds`). Seeds are real encodings made by the real
//! encoders, and the checked-in contract files of the example service.

use std::fs;
use std::path::Path;
use wire_core::codec::{Bincode, Codec};
use wire_core::protocol::ext::write_group;
use wire_core::protocol::frame::{Kind, RequestHeader, ResponseHeader, Status};
use wire_core::protocol::handshake::{ExtLevel, HANDSHAKE_VERSION, Method, ServiceReady};

/// A service with `#[wire(since = N)]` parameters, so the contract seeds
/// include `ext=` keys and `#[since N]` arguments.
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

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
}

fn main() {
    // Frames: a call with body and extension, a handshake, an error reply, an ok reply.
    let req = RequestHeader {
        kind: Kind::Call,
        seq: 7,
        function_id: wire_core::function_id("MasterService::exist_key"),
        args_code: 0x9dcf_fa76,
        body_len: 5,
        ext_len: 14,
    };
    let mut call = req.encode().to_vec();
    call.extend_from_slice(b"\x01\x00\x00\x00k");
    call.extend_from_slice(&[1, 0, 0xaa, 0xbb, 0xcc, 0xdd, 4, 0, 0, 0, 1, 2, 3, 4]);
    write("fuzz_frame", "call", &call);
    let hello = RequestHeader::handshake(0);
    write("fuzz_frame", "handshake", &hello.encode());
    let err = b"no such handler";
    let resp = ResponseHeader {
        status: Status::FunctionNotRegistered,
        seq: 7,
        function_id: 0x0fb1_b691,
        return_code: 0,
        body_len: err.len() as u32,
    };
    write("fuzz_frame", "reply-error", &[&resp.encode()[..], err].concat());
    let ok =
        ResponseHeader { status: Status::Ok, seq: 8, function_id: 0x0fb1_b691, return_code: 0xac9f_0aaa, body_len: 1 };
    write("fuzz_frame", "reply-ok", &[&ok.encode()[..], &[1]].concat());

    // ServiceReady: empty, the two-method pair of wire-core's tests, an old version.
    let ready = |methods: Vec<Method>| ServiceReady {
        version: HANDSHAKE_VERSION,
        codec: "bincode1".into(),
        digest: ServiceReady::digest_of(&methods),
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
    let mut old = ready(Vec::new());
    old.version = 2;
    write("fuzz_ready", "version2", &old.encode());

    // Extension sections: empty, one level, three levels with real bincode payloads.
    write("fuzz_ext", "empty", &[]);
    let mut one = Vec::new();
    write_group(&mut one, 2, 0x1234_5678, &Bincode.encode(&(Some("acme".to_owned()),)).unwrap());
    write("fuzz_ext", "one", &one);
    let mut three = Vec::new();
    write_group(&mut three, 1, 0x0102_0304, &Bincode.encode(&(vec![1u64, 2, 3], Some(7u32))).unwrap());
    write_group(&mut three, 2, 0x0a0b_0c0d, &Bincode.encode(&(None::<String>,)).unwrap());
    write_group(&mut three, 9, 0xdead_beef, b"");
    write("fuzz_ext", "three", &three);

    // Contract files: the example service's frozen file and its release.
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
