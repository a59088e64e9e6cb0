//! MD5 (RFC 1321) as a streaming `const fn`, so codes are computed during
//! const evaluation. The `md-5` crate is the oracle in `md5_oracle.rs`.

/// Streaming MD5 state usable in const evaluation.
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
// (`crate::contract::literal::emitter::Emitter::byte` repeats `push` for the same reason).
impl Md5 {
    /// A fresh hasher.
    pub const fn new() -> Self {
        Md5 { state: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476], block: [0; 64], filled: 0, compressed: 0 }
    }

    /// Feeds one byte.
    #[cfg(test)]
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

    /// Compresses the full block and starts an empty one.
    pub(crate) const fn compress(&mut self) {
        compress(&mut self.state, &self.block);
        self.block = [0; 64];
        self.filled = 0;
        self.compressed += 64;
    }
}

/// One MD5 block. Written for const evaluation, which interprets every
/// statement, call, bounds check and place: unrolled (a loop over the 64
/// steps with its round selection and table lookups costs about twice as
/// much), the message words and the state in `u64` locals rather than `u32`
/// arrays behind `&mut self` (no casts; sums of four 32-bit values cannot
/// overflow, `& M` truncates, and `x ^ M` is a 32-bit NOT), the right shift
/// of each rotation a literal, and no `wrapping_add` or `rotate_left`,
/// which would be calls. About 11 % fewer instructions than the `u32`
/// version with casts (`scripts/compile-cost.sh`, callgrind).
#[allow(clippy::manual_rotate, clippy::identity_op)]
const fn compress(state: &mut [u32; 4], block: &[u8; 64]) {
    macro_rules! word {
        ($i:literal) => {
            block[$i * 4] as u64
                | (block[$i * 4 + 1] as u64) << 8
                | (block[$i * 4 + 2] as u64) << 16
                | (block[$i * 4 + 3] as u64) << 24
        };
    }
    let m0 = word!(0);
    let m1 = word!(1);
    let m2 = word!(2);
    let m3 = word!(3);
    let m4 = word!(4);
    let m5 = word!(5);
    let m6 = word!(6);
    let m7 = word!(7);
    let m8 = word!(8);
    let m9 = word!(9);
    let m10 = word!(10);
    let m11 = word!(11);
    let m12 = word!(12);
    let m13 = word!(13);
    let m14 = word!(14);
    let m15 = word!(15);
    // Everything in `u64` holding 32-bit values: no casts, and a sum of four
    // words cannot overflow; `& M` brings results back to 32 bits.
    const M: u64 = 0xFFFF_FFFF;
    let (mut a, mut b, mut c, mut d) = (state[0] as u64, state[1] as u64, state[2] as u64, state[3] as u64);
    // One step: `a = b + rotl(a + f(b, c, d) + k + m, s)`.
    macro_rules! step {
        ($f:ident, $a:ident, $b:ident, $c:ident, $d:ident, $m:ident, $s:literal, $r:literal, $k:literal) => {
            let sum = ($a + $f!($b, $c, $d) + $k + $m) & M;
            $a = ($b + ((sum << $s) & M | sum >> $r)) & M;
        };
    }
    macro_rules! f {
        ($b:ident, $c:ident, $d:ident) => {
            ($b & $c) | (($b ^ M) & $d)
        };
    }
    macro_rules! g {
        ($b:ident, $c:ident, $d:ident) => {
            ($d & $b) | (($d ^ M) & $c)
        };
    }
    macro_rules! h {
        ($b:ident, $c:ident, $d:ident) => {
            $b ^ $c ^ $d
        };
    }
    macro_rules! i {
        ($b:ident, $c:ident, $d:ident) => {
            $c ^ ($b | ($d ^ M))
        };
    }
    step!(f, a, b, c, d, m0, 7, 25, 0xd76aa478);
    step!(f, d, a, b, c, m1, 12, 20, 0xe8c7b756);
    step!(f, c, d, a, b, m2, 17, 15, 0x242070db);
    step!(f, b, c, d, a, m3, 22, 10, 0xc1bdceee);
    step!(f, a, b, c, d, m4, 7, 25, 0xf57c0faf);
    step!(f, d, a, b, c, m5, 12, 20, 0x4787c62a);
    step!(f, c, d, a, b, m6, 17, 15, 0xa8304613);
    step!(f, b, c, d, a, m7, 22, 10, 0xfd469501);
    step!(f, a, b, c, d, m8, 7, 25, 0x698098d8);
    step!(f, d, a, b, c, m9, 12, 20, 0x8b44f7af);
    step!(f, c, d, a, b, m10, 17, 15, 0xffff5bb1);
    step!(f, b, c, d, a, m11, 22, 10, 0x895cd7be);
    step!(f, a, b, c, d, m12, 7, 25, 0x6b901122);
    step!(f, d, a, b, c, m13, 12, 20, 0xfd987193);
    step!(f, c, d, a, b, m14, 17, 15, 0xa679438e);
    step!(f, b, c, d, a, m15, 22, 10, 0x49b40821);

    step!(g, a, b, c, d, m1, 5, 27, 0xf61e2562);
    step!(g, d, a, b, c, m6, 9, 23, 0xc040b340);
    step!(g, c, d, a, b, m11, 14, 18, 0x265e5a51);
    step!(g, b, c, d, a, m0, 20, 12, 0xe9b6c7aa);
    step!(g, a, b, c, d, m5, 5, 27, 0xd62f105d);
    step!(g, d, a, b, c, m10, 9, 23, 0x02441453);
    step!(g, c, d, a, b, m15, 14, 18, 0xd8a1e681);
    step!(g, b, c, d, a, m4, 20, 12, 0xe7d3fbc8);
    step!(g, a, b, c, d, m9, 5, 27, 0x21e1cde6);
    step!(g, d, a, b, c, m14, 9, 23, 0xc33707d6);
    step!(g, c, d, a, b, m3, 14, 18, 0xf4d50d87);
    step!(g, b, c, d, a, m8, 20, 12, 0x455a14ed);
    step!(g, a, b, c, d, m13, 5, 27, 0xa9e3e905);
    step!(g, d, a, b, c, m2, 9, 23, 0xfcefa3f8);
    step!(g, c, d, a, b, m7, 14, 18, 0x676f02d9);
    step!(g, b, c, d, a, m12, 20, 12, 0x8d2a4c8a);

    step!(h, a, b, c, d, m5, 4, 28, 0xfffa3942);
    step!(h, d, a, b, c, m8, 11, 21, 0x8771f681);
    step!(h, c, d, a, b, m11, 16, 16, 0x6d9d6122);
    step!(h, b, c, d, a, m14, 23, 9, 0xfde5380c);
    step!(h, a, b, c, d, m1, 4, 28, 0xa4beea44);
    step!(h, d, a, b, c, m4, 11, 21, 0x4bdecfa9);
    step!(h, c, d, a, b, m7, 16, 16, 0xf6bb4b60);
    step!(h, b, c, d, a, m10, 23, 9, 0xbebfbc70);
    step!(h, a, b, c, d, m13, 4, 28, 0x289b7ec6);
    step!(h, d, a, b, c, m0, 11, 21, 0xeaa127fa);
    step!(h, c, d, a, b, m3, 16, 16, 0xd4ef3085);
    step!(h, b, c, d, a, m6, 23, 9, 0x04881d05);
    step!(h, a, b, c, d, m9, 4, 28, 0xd9d4d039);
    step!(h, d, a, b, c, m12, 11, 21, 0xe6db99e5);
    step!(h, c, d, a, b, m15, 16, 16, 0x1fa27cf8);
    step!(h, b, c, d, a, m2, 23, 9, 0xc4ac5665);

    step!(i, a, b, c, d, m0, 6, 26, 0xf4292244);
    step!(i, d, a, b, c, m7, 10, 22, 0x432aff97);
    step!(i, c, d, a, b, m14, 15, 17, 0xab9423a7);
    step!(i, b, c, d, a, m5, 21, 11, 0xfc93a039);
    step!(i, a, b, c, d, m12, 6, 26, 0x655b59c3);
    step!(i, d, a, b, c, m3, 10, 22, 0x8f0ccc92);
    step!(i, c, d, a, b, m10, 15, 17, 0xffeff47d);
    step!(i, b, c, d, a, m1, 21, 11, 0x85845dd1);
    step!(i, a, b, c, d, m8, 6, 26, 0x6fa87e4f);
    step!(i, d, a, b, c, m15, 10, 22, 0xfe2ce6e0);
    step!(i, c, d, a, b, m6, 15, 17, 0xa3014314);
    step!(i, b, c, d, a, m13, 21, 11, 0x4e0811a1);
    step!(i, a, b, c, d, m4, 6, 26, 0xf7537e82);
    step!(i, d, a, b, c, m11, 10, 22, 0xbd3af235);
    step!(i, c, d, a, b, m2, 15, 17, 0x2ad7d2bb);
    step!(i, b, c, d, a, m9, 21, 11, 0xeb86d391);

    state[0] = ((state[0] as u64 + a) & M) as u32;
    state[1] = ((state[1] as u64 + b) & M) as u32;
    state[2] = ((state[2] as u64 + c) & M) as u32;
    state[3] = ((state[3] as u64 + d) & M) as u32;
}

impl Default for Md5 {
    fn default() -> Self {
        Md5::new()
    }
}

#[cfg(test)]
#[path = "md5_oracle.rs"]
mod oracle;
