//! `ServiceReady`: the frozen handshake encoding, its digest and `check()`.
//!
//! The encoding is a wire format peers of different builds (and languages)
//! read, so it is pinned here byte for byte from the layout documented in
//! `ready.rs`, and the digest is recomputed from the documented canonical
//! listing with an independent MD5 (the `md-5` crate). Decoding is fed
//! hostile input (`ready/hostile.rs`): it must return `Err`, never panic,
//! never allocate what the input cannot back.

#[path = "ready/hostile.rs"]
mod hostile;
mod support;

use md5::{Digest, Md5 as Oracle};
use support::handler::handler;
use wire_core::Handler;
use wire_core::protocol::frame::DEFAULT_MAX_FRAME;
use wire_core::protocol::handshake::MethodStatus as Status;
use wire_core::protocol::handshake::{
    Compat, ExtLevel, FUNCTION_ID, HANDSHAKE_VERSION, Method, NAME, ServiceReady, Verdict,
};

/// Two methods whose id order (zeta first) differs from their name order
/// (alpha first): the encoding sorts by id, the digest listing by name.
fn pair() -> [Handler; 2] {
    [handler("Svc::alpha", 0xA0B0_C0D0, 0xDEAD_BEEE, 0xCAFE_BABE), handler("Svc::zeta", 0x1122_3344, 0x0A0B_0C0E, 2)]
}

fn pair_ready() -> ServiceReady {
    ServiceReady::new("bincode1", "v1", &pair())
}

/// MD5 of the canonical listing written out by hand.
const PAIR_DIGEST: [u8; 16] =
    [0x60, 0x8e, 0xac, 0xa2, 0x08, 0x7b, 0xf8, 0xfa, 0x3a, 0x3d, 0x77, 0xfb, 0x2a, 0x28, 0xe0, 0x41];

#[test]
fn encoding_is_pinned_byte_for_byte() {
    let mut expected: Vec<u8> = Vec::new();
    // magic: 4 bytes "WSRD"
    expected.extend_from_slice(b"WSRD");
    // version: u16 LE = 2
    expected.extend_from_slice(&[0x02, 0x00]);
    // codec: u8 length, then UTF-8
    expected.push(8);
    expected.extend_from_slice(b"bincode1");
    // digest: 16 bytes, MD5 of
    // "Svc::alpha\ta0b0c0d0\tdeadbeee\tcafebabe\t0\nSvc::zeta\t11223344\t0a0b0c0e\t00000002\t0\n"
    expected.extend_from_slice(&PAIR_DIGEST);
    // max_frame: u32 LE, the default 16 MiB
    expected.extend_from_slice(&[0x00, 0x00, 0x00, 0x01]);
    // build: u16 LE length, then UTF-8
    expected.extend_from_slice(&[0x02, 0x00]);
    expected.extend_from_slice(b"v1");
    // count: u32 LE = 2
    expected.extend_from_slice(&[0x02, 0x00, 0x00, 0x00]);
    // method 0 (lowest function id first): Svc::zeta
    expected.extend_from_slice(&[0x44, 0x33, 0x22, 0x11]); // function_id 0x11223344
    expected.extend_from_slice(&[0x0e, 0x0c, 0x0b, 0x0a]); // args_code   0x0a0b0c0e
    expected.extend_from_slice(&[0x02, 0x00, 0x00, 0x00]); // return_code 0x00000002
    expected.extend_from_slice(&[0x00, 0x00]); // ext_level 0
    expected.extend_from_slice(&[0x09, 0x00]); // name length 9
    expected.extend_from_slice(b"Svc::zeta");
    // method 1: Svc::alpha
    expected.extend_from_slice(&[0xd0, 0xc0, 0xb0, 0xa0]); // function_id 0xa0b0c0d0
    expected.extend_from_slice(&[0xee, 0xbe, 0xad, 0xde]); // args_code   0xdeadbeee
    expected.extend_from_slice(&[0xbe, 0xba, 0xfe, 0xca]); // return_code 0xcafebabe
    expected.extend_from_slice(&[0x00, 0x00]); // ext_level 0
    expected.extend_from_slice(&[0x0a, 0x00]); // name length 10
    expected.extend_from_slice(b"Svc::alpha");
    // nothing follows the last method

    let ready = pair_ready();
    assert_eq!(ready.version, HANDSHAKE_VERSION);
    assert_eq!(ready.digest, PAIR_DIGEST);
    assert_eq!(ready.max_frame, DEFAULT_MAX_FRAME);
    assert_eq!(ready.encode(), expected);
    assert_eq!(ServiceReady::decode(&expected).unwrap(), ready);
}

