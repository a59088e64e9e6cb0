//! Reading contract files: every way a file can be unreadable is an error on
//! the right line, and no damage (truncation, a lost or doubled line) can
//! pass for a frozen contract.

#![allow(dead_code)]

use wire_core::Handler;
use wire_golden::{ContractDoc, ParseError, parse, render};

/// The example service's checked-in contract (written by `wire-golden`).
const MASTER: &str = include_str!("../../examples/master/contracts/master.wire");

mod geo {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Id(pub u64);

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Point {
        pub x: i32,
        pub y: i32,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub enum Shape {
        Dot,
        Line(Point, Point),
        Circle { center: Point, r: u32 },
    }

    #[wire_rpc]
    #[wire(name = "Geo")]
    pub trait Geo {
        fn area(&self, s: Shape) -> f64;
        fn by_id(&self, id: Id) -> Option<Shape>;
        fn ping(&self);
    }
}

mod quoted {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    #[serde(rename = "weird name")]
    pub struct Weird {
        #[serde(rename = "a field")]
        pub a: u8,
        #[serde(rename = "tab\there \"quoted\" back\\slash")]
        pub b: u16,
        #[serde(rename = "café")]
        pub c: bool,
        #[serde(rename = "0")]
        pub d: u8,
        #[wire(opaque = "Blob \"v2\"")]
        pub blob: Vec<u8>,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub enum Odd {
        #[serde(rename = "odd-variant")]
        A,
        #[serde(rename = "x y")]
        B {
            #[serde(rename = "inner field")]
            inner: u8,
        },
        #[serde(rename = "type")]
        C(u8),
    }

    #[wire_rpc]
    #[wire(name = "ns.Quoted")]
    pub trait Quoted {
        fn r#match(&self, r#type: Weird) -> Odd;
        #[wire(name = "ns::Quoted::Renamed~1")]
        fn renamed(&self) -> u8;
    }
}

mod levels {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire, Default)]
    pub struct Zone {
        pub name: String,
    }

    #[wire_rpc]
    #[wire(name = "Store")]
    pub trait Store {
        fn get(&self, key: String) -> u64;
        fn put(
            &self,
            key: String,
            #[wire(since = 2)] tenant: Option<String>,
            #[wire(since = 3)] zone: Zone,
            #[wire(since = 3)] ttl: u32,
        ) -> u64;
    }
}

fn doc(handlers: &[&'static Handler]) -> ContractDoc {
    ContractDoc::from_handlers(handlers.iter().copied())
}

/// The `Geo` contract, whose layout the literal line numbers below rely on.
fn geo() -> String {
    render(&doc(geo::GeoRpc::HANDLERS))
}

/// The text with its lines edited (1-based line numbers in `f` are the caller's business).
fn edit(text: &str, f: impl FnOnce(&mut Vec<String>)) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    f(&mut lines);
    lines.join("\n") + "\n"
}

/// The parse error of `text`, which must not parse.
#[track_caller]
fn error(text: &str) -> ParseError {
    match parse(text, "x.wire") {
        Ok(doc) => panic!("parsed, but should not have:\n{text}\n{doc:#?}"),
        Err(e) => {
            assert_eq!(e.file, "x.wire");
            assert_eq!(e.to_string(), format!("x.wire:{}: {}", e.line, e.message));
            e
        }
    }
}

/// Asserts the error is on `line` and its message contains `needle`.
#[track_caller]
fn assert_error(text: &str, line: usize, needle: &str) {
    let e = error(text);
    assert_eq!(e.line, line, "wrong line for `{e}` in\n{text}");
    assert!(e.message.contains(needle), "`{e}` does not mention `{needle}`");
}

/// The 1-based line of the first line starting with `prefix`.
#[track_caller]
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line `{prefix}…` in\n{text}")) + 1
}

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
    let doc = parse(MASTER, "master.wire").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.handlers.len(), 13);
    assert_eq!(doc.types.len(), 14);
    assert_eq!(render(&doc), MASTER, "the checked-in file is exactly what wire-golden renders");
    // Parsed lines are the lines of the file.
    let ping = doc.handler("MasterService::ping").unwrap();
    assert_eq!(ping.line, line_of(MASTER, "handler MasterService::ping "));
    assert_eq!(doc.types["ClientId"].line, line_of(MASTER, "type ClientId "));
}

// ------------------------------------------------------------ every error

