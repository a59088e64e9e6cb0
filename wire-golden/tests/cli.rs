//! The `wire-golden` binary on real files: `show`, `diff` in every format,
//! standard input, exit codes, and every unreadable file reported as
//! `FILE:LINE: message` with exit status 2 (never a panic).

#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use wire_core::Handler;
use wire_golden::{ContractDoc, render};

/// The first version of a key-value service.
mod v1 {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub value: Vec<u8>,
        pub version: u64,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub enum KvError {
        NotFound,
        Conflict { current: u64 },
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Stats {
        pub keys: u64,
        pub bytes: u64,
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Result<Entry, KvError>;
        fn put(&self, key: String, entry: Entry) -> Result<u64, KvError>;
        fn delete(&self, key: String) -> bool;
        fn stats(&self) -> Stats;
        fn ping(&self) -> u64;
    }
}

/// Compatible with v1: names changed, handlers and a service added.
mod v2_compatible {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub data: Vec<u8>,
        pub version: u64,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub enum KvError {
        NotFound,
        Conflict { current: u64 },
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Stats {
        pub keys: u64,
        pub bytes: u64,
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Result<Entry, KvError>;
        fn put(&self, key: String, entry: Entry) -> Result<u64, KvError>;
        fn delete(&self, name: String) -> bool;
        fn stats(&self) -> Stats;
        fn ping(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }

    #[wire_rpc]
    pub trait Admin {
        fn compact(&self) -> u64;
    }
}

/// Breaks v1: an argument appended, a handler removed, one renamed.
mod v2_breaking {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub value: Vec<u8>,
        pub version: u64,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub enum KvError {
        NotFound,
        Conflict { current: u64 },
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Result<Entry, KvError>;
        fn put(&self, key: String, entry: Entry, ttl: u32) -> Result<u64, KvError>;
        fn delete(&self, key: String) -> bool;
        fn ping_v2(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }
}

/// Two handlers with the same codes; one of them is renamed, the other removed.
mod twins_old {
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "Twins")]
    pub trait Twins {
        fn ping(&self) -> u64;
        fn stats(&self) -> u64;
    }
}

mod twins_new {
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "Twins")]
    pub trait Twins {
        fn ping_v2(&self) -> u64;
    }
}

/// v1's `put` with a `#[wire(since = 2)]` parameter, and a tuple struct.
mod v3_since {
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub value: Vec<u8>,
        pub version: u64,
    }

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Pair(pub u32, pub String);

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn put(&self, key: String, entry: Entry, #[wire(since = 2)] ttl: Option<u32>) -> u64;
        fn pair(&self) -> Pair;
    }
}

const MASTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/master/contracts/master.wire");

