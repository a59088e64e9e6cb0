//! The `wire-golden` binary on real files: `show`, `diff` in every format,
//! standard input, exit codes, and every unreadable file reported as
//! `FILE:LINE: message` with exit status 2 (never a panic).

mod diff;
mod github;
mod json;
mod show;
mod unreadable;
mod usage;
#[allow(dead_code, reason = "the traits of the versions are declared for their handlers only: never implemented")]
mod versions;

/// What the test binaries share: the parts this one uses.
#[path = "../support"]
mod support {
    pub mod contract;
    pub mod kv;
    pub mod temp;
    pub mod text;
}

use std::io::Write;
use std::process::{Command, Stdio};
use support::contract::doc;
use versions::{v1, v2_breaking, v2_compatible};
use wire_core::Handler;
use wire_golden::render;

/// The contract file of these handlers.
fn text(handlers: &[&[&'static Handler]]) -> String {
    render(&doc(&handlers.concat()))
}

fn v1_text() -> String {
    text(&[v1::KvRpc::HANDLERS])
}

fn compatible_text() -> String {
    text(&[v2_compatible::KvRpc::HANDLERS, v2_compatible::AdminRpc::HANDLERS])
}

fn breaking_text() -> String {
    text(&[v2_breaking::KvRpc::HANDLERS])
}

/// How a run of the command ended.
#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    run_with_stdin(args, None)
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wire-golden"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wire-golden");
    if let Some(input) = stdin {
        // The command may refuse its arguments without reading its input
        // (`diff - -`): a closed pipe is its answer, not a test failure.
        match child.stdin.take().unwrap().write_all(input) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("writing stdin: {e}"),
            _ => {}
        }
    }
    let out = child.wait_with_output().unwrap();
    let out = Out {
        code: out.status.code().unwrap_or_else(|| panic!("wire-golden {args:?} was killed: {:?}", out.status)),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!out.stderr.contains("panicked"), "wire-golden {args:?} panicked:\n{}", out.stderr);
    assert!(matches!(out.code, 0..=2), "wire-golden {args:?}: {out:?}");
    out
}

fn hex(code: u32) -> String {
    format!("{code:#010x}")
}