#[test]
fn merge_conflict_markers() {
    let text = geo();
    let conflicted = edit(&text, |l| {
        let ours = l[5].clone();
        let theirs = ours.replace("Geo::by_id", "Geo::by_id2");
        l.splice(5..6, ["<<<<<<< HEAD".to_owned(), ours, "=======".into(), theirs, ">>>>>>> feature".into()]);
    });
    assert_error(&conflicted, 6, "merge conflict marker");
    assert_error(&conflicted, 6, "WIRE_BLESS=1");
    // Each marker alone, wherever it is.
    for (at, marker) in
        [(6, "======="), (12, ">>>>>>> origin/main"), (17, "||||||| merged common ancestors"), (1, "<<<<<<<")]
    {
        let text = edit(&text, |l| l.insert(at - 1, marker.to_owned()));
        assert_error(&text, at, "merge conflict marker");
    }
    // Also with CRLF line endings.
    assert_error(&conflicted.replace('\n', "\r\n"), 6, "merge conflict marker");
}

#[test]
fn truncated_mid_line_is_an_error_on_the_cut_line() {
    let text = geo();
    // In a handler line: its own error.
    let handler = &text[..text.find("handler Geo::by_id").unwrap() + "handler Geo::by_id id=0x12".len()];
    assert_error(handler, 6, "8 hex digits");
    // In a member line: its own error.
    let member = &text[..text.find("  x: i32").unwrap() + "  x".len()];
    assert_error(member, 12, "expected `:`");
    // A cut that leaves a well-formed line: the missing `end` catches it.
    let member = &text[..text.find("  x: i32").unwrap() + "  x: i3".len()];
    assert_error(member, 12, "missing the `end N handlers M types` line");
    // In the `end` line.
    let end = &text[..text.len() - "es\n".len()];
    assert_error(end, 19, "expected `end N handlers M types`");
}

#[test]
fn truncated_at_a_line_boundary_is_caught_by_the_missing_end_line() {
    let text = geo();
    // Every cut after a whole line, except after the `end` line itself.
    for n in 1..=18 {
        let cut: String = text.lines().take(n).map(|l| format!("{l}\n")).collect();
        let e = error(&cut);
        // The last line of what is left: never a line past the end of the file.
        assert_eq!(e.line, n, "cut after line {n}: {e}");
        let why = if n == 9 {
            "newtype `Id` needs one member line" // cut between a newtype and its member
        } else {
            "missing the `end N handlers M types` line: the file is truncated"
        };
        assert!(e.message.contains(why), "cut after line {n}: {e}");
    }
    assert_error("", 1, "empty contract file");
    assert_error("\n\n# only a comment\n", 1, "empty contract file");
}

#[test]
fn hand_edited_codes() {
    let text = geo();
    let bump = |line: usize, key: &str| {
        edit(&text, |l| {
            let at = l[line - 1].find(&format!("{key}=0x")).unwrap() + key.len() + 3;
            let digit = l[line - 1].as_bytes()[at];
            let other = if digit == b'0' { "1" } else { "0" };
            l[line - 1].replace_range(at..at + 1, other);
        })
    };
    assert_error(&bump(5, "id"), 5, "`id=0x");
    assert_error(&bump(6, "args"), 6, "`args=0x");
    assert_error(&bump(7, "ret"), 7, "`ret=0x");
    assert_error(&bump(7, "ret"), 7, "edited by hand");
    // A recorded schema edited, its codes left alone: the first handler using it.
    let int = edit(&text, |l| l[12] = "  y: i64".into());
    assert_error(&int, 5, "`args=0x");
    let newtype = edit(&text, |l| l[9] = "  u32".into());
    assert_error(&newtype, 6, "`args=0x");
    // The signature edited: the codes of a different signature.
    let arg = edit(&text, |l| l[5] = l[5].replace("(id: Id)", "(id: u32)"));
    assert_error(&arg, 6, "`args=0x");
    // A renamed handler keeps its old id: not the id of the new name.
    let renamed = edit(&text, |l| l[6] = l[6].replace("handler Geo::ping", "handler Geo::pong"));
    assert_error(&renamed, 7, "`id=0x");
    // Malformed codes.
    let short = edit(&text, |l| l[4] = l[4].replacen("id=0x", "id=0x0", 1));
    assert_error(&short, 5, "must have 8 hex digits");
    let decimal = edit(&text, |l| l[4] = l[4].replacen("id=0x", "id=1x", 1));
    assert_error(&decimal, 5, "must be hexadecimal");
    let not_hex = edit(&text, |l| {
        let digits = l[4].find("id=0x").unwrap() + 5..l[4].find(" args").unwrap();
        l[4].replace_range(digits, "0000zzzz");
    });
    assert_error(&not_hex, 5, "is not hexadecimal");
}