fn text(handlers: &[&[&'static Handler]]) -> String {
    render(&ContractDoc::from_handlers(handlers.iter().flat_map(|h| h.iter().copied())))
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

/// A fresh folder under the system temp dir, removed when the test passes.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("wire-golden-cli-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    /// Writes `name` and returns its path as the CLI is given it.
    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

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

/// The 1-based line of the first line of `text` starting with `prefix`.
#[track_caller]
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line `{prefix}…` in\n{text}")) + 1
}

fn hex(code: u32) -> String {
    format!("{code:#010x}")
}

// ----------------------------------------------------------------- show

#[test]
fn show_lists_every_handler_with_its_codes() {
    let dir = Dir::new("show");
    let file = dir.write("kv.wire", v1_text());
    let out = run(&["show", &file]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], format!("{file}: 5 handlers, 3 types (every code verified)"));
    assert_eq!(lines.len(), 6, "{}", out.stdout);
    for h in v1::KvRpc::HANDLERS {
        let line = lines.iter().find(|l| l.trim_start().starts_with(&format!("{} ", h.name))).unwrap();
        let codes = format!("id {}  args {}  ret {}", hex(h.function_id), hex(h.args_code), hex(h.return_code));
        assert!(line.contains(&codes), "`{line}` lacks `{codes}`");
    }
    assert!(out.stdout.contains("KvService.put(key: String, entry: Entry) -> Result<u64, KvError>"), "{}", out.stdout);
    // Handlers in wire-name order.
    let names: Vec<&str> = lines[1..].iter().map(|l| l.split_whitespace().next().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn show_the_master_contract() {
    let out = run(&["show", MASTER]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with(&format!("{MASTER}: 13 handlers, 14 types (every code verified)\n")));
    let ping = out.stdout.lines().find(|l| l.trim_start().starts_with("MasterService::ping ")).unwrap();
    assert!(ping.contains("id 0xee0c259f  args 0x9b1e2f4a  ret 0xe250041c"), "{ping}");
    assert!(ping.ends_with("MasterService.ping(client_id: ClientId) -> Result<PingResponse, ErrorCode>"), "{ping}");
}

// ----------------------------------------------------------------- diff

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
    let mut doc = wire_golden::parse(&std::fs::read_to_string(MASTER).unwrap(), MASTER).unwrap();
    doc.handlers.retain(|h| h.name != "MasterService::ping");
    let without = dir.write("without-ping.wire", render(&doc));
    let master_text = std::fs::read_to_string(MASTER).unwrap();
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

// ------------------------------------------------------------------ json

/// Parses the whole output as one JSON value (serde_json is strict: one
/// value, nothing after it).
#[track_caller]
fn json(out: &Out) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout))
}

/// `value[key]` as a string.
#[track_caller]
fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
}

/// The keys of an object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> =
        value.as_object().unwrap_or_else(|| panic!("not an object: {value}")).keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[test]
