//! `ServiceReady::decode` on hostile input: every malformed message is an
//! `Err` naming what is wrong, never a panic, and a count the input cannot
//! back is refused before anything is allocated for it.

use super::support;
use super::support::handler::handler;
use proptest::prelude::*;
use std::time::{Duration, Instant};
use wire_core::protocol::frame::{DEFAULT_MAX_FRAME, RequestHeader};
use wire_core::protocol::handshake::{FUNCTION_ID, HANDSHAKE_VERSION, Method, ServiceReady};

/// A valid message with something in every field.
fn rich() -> Vec<u8> {
    let hs = [
        handler("Svc::alpha", 0xA0B0_C0D0, 0xDEAD_BEEE, 0xCAFE_BABE),
        handler("Svc::zeta", 0x1122_3344, 0x0A0B_0C0E, 2),
        handler("Svc::ünï", 0x0000_0001, 0, 0xFFFF_FFFE),
    ];
    ServiceReady::new("bincode1", "build ☃", &hs).encode()
}

/// The header up to and including the method count.
fn header(count: u32) -> Vec<u8> {
    let mut b = b"WSRD".to_vec();
    b.extend_from_slice(&HANDSHAKE_VERSION.to_le_bytes());
    b.push(8);
    b.extend_from_slice(b"bincode1");
    b.extend_from_slice(&[0; 16]);
    b.extend_from_slice(&DEFAULT_MAX_FRAME.to_le_bytes());
    b.extend_from_slice(&0u16.to_le_bytes());
    b.extend_from_slice(&count.to_le_bytes());
    b
}

fn method_bytes(id: u32, name: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&id.to_le_bytes());
    b.extend_from_slice(&[0; 10]); // args, ret, ext_level
    b.extend_from_slice(&(name.len() as u16).to_le_bytes());
    b.extend_from_slice(name);
    b
}