/// The frame limit travels after the digest; it is not part of the digest.
#[test]
fn max_frame_is_carried_and_not_digested() {
    let ready = pair_ready().with_max_frame(0x0102_0304);
    let bytes = ready.encode();
    let at = 4 + 2 + 1 + b"bincode1".len() + 16;
    assert_eq!(bytes[at..at + 4], [0x04, 0x03, 0x02, 0x01]);
    assert_eq!(ServiceReady::decode(&bytes).unwrap().max_frame, 0x0102_0304);
    assert_eq!(ready.digest, PAIR_DIGEST);
    assert_eq!(ready.check(&pair_ready()), Compat::Identical, "limits are not compared");
}

/// The handshake is a call of a reserved handler: its id is that of its name.
#[test]
fn the_reserved_handler_is_named_and_hashed_like_any_other() {
    assert_eq!(NAME, "wire_contracts::ServiceReady");
    assert_eq!(FUNCTION_ID, wire_core::function_id(NAME));
    assert_eq!(FUNCTION_ID, u32::from_be_bytes(Oracle::digest(NAME.as_bytes())[..4].try_into().unwrap()));
}

#[test]
fn extension_levels_follow_the_return_code() {
    let method = || Method {
        function_id: 1,
        args_code: 2,
        return_code: 3,
        ext: vec![ExtLevel { since: 2, code: 0x0a0b_0c0d }, ExtLevel { since: 0x0102, code: 5 }],
        name: "é".into(),
    };
    let ready = ServiceReady {
        version: HANDSHAKE_VERSION,
        codec: String::new(),
        digest: ServiceReady::digest_of(&[method()]),
        max_frame: 0,
        build: String::new(),
        methods: vec![method()],
    };
    let mut expected = b"WSRD".to_vec();
    expected.extend_from_slice(&[2, 0]); // version
    expected.push(0); // empty codec
    expected.extend_from_slice(&ready.digest); // digest of the table (checked on decode)
    expected.extend_from_slice(&[0, 0, 0, 0]); // max_frame 0
    expected.extend_from_slice(&[0, 0]); // empty build
    expected.extend_from_slice(&[1, 0, 0, 0]); // one method
    expected.extend_from_slice(&[1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]); // id, args, ret
    expected.extend_from_slice(&[2, 0]); // two extension levels
    expected.extend_from_slice(&[2, 0, 0x0d, 0x0c, 0x0b, 0x0a]); // level 2, its code
    expected.extend_from_slice(&[0x02, 0x01, 5, 0, 0, 0]); // level 0x0102, little-endian
    expected.extend_from_slice(&[2, 0, 0xC3, 0xA9]); // name: 2 UTF-8 bytes of "é"
    assert_eq!(ready.encode(), expected);
    assert_eq!(ServiceReady::decode(&expected).unwrap(), ready);
    assert_eq!(ready.methods[0].ext_level(), 0x0102);
    assert_eq!(ready.methods[0].ext_listing(), "2:0a0b0c0d,258:00000005");
}

#[test]
fn extension_levels_must_ascend_from_one() {
    for levels in [vec![0u16], vec![3, 3], vec![4, 2]] {
        let method = Method {
            function_id: 1,
            args_code: 2,
            return_code: 3,
            ext: levels.iter().map(|&since| ExtLevel { since, code: 0 }).collect(),
            name: "S::m".into(),
        };
        let ready = ServiceReady {
            version: HANDSHAKE_VERSION,
            codec: String::new(),
            digest: ServiceReady::digest_of(std::slice::from_ref(&method)),
            max_frame: DEFAULT_MAX_FRAME,
            build: String::new(),
            methods: vec![method],
        };
        let err = ServiceReady::decode(&ready.encode()).unwrap_err().to_string();
        assert!(err.contains("levels ascend from 1"), "{levels:?}: {err}");
    }
}

