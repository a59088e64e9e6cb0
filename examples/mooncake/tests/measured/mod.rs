//! The measured codes in `tests/data/codes-*.tsv`: one row per handler of the
//! real C++ service, as the real struct_pack computed them (see each file's
//! header).

// Each test binary uses a part of this module.
#![allow(dead_code)]

use std::fmt;

/// A type-code with the literal it hashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub code: u32,
    pub literal: Vec<u8>,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#010x} (literal {})", self.code, hex(&self.literal))
    }
}

/// One handler as measured.
#[derive(Clone, Debug)]
pub struct Row {
    /// The wire name.
    pub name: String,
    /// `file:line` of the row.
    pub at: String,
    pub function_id: u32,
    /// `None`: the C++ handler has no parameters (no payload, no args code).
    pub args: Option<Code>,
    pub ret: Code,
}

/// The rows of `tests/data/<file>`, in file order.
pub fn read(file: &str) -> Result<Vec<Row>, String> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("tests/data/{file}: cannot read: {e}"))?;
    let mut rows: Vec<Row> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("tests/data/{file}:{}", i + 1);
        let row = parse_row(line, &at).map_err(|e| format!("{at}: {e}"))?;
        if let Some(first) = rows.iter().find(|r| r.name == row.name) {
            return Err(format!("{at}: `{}` again (first at {})", row.name, first.at));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// `name<TAB>fid=XXXXXXXX<TAB>args=CODE:LITERAL|(none)<TAB>ret=CODE:LITERAL`
fn parse_row(line: &str, at: &str) -> Result<Row, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    let [name, fid, args, ret] = cols[..] else {
        return Err(format!("expected 4 tab-separated columns (name, fid=, args=, ret=), found {}", cols.len()));
    };
    let function_id = hex_u32(field(fid, "fid=")?)?;
    let args = match field(args, "args=")? {
        "(none)" => None,
        code => Some(parse_code(code)?),
    };
    let ret = parse_code(field(ret, "ret=")?)?;
    Ok(Row { name: name.to_owned(), at: at.to_owned(), function_id, args, ret })
}

/// `col` without its `key=` prefix.
fn field<'a>(col: &'a str, key: &str) -> Result<&'a str, String> {
    col.strip_prefix(key).ok_or_else(|| format!("expected a column `{key}...`, found `{col}`"))
}

fn parse_code(text: &str) -> Result<Code, String> {
    let (code, literal) =
        text.split_once(':').ok_or_else(|| format!("expected `CODE:LITERAL` in hex, found `{text}`"))?;
    if literal.len() % 2 != 0 {
        return Err(format!("literal `{literal}` has an odd number of hex digits"));
    }
    let literal = (0..literal.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&literal[i..i + 2], 16).map_err(|e| format!("literal `{literal}`: {e}")))
        .collect::<Result<Vec<u8>, String>>()?;
    Ok(Code { code: hex_u32(code)?, literal })
}

fn hex_u32(text: &str) -> Result<u32, String> {
    if text.len() != 8 {
        return Err(format!("expected 8 hex digits, found `{text}`"));
    }
    u32::from_str_radix(text, 16).map_err(|e| format!("`{text}`: {e}"))
}

/// Lowercase hex, as in the data files.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
