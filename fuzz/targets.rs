//! The fuzz target bodies, one definition each.
//!
//! libFuzzer calls them from `fuzz_targets/*.rs` (the `wire-fuzz` crate's
//! binaries); `tests/fuzz_corpus.rs` in the root package includes this file
//! with `#[path]` and replays every committed corpus file through them under
//! `cargo test`. So this file uses nothing but `std`, `serde`, `wire_core`
//! and `wire_golden`.
//!
//! Each body feeds arbitrary bytes to a decoder that reads what a peer or a
//! file hands us. A decoder may refuse the input; it must never panic, hang
//! or allocate what the input cannot back. Whatever it accepts must survive
//! a round trip through its encoder unchanged.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wire_core::Wire;
use wire_core::codec::struct_pack::{from_slice, to_vec, to_vec_with_literal};
use wire_core::codec::{Bincode, Codec, StructPack};
use wire_core::protocol::ext::{self as ext_section, ExtError, ExtSection, GROUP_HEADER_LEN};
use wire_core::protocol::frame::{
    self, DEFAULT_MAX_FRAME, FrameError, REQUEST_HEADER_LEN, RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader,
};
use wire_core::protocol::handshake::{Compat, ExtLevel, HANDSHAKE_VERSION, Method, MethodStatus, ServiceReady};
use wire_core::rpc::Reply;

/// The frame limits every input is tried under: none, tiny, the default, all.
const MAX_FRAMES: [u32; 4] = [0, 64, DEFAULT_MAX_FRAME, u32::MAX];

/// Request and response frames: the headers alone, then whole frames split;
/// a response's body read as a status and an error message.
pub fn frame(data: &[u8]) {
    for max in MAX_FRAMES {
        if let Some(head) = data.first_chunk::<REQUEST_HEADER_LEN>()
            && let Ok(h) = RequestHeader::decode(head, max)
        {
            assert_eq!(&h.encode(), head, "request header does not re-encode to its bytes");
            assert!(h.payload_len() <= u64::from(max));
        }
        if let Some(head) = data.first_chunk::<RESPONSE_HEADER_LEN>()
            && let Ok(h) = ResponseHeader::decode(head, max)
        {
            assert_eq!(&h.encode(), head, "response header does not re-encode to its bytes");
            assert!(h.payload_len() <= u64::from(max));
        }
        match frame::split_request(data, max) {
            Ok((h, body, attachment)) => {
                assert_eq!(body.len() as u64, u64::from(h.body_len));
                assert_eq!(attachment.len() as u64, u64::from(h.attachment_len));
                assert!(h.payload_len() <= u64::from(max));
                let again = [&h.encode()[..], body, attachment].concat();
                assert_eq!(&data[..again.len()], again.as_slice(), "split_request lost or moved bytes");
                assert_eq!(frame::payload_code(body).is_some(), body.len() >= 4);
            }
            Err(e) => check_frame_error(&e, data, max),
        }
        match frame::split_response(data, max) {
            Ok((h, body, attachment)) => {
                assert_eq!(body.len() as u64, u64::from(h.body_len));
                assert_eq!(attachment.len() as u64, u64::from(h.attachment_len));
                assert!(h.payload_len() <= u64::from(max));
                let again = [&h.encode()[..], body, attachment].concat();
                assert_eq!(&data[..again.len()], again.as_slice(), "split_response lost or moved bytes");
                // A status (255: the code in the body) and a message, whatever the body holds.
                let status = Reply::status_of(h.status, body);
                assert!(h.status == u8::MAX || status.0 == u16::from(h.status));
                let reply = Reply { status, body: body.to_vec(), attachment: attachment.to_vec() };
                let _ = reply.message();
                let _ = status.to_string();
            }
            Err(e) => check_frame_error(&e, data, max),
        }
    }
}

/// An error must describe the input it was given.
fn check_frame_error(e: &FrameError, data: &[u8], max: u32) {
    match *e {
        FrameError::Truncated { needed, got } => {
            assert_eq!(got, data.len() as u64);
            assert!(needed > got, "truncated, yet {got} bytes >= the {needed} needed");
        }
        FrameError::TooLarge { len, max: m } => {
            assert_eq!(m, max);
            assert!(len > u64::from(max));
        }
        FrameError::BadMagic(b) => assert_eq!(b, data[0]),
        FrameError::UnsupportedVersion(v) => assert_eq!(v, data[1]),
        _ => {}
    }
    let _ = e.to_string();
}

/// A small handshake of this side, to `check()` decoded peers against.
fn fixed_ready() -> ServiceReady {
    let method = |function_id, args_code, return_code, ext: &[(u16, u32)], name: &str| Method {
        function_id,
        args_code,
        return_code,
        ext: ext.iter().map(|&(since, code)| ExtLevel { since, code }).collect(),
        name: name.to_owned(),
    };
    let methods = vec![
        method(0x0000_0001, 0x1111_1111, 0x2222_2222, &[], "Svc::one"),
        method(0x1122_3344, 0x0a0b_0c0e, 0x0000_0002, &[(1, 0x0102_0304)], "Svc::zeta"),
        method(0xa0b0_c0d0, 0xdead_beee, 0xcafe_babe, &[(2, 0x5555_5555), (3, 0x6666_6666)], "Svc::alpha"),
    ];
    let digest = ServiceReady::digest_of(&methods);
    ServiceReady {
        version: HANDSHAKE_VERSION,
        codec: "bincode1".into(),
        digest,
        max_frame: DEFAULT_MAX_FRAME,
        build: "fuzz".into(),
        methods,
    }
}