#[test]
fn wrong_or_unsupported_header() {
    let text = geo();
    assert_error(
        &text.replacen("wire-contract v1", "wire-contrakt v1", 1),
        1,
        "expected the header `wire-contract v1`",
    );
    assert_error(&text.replacen("wire-contract v1", "wire-contract v2", 1), 1, "unsupported format `v2`");
    assert_error(&text.replacen("wire-contract v1", "wire-contract v2", 1), 1, "upgrade wire-golden");
    assert_error(&text.replacen("wire-contract v1", "wire-contract v10", 1), 1, "unsupported format `v10`");
    // No header at all: the first line that is not blank or a comment.
    let headless = edit(&text, |l| {
        l.remove(0);
    });
    assert_error(&headless, 4, "expected the header");
    // Comments and blank lines may come before the header.
    let late = format!("# a comment\n\n{text}");
    assert!(parse(&late, "x.wire").is_ok());
    assert_error(&late.replacen("wire-contract v1", "wire-contract v2", 1), 3, "unsupported format `v2`");
    // Two headers.
    let twice = edit(&text, |l| l.insert(5, "wire-contract v1".into()));
    assert_error(&twice, 6, "found `wire-contract`");
}

#[test]
fn type_used_but_not_defined() {
    let text = geo();
    // `Point` (lines 11-13) removed, the `end` line fixed up: the first handler using it.
    let gone = edit(&text, |l| {
        l.drain(10..13);
        l[15] = "end 3 handlers 2 types".into();
    });
    assert_error(&gone, 5, "type `Point` is used but not defined");
    // Without fixing the `end` line, the count catches it first.
    let gone = edit(&text, |l| {
        l.drain(10..13);
    });
    assert_error(&gone, 16, "the `end` line counts 3 handlers and 3 types, the file has 3 and 2");
    // A misspelt reference in a signature.
    let typo = edit(&text, |l| l[5] = l[5].replace("(id: Id)", "(id: Idd)"));
    assert_error(&typo, 6, "type `Idd` is used but not defined");
}

#[test]
fn duplicated_or_misplaced_lines() {
    let text = geo();
    let twice = edit(&text, |l| l.insert(6, l[5].clone()));
    assert_error(&twice, 7, "handler `Geo::by_id` is listed twice");
    let swapped = edit(&text, |l| l.swap(4, 5));
    assert_error(&swapped, 6, "handler `Geo::area` is out of order");
    let type_twice =
        edit(&text, |l| l.splice(13..13, ["type Id newtype".to_owned(), "  u64".to_owned()]).for_each(drop));
    assert_error(&type_twice, 14, "type `Id` is defined twice (first on line 9)");
    let handler_late = edit(&text, |l| {
        let h = l.remove(6);
        l.insert(16, h);
    });
    assert_error(&handler_late, 17, "handler lines come before the types");
    let after_end = format!("{text}handler Geo::zzz\n");
    assert_error(&after_end, 20, "nothing may follow the `end` line (line 19)");
    let end_twice = format!("{text}end 3 handlers 3 types\n");
    assert_error(&end_twice, 20, "nothing may follow the `end` line");
    let stray_member = edit(&text, |l| l.insert(5, "  x: i32".into()));
    assert_error(&stray_member, 6, "an indented member line must follow a `type` line");
    let empty_newtype = edit(&text, |l| {
        l.remove(9);
    });
    assert_error(&empty_newtype, 9, "newtype `Id` needs one member line");
    let two_inner = edit(&text, |l| l.insert(10, "  u64".into()));
    assert_error(&two_inner, 11, "a newtype has exactly one member line");
    let unknown = edit(&text, |l| l.insert(8, "struct Foo".into()));
    assert_error(&unknown, 9, "found `struct`");
    let tab = edit(&text, |l| l[11] = "\tx: i32".into());
    assert_error(&tab, 12, "expected `handler`, `type`, an indented member or `end`");
    let bad_end = edit(&text, |l| l[18] = "end three handlers 3 types".into());
    assert_error(&bad_end, 19, "expected `end N handlers M types`");
    let bad_kind = edit(&text, |l| l[10] = "type Point class".into());
    assert_error(&bad_kind, 11, "found `class`");
    let unterminated = edit(&text, |l| l[11] = "  \"x: i32".into());
    assert_error(&unterminated, 12, "unterminated string");
    let one_tuple = edit(&text, |l| l[4] = l[4].replace("-> f64", "-> (f64)"));
    assert_error(&one_tuple, 5, "a one-element tuple is written `(T,)`");
    let junk = edit(&text, |l| l[11] = "  x: i32 junk".into());
    assert_error(&junk, 12, "unexpected `junk` at the end of the line");
}

