//! Where the literal walk's bytes go: the MD5 state (codes) and a capture
//! window (literal bytes at run time), struct_pack's byte alphabet, and the
//! errors of a tree with no literal.

use crate::contract::md5::Md5;

/// Literal bytes of the shapes that have one (struct_pack's type ids).
pub(crate) mod byte {
    pub const STRING: [u8; 2] = [0x80, 0x0C];
    pub const ARRAY: u8 = 0x81;
    pub const MAP: u8 = 0x82;
    pub const SET: u8 = 0x83;
    pub const SEQ: u8 = 0x84;
    pub const OPTION: u8 = 0x85;
    pub const ENUM: u8 = 0x86;
    pub const RESULT: u8 = 0x87;
    pub const OPAQUE: u8 = 0xF9;
    pub const MONOSTATE: u8 = 0xFA;
    pub const CIRCLE: u8 = 0xFB;
    pub const SIZE_MINUS_ONE: u8 = 0x80;
    pub const STRUCT: u8 = 0xFD;
    pub const END: u8 = 0xFF;
}

/// Bytes captured per pass of [`Schema::literal`](crate::Schema::literal); longer literals take more passes.
const WINDOW: usize = 256;

/// Where the walk's bytes go: always into the hash, and the bytes at
/// positions `skip..skip + WINDOW` also into `window` when capturing.
pub(crate) struct Emitter {
    md5: Md5,
    pub(super) len: usize,
    skip: usize,
    pub(super) window: [u8; WINDOW],
    pub(super) captured: usize,
    pub(super) error: Option<LiteralError>,
}

/// A schema with no literal: only a hand-built or hand-edited tree can have
/// one (for derived types the compiler reports it when computing `CODE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiteralError {
    /// A [`Schema::SelfRef`](crate::Schema::SelfRef) with no enclosing struct or enum of that path,
    /// e.g. a recursive newtype or `#[serde(transparent)]` type.
    DanglingSelfRef,
    /// The literal would be longer than [`MAX_LITERAL`] bytes: a type graph
    /// that reuses types so often that its tree expansion explodes (each
    /// use is written out in full), e.g. `T0 = (T1, T1)`, `T1 = (T2, T2)`, ….
    TooLong,
    /// A struct marked trivially copyable has a field that is not (only
    /// numbers, C-like enums, arrays of them and such structs are).
    NotTrivial,
}

/// The longest literal computed (1 MiB). Real handler types stay far below;
/// the bound keeps a hostile contract file (or type) from taking exponential time.
pub const MAX_LITERAL: usize = 1 << 20;

impl LiteralError {
    /// What went wrong and what to do.
    pub const fn message(self) -> &'static str {
        match self {
            LiteralError::DanglingSelfRef => {
                "a self-reference found no enclosing struct or enum: a recursive newtype or \
                 #[serde(transparent)] type has no literal of its own to point back to; make it a \
                 struct with named fields or an enum"
            }
            LiteralError::TooLong => {
                "the type's literal would exceed 1 MiB: its types are reused so often that writing \
                 each use out explodes; box or restructure the repeated part, or give it \
                 #[wire(opaque = \"Name\")]"
            }
            LiteralError::NotTrivial => {
                "a #[wire(trivial)] struct has a field that is not trivially copyable: only numbers, \
                 #[wire(c_enum)] enums, arrays of them and #[wire(trivial)] structs are; remove \
                 #[wire(trivial)] or change the field"
            }
        }
    }
}

impl core::fmt::Display for LiteralError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for LiteralError {}

impl Emitter {
    pub(crate) const fn hashing() -> Self {
        Emitter::capturing(usize::MAX)
    }

    pub(super) const fn capturing(skip: usize) -> Self {
        Emitter { md5: Md5::new(), len: 0, skip, window: [0; WINDOW], captured: 0, error: None }
    }

    /// `Md5::push` written out in place: in const evaluation, where codes
    /// are computed, every call costs, and this runs once per literal byte.
    pub(super) const fn byte(&mut self, b: u8) {
        self.md5.block[self.md5.filled] = b;
        self.md5.filled += 1;
        if self.md5.filled == 64 {
            self.md5.compress();
        }
        if self.len >= self.skip && self.captured < WINDOW {
            self.window[self.captured] = b;
            self.captured += 1;
        }
        self.len += 1;
    }

    pub(super) const fn bytes(&mut self, bs: &[u8]) {
        let mut i = 0;
        let n = bs.len();
        while i < n {
            self.byte(bs[i]);
            i += 1;
        }
    }

    /// struct_pack's size literal: base-127 digits, least significant first,
    /// each + 1, the most significant + 129.
    pub(super) const fn size(&mut self, mut n: usize) {
        while n >= 127 {
            self.byte((n % 127) as u8 + 1);
            n /= 127;
        }
        self.byte(n as u8 + 129);
    }

    pub(super) const fn fail(&mut self, error: LiteralError) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// The type-code of everything emitted: `md5_32 & 0xFFFF_FFFE`.
    pub(crate) const fn code(self) -> Result<u32, LiteralError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.md5.finish_u32() & !1),
        }
    }
}