/// `ServiceReady::decode`; what it accepts re-encodes to the same bytes and
/// is `check()`ed against itself and a fixed handshake, both ways.
pub fn ready(data: &[u8]) {
    let Ok(peer) = ServiceReady::decode(data) else { return };
    let bytes = peer.encode();
    if peer.version == HANDSHAKE_VERSION {
        // Current version: every byte is read, so the encoding is the input.
        assert_eq!(bytes, data, "decode(x).encode() != x");
    }
    assert_eq!(ServiceReady::decode(&bytes).as_ref(), Ok(&peer), "decode(encode(x)) != x");
    assert!(peer.methods.windows(2).all(|w| w[0].function_id < w[1].function_id), "methods not sorted by id");
    for m in &peer.methods {
        assert_eq!(peer.method(m.function_id), Some(m));
        assert!(m.ext.first().is_none_or(|l| l.since >= 1), "extension level 0 accepted");
        assert!(m.ext.windows(2).all(|w| w[0].since < w[1].since), "extension levels do not ascend");
        let _ = m.ext_listing();
    }

    match peer.check(&peer) {
        Compat::Identical => {}
        other => panic!("a handshake is not identical to itself: {other}"),
    }
    let here = fixed_ready();
    check_pair(&here, &peer);
    check_pair(&peer, &here);
}

fn check_pair(a: &ServiceReady, b: &ServiceReady) {
    let verdict = a.check(b);
    let _ = verdict.to_string();
    match &verdict {
        Compat::Identical => {
            assert_eq!(a.digest, b.digest);
            assert_eq!(a.methods.len(), b.methods.len());
        }
        Compat::Incompatible(_) => assert!(a.version != b.version || a.codec != b.codec),
        Compat::Partial(p) => {
            // Every method of each side is judged exactly once, in id order.
            assert_eq!(p.outgoing.len(), a.methods.len());
            assert!(p.outgoing.iter().zip(&a.methods).all(|(v, m)| std::ptr::eq(v.method, m)));
            assert_eq!(p.incoming.len(), b.methods.len());
            assert!(p.incoming.iter().zip(&b.methods).all(|(v, m)| std::ptr::eq(v.method, m)));
            for v in p.callable() {
                let there = b.method(v.function_id).expect("callable, so the peer has it");
                assert_eq!((v.args_code, v.return_code), (there.args_code, there.return_code));
            }
            for v in p.blocked() {
                assert!(!v.status.is_callable());
            }
            for v in p.extended() {
                assert!(matches!(v.status, MethodStatus::Extended { .. }));
                let there = b.method(v.method.function_id).expect("extended, so the peer has it");
                assert_ne!(v.method.ext, there.ext);
            }
        }
    }
}

/// `wire_golden::parse` on arbitrary text; what it accepts renders to
/// a file that parses back to the same contract and renders identically.
pub fn contract(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(doc) = wire_golden::parse(&text, "fuzz.wire") else { return };
    let rendered = wire_golden::render(&doc);
    let again = match wire_golden::parse(&rendered, "rendered.wire") {
        Ok(again) => again,
        Err(e) => panic!("the render of a parsed contract does not parse: {e}\n{rendered}"),
    };
    assert_eq!(wire_golden::render(&again), rendered, "render(parse(render(doc))) != render(doc)");
    // Lines aside: render drops comments and blank lines, so they move.
    assert_eq!(again.without_locations(), doc.without_locations(), "parse(render(doc)) != doc");
}

/// The handler whose extension levels `ext` decodes groups as: level 1 is
/// `(Option<String>,)`, level 2 `(Vec<u64>, Option<u32>)`.
#[wire_core::wire_rpc(codes_only)]
#[wire(name = "Fuzz")]
#[allow(dead_code)] // only its codes (`LevelsRpc`) are used: `tests/fuzz_corpus.rs` sees the trait unused
pub trait Levels {
    fn put(
        &self,
        key: String,
        #[wire(since = 1)] tenant: Option<String>,
        #[wire(since = 2)] sizes: Vec<u64>,
        #[wire(since = 2)] ttl: Option<u32>,
    );
}

