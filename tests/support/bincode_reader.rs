//! A reader of the bincode 1.3 default encoding (`bincode::serialize`:
//! fixint, little endian) guided *only* by a [`Schema`] tree: it walks the
//! bytes as a value of the schema and says how many it consumed, or why it
//! could not. `tests/schema_truth.rs` holds every supported shape to it.

use wire_core::{Prim, Schema, Style};

/// Lengths above this are taken for garbage rather than looped over (a
/// sequence of zero-sized elements consumes no bytes per element).
const MAX_LEN: u64 = 1 << 20;
/// Guards against a schema that recurses without consuming bytes.
const MAX_DEPTH: usize = 512;

/// Walks `bytes` as the bincode 1.3 default encoding of a value of `schema`;
/// returns the number of bytes consumed.
pub fn read(schema: &'static Schema, bytes: &[u8]) -> Result<usize, String> {
    let mut r = Reader { bytes, pos: 0, named: Vec::new() };
    r.value(schema)?;
    Ok(r.pos)
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
    /// Enclosing `Struct`/`Enum`/`Newtype` schemas, innermost last: the targets of `SelfRef`.
    named: Vec<&'static Schema>,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'b [u8], String> {
        let rest = &self.bytes[self.pos..];
        if rest.len() < n {
            return Err(format!("truncated: {what} needs {n} bytes at offset {}, {} left", self.pos, rest.len()));
        }
        self.pos += n;
        Ok(&rest[..n])
    }

    fn u8(&mut self, what: &str) -> Result<u8, String> {
        Ok(self.take(1, what)?[0])
    }

    fn u32(&mut self, what: &str) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }

    fn u64(&mut self, what: &str) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().unwrap()))
    }

    fn len(&mut self, what: &str) -> Result<usize, String> {
        let at = self.pos;
        match self.u64(what)? {
            n if n > MAX_LEN => Err(format!("implausible {what} {n} at offset {at}")),
            n => Ok(n as usize),
        }
    }

    fn prim(&mut self, p: Prim) -> Result<(), String> {
        let name = p.name();
        match p {
            Prim::I8 | Prim::U8 => self.take(1, name).map(drop),
            Prim::I16 | Prim::U16 => self.take(2, name).map(drop),
            Prim::I32 | Prim::U32 | Prim::F32 => self.take(4, name).map(drop),
            Prim::I64 | Prim::U64 | Prim::F64 => self.take(8, name).map(drop),
            Prim::I128 | Prim::U128 => self.take(16, name).map(drop),
            Prim::Bool => match self.u8("bool")? {
                0 | 1 => Ok(()),
                b => Err(format!("bad bool byte {b:#04x} at offset {}", self.pos - 1)),
            },
            Prim::Char => {
                let at = self.pos;
                let width = match self.bytes.get(at).copied() {
                    None => return Err(format!("truncated: char at offset {at}")),
                    Some(0x00..=0x7F) => 1,
                    Some(0xC0..=0xDF) => 2,
                    Some(0xE0..=0xEF) => 3,
                    Some(0xF0..=0xF7) => 4,
                    Some(b) => return Err(format!("bad UTF-8 lead byte {b:#04x} of a char at offset {at}")),
                };
                let raw = self.take(width, "char")?;
                match std::str::from_utf8(raw) {
                    Ok(s) if s.chars().count() == 1 => Ok(()),
                    _ => Err(format!("invalid UTF-8 char {raw:02x?} at offset {at}")),
                }
            }
        }
    }

    /// Reads `schema` as a named type that `SelfRef`s inside it may point back to.
    fn named(
        &mut self,
        schema: &'static Schema,
        body: impl FnOnce(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        self.named.push(schema);
        let result = body(self);
        self.named.pop();
        result
    }

    fn fields(&mut self, fields: &'static [wire_core::Field]) -> Result<(), String> {
        fields.iter().try_for_each(|f| self.value(f.schema))
    }

    fn value(&mut self, schema: &'static Schema) -> Result<(), String> {
        if self.named.len() > MAX_DEPTH {
            return Err(format!("schema nesting deeper than {MAX_DEPTH} at offset {}", self.pos));
        }
        match schema {
            Schema::Prim(p) => self.prim(*p),
            Schema::Str => {
                let n = self.len("string length")?;
                let at = self.pos;
                let raw = self.take(n, "string")?;
                std::str::from_utf8(raw).map(drop).map_err(|e| format!("invalid UTF-8 string at offset {at}: {e}"))
            }
            Schema::Seq(t) | Schema::Set(t) => {
                let n = self.len("sequence length")?;
                (0..n).try_for_each(|_| self.value(t))
            }
            Schema::Map(k, v) => {
                let n = self.len("map length")?;
                (0..n).try_for_each(|_| {
                    self.value(k)?;
                    self.value(v)
                })
            }
            Schema::Array(t, n) => (0..*n).try_for_each(|_| self.value(t)),
            Schema::Option(t) => match self.u8("option tag")? {
                0 => Ok(()),
                1 => self.value(t),
                b => Err(format!("bad option tag {b} at offset {}", self.pos - 1)),
            },
            Schema::Result(t, e) => match self.u32("result tag")? {
                0 => self.value(t),
                1 => self.value(e),
                b => Err(format!("bad result tag {b} at offset {}", self.pos - 4)),
            },
            Schema::Tuple(items) => items.iter().try_for_each(|t| self.value(t)),
            Schema::Unit => Ok(()),
            Schema::Struct(def) => {
                if def.style == Style::Unit && !def.fields.is_empty() {
                    return Err(format!("unit struct {} lists fields", def.name));
                }
                self.named(schema, |r| r.fields(def.fields))
            }
            Schema::Enum(def) => self.named(schema, |r| {
                let at = r.pos;
                let index = r.u32("variant index")?;
                let Some(v) = def.variants.get(index as usize) else {
                    return Err(format!("bad variant index {index} of {} at offset {at}", def.name));
                };
                match (v.style, v.fields.len()) {
                    (Style::Unit, 0) | (Style::Newtype, 1) | (Style::Tuple | Style::Named, _) => r.fields(v.fields),
                    (style, n) => Err(format!("variant {}::{} is {style:?} with {n} fields", def.name, v.name)),
                }
            }),
            Schema::Newtype(def) => self.named(schema, |r| r.value(def.inner)),
            // A C-like enum is its integer, under bincode as anywhere.
            Schema::CEnum(def) => self.prim(def.repr),
            Schema::Opaque(name) => Err(format!("cannot read opaque type {name} at offset {}", self.pos)),
            Schema::SelfRef(path) => {
                let target = self.named.iter().rev().find(|s| s.path() == Some(*path)).copied();
                match target {
                    Some(target) => self.value(target),
                    None => Err(format!("self-reference to {path} has no enclosing type")),
                }
            }
        }
    }
}