/// The digest from the module docs: lines `name TAB id TAB args TAB ret TAB ext LF`
/// sorted by name bytes, codes as 8 lowercase hex digits, ext `0` or `since:code,…`.
fn oracle_digest(methods: &[Method]) -> [u8; 16] {
    let mut sorted: Vec<&Method> = methods.iter().collect();
    sorted.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut md5 = Oracle::new();
    for m in sorted {
        md5.update(m.name.as_bytes());
        for code in [m.function_id, m.args_code, m.return_code] {
            md5.update(b"\t");
            md5.update(format!("{code:08x}").as_bytes());
        }
        md5.update(b"\t");
        if m.ext.is_empty() {
            md5.update(b"0");
        }
        for (i, l) in m.ext.iter().enumerate() {
            md5.update(format!("{}{}:{:08x}", if i > 0 { "," } else { "" }, l.since, l.code).as_bytes());
        }
        md5.update(b"\n");
    }
    md5.finalize().into()
}

#[test]
fn digest_is_md5_of_the_documented_listing() {
    let listing = "Svc::alpha\ta0b0c0d0\tdeadbeee\tcafebabe\t0\nSvc::zeta\t11223344\t0a0b0c0e\t00000002\t0\n";
    let by_hand: [u8; 16] = Oracle::digest(listing.as_bytes()).into();
    assert_eq!(by_hand, PAIR_DIGEST);
    assert_eq!(pair_ready().digest, by_hand);
    assert_eq!(oracle_digest(&pair_ready().methods), by_hand);

    // Byte order, not locale: upper case sorts before lower case, `_` between.
    let hs = [
        handler("b::x", 5, 6, 7),
        handler("B::x", 1, 2, 3),
        handler("a_b::x", 0xFFFF_FFFF, 0, 0x10),
        handler("a::x", 0x8000_0000, 0xFFFF_FFFE, 0),
    ];
    let ready = ServiceReady::new("postcard1", "", &hs);
    assert_eq!(ready.digest, oracle_digest(&ready.methods));
    let listing = "B::x\t00000001\t00000002\t00000003\t0\n\
                   a::x\t80000000\tfffffffe\t00000000\t0\n\
                   a_b::x\tffffffff\t00000000\t00000010\t0\n\
                   b::x\t00000005\t00000006\t00000007\t0\n";
    assert_eq!(ready.digest, <[u8; 16]>::from(Oracle::digest(listing.as_bytes())));
    // The empty listing is MD5 of nothing.
    assert_eq!(ServiceReady::new("bincode1", "", []).digest, <[u8; 16]>::from(Oracle::digest(b"")));
}

#[test]
fn new_sorts_by_id_dedups_and_ignores_input_order() {
    let [a, z] = pair();
    let forward = ServiceReady::new("bincode1", "v1", [&a, &z]);
    let backward = ServiceReady::new("bincode1", "v1", [&z, &a, &z]);
    assert_eq!(forward, backward);
    let ids: Vec<u32> = forward.methods.iter().map(|m| m.function_id).collect();
    assert_eq!(ids, [0x1122_3344, 0xA0B0_C0D0]);
    assert_eq!(forward.method(0xA0B0_C0D0).map(|m| m.name.as_str()), Some("Svc::alpha"));
    assert_eq!(forward.method(7), None);
}

#[test]
fn decode_inverts_encode() {
    let samples = [
        pair_ready(),
        ServiceReady::new("bincode1", "", []),
        ServiceReady::new("postcard1", "build 42 — ünïcode", &pair()),
        ServiceReady {
            version: HANDSHAKE_VERSION,
            codec: "x".repeat(255),
            digest: [7; 16],
            max_frame: u32::MAX,
            build: "b".repeat(1000),
            methods: (0..50)
                .map(|i| Method {
                    function_id: i * 3,
                    args_code: i.wrapping_mul(0x9E37_79B9),
                    return_code: !i,
                    ext: (1..=(i as u16 % 3)).map(|since| ExtLevel { since, code: i ^ u32::from(since) }).collect(),
                    name: format!("Svc::m{i}"),
                })
                .collect(),
        },
    ];
    for mut ready in samples {
        ready.digest = ServiceReady::digest_of(&ready.methods);
        let bytes = ready.encode();
        assert_eq!(ServiceReady::decode(&bytes).unwrap(), ready);
    }
}

