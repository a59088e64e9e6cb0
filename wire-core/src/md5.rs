//! MD5 (RFC 1321) as a streaming `const fn`, so codes are computed during
//! const evaluation. The `md-5` crate is the oracle in `tests/md5_oracle.rs`.

/// Streaming MD5 state usable in const evaluation.
///
/// ```
/// const DIGEST: [u8; 16] = wire_core::Md5::new().update(b"abc").finish();
/// assert_eq!(DIGEST[0], 0x90);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Md5 {
    pub(crate) state: [u32; 4],
    /// The current block; the bytes past `filled` are zero.
    pub(crate) block: [u8; 64],
    pub(crate) filled: usize,
    /// Bytes in the blocks already compressed.
    pub(crate) compressed: u64,
}

// Const evaluation interprets every call and statement, so the byte paths
// below are written out in place rather than calling each other
// (`crate::literal::Emitter::byte` repeats `push` for the same reason).
impl Md5 {
    /// A fresh hasher.
    pub const fn new() -> Self {
        Md5 { state: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476], block: [0; 64], filled: 0, compressed: 0 }
    }

    /// Feeds one byte.
    pub const fn push(&mut self, byte: u8) {
        self.block[self.filled] = byte;
        self.filled += 1;
        if self.filled == 64 {
            self.compress();
        }
    }

    /// Feeds `bytes`, returning the hasher (builder style, handy in `const`).
    pub const fn update(mut self, bytes: &[u8]) -> Self {
        self.write(bytes);
        self
    }

    /// Feeds `bytes` in place.
    pub const fn write(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            self.block[self.filled] = bytes[i];
            self.filled += 1;
            if self.filled == 64 {
                self.compress();
            }
            i += 1;
        }
    }

    /// Pads, finishes and returns the 16-byte digest.
    pub const fn finish(mut self) -> [u8; 16] {
        self.pad();
        let mut out = [0u8; 16];
        let mut w = 0;
        while w < 4 {
            let s = self.state[w];
            out[w * 4] = s as u8;
            out[w * 4 + 1] = (s >> 8) as u8;
            out[w * 4 + 2] = (s >> 16) as u8;
            out[w * 4 + 3] = (s >> 24) as u8;
            w += 1;
        }
        out
    }

    /// `0x80`, zeros, the bit length: the last block(s). The zeros are
    /// already there (see `block`).
    const fn pad(&mut self) {
        let bits = (self.compressed + self.filled as u64).wrapping_mul(8);
        self.block[self.filled] = 0x80;
        if self.filled >= 56 {
            self.compress();
        }
        self.block[56] = bits as u8;
        self.block[57] = (bits >> 8) as u8;
        self.block[58] = (bits >> 16) as u8;
        self.block[59] = (bits >> 24) as u8;
        self.block[60] = (bits >> 32) as u8;
        self.block[61] = (bits >> 40) as u8;
        self.block[62] = (bits >> 48) as u8;
        self.block[63] = (bits >> 56) as u8;
        self.compress();
    }

    /// `md5_32`: the first four digest bytes read big-endian (struct_pack's `MD5Hash32`).
    pub const fn finish_u32(mut self) -> u32 {
        self.pad();
        // The first four digest bytes are `state[0]` little-endian.
        let s = self.state[0];
        (s & 0xFF) << 24 | (s & 0xFF00) << 8 | (s >> 8) & 0xFF00 | s >> 24
    }

    /// Compresses the full block and starts an empty one. Unrolled: const evaluation interprets every
    /// statement, call and bounds check, and a loop over the 64 steps (with
    /// its round selection and table lookups) costs about twice as much.
    /// Additions go through `u64` and a mask rather than `wrapping_add`,
    /// which would be a call.
    #[allow(clippy::manual_rotate)]
    pub(crate) const fn compress(&mut self) {
        let mut m = [0u32; 16];
        let mut i = 0;
        while i < 16 {
            let b = i * 4;
            m[i] = self.block[b] as u32
                | (self.block[b + 1] as u32) << 8
                | (self.block[b + 2] as u32) << 16
                | (self.block[b + 3] as u32) << 24;
            i += 1;
        }
        const MASK: u64 = 0xFFFF_FFFF;
        let (mut a, mut b, mut c, mut d) = (self.state[0], self.state[1], self.state[2], self.state[3]);
        // One step: `a = b + rotl(a + f(b, c, d) + k + m[g], s)`.
        macro_rules! step {
            ($f:ident, $a:ident, $b:ident, $c:ident, $d:ident, $g:literal, $s:literal, $k:literal) => {
                let sum = (($a as u64 + $f!($b, $c, $d) as u64 + $k + m[$g] as u64) & MASK) as u32;
                $a = (($b as u64 + ((sum << $s) | (sum >> (32 - $s))) as u64) & MASK) as u32;
            };
        }
        macro_rules! f {
            ($b:ident, $c:ident, $d:ident) => {
                ($b & $c) | (!$b & $d)
            };
        }
        macro_rules! g {
            ($b:ident, $c:ident, $d:ident) => {
                ($d & $b) | (!$d & $c)
            };
        }
        macro_rules! h {
            ($b:ident, $c:ident, $d:ident) => {
                $b ^ $c ^ $d
            };
        }
        macro_rules! i {
            ($b:ident, $c:ident, $d:ident) => {
                $c ^ ($b | !$d)
            };
        }
        step!(f, a, b, c, d, 0, 7, 0xd76aa478);
        step!(f, d, a, b, c, 1, 12, 0xe8c7b756);
        step!(f, c, d, a, b, 2, 17, 0x242070db);
        step!(f, b, c, d, a, 3, 22, 0xc1bdceee);
        step!(f, a, b, c, d, 4, 7, 0xf57c0faf);
        step!(f, d, a, b, c, 5, 12, 0x4787c62a);
        step!(f, c, d, a, b, 6, 17, 0xa8304613);
        step!(f, b, c, d, a, 7, 22, 0xfd469501);
        step!(f, a, b, c, d, 8, 7, 0x698098d8);
        step!(f, d, a, b, c, 9, 12, 0x8b44f7af);
        step!(f, c, d, a, b, 10, 17, 0xffff5bb1);
        step!(f, b, c, d, a, 11, 22, 0x895cd7be);
        step!(f, a, b, c, d, 12, 7, 0x6b901122);
        step!(f, d, a, b, c, 13, 12, 0xfd987193);
        step!(f, c, d, a, b, 14, 17, 0xa679438e);
        step!(f, b, c, d, a, 15, 22, 0x49b40821);

        step!(g, a, b, c, d, 1, 5, 0xf61e2562);
        step!(g, d, a, b, c, 6, 9, 0xc040b340);
        step!(g, c, d, a, b, 11, 14, 0x265e5a51);
        step!(g, b, c, d, a, 0, 20, 0xe9b6c7aa);
        step!(g, a, b, c, d, 5, 5, 0xd62f105d);
        step!(g, d, a, b, c, 10, 9, 0x02441453);
        step!(g, c, d, a, b, 15, 14, 0xd8a1e681);
        step!(g, b, c, d, a, 4, 20, 0xe7d3fbc8);
        step!(g, a, b, c, d, 9, 5, 0x21e1cde6);
        step!(g, d, a, b, c, 14, 9, 0xc33707d6);
        step!(g, c, d, a, b, 3, 14, 0xf4d50d87);
        step!(g, b, c, d, a, 8, 20, 0x455a14ed);
        step!(g, a, b, c, d, 13, 5, 0xa9e3e905);
        step!(g, d, a, b, c, 2, 9, 0xfcefa3f8);
        step!(g, c, d, a, b, 7, 14, 0x676f02d9);
        step!(g, b, c, d, a, 12, 20, 0x8d2a4c8a);

        step!(h, a, b, c, d, 5, 4, 0xfffa3942);
        step!(h, d, a, b, c, 8, 11, 0x8771f681);
        step!(h, c, d, a, b, 11, 16, 0x6d9d6122);
        step!(h, b, c, d, a, 14, 23, 0xfde5380c);
        step!(h, a, b, c, d, 1, 4, 0xa4beea44);
        step!(h, d, a, b, c, 4, 11, 0x4bdecfa9);
        step!(h, c, d, a, b, 7, 16, 0xf6bb4b60);
        step!(h, b, c, d, a, 10, 23, 0xbebfbc70);
        step!(h, a, b, c, d, 13, 4, 0x289b7ec6);
        step!(h, d, a, b, c, 0, 11, 0xeaa127fa);
        step!(h, c, d, a, b, 3, 16, 0xd4ef3085);
        step!(h, b, c, d, a, 6, 23, 0x04881d05);
        step!(h, a, b, c, d, 9, 4, 0xd9d4d039);
        step!(h, d, a, b, c, 12, 11, 0xe6db99e5);
        step!(h, c, d, a, b, 15, 16, 0x1fa27cf8);
        step!(h, b, c, d, a, 2, 23, 0xc4ac5665);

        step!(i, a, b, c, d, 0, 6, 0xf4292244);
        step!(i, d, a, b, c, 7, 10, 0x432aff97);
        step!(i, c, d, a, b, 14, 15, 0xab9423a7);
        step!(i, b, c, d, a, 5, 21, 0xfc93a039);
        step!(i, a, b, c, d, 12, 6, 0x655b59c3);
        step!(i, d, a, b, c, 3, 10, 0x8f0ccc92);
        step!(i, c, d, a, b, 10, 15, 0xffeff47d);
        step!(i, b, c, d, a, 1, 21, 0x85845dd1);
        step!(i, a, b, c, d, 8, 6, 0x6fa87e4f);
        step!(i, d, a, b, c, 15, 10, 0xfe2ce6e0);
        step!(i, c, d, a, b, 6, 15, 0xa3014314);
        step!(i, b, c, d, a, 13, 21, 0x4e0811a1);
        step!(i, a, b, c, d, 4, 6, 0xf7537e82);
        step!(i, d, a, b, c, 11, 10, 0xbd3af235);
        step!(i, c, d, a, b, 2, 15, 0x2ad7d2bb);
        step!(i, b, c, d, a, 9, 21, 0xeb86d391);

        self.state[0] = ((self.state[0] as u64 + a as u64) & MASK) as u32;
        self.state[1] = ((self.state[1] as u64 + b as u64) & MASK) as u32;
        self.state[2] = ((self.state[2] as u64 + c as u64) & MASK) as u32;
        self.state[3] = ((self.state[3] as u64 + d as u64) & MASK) as u32;
        self.block = [0; 64];
        self.filled = 0;
        self.compressed += 64;
    }
}

impl Default for Md5 {
    fn default() -> Self {
        Md5::new()
    }
}
