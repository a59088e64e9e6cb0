//! `show`: every handler with its codes, one line each.

use crate::support::temp::Dir;
use crate::support::text::MASTER;
use crate::{hex, run, v1, v1_text};

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