fn err(bytes: &[u8]) -> String {
    match ServiceReady::decode(bytes) {
        Ok(r) => panic!("decoded {r:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = rich();
    assert!(ServiceReady::decode(&bytes).is_ok());
    for n in 0..bytes.len() {
        let e = err(&bytes[..n]);
        assert!(e.starts_with("invalid ServiceReady: "), "{n}: {e}");
    }
}

#[test]
fn bad_magic() {
    let mut bytes = rich();
    bytes[3] = b'X';
    assert_eq!(err(&bytes), "invalid ServiceReady: bad magic: not a ServiceReady message");
    assert!(err(b"").contains("truncated"));
    // A frame header is not a ServiceReady.
    let header = RequestHeader {
        serialize_type: 0,
        msg_type: 0,
        seq: 1,
        function_id: FUNCTION_ID,
        body_len: 0,
        attachment_len: 0,
    };
    assert!(err(&header.encode()).contains("bad magic"));
}

#[test]
fn a_count_the_input_cannot_hold_is_refused_without_allocating() {
    let mut bytes = header(4_000_000_000);
    bytes.extend_from_slice(&method_bytes(1, b"Svc::a"));
    let start = Instant::now();
    let (result, largest) = support::largest_allocation(|| ServiceReady::decode(&bytes));
    let took = start.elapsed();
    let e = result.unwrap_err().to_string();
    assert_eq!(e, "invalid ServiceReady: the table claims 4000000000 methods, but only 22 bytes follow");
    assert!(largest < 4096, "decoding a lying count allocated {largest} bytes at once");
    assert!(took < Duration::from_millis(50), "took {took:?}");

    // Exactly at the bound: 2 methods claimed, 1 minimal (16-byte) method present.
    let mut bytes = header(2);
    bytes.extend_from_slice(&method_bytes(1, b""));
    assert!(err(&bytes).contains("claims 2 methods"));
    // u32::MAX methods with no bytes at all.
    assert!(err(&header(u32::MAX)).contains("claims 4294967295 methods"));

    // A method's extension level count is bounded the same way (6 bytes a level).
    let mut bytes = header(1);
    let mut m = method_bytes(1, b"S::m");
    m[12..14].copy_from_slice(&u16::MAX.to_le_bytes());
    bytes.extend_from_slice(&m);
    assert_eq!(
        err(&bytes),
        "invalid ServiceReady: the table claims 65535 extension levels of method 0, but only 6 bytes follow"
    );
}

#[test]
fn non_utf8_strings_are_refused() {
    let mut bytes = header(1);
    bytes.extend_from_slice(&method_bytes(1, &[b'S', 0xFF, 0xFE]));
    assert!(err(&bytes).contains("method name at byte"), "{}", err(&bytes));

    // Codec and build: splice bad bytes into a valid message's fields.
    let mut bytes = header(0);
    bytes[7] = 0xC3; // "bincode1" -> "\xC3incode1": a lead byte without its continuation
    assert!(err(&bytes).contains("codec at byte 7 is not UTF-8"), "{}", err(&bytes));
    let mut bytes = b"WSRD\x02\x00\x00".to_vec();
    bytes.extend_from_slice(&[0; 16]);
    bytes.extend_from_slice(&DEFAULT_MAX_FRAME.to_le_bytes());
    bytes.extend_from_slice(&[2, 0, 0xED, 0xA0]); // a surrogate's first bytes
    bytes.extend_from_slice(&0u32.to_le_bytes());
    assert!(err(&bytes).contains("build at byte"), "{}", err(&bytes));
}

#[test]
fn ids_out_of_order_or_repeated_are_refused() {
    let mut bytes = header(2);
    bytes.extend_from_slice(&method_bytes(0x20, b"Svc::b"));
    bytes.extend_from_slice(&method_bytes(0x10, b"Svc::a"));
    assert!(err(&bytes).contains("method 1 is out of order or duplicated (id 0x00000010)"), "{}", err(&bytes));

    let mut bytes = header(2);
    bytes.extend_from_slice(&method_bytes(0x10, b"Svc::a"));
    bytes.extend_from_slice(&method_bytes(0x10, b"Svc::b"));
    assert!(err(&bytes).contains("out of order or duplicated"));
}

#[test]
fn trailing_bytes_are_refused() {
    let mut bytes = rich();
    bytes.push(0);
    assert_eq!(err(&bytes), "invalid ServiceReady: 1 trailing bytes");
    let mut bytes = header(0);
    bytes.extend_from_slice(&method_bytes(1, b"Svc::a")); // a method the count does not include
    assert!(err(&bytes).contains("trailing bytes"));
}

#[test]
fn a_name_longer_than_the_input_is_refused() {
    let mut bytes = header(1);
    let mut m = method_bytes(1, b"Svc::a");
    m[14..16].copy_from_slice(&u16::MAX.to_le_bytes());
    bytes.extend_from_slice(&m);
    assert!(err(&bytes).contains("truncated"), "{}", err(&bytes));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = ServiceReady::decode(&bytes);
        let mut framed = b"WSRD\x02\x00".to_vec();
        framed.extend_from_slice(&bytes);
        let _ = ServiceReady::decode(&framed);
    }

    /// Corrupt a valid message: decoding must not panic, and whatever it
    /// accepts (in this version) re-encodes to the same bytes: the format has
    /// one encoding per message.
    #[test]
    fn corrupted_messages_never_panic_and_accepted_ones_are_canonical(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = rich();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(ready) = ServiceReady::decode(&bytes)
            && ready.version == HANDSHAKE_VERSION
        {
            prop_assert_eq!(ready.encode(), bytes);
        }
    }
}

/// `Identical` trusts the digest, so a message whose digest is not its
/// table's is refused: a lying or buggy peer cannot pass for identical.
#[test]
fn a_digest_that_is_not_the_tables_is_refused() {
    let methods = vec![Method { function_id: 9, args_code: 2, return_code: 4, ext: Vec::new(), name: "S::m".into() }];
    let honest = ServiceReady {
        version: HANDSHAKE_VERSION,
        codec: "bincode1".into(),
        digest: ServiceReady::digest_of(&methods),
        max_frame: DEFAULT_MAX_FRAME,
        build: String::new(),
        methods,
    };
    assert!(ServiceReady::decode(&honest.encode()).is_ok());
    let table = honest.digest;
    let liar = ServiceReady { digest: [0; 16], ..honest };
    let err = ServiceReady::decode(&liar.encode()).unwrap_err();
    let table: String = table.iter().map(|b| format!("{b:02x}")).collect();
    let expected = format!(
        "invalid ServiceReady: the digest does not match the method table: {} sent, {table} computed from the 1 methods",
        "0".repeat(32)
    );
    assert_eq!(err.to_string(), expected);
}
