//! What reads: the files wire-golden writes, with comments, blank lines, CRLF and quoted names.

use crate::services::quoted;
use crate::support::contract::doc;
use crate::support::text::{line_of, master};
use crate::{assert_error, geo};
use wire_golden::{parse, render};

#[test]
fn geo_layout_is_what_the_line_numbers_assume() {
    let text = geo();
    let lines: Vec<&str> = text.lines().collect();
    let expect = [
        (1, "wire-contract v1"),
        (2, "#"),
        (3, "#"),
        (5, "handler Geo::area "),
        (6, "handler Geo::by_id "),
        (7, "handler Geo::ping "),
        (9, "type Id newtype"),
        (10, "  u64"),
        (11, "type Point struct"),
        (12, "  x: i32"),
        (13, "  y: i32"),
        (14, "type Shape enum"),
        (15, "  Dot"),
        (16, "  Line(Point, Point)"),
        (17, "  Circle { center: Point, r: u32 }"),
        (19, "end 3 handlers 3 types"),
    ];
    for (n, prefix) in expect {
        assert!(lines[n - 1].starts_with(prefix), "line {n} is `{}`, expected `{prefix}…`\n{text}", lines[n - 1]);
    }
    assert_eq!((lines[3], lines[7], lines[17]), ("", "", ""));
    assert_eq!(lines.len(), 19);
    assert!(text.ends_with("types\n"));
}

#[test]
fn the_master_contract_is_rendered_text_and_parses() {
    let master = master();
    let doc = parse(&master, "master.wire").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.handlers.len(), 13);
    assert_eq!(doc.types.len(), 14);
    assert_eq!(render(&doc), master, "the checked-in file is exactly what wire-golden renders");
    // Parsed lines are the lines of the file.
    let ping = doc.handler("MasterService::ping").unwrap();
    assert_eq!(ping.line, line_of(&master, "handler MasterService::ping "));
    assert_eq!(doc.types["ClientId"].line, line_of(&master, "type ClientId "));
}

#[test]
fn crlf_line_endings_are_accepted() {
    for text in [geo(), master()] {
        let lf = parse(&text, "x.wire").unwrap();
        let crlf = parse(&text.replace('\n', "\r\n"), "x.wire").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(crlf, lf, "same model, same line numbers");
        // Mixed endings too.
        let mixed: String = text
            .split_inclusive('\n')
            .enumerate()
            .map(|(i, l)| if i % 2 == 0 { l.replace('\n', "\r\n") } else { l.into() })
            .collect();
        assert_eq!(parse(&mixed, "x.wire").unwrap(), lf);
    }
    // Errors keep their lines.
    let text = geo().replace('\n', "\r\n");
    assert_error(&text.replacen("ret=0x", "ret=0xf", 1), 5, "must have 8 hex digits");
    let truncated = &text[..text.find("end 3").unwrap()];
    assert_error(truncated, 18, "missing the `end");
}

#[test]
fn comments_and_blank_lines_are_ignored() {
    for text in [geo(), master()] {
        let plain = parse(&text, "x.wire").unwrap().without_locations();
        // A comment and a blank line after every line, members included.
        let noisy: String =
            text.lines().enumerate().map(|(i, l)| format!("{l}\n# comment {i}: type X struct\n\n")).collect();
        let parsed = parse(&noisy, "x.wire").unwrap_or_else(|e| panic!("{e}\n{noisy}"));
        // Lines moved (each original line n is now 3n - 2), nothing else.
        for h in &parsed.handlers {
            assert_eq!(noisy.lines().nth(h.line - 1).unwrap(), text.lines().nth(h.line.div_ceil(3) - 1).unwrap());
        }
        assert_eq!(parsed.without_locations(), plain);
        // Trailing whitespace-only lines and a missing final newline are fine.
        assert_eq!(parse(&format!("{text}   \n\t\n"), "x.wire").unwrap().without_locations(), plain);
        assert_eq!(parse(text.trim_end(), "x.wire").unwrap().without_locations(), plain);
    }
}

#[test]
fn names_needing_quotes_round_trip() {
    let live = doc(quoted::QuotedRpc::HANDLERS);
    let text = render(&live);
    for needle in [
        "type weird_name~",
        " name=\"weird name\"",
        "  \"a field\": u8",
        "  \"tab\\there \\\"quoted\\\" back\\\\slash\": u16",
        "  \"café\": bool",
        "  \"0\": u8",
        "opaque(\"Blob \\\"v2\\\"\")",
        "  \"odd-variant\"",
        "  \"x y\" { \"inner field\": u8 }",
        "  type(u8)",
        "handler ns::Quoted::Renamed~1 ",
        "sig=ns.Quoted.match(type: weird_name~",
    ] {
        assert!(text.contains(needle), "no `{needle}` in\n{text}");
    }
    let parsed = parse(&text, "q.wire").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(parsed.clone().without_locations(), live.without_locations());
    assert_eq!(render(&parsed), text);
    let weird = parsed.types.values().find(|t| t.name == "weird name").unwrap();
    assert!(weird.key.starts_with("weird_name~"), "{}", weird.key);
}
