//! Reading a contract file: the header, the handler lines, the types and
//! their members, the `end` line.

use super::lex::{Tok, Toks};
use super::render::key_with;
use super::verify::verify;
use super::{HEADER, ParseError};
use crate::model::{Body, ContractDoc, ExtLevelDef, FieldDef, HandlerDef, Ty, TypeDef, VariantDef, is_ident};
use wire_core::{Prim, Shape, Style};

impl Toks {
    /// An optional `#[since N]` before a parameter: `N`, at least 1.
    fn since(&mut self) -> Result<Option<u16>, String> {
        if !self.eat('#') {
            return Ok(None);
        }
        self.expect('[')?;
        if self.next() != Some(Tok::Word("since".into())) {
            self.pos -= 1;
            return Err(format!("expected `#[since N]`, found {}", self.found()));
        }
        let since = match self.next() {
            Some(Tok::Num(n)) => u16::try_from(n).ok().filter(|&n| n >= 1),
            _ => None,
        };
        let since = since.ok_or("expected a level from 1 to 65535 in `#[since N]`")?;
        self.expect(']')?;
        Ok(Some(since))
    }

    /// `name: Ty`
    fn field(&mut self) -> Result<FieldDef, String> {
        let name = self.name("a field name")?;
        self.expect(':')?;
        Ok(FieldDef { name, ty: self.ty()? })
    }
}

fn hex_field(word: Option<&str>, key: &str) -> Result<u32, String> {
    let value = word
        .and_then(|w| w.strip_prefix(key))
        .and_then(|w| w.strip_prefix('='))
        .ok_or_else(|| format!("expected `{key}=0x........`, found `{}`", word.unwrap_or("")))?;
    let digits = value.strip_prefix("0x").ok_or_else(|| format!("`{key}` must be hexadecimal `0x........`"))?;
    if digits.len() != 8 {
        return Err(format!("`{key}` must have 8 hex digits, found `{value}`"));
    }
    u32::from_str_radix(digits, 16).map_err(|_| format!("`{key}` is not hexadecimal: `{value}`"))
}

fn parse_handler(rest: &str, line: usize) -> Result<HandlerDef, String> {
    let mut words = rest.splitn(4, ' ');
    let name = words.next().filter(|w| !w.is_empty()).ok_or("expected the handler's wire name")?.to_owned();
    let function_id = hex_field(words.next(), "id")?;
    let args_code = hex_field(words.next(), "args")?;
    let (ret, mut rest) = words.next().map_or(("", ""), |w| w.split_once(' ').unwrap_or((w, "")));
    let return_code = hex_field(Some(ret), "ret")?;
    let mut levels = Vec::new();
    if let Some(after) = rest.strip_prefix("ext=") {
        let (value, after) = after.split_once(' ').unwrap_or((after, ""));
        levels = ext_levels(value)?;
        rest = after;
    }
    let sig = rest.strip_prefix("sig=").ok_or("expected `sig=Service.method(...) -> T`")?;
    let open = sig.find('(').ok_or("expected `(` after the method name in `sig=`")?;
    let (service, method) = sig[..open].rsplit_once('.').ok_or("expected `Service.method` before `(` in `sig=`")?;
    if service.is_empty() || !is_ident(method.trim_start_matches("r#")) {
        return Err(format!("expected `Service.method` before `(`, found `{}`", &sig[..open]));
    }
    let mut t = Toks::new(&sig[open..])?;
    t.expect('(')?;
    let mut args = Vec::new();
    let mut ext: Vec<ExtLevelDef> = Vec::new();
    while !t.eat(')') {
        match t.since()? {
            None if !ext.is_empty() => {
                return Err("a parameter without `#[since N]` cannot follow one with it".into());
            }
            None => args.push(t.field()?),
            Some(since) => {
                let field = t.field()?;
                match ext.last_mut() {
                    Some(last) if last.since == since => last.args.push(field),
                    Some(last) if last.since > since => {
                        return Err(format!("`#[since {since}]` after `#[since {}]`: levels ascend", last.since));
                    }
                    _ => {
                        let code =
                            levels.iter().find(|(s, _)| *s == since).map(|&(_, code)| code).ok_or_else(|| {
                                format!("`#[since {since}]`: level {since} is not in the handler's `ext=` key")
                            })?;
                        ext.push(ExtLevelDef { since, code, args: vec![field] });
                    }
                }
            }
        }
        if !t.eat(',') && t.peek() != Some(&Tok::Punct(')')) {
            return Err(format!("expected `,` or `)` after an argument, found {}", t.found()));
        }
    }
    t.expect('-')?;
    t.expect('>')?;
    let returns = t.ty()?;
    t.end()?;
    if let Some((since, _)) = levels.iter().find(|(since, _)| ext.iter().all(|l| l.since != *since)) {
        return Err(format!("`ext=` lists level {since}, but no parameter in `sig=` has `#[since {since}]`"));
    }
    Ok(HandlerDef {
        name,
        service: service.to_owned(),
        method: method.to_owned(),
        function_id,
        args_code,
        return_code,
        args,
        ext,
        returns,
        krate: None,
        line,
    })
}