#[test]
fn crlf_line_endings_are_accepted() {
    for text in [geo(), MASTER.to_owned()] {
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
    for text in [geo(), MASTER.to_owned()] {
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

// ------------------------------------------------------- extension levels

/// The `Store` contract: `Store::put` (line 6) has levels 2 and 3; `Zone` is on lines 8-9.
fn store() -> String {
    render(&doc(levels::StoreRpc::HANDLERS))
}

#[test]
fn levels_render_on_the_handler_line_and_parse_back() {
    let text = store();
    let put = &levels::StoreRpc::put;
    let (l2, l3) = (put.ext[0].code, put.ext[1].code);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[5],
        format!(
            "handler Store::put id={:#010x} args={:#010x} ret={:#010x} ext=2:{l2:#010x},3:{l3:#010x} \
             sig=Store.put(key: String, #[since 2] tenant: Option<String>, #[since 3] zone: Zone, #[since 3] ttl: u32) \
             -> u64",
            put.function_id, put.args_code, put.return_code
        )
    );
    assert!(lines[4].starts_with("handler Store::get ") && !lines[4].contains("ext="), "{text}");
    assert_eq!((lines[7], lines[8]), ("type Zone struct", "  name: String"));
    let parsed = parse(&text, "x.wire").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(parsed.clone().without_locations(), doc(levels::StoreRpc::HANDLERS).without_locations());
    assert_eq!(render(&parsed), text);
}

#[test]
fn level_errors_are_on_the_handler_line() {
    let text = store();
    let put = &levels::StoreRpc::put;
    let (l2, l3) = (format!("{:#010x}", put.ext[0].code), format!("{:#010x}", put.ext[1].code));
    let ext = format!("ext=2:{l2},3:{l3} ");
    let with = |f: &dyn Fn(&str) -> String| edit(&text, |l| l[5] = f(&l[5]));
    // A hand-edited level code: recomputed from the recorded schema.
    let wrong = with(&|l| l.replace(&format!("3:{l3}"), &format!("3:{l2}")));
    assert_error(&wrong, 6, &format!("`ext=3:{l2}` is not the code of the `#[since 3]` parameters"));
    assert_error(&wrong, 6, "edited by hand");
    // A level's parameter retyped, or a type only a level uses edited, its codes left alone.
    assert_error(&with(&|l| l.replace("ttl: u32", "ttl: u64")), 6, "`ext=3:");
    assert_error(&with(&|l| l.replace("tenant: Option<String>", "tenant: String")), 6, "`ext=2:");
    assert_error(&edit(&text, |l| l[8] = "  name: u8".into()), 6, "`ext=3:");
    // A parameter moved between levels, or out of them.
    assert_error(&with(&|l| l.replace("#[since 2] tenant", "#[since 3] tenant")), 6, "`ext=` lists level 2");
    assert_error(&with(&|l| l.replace("#[since 2] tenant", "tenant")), 6, "`ext=` lists level 2");
    let into_base = with(&|l| l.replace("#[since 2] tenant", "tenant").replace(&format!("2:{l2},"), ""));
    assert_error(&into_base, 6, "`args=0x");
    // Levels ascend, start at 1, are decimal without leading zeros; codes have 8 hex digits.
    let swapped = with(&|l| l.replace(&ext, &format!("ext=3:{l3},2:{l2} ")));
    assert_error(&swapped, 6, "`ext=`: level 2 after level 3 (levels ascend, each once)");
    let twice = with(&|l| l.replace(&ext, &format!("ext=2:{l2},2:{l2},3:{l3} ")));
    assert_error(&twice, 6, "level 2 after level 2");
    let zero = with(&|l| l.replace(&ext, &format!("ext=0:{l2},2:{l2},3:{l3} ")));
    assert_error(&zero, 6, "level 0 is the base arguments");
    assert_error(&with(&|l| l.replace("#[since 2]", "#[since 0]")), 6, "expected a level from 1 to 65535");
    assert_error(&with(&|l| l.replace("ext=2:", "ext=02:")), 6, "`02` is not a level");
    assert_error(&with(&|l| l.replace("ext=2:", "ext=x:")), 6, "`x` is not a level");
    assert_error(&with(&|l| l.replace("ext=2:", "ext=70000:")), 6, "`70000` is not a level");
    assert_error(&with(&|l| l.replace(&format!("2:{l2}"), "2:0x1234")), 6, "level 2: `ext` must have 8 hex digits");
    assert_error(&with(&|l| l.replace(&format!("2:{l2}"), &l2)), 6, "expected `ext=N:0x........,...`");
    assert_error(&with(&|l| l.replace(&ext, "ext= ")), 6, "expected `ext=N:0x");
    // `ext=` and `#[since N]` agree, and levels come after the base arguments, ascending.
    assert_error(&with(&|l| l.replace(&ext, "")), 6, "level 2 is not in the handler's `ext=` key");
    assert_error(
        &with(&|l| l.replace(&ext, &format!("ext=2:{l2},3:{l3},4:{l3} "))),
        6,
        "no parameter in `sig=` has `#[since 4]`",
    );
    assert_error(
        &with(&|l| {
            l.replace(
                "key: String, #[since 2] tenant: Option<String>",
                "#[since 2] tenant: Option<String>, key: String",
            )
        }),
        6,
        "cannot follow one with it",
    );
    let disorder = with(&|l| {
        l.replace(
            "#[since 2] tenant: Option<String>, #[since 3] zone: Zone",
            "#[since 3] zone: Zone, #[since 2] tenant: Option<String>",
        )
    });
    assert_error(&disorder, 6, "`#[since 2]` after `#[since 3]`: levels ascend");
    // `ext=` goes between `ret=` and `sig=`; the attribute is exactly `#[since N]`.
    let late = with(&|l| l.replace(&ext, "").replace(" sig=", &format!(" sig= {}", ext.trim_end())));
    assert_error(&late, 6, "level 2 is not in the handler's `ext=` key");
    assert_error(&with(&|l| l.replace("#[since 2]", "#[wire(since = 2)]")), 6, "expected `#[since N]`");
    assert_error(&with(&|l| l.replace("#[since 2]", "#[since 2")), 6, "expected `]`");
}

// ------------------------------------------------- no damage passes silently

/// The lines a prefix of a file ends on: from the last line with content to
/// the last line (blank or not). An error about a cut file belongs there.
fn cut_lines(prefix: &str) -> std::ops::RangeInclusive<usize> {
    let last = prefix.lines().count().max(1);
    let last_content = prefix.trim_end().lines().count().max(1);
    last_content..=last
}

#[test]
fn truncating_at_every_byte_is_never_a_silent_pass() {
    for (name, text) in [
        ("master", MASTER.to_owned()),
        ("geo", geo()),
        ("quoted", render(&doc(quoted::QuotedRpc::HANDLERS))),
        ("store", store()),
    ] {
        let full = parse(&text, "x.wire").unwrap();
        assert!(text.ends_with('\n'));
        let mut passed = Vec::new();
        for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let prefix = &text[..cut];
            match parse(prefix, "x.wire") {
                Ok(doc) => {
                    assert_eq!(doc, full, "{name}: a prefix of {cut} bytes parses to a different contract");
                    passed.push(cut);
                }
                Err(e) => {
                    assert!(
                        cut_lines(prefix).contains(&e.line),
                        "{name}: cut at byte {cut}: `{e}` is not on the lines the cut ends on ({:?})\n…{}",
                        cut_lines(prefix),
                        &prefix[prefix.len().saturating_sub(80)..]
                    );
                }
            }
        }
        // Only the whole file, and the whole file without its final newline.
        assert_eq!(passed, [text.len() - 1, text.len()], "{name}");
    }
}

#[test]
fn losing_or_doubling_any_line_is_never_a_silent_pass() {
    for (name, text) in [("master", MASTER.to_owned()), ("geo", geo()), ("store", store())] {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let lost = edit(&text, |l| {
                l.remove(i);
            });
            let doubled = edit(&text, |l| l.insert(i, line.to_string()));
            for (what, damaged) in [("losing", lost), ("doubling", doubled)] {
                if let Ok(doc) = parse(&damaged, "x.wire") {
                    panic!("{name}: {what} line {} `{line}` parses:\n{doc:#?}", i + 1);
                }
            }
        }
    }
}

