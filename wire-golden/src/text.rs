//! The contract file: rendering and parsing (format `wire-contract v1`).
//!
//! ```text
//! wire-contract v1
//! # comments start with '#'
//!
//! handler MasterService::exist_key id=0x0fb1b691 args=0x9dcffa76 ret=0xac9f0aaa sig=MasterService.exist_key(key: String) -> Result<bool, ErrorCode>
//!
//! type ErrorCode enum
//!   NotFound
//!   NoSpace { requested: u64 }
//!   Internal(String)
//! type Replica struct
//!   addr: String
//!   size: u64
//!
//! end 1 handlers 2 types
//! ```
//!
//! One handler per line, sorted by wire name; then every named type, sorted
//! by key, one member per indented line; then an `end` line that makes a
//! truncated file an error. Codes are recomputed from the recorded schema on
//! parse, so a hand-edited line cannot pass for a frozen one.
//!
//! A handler with `#[wire(since = N)]` parameters records each level's args
//! code after `ret=` and marks the parameters in `sig=` (a handler without
//! levels has neither):
//!
//! ```text
//! handler Store::put id=0x… args=0x… ret=0x… ext=2:0x…,3:0x… sig=Store.put(key: String, #[since 2] tenant: Option<String>, #[since 3] ttl: u32) -> u64
//! ```

use crate::model::{Body, ContractDoc, ExtLevelDef, FieldDef, HandlerDef, Raise, Ty, TypeDef, VariantDef, is_ident};
use std::fmt::{self, Write};
use wire_core::{Prim, Style};

/// The first line of every contract file.
pub const HEADER: &str = "wire-contract v1";

/// A contract file that cannot be read, with where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong there, and what was expected.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

// ---------------------------------------------------------------- rendering

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
    let field = |a: &FieldDef| format!("{}: {}", name(&a.name), ty(&a.ty));
    let base = h.args.iter().map(field);
    let ext = h.ext.iter().flat_map(|l| l.args.iter().map(move |a| format!("#[since {}] {}", l.since, field(a))));
    let args: Vec<String> = base.chain(ext).collect();
    format!("{}.{}({}) -> {}", h.service, h.method, args.join(", "), ty(&h.returns))
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
                let _ = writeln!(out, "  {}", ty(&f.ty));
            }
        }
        Body::Struct { fields, .. } => {
            for f in fields {
                let _ = writeln!(out, "  {}: {}", name(&f.name), ty(&f.ty));
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
            let _ = writeln!(out, "  {}", ty(inner));
        }
    }
}

/// The key without its type arguments: `Page` of `Page<u32>`, the word a
/// type's name defaults to.
pub fn key_base(key: &str) -> &str {
    key.split_once('<').map_or(key, |(base, _)| base)
}

/// A key with type arguments: `Page<u32>`.
fn key_with(base: &str, type_args: &[Ty]) -> String {
    if type_args.is_empty() {
        return base.to_owned();
    }
    format!("{base}<{}>", type_args.iter().map(ty).collect::<Vec<_>>().join(", "))
}