/// The value of `ext=`: `since:0x........` pairs, comma-separated, levels
/// written in decimal without leading zeros, at least 1, strictly ascending.
fn ext_levels(value: &str) -> Result<Vec<(u16, u32)>, String> {
    let mut levels: Vec<(u16, u32)> = Vec::new();
    for item in value.split(',') {
        let (since, code) =
            item.split_once(':').ok_or_else(|| format!("expected `ext=N:0x........,...`, found `ext={value}`"))?;
        let level = since
            .parse::<u16>()
            .ok()
            .filter(|n| since.bytes().all(|b| b.is_ascii_digit()) && n.to_string() == since)
            .ok_or_else(|| format!("`ext=`: `{since}` is not a level (a decimal number, no leading zero)"))?;
        if level == 0 {
            return Err("`ext=`: level 0 is the base arguments; extension levels start at 1".into());
        }
        if let Some(&(prev, _)) = levels.last()
            && prev >= level
        {
            return Err(format!("`ext=`: level {level} after level {prev} (levels ascend, each once)"));
        }
        let code = hex_field(Some(&format!("ext={code}")), "ext").map_err(|m| format!("level {level}: {m}"))?;
        levels.push((level, code));
    }
    Ok(levels)
}

fn parse_type_head(rest: &str, line: usize) -> Result<TypeDef, String> {
    let mut t = Toks::new(rest)?;
    let base = match t.next() {
        Some(Tok::Word(w)) => w,
        _ => return Err("expected the type's key after `type`".into()),
    };
    let type_args = t.type_args()?;
    let key = key_with(&base, &type_args);
    let kind = match t.next() {
        Some(Tok::Word(w)) => w,
        _ => {
            return Err("expected `struct`, `tuple`, `unit`, `enum`, `c_enum` or `newtype` after the type's key".into());
        }
    };
    let trivial = matches!(kind.as_str(), "struct" | "tuple") && t.peek() == Some(&Tok::Word("trivial".into()));
    if trivial {
        t.next();
    }
    let repr = if kind == "c_enum" {
        match t.next() {
            Some(Tok::Word(w)) => match Prim::ALL.iter().find(|p| {
                p.name() == w && !matches!(p, Prim::Bool | Prim::Char | Prim::F32 | Prim::F64 | Prim::I128 | Prim::U128)
            }) {
                Some(p) => Some(*p),
                None => return Err(format!("`{w}` is not an integer a C-like enum can be carried as")),
            },
            _ => return Err("expected the integer of the C-like enum after `c_enum`".into()),
        }
    } else {
        None
    };
    let name = if t.peek() == Some(&Tok::Word("name".into())) {
        t.next();
        t.expect('=')?;
        t.name("the type's name")?
    } else {
        base
    };
    t.end()?;
    let body = match kind.as_str() {
        "struct" => Body::Struct { style: Style::Named, trivial, fields: Vec::new() },
        "tuple" => Body::Struct { style: Style::Tuple, trivial, fields: Vec::new() },
        "unit" => Body::Struct { style: Style::Unit, trivial: false, fields: Vec::new() },
        "enum" => Body::Enum { variants: Vec::new() },
        "c_enum" => Body::CEnum { repr: repr.expect("read above"), variants: Vec::new() },
        "newtype" => Body::Newtype(Ty::new(Shape::Unit)),
        other => {
            return Err(format!("expected `struct`, `tuple`, `unit`, `enum`, `c_enum` or `newtype`, found `{other}`"));
        }
    };
    Ok(TypeDef { key, name, type_args, body, line })
}

/// Adds one indented member line to the type being read.
fn parse_member(def: &mut TypeDef, member: &str, newtype_seen: &mut bool) -> Result<(), String> {
    let mut t = Toks::new(member)?;
    match &mut def.body {
        Body::Struct { style: Style::Unit, .. } => return Err("a unit struct has no members".into()),
        Body::Struct { style: Style::Tuple, fields, .. } => {
            let name = fields.len().to_string();
            fields.push(FieldDef { name, ty: t.ty()? });
        }
        Body::Struct { fields, .. } => fields.push(t.field()?),
        Body::CEnum { variants, .. } => {
            let name = t.name("a variant name")?;
            t.expect('=')?;
            let negative = t.eat('-');
            let value = match t.next() {
                Some(Tok::Num(n)) => i64::try_from(n).ok().map(|n| if negative { -n } else { n }),
                _ => None,
            };
            let value = value.ok_or("expected the variant's integer after `=`")?;
            variants.push(crate::model::CVariantDef { name, value });
        }
        Body::Newtype(inner) => {
            if std::mem::replace(newtype_seen, true) {
                return Err("a newtype has exactly one member line".into());
            }
            *inner = t.ty()?;
        }
        Body::Enum { variants } => {
            let name = t.name("a variant name")?;
            let v = if t.eat('(') {
                let mut fields = Vec::new();
                while !t.eat(')') {
                    fields.push(FieldDef { name: fields.len().to_string(), ty: t.ty()? });
                    if !t.eat(',') && t.peek() != Some(&Tok::Punct(')')) {
                        return Err(format!("expected `,` or `)` in a tuple variant, found {}", t.found()));
                    }
                }
                let style = if fields.len() == 1 { Style::Newtype } else { Style::Tuple };
                VariantDef { name, style, fields }
            } else if t.eat('{') {
                let mut fields = Vec::new();
                while !t.eat('}') {
                    fields.push(t.field()?);
                    if !t.eat(',') && t.peek() != Some(&Tok::Punct('}')) {
                        return Err(format!("expected `,` or `}}` in a struct variant, found {}", t.found()));
                    }
                }
                VariantDef { name, style: Style::Named, fields }
            } else {
                VariantDef { name, style: Style::Unit, fields: Vec::new() }
            };
            variants.push(v);
        }
    }
    t.end()
}