/// Strings longer than their length prefix are clipped, at a character
/// boundary: the encoder must never produce a message its decoder refuses.
#[test]
fn over_long_strings_are_clipped_to_valid_utf8() {
    let ready = ServiceReady {
        version: HANDSHAKE_VERSION,
        codec: "é".repeat(200), // 400 bytes for a u8 length
        digest: [0; 16],
        max_frame: 1,
        build: "é".repeat(40_000), // 80,000 bytes for a u16 length
        methods: vec![Method {
            function_id: 1,
            args_code: 0,
            return_code: 0,
            ext: Vec::new(),
            name: "ü".repeat(33_000), // 66,000 bytes for a u16 length
        }],
    };
    // The digest covers the names as sent (`ServiceReady::new` clips them the same way).
    let mut ready = ready;
    let mut sent = ready.methods.clone();
    sent[0].name = "ü".repeat(32_767);
    ready.digest = ServiceReady::digest_of(&sent);
    let back = ServiceReady::decode(&ready.encode()).expect("the encoder's own output decodes");
    assert_eq!(back.codec, "é".repeat(127)); // 254 bytes: 255 would split a character
    assert_eq!(back.build, "é".repeat(32_767)); // 65,534 bytes
    assert_eq!(back.methods[0].name, "ü".repeat(32_767));
}

#[test]
fn check_identical_ignores_build() {
    let here = ServiceReady::new("bincode1", "here 1.0", &pair());
    let peer = ServiceReady::new("bincode1", "peer 9.9", &pair());
    assert_eq!(here.check(&peer), Compat::Identical);
    assert_eq!(peer.check(&here), Compat::Identical);
    assert!(here.check(&peer).to_string().starts_with("IDENTICAL"));
}

/// Here: a b c d f; peer: a c' d' e f'.
fn drifted() -> (Vec<Handler>, Vec<Handler>) {
    let here = vec![
        handler("Svc::a", 0x10, 0xA0, 0xB0),
        handler("Svc::b", 0x20, 0xA0, 0xB0),
        handler("Svc::c", 0x30, 0xC0, 0xB0),
        handler("Svc::d", 0x40, 0xA0, 0xD0),
        handler("Svc::f", 0x60, 0xF0, 0xF1),
    ];
    let peer = vec![
        handler("Svc::a", 0x10, 0xA0, 0xB0),
        handler("Svc::c", 0x30, 0xC2, 0xB0),
        handler("Svc::d", 0x40, 0xA0, 0xD2),
        handler("Svc::e", 0x50, 0xA0, 0xB0),
        handler("Svc::f", 0x60, 0xF2, 0xF3),
    ];
    (here, peer)
}

fn summary<'a>(verdicts: &[Verdict<'a>]) -> Vec<(&'a str, Status)> {
    verdicts.iter().map(|v| (v.method.name.as_str(), v.status)).collect()
}

#[test]
fn check_partial_lists_every_status_both_ways() {
    let (h, p) = drifted();
    let here = ServiceReady::new("bincode1", "", &h);
    let peer = ServiceReady::new("bincode1", "", &p);

    let Compat::Partial(partial) = here.check(&peer) else { panic!("expected Partial") };
    assert_eq!(
        summary(&partial.outgoing),
        [
            ("Svc::a", Status::Callable),
            ("Svc::b", Status::MissingOnPeer),
            ("Svc::c", Status::ArgsDiffer { here: 0xC0, peer: 0xC2 }),
            ("Svc::d", Status::ReturnDiffers { here: 0xD0, peer: 0xD2 }),
            // Both codes differ: arguments are reported, they block the call first.
            ("Svc::f", Status::ArgsDiffer { here: 0xF0, peer: 0xF2 }),
        ]
    );
    assert_eq!(
        summary(&partial.incoming),
        [
            ("Svc::a", Status::Callable),
            ("Svc::c", Status::ArgsDiffer { here: 0xC0, peer: 0xC2 }),
            ("Svc::d", Status::ReturnDiffers { here: 0xD0, peer: 0xD2 }),
            ("Svc::e", Status::MissingHere),
            ("Svc::f", Status::ArgsDiffer { here: 0xF0, peer: 0xF2 }),
        ]
    );
    // Outgoing verdicts point into this side's table, incoming into the peer's.
    assert!(partial.outgoing.iter().all(|v| here.methods.iter().any(|m| std::ptr::eq(m, v.method))));
    assert!(partial.incoming.iter().all(|v| peer.methods.iter().any(|m| std::ptr::eq(m, v.method))));
    assert_eq!(partial.callable().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["Svc::a"]);
    assert_eq!(
        partial.blocked().map(|v| v.method.name.as_str()).collect::<Vec<_>>(),
        ["Svc::b", "Svc::c", "Svc::d", "Svc::f"]
    );
    let report = Compat::Partial(partial).to_string();
    assert!(report.starts_with("PARTIAL: 1 of 5 handlers callable on the peer\n"), "{report}");
    assert!(report.contains("outgoing missing on peer Svc::b (0x00000020)"), "{report}");
    assert!(
        report.contains("outgoing blocked Svc::c: args code 0x000000c0 here -> 0x000000c2 on the peer"),
        "{report}"
    );
    assert!(report.contains("outgoing blocked Svc::d: return code 0x000000d0 here -> 0x000000d2"), "{report}");
    assert!(report.contains("incoming peer-only Svc::e (0x00000050)"), "{report}");

    // The same pair seen from the peer: here/peer and the missing sides swap.
    let Compat::Partial(mirror) = peer.check(&here) else { panic!("expected Partial") };
    assert_eq!(
        summary(&mirror.outgoing),
        [
            ("Svc::a", Status::Callable),
            ("Svc::c", Status::ArgsDiffer { here: 0xC2, peer: 0xC0 }),
            ("Svc::d", Status::ReturnDiffers { here: 0xD2, peer: 0xD0 }),
            ("Svc::e", Status::MissingOnPeer),
            ("Svc::f", Status::ArgsDiffer { here: 0xF2, peer: 0xF0 }),
        ]
    );
    assert_eq!(
        summary(&mirror.incoming),
        [
            ("Svc::a", Status::Callable),
            ("Svc::b", Status::MissingHere),
            ("Svc::c", Status::ArgsDiffer { here: 0xC2, peer: 0xC0 }),
            ("Svc::d", Status::ReturnDiffers { here: 0xD2, peer: 0xD0 }),
            ("Svc::f", Status::ArgsDiffer { here: 0xF2, peer: 0xF0 }),
        ]
    );
}

