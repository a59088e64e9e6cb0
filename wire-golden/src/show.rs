//! What `wire-golden show` prints: a contract file's handlers with their
//! codes, as text (one line each) or as one JSON object.
//!
//! The JSON object:
//!
//! ```text
//! {
//!   "file": "contracts/master.wire",
//!   "handlers": [
//!     {"name": "MasterService::ping", "service": "MasterService", "method": "ping",
//!      "function_id": "0xee0c259f", "args_code": "0x9b1e2f4a", "return_code": "0xe250041c",
//!      "args": [{"name": "client_id", "type": "ClientId"}],
//!      "ext": [{"since": 2, "code": "0x…", "args": [{"name": "tenant", "type": "Option<String>"}]}],
//!      "returns": "Result<PingResponse, ErrorCode>",
//!      "signature": "MasterService.ping(client_id: ClientId) -> Result<PingResponse, ErrorCode>",
//!      "line": 10}
//!   ],
//!   "types": [
//!     {"key": "ClientId", "name": "ClientId", "kind": "newtype", "inner": "[u64; 2]", "line": 31},
//!     {"key": "Replica", "name": "Replica", "kind": "struct", "fields": [{"name": "addr", "type": "String"}], "line": 40},
//!     {"key": "ErrorCode", "name": "ErrorCode", "kind": "enum",
//!      "variants": [{"name": "Internal", "style": "newtype", "fields": [{"name": "0", "type": "String"}]}], "line": 35}
//!   ]
//! }
//! ```
//!
//! Codes are `0x` and 8 hex digits, as in the file; type expressions are
//! written as in the file, a named type by its key in `types`. `kind` is
//! `struct`, `tuple`, `unit`, `enum` or `newtype`; a variant's `style` is
//! `unit`, `newtype`, `tuple` or `named`. `line` is the line in the file.

use crate::file::signature;
use crate::model::{Body, ContractDoc, FieldDef, TypeDef};
use crate::report::json_str;
use std::fmt::Write;
use wire_core::Style;

/// `FILE: N handlers, M types`, then one line per handler with its codes and signature.
pub fn text(file: &str, doc: &ContractDoc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{file}: {} handlers, {} types (every code verified)", doc.handlers.len(), doc.types.len());
    let width = doc.handlers.iter().map(|h| h.name.len()).max().unwrap_or(0);
    for h in &doc.handlers {
        let ext: String = h.ext.iter().map(|l| format!("  ext {} {:#010x}", l.since, l.code)).collect();
        let _ = writeln!(
            out,
            "  {:<width$}  id {:#010x}  args {:#010x}  ret {:#010x}{ext}  {}",
            h.name,
            h.function_id,
            h.args_code,
            h.return_code,
            signature(h)
        );
    }
    out
}

/// The whole contract as one JSON object (see the module docs for its shape).
pub fn json(file: &str, doc: &ContractDoc) -> String {
    let handlers: Vec<String> = doc
        .handlers
        .iter()
        .map(|h| {
            let ext: Vec<String> = h
                .ext
                .iter()
                .map(|l| {
                    format!("{{\"since\": {}, \"code\": {}, \"args\": {}}}", l.since, code(l.code), fields(&l.args))
                })
                .collect();
            format!(
                "    {{\"name\": {}, \"service\": {}, \"method\": {}, \"function_id\": {}, \"args_code\": {}, \
                 \"return_code\": {}, \"args\": {}, \"ext\": [{}], \"returns\": {}, \"signature\": {}, \"line\": {}}}",
                json_str(&h.name),
                json_str(&h.service),
                json_str(&h.method),
                code(h.function_id),
                code(h.args_code),
                code(h.return_code),
                fields(&h.args),
                ext.join(", "),
                json_str(&h.returns.to_string()),
                json_str(&signature(h)),
                line(h.line),
            )
        })
        .collect();
    let types: Vec<String> = doc.types.values().map(type_json).collect();
    format!(
        "{{\n  \"file\": {},\n  \"handlers\": [{}],\n  \"types\": [{}]\n}}\n",
        json_str(file),
        block(&handlers),
        block(&types)
    )
}

/// Items one per line, indented, or nothing for an empty list.
fn block(items: &[String]) -> String {
    if items.is_empty() { String::new() } else { format!("\n{}\n  ", items.join(",\n")) }
}

fn type_json(def: &TypeDef) -> String {
    let body = match &def.body {
        Body::Struct { style, trivial, fields: members } => {
            let kind = match style {
                Style::Unit => "unit",
                Style::Tuple | Style::Newtype => "tuple",
                Style::Named => "struct",
            };
            format!("\"kind\": \"{kind}\", \"trivial\": {trivial}, \"fields\": {}", fields(members))
        }
        Body::CEnum { repr, variants } => {
            let variants: Vec<String> = variants
                .iter()
                .map(|v| format!("{{\"name\": {}, \"value\": {}}}", json_str(&v.name), v.value))
                .collect();
            format!("\"kind\": \"c_enum\", \"repr\": \"{}\", \"variants\": [{}]", repr.name(), variants.join(", "))
        }
        Body::Enum { variants } => {
            let variants: Vec<String> = variants
                .iter()
                .map(|v| {
                    format!(
                        "{{\"name\": {}, \"style\": \"{}\", \"fields\": {}}}",
                        json_str(&v.name),
                        style(v.style),
                        fields(&v.fields)
                    )
                })
                .collect();
            format!("\"kind\": \"enum\", \"variants\": [{}]", variants.join(", "))
        }
        Body::Newtype(inner) => format!("\"kind\": \"newtype\", \"inner\": {}", json_str(&inner.to_string())),
    };
    format!(
        "    {{\"key\": {}, \"name\": {}, {body}, \"line\": {}}}",
        json_str(&def.key),
        json_str(&def.name),
        line(def.line)
    )
}

fn style(s: Style) -> &'static str {
    match s {
        Style::Unit => "unit",
        Style::Newtype => "newtype",
        Style::Tuple => "tuple",
        Style::Named => "named",
    }
}

fn fields(fields: &[FieldDef]) -> String {
    let items: Vec<String> = fields
        .iter()
        .map(|f| format!("{{\"name\": {}, \"type\": {}}}", json_str(&f.name), json_str(&f.ty.to_string())))
        .collect();
    format!("[{}]", items.join(", "))
}

fn code(c: u32) -> String {
    format!("\"{c:#010x}\"")
}

/// A line in the file, or `null` for a document that has none (the live registry).
fn line(l: usize) -> String {
    if l == 0 { "null".into() } else { l.to_string() }
}