/// A variant as written on its member line.
pub fn variant(v: &VariantDef) -> String {
    let tys = || v.fields.iter().map(|f| ty(&f.ty)).collect::<Vec<_>>().join(", ");
    match v.style {
        Style::Unit => name(&v.name),
        Style::Newtype | Style::Tuple => format!("{}({})", name(&v.name), tys()),
        Style::Named => {
            let fields: Vec<String> = v.fields.iter().map(|f| format!("{}: {}", name(&f.name), ty(&f.ty))).collect();
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

/// A type expression as written.
pub fn ty(t: &Ty) -> String {
    ty_naming(t, &|key: &str| key.to_owned())
}

/// A type expression, with named types spelled by `name_of(key)`.
pub fn ty_naming(t: &Ty, name_of: &dyn Fn(&str) -> String) -> String {
    let ty = |t: &Ty| ty_naming(t, name_of);
    match t {
        Ty::Prim(p) => p.name().to_owned(),
        Ty::Str => "String".into(),
        Ty::Unit => "()".into(),
        Ty::Seq(t) => format!("Vec<{}>", ty(t)),
        Ty::Set(t) => format!("Set<{}>", ty(t)),
        Ty::Option(t) => format!("Option<{}>", ty(t)),
        Ty::Array(t, n) => format!("[{}; {n}]", ty(t)),
        Ty::Map(k, v) => format!("Map<{}, {}>", ty(k), ty(v)),
        Ty::Result(t, e) => format!("Result<{}, {}>", ty(t), ty(e)),
        Ty::Tuple(items) if items.len() == 1 => format!("({},)", ty(&items[0])),
        Ty::Tuple(items) => format!("({})", items.iter().map(ty).collect::<Vec<_>>().join(", ")),
        Ty::Named(key) => name_of(key),
        Ty::Opaque(n) => format!("opaque({n:?})"),
    }
}

// ------------------------------------------------------------------ parsing

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Num(usize),
    Punct(char),
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Word(w) => write!(f, "`{w}`"),
            Tok::Str(s) => write!(f, "{s:?}"),
            Tok::Num(n) => write!(f, "`{n}`"),
            Tok::Punct(c) => write!(f, "`{c}`"),
        }
    }
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut w = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '_' || c == '~' {
                    w.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            toks.push(Tok::Word(w));
        } else if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_ascii_digit()) {
                n.push(c);
                chars.next();
            }
            toks.push(Tok::Num(n.parse().map_err(|_| format!("number `{n}` is too large"))?));
        } else if c == '"' {
            chars.next();
            let mut lit = String::new();
            loop {
                match chars.next() {
                    None => return Err("unterminated string".into()),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some('n') => lit.push('\n'),
                        Some('t') => lit.push('\t'),
                        Some('r') => lit.push('\r'),
                        Some('0') => lit.push('\0'),
                        Some(c @ ('"' | '\\' | '\'')) => lit.push(c),
                        Some('u') => {
                            let mut hex = String::new();
                            if chars.next() != Some('{') {
                                return Err("expected `{` after `\\u`".into());
                            }
                            for c in chars.by_ref() {
                                if c == '}' {
                                    break;
                                }
                                hex.push(c);
                            }
                            let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                            lit.push(c.ok_or_else(|| format!("bad escape `\\u{{{hex}}}`"))?);
                        }
                        other => return Err(format!("bad escape `\\{}`", other.unwrap_or(' '))),
                    },
                    Some(c) => lit.push(c),
                }
            }
            toks.push(Tok::Str(lit));
        } else if "<>,()[];:{}=.-#".contains(c) {
            toks.push(Tok::Punct(c));
            chars.next();
        } else {
            return Err(format!("unexpected character {c:?}"));
        }
    }
    Ok(toks)
}

struct Toks {
    toks: Vec<Tok>,
    pos: usize,
    /// Nesting of the type expression being read.
    depth: usize,
}

/// How deeply one type expression may nest (`Vec<Vec<…>>`): far beyond real
/// types, and a bound on the parser's recursion for hostile input.
pub const MAX_TYPE_NESTING: usize = 64;

impl Toks {
    fn new(s: &str) -> Result<Toks, String> {
        Ok(Toks { toks: tokenize(s)?, pos: 0, depth: 0 })
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn found(&self) -> String {
        self.peek().map_or("the end of the line".to_owned(), |t| t.to_string())
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) { Ok(()) } else { Err(format!("expected `{c}`, found {}", self.found())) }
    }

