//! `diff` as text: one line per finding, most severe first, and the exit status.

use crate::support::temp::Dir;
use crate::support::text::{MASTER, line_of, master};
use crate::versions::{twins_new, twins_old};
use crate::{breaking_text, compatible_text, hex, run, text, v1, v1_text, v2_breaking, v2_compatible};
use wire_golden::render;

#[test]
fn diff_of_identical_files_is_no_difference() {
    let dir = Dir::new("identical");
    let a = dir.write("a.wire", v1_text());
    let b = dir.write("b.wire", v1_text());
    let out = run(&["diff", &a, &b]);
    assert_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (0, &*format!("{a} -> {b}: no difference\n"), ""));
    let out = run(&["diff", MASTER, MASTER]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, format!("{MASTER} -> {MASTER}: no difference\n"));
    assert_eq!(run(&["diff", &a, &b, "--format", "json"]).stdout, "[]\n");
    let github = run(&["diff", "--format=github", &a, &b]);
    assert_eq!((github.code, github.stdout.as_str()), (0, ""));
    // Comments, blank lines and CRLF do not make a difference.
    let noisy = dir.write("noisy.wire", v1_text().replace('\n', "\r\n# noise\r\n\r\n"));
    let out = run(&["diff", &a, &noisy]);
    assert_eq!((out.code, out.stdout), (0, format!("{a} -> {noisy}: no difference\n")));
}

#[test]
fn diff_with_only_additive_and_cosmetic_changes_exits_0() {
    let dir = Dir::new("compatible");
    let old = dir.write("old.wire", v1_text());
    let new = dir.write("new.wire", compatible_text());
    let out = run(&["diff", &old, &new]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let expect = [
        format!(
            "ADDITIVE Admin::compact added {}: new handler of the new service `Admin`",
            hex(v2_compatible::AdminRpc::compact.function_id)
        ),
        format!(
            "ADDITIVE KvService::scan added {}: new handler: KvService.scan(prefix: String) -> Vec<String>",
            hex(v2_compatible::KvRpc::scan.function_id)
        ),
        "COSMETIC KvService::delete: renamed only: argument 0 `key` -> `name` (codes unchanged); safe to bless".into(),
        "COSMETIC type Entry: field `Entry.value` renamed to `data` (codes unchanged); safe to bless".into(),
        format!("{old} -> {new}: 2 ADDITIVE, 2 COSMETIC"),
    ];
    assert_eq!(lines.len(), expect.len(), "{}", out.stdout);
    for (line, expect) in lines.iter().zip(&expect) {
        assert!(line.starts_with(expect.as_str()), "`{line}`\ndoes not start with\n`{expect}`");
    }
    assert!(!out.stdout.contains("BREAKING"));
    // The other way round, the added handlers are removed: BREAKING.
    let back = run(&["diff", &new, &old]);
    assert_eq!(back.code, 1, "{back:?}");
    assert!(back.stdout.starts_with("BREAKING Admin::compact removed "), "{}", back.stdout);
    assert!(back.stdout.contains("every handler of service `Admin`"), "{}", back.stdout);
    assert!(back.stdout.ends_with(": 2 BREAKING, 2 COSMETIC\n"), "{}", back.stdout);
}

#[test]
fn diff_with_breaking_changes_exits_1_and_names_the_codes() {
    let dir = Dir::new("breaking");
    let old = dir.write("old.wire", v1_text());
    let new = dir.write("new.wire", breaking_text());
    let out = run(&["diff", &old, &new]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let (put1, put2) = (&v1::KvRpc::put, &v2_breaking::KvRpc::put);
    let expect = [
        format!(
            "BREAKING KvService::ping function id {} -> {}: renamed to `KvService::ping_v2` with every type-code \
             unchanged, so the function id moved; old peers still call {}: pin the old name with \
             #[wire(name = \"KvService::ping\")] on `ping_v2`",
            hex(v1::KvRpc::ping.function_id),
            hex(v2_breaking::KvRpc::ping_v2.function_id),
            hex(v1::KvRpc::ping.function_id),
        ),
        format!(
            "BREAKING KvService::put args {} -> {} (function id {} unchanged): argument 2 `ttl: u32` appended; ",
            hex(put1.args_code),
            hex(put2.args_code),
            hex(put1.function_id)
        ),
        format!("BREAKING KvService::stats removed {}: handler removed; ", hex(v1::KvRpc::stats.function_id)),
        format!("ADDITIVE KvService::scan added {}: new handler: ", hex(v2_breaking::KvRpc::scan.function_id)),
        format!("{old} -> {new}: 3 BREAKING, 1 ADDITIVE"),
    ];
    assert_eq!(lines.len(), expect.len(), "{}", out.stdout);
    for (line, expect) in lines.iter().zip(&expect) {
        assert!(line.starts_with(expect.as_str()), "`{line}`\ndoes not start with\n`{expect}`");
    }
    assert_ne!(put1.args_code, put2.args_code);
    assert_eq!(put1.function_id, put2.function_id);
}

#[test]
fn diff_against_the_master_contract() {
    // The master contract without `ping` (a valid file: codes untouched, the `end` line recounted).
    let dir = Dir::new("master");
    let mut doc = wire_golden::parse(&master(), MASTER).unwrap();
    doc.handlers.retain(|h| h.name != "MasterService::ping");
    let without = dir.write("without-ping.wire", render(&doc));
    let master_text = master();
    let ping_line = line_of(&master_text, "handler MasterService::ping ");

    let out = run(&["diff", MASTER, &without]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.starts_with("BREAKING MasterService::ping removed 0xee0c259f: handler removed; "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.ends_with(": 1 BREAKING\n"), "{}", out.stdout);
    let github = run(&["diff", MASTER, &without, "--format", "github"]);
    assert_eq!(github.code, 1);
    assert!(
        github.stdout.starts_with(&format!(
            "::error file={MASTER},line={ping_line},title=BREAKING MasterService%3A%3Aping::BREAKING MasterService::ping removed"
        )),
        "{}",
        github.stdout
    );
    let back = run(&["diff", &without, MASTER]);
    assert_eq!(back.code, 0, "{back:?}");
    assert!(back.stdout.starts_with("ADDITIVE MasterService::ping added 0xee0c259f: new handler: "), "{}", back.stdout);
}

#[test]
fn an_ambiguous_rename_is_a_removal_and_an_addition() {
    // `ping_v2` has the codes of both `ping` and `stats`: which one was renamed
    // cannot be told, so neither is said to be (pinning both on it is impossible).
    let dir = Dir::new("twins");
    let old = dir.write("old.wire", text(&[twins_old::TwinsRpc::HANDLERS]));
    let new = dir.write("new.wire", text(&[twins_new::TwinsRpc::HANDLERS]));
    let out = run(&["diff", &old, &new]);
    assert_eq!(out.code, 1, "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("BREAKING Twins::ping removed "), "{}", out.stdout);
    assert!(lines[1].starts_with("BREAKING Twins::stats removed "), "{}", out.stdout);
    assert!(lines[2].starts_with("ADDITIVE Twins::ping_v2 added "), "{}", out.stdout);
    assert_eq!(lines[3], format!("{old} -> {new}: 2 BREAKING, 1 ADDITIVE"));
    assert!(!out.stdout.contains("renamed"), "{}", out.stdout);
}
