//! No damage passes silently: a cut, a lost or doubled line, a changed byte, a
//! hostile file (exponential reuse, deep nesting) is an error, never a panic.

use crate::services::quoted;
use crate::support::contract::doc;
use crate::support::text::{edit, master};
use crate::{assert_error, geo, store};
use wire_golden::{ContractDoc, parse, render};

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
        ("master", master()),
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
    for (name, text) in [("master", master()), ("geo", geo()), ("store", store())] {
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