/// `wire_core::protocol::ext::ExtSection::parse`, the extension section a
/// request's attachment carries; what it accepts re-encodes to the same
/// bytes. Each group is also decoded as a level's parameters the way a
/// server does, in both codecs.
pub fn ext(data: &[u8]) {
    let section = match ExtSection::parse(data) {
        Ok(section) => section,
        Err(e) => {
            match e {
                ExtError::Truncated { at, needed, got } => {
                    assert_eq!(at + got, data.len());
                    assert!(needed > got as u64);
                }
                ExtError::LevelZero { at } | ExtError::OutOfOrder { at, .. } => assert!(at < data.len()),
            }
            let _ = e.to_string();
            return;
        }
    };
    assert_eq!(section.encode(), data, "parse(x).encode() != x");
    let groups = section.groups();
    assert!(groups.len() <= data.len() / GROUP_HEADER_LEN, "more groups than the input can hold");
    assert!(groups.first().is_none_or(|g| g.since >= 1), "level 0 accepted");
    assert!(groups.windows(2).all(|w| w[0].since < w[1].since), "levels do not ascend");
    let mut again = Vec::new();
    for g in groups {
        assert_eq!(section.get(g.since), Some(g));
        assert_eq!(g.code(), frame::payload_code(g.bytes));
        ext_section::write_group(&mut again, g.since, g.bytes);
    }
    assert_eq!(again, data);
    assert!(section.get(0).is_none());
    // The levels the handler has, as a server reads them.
    let handler = &LevelsRpc::put;
    if let Some((since, sent, here)) = section.mismatch(handler) {
        let group = section.get(since).expect("a mismatch is of a level sent");
        assert_eq!(group.code().unwrap_or(0), sent);
        assert_ne!(Some(here), group.code());
    }
    levels(&Bincode, &section);
    levels(&StructPack::default(), &section);
}

fn levels<C: Codec>(codec: &C, section: &ExtSection<'_>) {
    let handler = &LevelsRpc::put;
    let one: Result<(Option<String>,), _> = ext_section::decode_level(codec, handler, 1, section);
    let two: Result<(Vec<u64>, Option<u32>), _> = ext_section::decode_level(codec, handler, 2, section);
    // A level not sent defaults; one the handler does not have is an error.
    if section.get(1).is_none() {
        assert_eq!(one.expect("a level not sent defaults"), (None,));
    }
    if section.get(2).is_none() {
        assert_eq!(two.expect("a level not sent defaults"), (Vec::new(), None));
    }
    let three: Result<(u8,), _> = ext_section::decode_level(codec, handler, 3, section);
    assert!(three.is_err(), "the handler has no level 3");
}

/// Shapes of every kind struct_pack writes, for [`struct_pack`].
#[derive(Serialize, Deserialize, Wire, Debug, PartialEq)]
pub enum Expr {
    Lit(i64),
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Named { name: String, kids: Vec<Expr> },
    Nothing,
}

/// A C-like enum: its integer on the wire, as C++ enums are.
#[derive(Wire, Clone, Copy, Debug, PartialEq)]
#[wire(c_enum)]
#[repr(i16)]
pub enum Color {
    Red = 0,
    Green = 7,
    Blue = -3,
}

/// A trivially copyable struct: C layout, with padding.
#[derive(Serialize, Deserialize, Wire, Debug, PartialEq)]
#[wire(trivial)]
pub struct Pod {
    pub a: u8,
    pub b: u64,
    pub color: Color,
}

/// Arguments of a handler of three, as a tuple.
pub type Args = (u32, Option<String>, Vec<u8>);

/// Reads `data` as a `T`, and `data` after `T`'s code (with and without
/// the metainfo flag, so the fuzzer need not guess 32 bits to get past the
/// head): refused or accepted, never a panic.
fn read_as<T: Serialize + DeserializeOwned + Wire>(data: &[u8]) {
    read_one::<T>(data);
    for code in [T::CODE, T::CODE | 1] {
        read_one::<T>(&[&code.to_le_bytes()[..], data].concat());
    }
}

/// An accepted value writes (in both forms) bytes that read back as the
/// same value.
fn read_one<T: Serialize + DeserializeOwned + Wire>(data: &[u8]) {
    let Ok(value) = from_slice::<T>(data) else { return };
    let release = to_vec(&value).expect("a value read writes");
    let debug = to_vec_with_literal(&value).expect("a value read writes with its literal");
    for bytes in [&release, &debug] {
        let back: T = from_slice(bytes).expect("what was written reads");
        assert_eq!(to_vec(&back).unwrap(), release, "the value changed through its bytes");
    }
}

/// struct_pack's reader (`wire_core::codec::struct_pack::from_slice`) on
/// arbitrary bytes, as several types: strings and containers with sizes of
/// any width, options, `expected`, variants, a recursive enum, a C-like
/// enum and a trivially copyable struct with padding; the payload head
/// (code, metainfo, compatible-fields length, literal) first.
pub fn struct_pack(data: &[u8]) {
    read_as::<String>(data);
    read_as::<Vec<u8>>(data);
    read_as::<Args>(data);
    read_as::<BTreeMap<String, Vec<u64>>>(data);
    read_as::<Result<u64, String>>(data);
    read_as::<Option<Option<bool>>>(data);
    read_as::<Vec<Expr>>(data);
    read_as::<Expr>(data);
    read_as::<(Pod, [u16; 3], char)>(data);
    read_as::<Vec<()>>(data);
    read_as::<(u16, String)>(data);
}