#[test]
fn check_partial_when_only_one_side_has_methods() {
    let (h, _) = drifted();
    let here = ServiceReady::new("bincode1", "", &h);
    let empty = ServiceReady::new("bincode1", "", []);
    let Compat::Partial(p) = here.check(&empty) else { panic!("expected Partial") };
    assert!(p.outgoing.iter().all(|v| v.status == Status::MissingOnPeer) && p.outgoing.len() == 5);
    assert!(p.incoming.is_empty());
    let Compat::Partial(p) = empty.check(&here) else { panic!("expected Partial") };
    assert!(p.incoming.iter().all(|v| v.status == Status::MissingHere) && p.incoming.len() == 5);
    assert!(p.outgoing.is_empty());
}

#[test]
fn a_renamed_method_changes_the_digest_but_stays_callable() {
    let here = ServiceReady::new("bincode1", "", &[handler("Svc::old", 1, 2, 3)]);
    let peer = ServiceReady::new("bincode1", "", &[handler("Svc::new", 1, 2, 3)]);
    assert_ne!(here.digest, peer.digest);
    let Compat::Partial(p) = here.check(&peer) else { panic!("expected Partial") };
    assert_eq!(p.callable().count(), 1);
    assert_eq!(p.blocked().count(), 0);
}

#[test]
fn check_incompatible_on_version_and_codec() {
    let here = pair_ready();

    let mut newer = pair_ready();
    newer.version = 3;
    let Compat::Incompatible(why) = here.check(&newer) else { panic!("expected Incompatible") };
    assert_eq!(why, "handshake version 2 here, 3 on the peer");
    assert!(here.check(&newer).to_string().starts_with("INCOMPATIBLE: handshake version 2 here, 3 on the peer"));

    // Another version's message (version 1, without max_frame, or a future
    // one) decodes as far as its version, whatever follows.
    for version in [1u16, 3] {
        let mut other = b"WSRD".to_vec();
        other.extend_from_slice(&version.to_le_bytes());
        other.extend_from_slice(b"a layout this build does not read");
        let other = ServiceReady::decode(&other).unwrap();
        assert_eq!(other.version, version);
        assert!(matches!(here.check(&other), Compat::Incompatible(_)));
    }
    let mut future = b"WSRD".to_vec();
    future.extend_from_slice(&3u16.to_le_bytes());
    let future = ServiceReady::decode(&future).unwrap();
    assert!(matches!(here.check(&future), Compat::Incompatible(_)));
    assert!(matches!(future.check(&here), Compat::Incompatible(_)));

    let postcard = ServiceReady::new("postcard1", "v1", &pair());
    assert_eq!(postcard.digest, here.digest, "the codec is not part of the digest");
    let Compat::Incompatible(why) = here.check(&postcard) else { panic!("expected Incompatible") };
    assert_eq!(why, "codec `bincode1` here, `postcard1` on the peer");
}