    fn end(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(t) => Err(format!("unexpected {t} at the end of the line")),
        }
    }

    fn name(&mut self, what: &str) -> Result<String, String> {
        match self.next() {
            Some(Tok::Word(w)) if !w.contains('~') => Ok(w),
            Some(Tok::Str(s)) => Ok(s),
            _ => {
                self.pos -= 1;
                Err(format!("expected {what}, found {}", self.found()))
            }
        }
    }

    fn ty(&mut self) -> Result<Ty, String> {
        if self.depth >= MAX_TYPE_NESTING {
            return Err(format!("a type nested more than {MAX_TYPE_NESTING} levels deep"));
        }
        self.depth += 1;
        let ty = self.ty_here();
        self.depth -= 1;
        ty
    }

    fn ty_here(&mut self) -> Result<Ty, String> {
        let b = Box::new;
        match self.next() {
            Some(Tok::Punct('(')) => {
                let mut items = Vec::new();
                let mut trailing_comma = false;
                while !self.eat(')') {
                    items.push(self.ty()?);
                    trailing_comma = self.eat(',');
                    if !trailing_comma && self.peek() != Some(&Tok::Punct(')')) {
                        return Err(format!("expected `,` or `)` in a tuple, found {}", self.found()));
                    }
                }
                Ok(match items.len() {
                    0 => Ty::Unit,
                    1 if !trailing_comma => return Err("a one-element tuple is written `(T,)`".into()),
                    _ => Ty::Tuple(items),
                })
            }
            Some(Tok::Punct('[')) => {
                let t = self.ty()?;
                self.expect(';')?;
                let n = match self.next() {
                    Some(Tok::Num(n)) => n,
                    _ => return Err("expected the array length".into()),
                };
                self.expect(']')?;
                Ok(Ty::Array(b(t), n))
            }
            Some(Tok::Word(w)) => {
                if let Some(p) = Prim::ALL.iter().find(|p| p.name() == w) {
                    return Ok(Ty::Prim(*p));
                }
                let one = |s: &mut Toks| -> Result<Ty, String> {
                    s.expect('<')?;
                    let t = s.ty()?;
                    s.expect('>')?;
                    Ok(t)
                };
                let two = |s: &mut Toks| -> Result<(Ty, Ty), String> {
                    s.expect('<')?;
                    let a = s.ty()?;
                    s.expect(',')?;
                    let c = s.ty()?;
                    s.expect('>')?;
                    Ok((a, c))
                };
                Ok(match w.as_str() {
                    "String" => Ty::Str,
                    "Vec" => Ty::Seq(b(one(self)?)),
                    "Set" => Ty::Set(b(one(self)?)),
                    "Option" => Ty::Option(b(one(self)?)),
                    "Map" => {
                        let (k, v) = two(self)?;
                        Ty::Map(b(k), b(v))
                    }
                    "Result" => {
                        let (t, e) = two(self)?;
                        Ty::Result(b(t), b(e))
                    }
                    "opaque" => {
                        self.expect('(')?;
                        let Some(Tok::Str(n)) = self.next() else {
                            return Err("expected the opaque type's quoted name".into());
                        };
                        self.expect(')')?;
                        Ty::Opaque(n)
                    }
                    _ => Ty::Named(key_with(&w, &self.type_args()?)),
                })
            }
            _ => {
                self.pos -= 1;
                Err(format!("expected a type, found {}", self.found()))
            }
        }
    }

    /// A key's optional type arguments: `<u32, Page<String>>`.
    fn type_args(&mut self) -> Result<Vec<Ty>, String> {
        let mut args = Vec::new();
        if self.eat('<') {
            loop {
                args.push(self.ty()?);
                if self.eat('>') {
                    break;
                }
                self.expect(',')?;
            }
        }
        Ok(args)
    }

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
        "newtype" => Body::Newtype(Ty::Unit),
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

/// Every code a file records must be the code of the schema it records.
fn verify(doc: &ContractDoc) -> Result<(), (usize, String)> {
    let raise = Raise::new(&doc.types);
    for h in &doc.handlers {
        let at = |m: String| (h.line, m);
        let id = wire_core::function_id(&h.name);
        let args = raise.fields(&h.args, &mut Vec::new()).map_err(at)?;
        let args = wire_core::try_args_code(args).map_err(|e| at(e.to_string()))?;
        let ret = raise.ty(&h.returns, &mut Vec::new()).map_err(at)?;
        let ret = ret.try_code().map_err(|e| at(e.to_string()))?;
        for (what, recorded, computed) in
            [("id", h.function_id, id), ("args", h.args_code, args), ("ret", h.return_code, ret)]
        {
            if recorded != computed {
                return Err(at(format!(
                    "`{what}={recorded:#010x}` is not the code of what this line records ({computed:#010x}): \
                     the file was edited by hand; restore it from version control or re-bless"
                )));
            }
        }
        for level in &h.ext {
            let args = raise.fields(&level.args, &mut Vec::new()).map_err(at)?;
            let computed = wire_core::try_args_code(args).map_err(|e| at(e.to_string()))?;
            if level.code != computed {
                return Err(at(format!(
                    "`ext={}:{:#010x}` is not the code of the `#[since {}]` parameters this line records \
                     ({computed:#010x}): the file was edited by hand; restore it from version control or re-bless",
                    level.since, level.code, level.since
                )));
            }
        }
    }
    Ok(())
}
