//! MD5 (RFC 1321) as a streaming `const fn`, so codes are computed during
//! const evaluation. The `md-5` crate is the oracle in `tests/md5_oracle.rs`.

const S: [u32; 64] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, //
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, //
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, //
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

const K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
    0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
    0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
    0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
    0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
    0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
    0xeb86d391,
];

/// Streaming MD5 state usable in const evaluation.
///
/// ```
/// const DIGEST: [u8; 16] = wire_core::Md5::new().update(b"abc").finish();
/// assert_eq!(DIGEST[0], 0x90);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Md5 {
    state: [u32; 4],
    block: [u8; 64],
    filled: usize,
    total: u64,
}

impl Md5 {
    /// A fresh hasher.
    pub const fn new() -> Self {
        Md5 { state: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476], block: [0; 64], filled: 0, total: 0 }
    }

    /// Feeds one byte.
    pub const fn push(&mut self, byte: u8) {
        self.block[self.filled] = byte;
        self.filled += 1;
        self.total = self.total.wrapping_add(1);
        if self.filled == 64 {
            self.compress();
            self.filled = 0;
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
            self.push(bytes[i]);
            i += 1;
        }
    }

    /// Pads, finishes and returns the 16-byte digest.
    pub const fn finish(mut self) -> [u8; 16] {
        let bit_len = self.total.wrapping_mul(8);
        self.push(0x80);
        while self.filled != 56 {
            self.push(0);
        }
        let len = bit_len.to_le_bytes();
        let mut i = 0;
        while i < 8 {
            self.push(len[i]);
            i += 1;
        }
        let mut out = [0u8; 16];
        let mut w = 0;
        while w < 4 {
            let b = self.state[w].to_le_bytes();
            out[w * 4] = b[0];
            out[w * 4 + 1] = b[1];
            out[w * 4 + 2] = b[2];
            out[w * 4 + 3] = b[3];
            w += 1;
        }
        out
    }

    /// `md5_32`: the first four digest bytes read big-endian (struct_pack's `MD5Hash32`).
    pub const fn finish_u32(self) -> u32 {
        let d = self.finish();
        u32::from_be_bytes([d[0], d[1], d[2], d[3]])
    }

    /// One 64-byte block. Written with plain integer operations and no calls
    /// in the loop: const evaluation interprets every call and method, and
    /// this loop is where compile time goes.
    #[allow(clippy::manual_rotate)]
    const fn compress(&mut self) {
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
        let mut r = 0;
        while r < 64 {
            let (f, g) = if r < 16 {
                ((b & c) | (!b & d), r)
            } else if r < 32 {
                ((d & b) | (!d & c), (5 * r + 1) & 15)
            } else if r < 48 {
                (b ^ c ^ d, (3 * r + 5) & 15)
            } else {
                (c ^ (b | !d), (7 * r) & 15)
            };
            let sum = ((a as u64 + f as u64 + K[r] as u64 + m[g] as u64) & MASK) as u32;
            let s = S[r];
            let rotated = (sum << s) | (sum >> (32 - s));
            a = d;
            d = c;
            c = b;
            b = ((b as u64 + rotated as u64) & MASK) as u32;
            r += 1;
        }
        self.state[0] = ((self.state[0] as u64 + a as u64) & MASK) as u32;
        self.state[1] = ((self.state[1] as u64 + b as u64) & MASK) as u32;
        self.state[2] = ((self.state[2] as u64 + c as u64) & MASK) as u32;
        self.state[3] = ((self.state[3] as u64 + d as u64) & MASK) as u32;
    }
}

impl Default for Md5 {
    fn default() -> Self {
        Md5::new()
    }
}
