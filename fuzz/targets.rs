//! The fuzz target bodies, one definition each.
//!
//! libFuzzer calls them from `fuzz_targets/*.rs` (the `wire-fuzz` crate's
//! binaries); `tests/fuzz_corpus.rs` in the root package includes this file
//! with `#[path]` and replays every committed corpus file through them under
//! `cargo test`. So this file uses nothing but `std`, `wire_core` and
//! `wire_golden`.
//!
//! Each body feeds arbitrary bytes to a decoder that reads what a peer or a
//! file hands us. A decoder may refuse the input; it must never panic, hang
//! or allocate what the input cannot back. Whatever it accepts must survive
//! a round trip through its encoder unchanged.

use wire_core::codec::Bincode;
use wire_core::protocol::ext::{self as ext_section, ExtError, ExtSection, GROUP_HEADER_LEN};
use wire_core::protocol::frame::{
    self, DEFAULT_MAX_FRAME, FrameError, REQUEST_HEADER_LEN, RESPONSE_HEADER_LEN, RequestHeader, ResponseHeader,
};
use wire_core::protocol::handshake::{Compat, ExtLevel, HANDSHAKE_VERSION, Method, MethodStatus, ServiceReady};

/// The frame limits every input is tried under: none, tiny, the default, all.
const MAX_FRAMES: [u32; 4] = [0, 64, DEFAULT_MAX_FRAME, u32::MAX];

/// Request and response frames: the headers alone, then whole frames split.
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
            assert!(h.body_len <= max);
        }
        match frame::split_request(data, max) {
            Ok((h, body, ext)) => {
                assert_eq!(body.len() as u64, u64::from(h.body_len));
                assert_eq!(ext.len() as u64, u64::from(h.ext_len));
                assert!(h.payload_len() <= u64::from(max));
                let mut again = h.encode().to_vec();
                again.extend_from_slice(body);
                again.extend_from_slice(ext);
                assert_eq!(&data[..again.len()], again.as_slice(), "split_request lost or moved bytes");
            }
            Err(e) => check_frame_error(&e, data.len(), max),
        }
        match frame::split_response(data, max) {
            Ok((h, body)) => {
                assert_eq!(body.len() as u64, u64::from(h.body_len));
                assert!(h.body_len <= max);
                let mut again = h.encode().to_vec();
                again.extend_from_slice(body);
                assert_eq!(&data[..again.len()], again.as_slice(), "split_response lost or moved bytes");
            }
            Err(e) => check_frame_error(&e, data.len(), max),
        }
    }
}

/// An error must describe the input it was given.
fn check_frame_error(e: &FrameError, len: usize, max: u32) {
    match *e {
        FrameError::Truncated { needed, got } => {
            assert_eq!(got, len as u64);
            assert!(needed > got, "truncated, yet {got} bytes >= the {needed} needed");
        }
        FrameError::TooLarge { len, max: m } => {
            assert_eq!(m, max);
            assert!(len > u64::from(max));
        }
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
    ServiceReady { version: HANDSHAKE_VERSION, codec: "bincode1".into(), digest, build: "fuzz".into(), methods }
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

/// `wire_core::protocol::ext::ExtSection::parse`, the extension section after a
/// request's body; what it accepts re-encodes to the same bytes. Each group
/// is also decoded as a level's parameters the way a server does.
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
        ext_section::write_group(&mut again, g.since, g.code, g.bytes);
        let _: Result<(Option<String>,), _> = ext_section::decode_level(&Bincode, g.since, &section);
        let _: Result<(Vec<u64>, Option<u32>), _> = ext_section::decode_level(&Bincode, g.since, &section);
    }
    assert_eq!(again, data);
    assert!(section.get(0).is_none());
    let missing = (1..=u16::MAX).find(|s| section.get(*s).is_none());
    if let Some(since) = missing {
        let level: (Option<String>,) = ext_section::decode_level(&Bincode, since, &section).unwrap();
        assert_eq!(level, (None,), "a level not sent does not default");
    }
}
