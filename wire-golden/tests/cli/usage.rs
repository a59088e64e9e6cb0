//! The command line: standard input as `-`, bad usage, and the formats each command prints.

use crate::support::temp::Dir;
use crate::support::text::master;
use crate::{breaking_text, run, run_with_stdin, v1_text};

#[test]
fn standard_input_as_dash() {
    let dir = Dir::new("stdin");
    let old_text = v1_text();
    let new = dir.write("new.wire", breaking_text());
    let out = run_with_stdin(&["diff", "-", &new], Some(old_text.as_bytes()));
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.starts_with("BREAKING KvService::ping function id"), "{}", out.stdout);
    assert!(out.stdout.ends_with(&format!("- -> {new}: 3 BREAKING, 1 ADDITIVE\n")), "{}", out.stdout);
    // NEW from stdin.
    let old = dir.write("old.wire", &old_text);
    let out = run_with_stdin(&["diff", &old, "-"], Some(old_text.as_bytes()));
    assert_eq!((out.code, out.stdout), (0, format!("{old} -> -: no difference\n")));
    // show
    let out = run_with_stdin(&["show", "-"], Some(master().as_bytes()));
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with("-: 13 handlers, 14 types"), "{}", out.stdout);
    // Errors in stdin name it `<stdin>`.
    let broken = old_text.replace("wire-contract v1", "wire-contract v2");
    let out = run_with_stdin(&["diff", "-", &new], Some(broken.as_bytes()));
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("wire-golden: <stdin>:1: unsupported format `v2`"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    // Empty stdin is an empty file.
    let out = run_with_stdin(&["show", "-"], Some(b""));
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("wire-golden: <stdin>:1: empty contract file"), "{}", out.stderr);
    // Only one side can be stdin.
    let out = run_with_stdin(&["diff", "-", "-"], Some(old_text.as_bytes()));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("only one of OLD and NEW can be standard input"), "{}", out.stderr);
}

// ----------------------------------------------------------------- usage

#[test]
fn bad_usage_exits_2_with_the_usage() {
    let dir = Dir::new("usage");
    let a = dir.write("a.wire", v1_text());
    for args in [
        vec![],
        vec!["show"],
        vec!["show", &a, &a],
        vec!["diff", &a],
        vec!["diff", &a, &a, &a],
        vec!["frobnicate", &a],
        vec!["--bogus", "show", &a],
        vec!["show", &a, "--verbose"],
    ] {
        let out = run(&args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.starts_with("wire-golden: "), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("usage: wire-golden show FILE [--format text|json]\n"), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("wire-golden diff OLD NEW [--format text|json|github]"), "{}", out.stderr);
    }
    for help in ["--help", "-h"] {
        let out = run(&[help]);
        assert_eq!(out.code, 0);
        assert!(out.stdout.starts_with("usage: wire-golden show FILE [--format text|json]\n"), "{}", out.stdout);
        assert_eq!(out.stderr, "");
    }
}

#[test]
fn unknown_format_exits_2() {
    let dir = Dir::new("format");
    let a = dir.write("a.wire", v1_text());
    for (args, shown) in [
        (vec!["diff", &a, &a, "--format", "xml"], "xml"),
        (vec!["diff", &a, &a, "--format=yaml"], "yaml"),
        (vec!["diff", &a, &a, "--format", "JSON"], "JSON"),
        (vec!["diff", &a, &a, "--format"], ""),
        (vec!["diff", &a, &a, "--format="], ""),
    ] {
        let out = run(&args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr, format!("wire-golden: --format takes text, json or github, not `{shown}`\n"));
    }
}

#[test]
fn every_command_takes_only_the_formats_it_prints() {
    let dir = Dir::new("matrix");
    let (old, new) = (dir.write("old.wire", v1_text()), dir.write("new.wire", breaking_text()));
    let text = run(&["show", &old]);
    for (args, code, starts) in [
        (vec!["show", &old], 0, format!("{old}: 5 handlers")),
        (vec!["show", &old, "--format", "text"], 0, format!("{old}: 5 handlers")),
        (vec!["--format=json", "show", &old], 0, "{\n".into()),
        (vec!["show", &old, "--format", "json"], 0, "{\n".into()),
        (vec!["diff", &old, &new], 1, "BREAKING ".into()),
        (vec!["diff", &old, &new, "--format", "text"], 1, "BREAKING ".into()),
        (vec!["diff", &old, &new, "--format", "json"], 1, "[\n".into()),
        (vec!["diff", &old, &new, "--format", "github"], 1, "::error ".into()),
    ] {
        let out = run(&args);
        assert_eq!((out.code, out.stderr.as_str()), (code, ""), "{args:?}: {out:?}");
        assert!(out.stdout.starts_with(&starts), "{args:?}: {}", out.stdout);
    }
    assert_eq!(run(&["show", &old, "--format", "text"]).stdout, text.stdout);
    // A format the command does not print is an error, not text.
    for args in [vec!["show", &old, "--format", "github"], vec!["--format=github", "show", &old]] {
        let out = run(&args);
        assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{args:?}: {out:?}");
        assert_eq!(
            out.stderr,
            "wire-golden: `show` prints text or json, not `github`: github annotations point at differences, \
             use `diff OLD NEW --format github`\n"
        );
    }
}
