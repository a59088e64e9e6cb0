//! `--format json`: the findings of `diff` and the contract of `show`, read by a real JSON parser.

use crate::support::temp::Dir;
use crate::support::text::{MASTER, line_of, master};
use crate::versions::v3_since;
use crate::{Out, breaking_text, compatible_text, hex, run, run_with_stdin, text, v1, v1_text, v2_breaking};
use serde_json::Value;

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
    let master = master();
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