#[test]
fn a_changed_byte_never_panics_nor_changes_a_code_silently() {
    for text in [geo(), store()] {
        changed_bytes(&text);
    }
}

/// Per handler: name, id, args, ret, and the levels' codes.
type Codes = Vec<(String, u32, u32, u32, Vec<(u16, u32)>)>;

fn changed_bytes(text: &str) {
    let original = parse(text, "x.wire").unwrap();
    let codes = |d: &ContractDoc| -> Codes {
        d.handlers.iter().map(|h| (h.name.clone(), h.function_id, h.args_code, h.return_code, h.ext_codes())).collect()
    };
    for i in 0..text.len() {
        for c in ['\n', ' ', '"', '(', '<', '0', 'a', 'é'] {
            let mutated = format!("{}{c}{}", &text[..i], &text[i + 1..]);
            // Names may change (they are not in the codes); codes, handlers and layouts may not.
            if let Ok(doc) = parse(&mutated, "x.wire") {
                assert_eq!(codes(&doc), codes(&original), "byte {i} -> {c:?} parses with other codes:\n{mutated}");
                let breaking = wire_golden::diff::diff(&original, &doc);
                assert!(
                    breaking.iter().all(|f| f.severity == wire_golden::Severity::Cosmetic),
                    "byte {i} -> {c:?}: {breaking:#?}"
                );
            }
        }
    }
}

