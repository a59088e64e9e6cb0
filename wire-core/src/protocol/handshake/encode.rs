//! The frozen encoding of a [`ServiceReady`] and its digest.

use super::{ExtLevel, HANDSHAKE_VERSION, MAGIC, Method, ServiceReady};
use std::fmt;

/// A handshake message that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HandshakeError {
    /// The first bytes are not `WSRD`.
    BadMagic,
    /// The message ends before a field it announces.
    Truncated {
        /// Where the field starts.
        at: usize,
        /// Bytes it needs.
        needed: usize,
        /// Bytes left.
        left: usize,
    },
    /// A string field (codec, build, method name) is not UTF-8.
    NotUtf8 {
        /// Which field.
        field: &'static str,
        /// Where it starts.
        at: usize,
    },
    /// A count (of methods, of a method's extension levels) larger than the
    /// bytes that follow can hold.
    Count {
        /// What is counted: `methods`, or `extension levels of method N`.
        what: String,
        /// The count claimed.
        claimed: usize,
        /// Bytes that follow.
        left: usize,
    },
    /// Methods not sorted by function id, or one listed twice.
    Order {
        /// The method's position.
        index: usize,
        /// Its function id.
        function_id: u32,
    },
    /// A method's extension levels do not ascend from 1.
    Levels {
        /// The method's position.
        index: usize,
        /// The level read.
        since: u16,
        /// The level before it.
        after: u16,
    },
    /// Bytes after the last method.
    Trailing(usize),
    /// The digest field is not the digest of the method table.
    Digest {
        /// The digest sent.
        sent: [u8; 16],
        /// The digest of the methods sent.
        computed: [u8; 16],
        /// How many methods.
        methods: usize,
    },
}

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid ServiceReady: ")?;
        match self {
            HandshakeError::BadMagic => f.write_str("bad magic: not a ServiceReady message"),
            HandshakeError::Truncated { at, needed, left } => {
                write!(f, "truncated at byte {at} (needed {needed} more, {left} left)")
            }
            HandshakeError::NotUtf8 { field, at } => write!(f, "{field} at byte {at} is not UTF-8"),
            HandshakeError::Count { what, claimed, left } => {
                write!(f, "the table claims {claimed} {what}, but only {left} bytes follow")
            }
            HandshakeError::Order { index, function_id } => {
                write!(f, "method {index} is out of order or duplicated (id {function_id:#010x})")
            }
            HandshakeError::Levels { index, since, after } => {
                write!(f, "method {index}: extension level {since} after level {after} (levels ascend from 1)")
            }
            HandshakeError::Trailing(n) => write!(f, "{n} trailing bytes"),
            HandshakeError::Digest { sent, computed, methods } => write!(
                f,
                "the digest does not match the method table: {} sent, {} computed from the {methods} methods",
                hex(sent),
                hex(computed)
            ),
        }
    }
}

impl std::error::Error for HandshakeError {}