/// Reads a contract file's text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<ContractDoc, ParseError> {
    let err = |line: usize, message: String| ParseError { file: file.to_owned(), line, message };
    let mut doc = ContractDoc::default();
    let mut header = false;
    let mut end: Option<(usize, usize, usize)> = None;
    let mut current: Option<(TypeDef, bool)> = None;
    let finish_type = |doc: &mut ContractDoc, current: &mut Option<(TypeDef, bool)>| -> Result<(), ParseError> {
        if let Some((def, newtype_seen)) = current.take() {
            if matches!(def.body, Body::Newtype(_)) && !newtype_seen {
                return Err(err(def.line, format!("newtype `{}` needs one member line with its inner type", def.key)));
            }
            let line = def.line;
            if let Some(old) = doc.types.insert(def.key.clone(), def) {
                return Err(err(line, format!("type `{}` is defined twice (first on line {})", old.key, old.line)));
            }
        }
        Ok(())
    };
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        if ["<<<<<<<", "=======", ">>>>>>>", "|||||||"].iter().any(|m| l.starts_with(m)) {
            return Err(err(
                line,
                "merge conflict marker: resolve the conflict by re-blessing (`WIRE_BLESS=1 cargo test`), not by hand"
                    .into(),
            ));
        }
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some((end_line, _, _)) = end {
            return Err(err(line, format!("nothing may follow the `end` line (line {end_line})")));
        }
        if !header {
            if l == HEADER {
                header = true;
                continue;
            }
            if let Some(v) = l.strip_prefix("wire-contract ") {
                return Err(err(
                    line,
                    format!("unsupported format `{v}`: this wire-golden reads `v1`; upgrade wire-golden"),
                ));
            }
            return Err(err(line, format!("expected the header `{HEADER}`, found `{l}`")));
        }
        if let Some(member) = l.strip_prefix("  ") {
            let Some((def, newtype_seen)) = current.as_mut() else {
                return Err(err(line, "an indented member line must follow a `type` line".into()));
            };
            parse_member(def, member, newtype_seen).map_err(|m| err(line, m))?;
            continue;
        }
        finish_type(&mut doc, &mut current)?;
        let (keyword, rest) = l.split_once(' ').unwrap_or((l, ""));
        match keyword {
            "handler" => {
                if !doc.types.is_empty() {
                    return Err(err(line, "handler lines come before the types".into()));
                }
                let h = parse_handler(rest, line).map_err(|m| err(line, m))?;
                if let Some(prev) = doc.handlers.last()
                    && prev.name >= h.name
                {
                    let why = if prev.name == h.name {
                        "is listed twice"
                    } else {
                        "is out of order (handlers are sorted by name)"
                    };
                    return Err(err(line, format!("handler `{}` {why}", h.name)));
                }
                doc.handlers.push(h);
            }
            "type" => current = Some((parse_type_head(rest, line).map_err(|m| err(line, m))?, false)),
            "end" => {
                let words: Vec<&str> = rest.split(' ').collect();
                let counts = match words.as_slice() {
                    [h, "handlers", t, "types"] => h.parse().ok().zip(t.parse().ok()),
                    _ => None,
                };
                let (h, t) = counts.ok_or_else(|| err(line, "expected `end N handlers M types`".into()))?;
                end = Some((line, h, t));
            }
            other => {
                return Err(err(
                    line,
                    format!("expected `handler`, `type`, an indented member or `end`, found `{other}`"),
                ));
            }
        }
    }
    finish_type(&mut doc, &mut current)?;
    // The file's last line (a final newline ends it, it does not start another).
    let last = text.lines().count().max(1);
    if !header {
        return Err(err(1, format!("empty contract file: expected the header `{HEADER}`")));
    }
    let Some((end_line, h, t)) = end else {
        return Err(err(last, "missing the `end N handlers M types` line: the file is truncated".into()));
    };
    if (h, t) != (doc.handlers.len(), doc.types.len()) {
        return Err(err(
            end_line,
            format!(
                "the `end` line counts {h} handlers and {t} types, the file has {} and {}: lines were lost or added by hand",
                doc.handlers.len(),
                doc.types.len()
            ),
        ));
    }
    verify(&doc).map_err(|(line, m)| err(line, m))?;
    Ok(doc)
}