/// `T0 = (T1, T1)`, …, `T{depth-1} = (Tdepth, Tdepth)`, then `last` as the
/// body of `Tdepth`: 2^depth uses of one type. Found by fuzzing the parser,
/// which used to expand (and hash) every use, taking exponential time and memory.
fn doubling(depth: usize, last: &[&str]) -> String {
    let mut lines = vec![
        "wire-contract v1".to_owned(),
        "handler S::m id=0x00000000 args=0x00000000 ret=0x00000000 sig=S.m(a: T0) -> ()".to_owned(),
    ];
    for i in 0..depth {
        lines.extend([format!("type T{i} tuple"), format!("  T{}", i + 1), format!("  T{}", i + 1)]);
    }
    lines.push(format!("type T{depth} {}", last[0]));
    lines.extend(last[1..].iter().map(|m| format!("  {m}")));
    lines.push(format!("end 1 handlers {} types", depth + 1));
    lines.join("\n") + "\n"
}

#[test]
fn types_reused_exponentially_are_refused_quickly() {
    // (Before the fix, either case never finished.) Acyclic: each type is raised once; the literal walk stops at 1 MiB.
    assert_error(&doubling(64, &["unit"]), 2, "literal would exceed 1 MiB");
    // Through a cycle (no sharing possible): the node budget stops it.
    assert_error(&doubling(40, &["tuple", "Vec<T0>", "u8"]), 2, "expand to more than");
}

/// Deep nesting is refused with the line, not by exhausting the stack (the
/// parser and everything that walks a schema recurse once per level).
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let handler =
        |arg: &str| format!("handler S::m id=0x00000000 args=0x00000000 ret=0x00000000 sig=S.m(a: {arg}) -> ()");
    let deep = format!("{}u8{}", "Vec<".repeat(100_000), ">".repeat(100_000));
    let text = format!("wire-contract v1\n{}\nend 1 handlers 0 types\n", handler(&deep));
    assert_error(&text, 2, "nested more than 64 levels");

    // A chain of named types, each one level: T0 = (T1,), T1 = (T2,), …
    let n = 100_000;
    let mut lines = vec!["wire-contract v1".to_owned(), handler("T0")];
    for i in 0..n {
        lines.extend([format!("type T{i} tuple"), format!("  T{}", i + 1)]);
    }
    lines.extend([format!("type T{n} unit"), format!("end 1 handlers {} types", n + 1)]);
    assert_error(&(lines.join("\n") + "\n"), 2, "nest more than 256 levels");
}