impl ServiceReady {
    /// The frozen encoding.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.methods.len() * 40);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&self.version.to_le_bytes());
        let codec = clip(&self.codec, u8::MAX as usize);
        out.push(codec.len() as u8);
        out.extend_from_slice(codec);
        out.extend_from_slice(&self.digest);
        out.extend_from_slice(&self.max_frame.to_le_bytes());
        let build = clip(&self.build, u16::MAX as usize);
        out.extend_from_slice(&(build.len() as u16).to_le_bytes());
        out.extend_from_slice(build);
        out.extend_from_slice(&(self.methods.len() as u32).to_le_bytes());
        for m in &self.methods {
            out.extend_from_slice(&m.function_id.to_le_bytes());
            out.extend_from_slice(&m.args_code.to_le_bytes());
            out.extend_from_slice(&m.return_code.to_le_bytes());
            out.extend_from_slice(&(m.ext.len() as u16).to_le_bytes());
            for l in &m.ext {
                out.extend_from_slice(&l.since.to_le_bytes());
                out.extend_from_slice(&l.code.to_le_bytes());
            }
            let name = clip(&m.name, u16::MAX as usize);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name);
        }
        out
    }

    /// Reads the frozen encoding; never allocates more than the input's size.
    pub fn decode(bytes: &[u8]) -> Result<ServiceReady, HandshakeError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(HandshakeError::BadMagic);
        }
        let version = r.u16()?;
        if version != HANDSHAKE_VERSION {
            // Still read what we can: the caller reports the version.
            return Ok(ServiceReady {
                version,
                codec: String::new(),
                digest: [0; 16],
                max_frame: 0,
                build: String::new(),
                methods: Vec::new(),
            });
        }
        let codec_len = r.u8()? as usize;
        let codec = r.str(codec_len, "codec")?;
        let digest_field: [u8; 16] = r.take(16)?.try_into().expect("16 bytes");
        let max_frame = r.u32()?;
        let build_len = r.u16()? as usize;
        let build = r.str(build_len, "build")?;
        let count = r.u32()? as usize;
        // Each method takes at least 16 bytes: a count the input cannot hold is a lie.
        if count > r.remaining() / 16 {
            return Err(HandshakeError::Count { what: "methods".into(), claimed: count, left: r.remaining() });
        }
        let mut methods = Vec::with_capacity(count);
        for i in 0..count {
            let function_id = r.u32()?;
            let args_code = r.u32()?;
            let return_code = r.u32()?;
            let ext_count = r.u16()? as usize;
            // Each level takes 6 bytes: bound the allocation by the input.
            if ext_count > r.remaining() / 6 {
                return Err(HandshakeError::Count {
                    what: format!("extension levels of method {i}"),
                    claimed: ext_count,
                    left: r.remaining(),
                });
            }
            let mut ext: Vec<ExtLevel> = Vec::with_capacity(ext_count);
            for _ in 0..ext_count {
                let since = r.u16()?;
                let code = r.u32()?;
                let after = ext.last().map_or(0, |l| l.since);
                if since <= after {
                    return Err(HandshakeError::Levels { index: i, since, after });
                }
                ext.push(ExtLevel { since, code });
            }
            let name_len = r.u16()? as usize;
            let name = r.str(name_len, "method name")?;
            if let Some(prev) = methods.last().map(|m: &Method| m.function_id)
                && prev >= function_id
            {
                return Err(HandshakeError::Order { index: i, function_id });
            }
            methods.push(Method { function_id, args_code, return_code, ext, name });
        }
        if r.remaining() != 0 {
            return Err(HandshakeError::Trailing(r.remaining()));
        }
        // The digest is what `check` trusts for `Identical`: it must be the table's.
        let computed = digest(&methods);
        if computed != digest_field {
            return Err(HandshakeError::Digest { sent: digest_field, computed, methods: count });
        }
        Ok(ServiceReady { version, codec, digest: digest_field, max_frame, build, methods })
    }
}

/// Lowercase hex, as the digest is printed in messages.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// At most `max` bytes of `s`, cut at a character boundary so the result
/// stays UTF-8 (the decoder refuses anything else).
pub(super) fn clip(s: &str, max: usize) -> &[u8] {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s.as_bytes()[..end]
}

impl ServiceReady {
    /// The digest of a method table (module docs: the canonical listing).
    pub fn digest_of(methods: &[Method]) -> [u8; 16] {
        digest(methods)
    }
}

pub(super) fn digest(methods: &[Method]) -> [u8; 16] {
    let mut by_name: Vec<&Method> = methods.iter().collect();
    by_name.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut md5 = crate::contract::md5::Md5::new();
    for m in by_name {
        let line = format!(
            "{}\t{:08x}\t{:08x}\t{:08x}\t{}\n",
            m.name,
            m.function_id,
            m.args_code,
            m.return_code,
            m.ext_listing()
        );
        md5.write(line.as_bytes());
    }
    md5.finish()
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], HandshakeError> {
        if self.remaining() < n {
            return Err(HandshakeError::Truncated { at: self.at, needed: n, left: self.remaining() });
        }
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, HandshakeError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, HandshakeError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("2 bytes")))
    }

    fn u32(&mut self) -> Result<u32, HandshakeError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn str(&mut self, n: usize, field: &'static str) -> Result<String, HandshakeError> {
        let at = self.at;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| HandshakeError::NotUtf8 { field, at })
    }
}
