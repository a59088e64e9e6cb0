//! Writing a contract file: the handler lines, the types, the `end` line.

use super::HEADER;
use crate::model::{Body, ContractDoc, FieldDef, HandlerDef, Ty, TypeDef, VariantDef, is_ident};
use std::fmt::Write;
use wire_core::Style;

/// The file text of a contract.
pub fn render(doc: &ContractDoc) -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push('\n');
    out.push_str("# Frozen wire contract: every handler's function id and type-codes, then the types they use.\n");
    out.push_str("# Written by wire-golden; refresh with `WIRE_BLESS=1 cargo test`, never by hand.\n\n");
    for h in &doc.handlers {
        let _ = writeln!(
            out,
            "handler {} id={:#010x} args={:#010x} ret={:#010x} {}sig={}",
            h.name,
            h.function_id,
            h.args_code,
            h.return_code,
            ext_key(h),
            signature(h)
        );
    }
    if !doc.types.is_empty() {
        out.push('\n');
    }
    for def in doc.types.values() {
        render_type(&mut out, def);
    }
    let _ = writeln!(out, "\nend {} handlers {} types", doc.handlers.len(), doc.types.len());
    out
}

/// `ext=2:0x1234abcd,3:0x0badcafe ` (with its trailing space), or nothing
/// for a handler without extension levels.
pub fn ext_key(h: &HandlerDef) -> String {
    if h.ext.is_empty() {
        return String::new();
    }
    let levels: Vec<String> = h.ext.iter().map(|l| format!("{}:{:#010x}", l.since, l.code)).collect();
    format!("ext={} ", levels.join(","))
}

/// `Service.method(a: A, b: B, #[since 2] c: C) -> R`
pub fn signature(h: &HandlerDef) -> String {
    let field = |a: &FieldDef| format!("{}: {}", name(&a.name), a.ty);
    let base = h.args.iter().map(field);
    let ext = h.ext.iter().flat_map(|l| l.args.iter().map(move |a| format!("#[since {}] {}", l.since, field(a))));
    let args: Vec<String> = base.chain(ext).collect();
    format!("{}.{}({}) -> {}", h.service, h.method, args.join(", "), h.returns)
}

fn render_type(out: &mut String, def: &TypeDef) {
    let kind = match &def.body {
        Body::Struct { style: Style::Unit, .. } => "unit".to_owned(),
        Body::Struct { style: Style::Tuple, trivial, .. } => {
            if *trivial { "tuple trivial" } else { "tuple" }.to_owned()
        }
        Body::Struct { trivial, .. } => if *trivial { "struct trivial" } else { "struct" }.to_owned(),
        Body::Enum { .. } => "enum".to_owned(),
        Body::CEnum { repr, .. } => format!("c_enum {}", repr.name()),
        Body::Newtype(_) => "newtype".to_owned(),
    };
    let _ = write!(out, "type {} {kind}", def.key);
    if key_base(&def.key) != def.name {
        let _ = write!(out, " name={}", name(&def.name));
    }
    out.push('\n');
    match &def.body {
        Body::Struct { style: Style::Tuple, fields, .. } => {
            for f in fields {
                let _ = writeln!(out, "  {}", f.ty);
            }
        }
        Body::Struct { fields, .. } => {
            for f in fields {
                let _ = writeln!(out, "  {}: {}", name(&f.name), f.ty);
            }
        }
        Body::Enum { variants } => {
            for v in variants {
                let _ = writeln!(out, "  {}", variant(v));
            }
        }
        Body::CEnum { variants, .. } => {
            for v in variants {
                let _ = writeln!(out, "  {} = {}", name(&v.name), v.value);
            }
        }
        Body::Newtype(inner) => {
            let _ = writeln!(out, "  {inner}");
        }
    }
}

/// The key without its type arguments: `Page` of `Page<u32>`, the word a
/// type's name defaults to.
pub fn key_base(key: &str) -> &str {
    key.split_once('<').map_or(key, |(base, _)| base)
}

/// A key with type arguments: `Page<u32>`.
pub(super) fn key_with(base: &str, type_args: &[Ty]) -> String {
    if type_args.is_empty() {
        return base.to_owned();
    }
    format!("{base}<{}>", type_args.iter().map(Ty::to_string).collect::<Vec<_>>().join(", "))
}

/// A variant as written on its member line.
pub fn variant(v: &VariantDef) -> String {
    let tys = || v.fields.iter().map(|f| f.ty.to_string()).collect::<Vec<_>>().join(", ");
    match v.style {
        Style::Unit => name(&v.name),
        Style::Newtype | Style::Tuple => format!("{}({})", name(&v.name), tys()),
        Style::Named => {
            let fields: Vec<String> = v.fields.iter().map(|f| format!("{}: {}", name(&f.name), f.ty)).collect();
            if fields.is_empty() {
                format!("{} {{}}", name(&v.name))
            } else {
                format!("{} {{ {} }}", name(&v.name), fields.join(", "))
            }
        }
    }
}

/// A name as written: bare when it is an identifier, quoted otherwise.
pub fn name(n: &str) -> String {
    if is_ident(n) { n.to_owned() } else { format!("{n:?}") }
}
