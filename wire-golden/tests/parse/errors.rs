//! Every error, on the line where it is.

use crate::support::text::edit;
use crate::{assert_error, error, geo};
use wire_golden::parse;

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