fn json_format_is_a_valid_array_with_every_field() {
    let dir = Dir::new("json");
    let old_text = v1_text();
    let new_text = breaking_text();
    let old = dir.write("old.wire", &old_text);
    let new = dir.write("new.wire", &new_text);
    let out = run(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(out.code, 1, "exit status follows the findings, whatever the format: {out:?}");
    let parsed = json(&out);
    let items = parsed.as_array().unwrap_or_else(|| panic!("not an array:\n{}", out.stdout));
    let text = run(&["diff", &old, &new]).stdout;
    assert_eq!(items.len(), text.lines().count() - 1);
    let mut expected_keys = [
        "severity",
        "subject",
        "aspect",
        "old",
        "new",
        "unchanged_function_id",
        "why",
        "advice",
        "old_line",
        "new_line",
        "message",
    ];
    expected_keys.sort_unstable();
    for (item, line) in items.iter().zip(text.lines()) {
        assert_eq!(keys(item), expected_keys);
        // `message` is the text line; the other fields are its parts.
        assert_eq!(str_of(item, "message"), line);
        assert!(line.starts_with(&format!("{} {}", str_of(item, "severity"), str_of(item, "subject"))), "{line}");
        assert!(line.contains(str_of(item, "why")) && line.ends_with(str_of(item, "advice")), "{line}");
    }
    let find = |subject: &str| items.iter().find(|i| str_of(i, "subject") == subject).unwrap();
    let code = |c: u32| Value::from(hex(c));
    let line = |text: &str, prefix: &str| Value::from(line_of(text, prefix));

    let put = find("KvService::put");
    assert_eq!(str_of(put, "severity"), "BREAKING");
    assert_eq!(str_of(put, "aspect"), "args");
    assert_eq!(put["old"], code(v1::KvRpc::put.args_code));
    assert_eq!(put["new"], code(v2_breaking::KvRpc::put.args_code));
    assert_eq!(put["unchanged_function_id"], code(v1::KvRpc::put.function_id));
    assert_eq!(str_of(put, "why"), "argument 2 `ttl: u32` appended");
    assert_eq!(put["old_line"], line(&old_text, "handler KvService::put "));
    assert_eq!(put["new_line"], line(&new_text, "handler KvService::put "));

    let stats = find("KvService::stats");
    assert_eq!((str_of(stats, "severity"), str_of(stats, "aspect")), ("BREAKING", "removed"));
    assert_eq!(stats["old"], code(v1::KvRpc::stats.function_id));
    assert_eq!((&stats["new"], &stats["unchanged_function_id"]), (&Value::Null, &Value::Null));
    assert_eq!((&stats["old_line"], &stats["new_line"]), (&line(&old_text, "handler KvService::stats "), &Value::Null));

    // Quotes in a string are escaped (the advice quotes an attribute).
    let ping = find("KvService::ping");
    assert_eq!(str_of(ping, "aspect"), "function id");
    assert!(str_of(ping, "advice").contains("#[wire(name = \"KvService::ping\")]"), "{ping}");
    assert!(out.stdout.contains(r#"#[wire(name = \"KvService::ping\")]"#));
    assert_eq!(ping["new_line"], line(&new_text, "handler KvService::ping_v2 "));

    let scan = find("KvService::scan");
    assert_eq!((str_of(scan, "severity"), str_of(scan, "aspect")), ("ADDITIVE", "added"));
    assert_eq!((&scan["old"], &scan["old_line"]), (&Value::Null, &Value::Null));

    // Compatible changes: exit 0, the cosmetic type finding has no line.
    let compatible = dir.write("compatible.wire", compatible_text());
    let out = run(&["diff", &old, &compatible, "--format=json"]);
    assert_eq!(out.code, 0);
    let parsed = json(&out);
    let entry = parsed.as_array().unwrap().iter().find(|i| str_of(i, "subject") == "type Entry").unwrap();
    assert_eq!((str_of(entry, "severity"), str_of(entry, "aspect")), ("COSMETIC", "names"));
    assert_eq!((&entry["old"], &entry["old_line"], &entry["new_line"]), (&Value::Null, &Value::Null, &Value::Null));
}

/// `show --format json` against the document the file parses to: every
/// handler with its codes, arguments, levels and signature, every type.
#[track_caller]
fn assert_show_json(file: &str, text: &str) {
    let out = run(&["show", file, "--format", "json"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{out:?}");
    let shown = json(&out);
    let doc = wire_golden::parse(text, file).unwrap();
    assert_eq!(keys(&shown), ["file", "handlers", "types"]);
    assert_eq!(str_of(&shown, "file"), file);
    let handlers = shown["handlers"].as_array().unwrap();
    assert_eq!(handlers.len(), doc.handlers.len());
    let fields = |fields: &[wire_golden::model::FieldDef]| -> Value {
        fields.iter().map(|f| serde_json::json!({"name": f.name, "type": f.ty.to_string()})).collect()
    };
    for (j, h) in handlers.iter().zip(&doc.handlers) {
        let ext: Value = h
            .ext
            .iter()
            .map(|l| serde_json::json!({"since": l.since, "code": hex(l.code), "args": fields(&l.args)}))
            .collect();
        let expect = serde_json::json!({
            "name": h.name,
            "service": h.service,
            "method": h.method,
            "function_id": hex(h.function_id),
            "args_code": hex(h.args_code),
            "return_code": hex(h.return_code),
            "args": fields(&h.args),
            "ext": ext,
            "returns": h.returns.to_string(),
            "signature": wire_golden::file::signature(h),
            "line": line_of(text, &format!("handler {} ", h.name)),
        });
        assert_eq!(j, &expect);
    }
    let types = shown["types"].as_array().unwrap();
    assert_eq!(types.len(), doc.types.len());
    for (j, def) in types.iter().zip(doc.types.values()) {
        assert_eq!((str_of(j, "key"), str_of(j, "name")), (def.key.as_str(), def.name.as_str()));
        assert_eq!(j["line"], Value::from(line_of(text, &format!("type {} ", def.key))));
        let kind = str_of(j, "kind");
        let head = text.lines().nth(def.line - 1).unwrap();
        assert!(head.starts_with(&format!("type {} {kind}", def.key)), "`{kind}` is not the kind on `{head}`");
    }
}

#[test]
fn show_json_lists_handlers_codes_arguments_and_types() {
    let master = std::fs::read_to_string(MASTER).unwrap();
    assert_show_json(MASTER, &master);
    let shown = json(&run(&["show", MASTER, "--format=json"]));
    let ping = shown["handlers"].as_array().unwrap().iter().find(|h| h["name"] == "MasterService::ping").unwrap();
    assert_eq!(ping["args"], serde_json::json!([{"name": "client_id", "type": "ClientId"}]));
    let error_code = shown["types"].as_array().unwrap().iter().find(|t| t["key"] == "ErrorCode").unwrap();
    assert_eq!(error_code["kind"], "enum");
    let internal = error_code["variants"].as_array().unwrap().iter().find(|v| v["name"] == "InternalError").unwrap();
    assert_eq!(internal["style"], "newtype");
    // Extension levels and a tuple struct.
    let dir = Dir::new("show-json");
    let since_text = text(&[v3_since::KvRpc::HANDLERS]);
    let since = dir.write("since.wire", &since_text);
    assert_show_json(&since, &since_text);
    let put = json(&run(&["show", &since, "--format", "json"]))["handlers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["method"] == "put")
        .cloned()
        .unwrap();
    assert_eq!(put["ext"][0]["since"], 2);
    assert_eq!(put["ext"][0]["args"], serde_json::json!([{"name": "ttl", "type": "Option<u32>"}]));
    let pair = json(&run(&["show", &since, "--format", "json"]))["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "Pair")
        .cloned()
        .unwrap();
    assert_eq!(pair["kind"], "tuple");
    assert_eq!(pair["fields"], serde_json::json!([{"name": "0", "type": "u32"}, {"name": "1", "type": "String"}]));
    // Standard input is named `-`, as in text.
    let out = run_with_stdin(&["show", "-", "--format", "json"], Some(since_text.as_bytes()));
    assert_eq!(str_of(&json(&out), "file"), "-");
}

// ---------------------------------------------------------------- github

/// `::level file=F,line=N,title=T::message`
fn annotation(line: &str) -> (&str, &str, usize, &str, &str) {
    let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("not a workflow command: {line}"));
    let (level, rest) = rest.split_once(' ').unwrap();
    let (props, message) = rest.split_once("::").unwrap();
    let props: Vec<&str> = props.split(',').collect();
    let [file, n, title] = props.as_slice() else { panic!("properties: {props:?}") };
    (
        level,
        file.strip_prefix("file=").unwrap(),
        n.strip_prefix("line=").unwrap().parse().unwrap(),
        title.strip_prefix("title=").unwrap(),
        message,
    )
}

#[test]
fn github_format_points_into_the_new_file_and_removed_handlers_into_the_old() {
    let dir = Dir::new("github");
    let (old_text, new_text) = (v1_text(), breaking_text());
    let old = dir.write("old.wire", &old_text);
    let new = dir.write("new.wire", &new_text);
    let out = run(&["diff", &old, &new, "--format", "github"]);
    assert_eq!(out.code, 1, "{out:?}");
    let text = run(&["diff", &old, &new]).stdout;
    let got: Vec<_> = out.stdout.lines().map(annotation).collect();
    let messages: Vec<&str> = text.lines().collect();
    let expect = [
        ("error", &new, line_of(&new_text, "handler KvService::ping_v2 "), "BREAKING KvService%3A%3Aping"),
        ("error", &new, line_of(&new_text, "handler KvService::put "), "BREAKING KvService%3A%3Aput"),
        ("error", &old, line_of(&old_text, "handler KvService::stats "), "BREAKING KvService%3A%3Astats"),
        ("warning", &new, line_of(&new_text, "handler KvService::scan "), "ADDITIVE KvService%3A%3Ascan"),
    ];
    assert_eq!(got.len(), expect.len(), "{}", out.stdout);
    for (i, ((level, file, line, title, message), (e_level, e_file, e_line, e_title))) in
        got.iter().zip(expect).enumerate()
    {
        assert_eq!((*level, *file, *line, *title), (e_level, e_file.as_str(), e_line, e_title), "{}", out.stdout);
        assert_eq!(*message, messages[i], "the message is the text line");
    }
    // The put line really is the handler's line in the new file.
    let put_line = new_text.lines().nth(got[1].2 - 1).unwrap();
    assert!(put_line.starts_with("handler KvService::put ") && put_line.contains("ttl: u32"), "{put_line}");

    // Compatible changes: a warning per added handler, a notice per cosmetic one.
    let compatible_text = compatible_text();
    let compatible = dir.write("compatible.wire", &compatible_text);
    let out = run(&["diff", &old, &compatible, "--format", "github"]);
    assert_eq!(out.code, 0, "{out:?}");
    let got: Vec<_> = out.stdout.lines().map(annotation).collect();
    let levels: Vec<(&str, usize)> = got.iter().map(|a| (a.0, a.2)).collect();
    assert_eq!(
        levels,
        [
            ("warning", line_of(&compatible_text, "handler Admin::compact ")),
            ("warning", line_of(&compatible_text, "handler KvService::scan ")),
            ("notice", line_of(&compatible_text, "handler KvService::delete ")),
            ("notice", 1), // a renamed field: no handler line, the file's first line
        ]
    );
    assert!(got.iter().all(|a| a.1 == compatible), "{}", out.stdout);
}

#[test]
fn github_format_escapes_file_names() {
    let dir = Dir::new("github-escape");
    let old = dir.write("v1,old:rc.wire", v1_text());
    let new = dir.write("new.wire", breaking_text());
    let out = run(&["diff", &old, &new, "--format", "github"]);
    let stats = out.stdout.lines().find(|l| l.contains("title=BREAKING KvService%3A%3Astats")).unwrap();
    // `,` and `:` would end the property: escaped, so the name survives whole.
    assert!(stats.starts_with("::error file=/"), "{stats}");
    assert!(stats.contains("/v1%2Cold%3Arc.wire,line="), "{stats}");
}

// ----------------------------------------------------------------- stdin

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
    let out = run_with_stdin(&["show", "-"], Some(std::fs::read(MASTER).unwrap().as_slice()));
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

// ------------------------------------------------------- unreadable files

/// Each of `show F`, `diff F GOOD` and `diff GOOD F` exits 2 with exactly
/// `wire-golden: F:LINE: message…` on stderr and nothing on stdout.
#[track_caller]
fn assert_unreadable(file: &str, line: usize, needle: &str) {
    let good = MASTER;
    for args in [
        vec!["show", file],
        vec!["show", file, "--format", "json"],
        vec!["diff", file, good],
        vec!["diff", good, file],
        vec!["diff", good, file, "--format", "json"],
    ] {
        let out = run(&args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}: nothing is printed for an unreadable file");
        let prefix = format!("wire-golden: {file}:{line}: ");
        assert!(out.stderr.starts_with(&prefix), "{args:?}: expected `{prefix}…`, got\n{}", out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: `{}` lacks `{needle}`", out.stderr.trim_end());
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
}

fn edit(text: &str, f: impl FnOnce(&mut Vec<String>)) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    f(&mut lines);
    lines.join("\n") + "\n"
}

#[test]
fn unreadable_files_exit_2_with_file_and_line() {
    let dir = Dir::new("unreadable");
    let master = std::fs::read_to_string(MASTER).unwrap();
    let ping = line_of(&master, "handler MasterService::ping ");
    let end = line_of(&master, "end ");
    let client_status = line_of(&master, "type ClientStatus ");

    let conflict = dir.write(
        "conflict.wire",
        edit(&master, |l| {
            let ours = l[ping - 1].clone();
            let theirs = ours.replace("ret=0xe250041c", "ret=0x00000000");
            l.splice(ping - 1..ping, ["<<<<<<< HEAD".to_owned(), ours, "=======".into(), theirs, ">>>>>>> b".into()]);
        }),
    );
    assert_unreadable(&conflict, ping, "merge conflict marker: resolve the conflict by re-blessing");

    // Cut in the middle of the ping line, and right after it.
    let at = master.find("handler MasterService::ping ").unwrap();
    let mid = dir.write("mid.wire", &master[..at + "handler MasterService::ping id=0xee0c259f args=0x9b1e".len()]);
    assert_unreadable(&mid, ping, "`args` must have 8 hex digits");
    let mid_sig =
        dir.write("mid-sig.wire", &master[..master.find("(client_id: ClientId) -> Result<PingResponse").unwrap() + 8]);
    assert_unreadable(&mid_sig, ping, "expected `:`");
    let boundary = dir.write("boundary.wire", &master[..at + master[at..].find('\n').unwrap() + 1]);
    assert_unreadable(&boundary, ping, "missing the `end N handlers M types` line: the file is truncated");
    let before_end = dir.write("before-end.wire", &master[..master.find("end 13").unwrap()]);
    assert_unreadable(&before_end, end - 1, "missing the `end N handlers M types` line");
    let in_end = dir.write("in-end.wire", &master[..master.len() - 4]);
    assert_unreadable(&in_end, end, "expected `end N handlers M types`");

    let edited = dir.write("edited.wire", master.replace("ret=0xe250041c", "ret=0xe250041d"));
    assert_unreadable(
        &edited,
        ping,
        "`ret=0xe250041d` is not the code of what this line records (0xe250041c): the file was edited by hand",
    );

    let header = dir.write("header.wire", master.replacen("wire-contract v1", "wire-kontract v1", 1));
    assert_unreadable(&header, 1, "expected the header `wire-contract v1`, found `wire-kontract v1`");
    let v2 = dir.write("v2.wire", master.replacen("wire-contract v1", "wire-contract v2", 1));
    assert_unreadable(&v2, 1, "unsupported format `v2`: this wire-golden reads `v1`; upgrade wire-golden");

    // ClientStatus (3 lines) removed, `end` recounted: the first handler that needs it.
    let undefined = dir.write(
        "undefined.wire",
        edit(&master, |l| {
            l.drain(client_status - 1..client_status + 2);
            let last = l.len() - 1;
            l[last] = "end 13 handlers 13 types".into();
        }),
    );
    assert_unreadable(&undefined, ping, "type `ClientStatus` is used but not defined");
    // ... and without recounting, the `end` line.
    let lost = dir.write(
        "lost.wire",
        edit(&master, |l| {
            l.drain(client_status - 1..client_status + 2);
        }),
    );
    assert_unreadable(&lost, end - 3, "the `end` line counts 13 handlers and 14 types, the file has 13 and 13");

    let twice = dir.write("twice.wire", edit(&master, |l| l.insert(ping, l[ping - 1].clone())));
    assert_unreadable(&twice, ping + 1, "handler `MasterService::ping` is listed twice");

    let empty = dir.write("empty.wire", "");
    assert_unreadable(&empty, 1, "empty contract file");
    let crlf_edited = dir.write("crlf.wire", master.replace("ret=0xe250041c", "ret=0xe250041d").replace('\n', "\r\n"));
    assert_unreadable(&crlf_edited, ping, "edited by hand");
}

#[test]
fn files_that_cannot_be_read_at_all_exit_2() {
    let dir = Dir::new("io");
    let missing = dir.0.join("missing.wire").to_str().unwrap().to_owned();
    let not_utf8 = dir.write("latin1.wire", b"wire-contract v1\n# caf\xe9\n");
    let folder = dir.0.to_str().unwrap().to_owned();
    for file in [&missing, &not_utf8, &folder] {
        for args in [vec!["show", file.as_str()], vec!["diff", file, MASTER], vec!["diff", MASTER, file]] {
            let out = run(&args);
            assert_eq!(out.code, 2, "{args:?}: {out:?}");
            assert_eq!(out.stdout, "");
            assert!(out.stderr.starts_with(&format!("wire-golden: {file}: ")), "{args:?}: {}", out.stderr);
        }
    }
}
