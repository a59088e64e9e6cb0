//! Request and response frames (coro_rpc-style headers, little-endian).
//!
//! ```text
//! request  (24 bytes): magic "WR" | version u8 | kind u8 | seq u32 | function_id u32
//!                      | args_code u32 | body_len u32 | ext_len u32, then body, then ext
//! response (20 bytes): magic "WA" | version u8 | status u8 | seq u32 | function_id u32
//!                      | return_code u32 | body_len u32, then body
//! ```
//!
//! A server checks `function_id` and `args_code` against its table before it
//! reads a single body byte as arguments; a client checks `return_code`
//! before decoding the reply. An error status carries a UTF-8 message body.

use std::fmt;

/// First two bytes of every request.
pub const REQUEST_MAGIC: [u8; 2] = *b"WR";
/// First two bytes of every response.
pub const RESPONSE_MAGIC: [u8; 2] = *b"WA";
/// The frame layout version.
pub const FRAME_VERSION: u8 = 1;
/// Bytes in a request header.
pub const REQUEST_HEADER_LEN: usize = 24;
/// Bytes in a response header.
pub const RESPONSE_HEADER_LEN: usize = 20;
/// Default largest body (plus extension section) a peer accepts: 16 MiB.
pub const DEFAULT_MAX_FRAME: u32 = 16 << 20;

/// What a request frame carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// A handler call: body = encoded arguments.
    Call = 0,
    /// The handshake: body = the sender's [`ServiceReady`](crate::ServiceReady).
    Handshake = 1,
}

/// The outcome a response reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Status {
    /// Body = the encoded return value.
    Ok = 0,
    /// No handler has this function id.
    FunctionNotRegistered = 1,
    /// The handler exists, but the caller's argument layout (args code) differs.
    InvalidArguments = 2,
    /// The body did not decode under the agreed layout.
    DecodeFailed = 3,
    /// The frame exceeds the receiver's limit.
    FrameTooLarge = 4,
    /// The frame is malformed (magic, version, kind).
    BadFrame = 5,
    /// A call arrived before the handshake.
    HandshakeRequired = 6,
    /// The extension section is malformed, or one of its levels that the
    /// handler knows carries other parameters (another code) than the handler's.
    InvalidExtension = 7,
}

impl Status {
    fn from_u8(b: u8) -> Option<Status> {
        Some(match b {
            0 => Status::Ok,
            1 => Status::FunctionNotRegistered,
            2 => Status::InvalidArguments,
            3 => Status::DecodeFailed,
            4 => Status::FrameTooLarge,
            5 => Status::BadFrame,
            6 => Status::HandshakeRequired,
            7 => Status::InvalidExtension,
            _ => return None,
        })
    }
}

/// A malformed or unacceptable frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameError {
    /// The first bytes are not the expected magic.
    BadMagic {
        /// The first two bytes received.
        found: [u8; 2],
        /// `WR` for a request, `WA` for a response.
        expected: [u8; 2],
    },
    /// A frame version this peer does not speak.
    UnsupportedVersion(u8),
    /// An unknown request kind.
    UnknownKind(u8),
    /// An unknown response status.
    UnknownStatus(u8),
    /// Body (and extension) longer than the receiver accepts.
    TooLarge {
        /// The announced payload length.
        len: u64,
        /// The receiver's limit.
        max: u32,
    },
    /// Fewer bytes than the header announces.
    Truncated {
        /// Bytes the header announces.
        needed: u64,
        /// Bytes there are.
        got: u64,
    },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::BadMagic { found, expected } => write!(
                f,
                "bad magic {:02x}{:02x} (expected {:?}): not a wire frame",
                found[0],
                found[1],
                String::from_utf8_lossy(expected)
            ),
            FrameError::UnsupportedVersion(v) => {
                write!(f, "unsupported frame version {v} (this peer speaks {FRAME_VERSION})")
            }
            FrameError::UnknownKind(k) => write!(f, "unknown request kind {k}"),
            FrameError::UnknownStatus(s) => write!(f, "unknown response status {s}"),
            FrameError::TooLarge { len, max } => write!(f, "frame of {len} bytes exceeds the limit of {max} bytes"),
            FrameError::Truncated { needed, got } => write!(f, "truncated frame: {got} of {needed} bytes"),
        }
    }
}

impl std::error::Error for FrameError {}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// A request header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestHeader {
    /// A call or the handshake.
    pub kind: Kind,
    /// Sequence number, echoed by the response.
    pub seq: u32,
    /// The handler called (0 for a handshake).
    pub function_id: u32,
    /// The caller's args code of that handler (0 for a handshake).
    pub args_code: u32,
    /// Bytes of encoded arguments.
    pub body_len: u32,
    /// Bytes of the extension section that follows the body (0 when none).
    pub ext_len: u32,
}

impl RequestHeader {
    /// The header of a call of `handler` (sequence number 0: a transport numbers its requests).
    pub fn call(handler: &crate::Handler, body_len: u32, ext_len: u32) -> RequestHeader {
        RequestHeader {
            kind: Kind::Call,
            seq: 0,
            function_id: handler.function_id,
            args_code: handler.args_code,
            body_len,
            ext_len,
        }
    }

    /// The header of a handshake carrying a `ServiceReady` of `body_len` bytes.
    pub fn handshake(body_len: u32) -> RequestHeader {
        RequestHeader { kind: Kind::Handshake, seq: 0, function_id: 0, args_code: 0, body_len, ext_len: 0 }
    }

    /// The 24 header bytes.
    pub fn encode(&self) -> [u8; REQUEST_HEADER_LEN] {
        let mut b = [0u8; REQUEST_HEADER_LEN];
        b[0..2].copy_from_slice(&REQUEST_MAGIC);
        b[2] = FRAME_VERSION;
        b[3] = self.kind as u8;
        b[4..8].copy_from_slice(&self.seq.to_le_bytes());
        b[8..12].copy_from_slice(&self.function_id.to_le_bytes());
        b[12..16].copy_from_slice(&self.args_code.to_le_bytes());
        b[16..20].copy_from_slice(&self.body_len.to_le_bytes());
        b[20..24].copy_from_slice(&self.ext_len.to_le_bytes());
        b
    }

    /// Reads a header and checks that what follows fits under `max`.
    pub fn decode(b: &[u8; REQUEST_HEADER_LEN], max: u32) -> Result<RequestHeader, FrameError> {
        if b[0..2] != REQUEST_MAGIC {
            return Err(FrameError::BadMagic { found: [b[0], b[1]], expected: REQUEST_MAGIC });
        }
        if b[2] != FRAME_VERSION {
            return Err(FrameError::UnsupportedVersion(b[2]));
        }
        let kind = match b[3] {
            0 => Kind::Call,
            1 => Kind::Handshake,
            k => return Err(FrameError::UnknownKind(k)),
        };
        let h = RequestHeader {
            kind,
            seq: u32_at(b, 4),
            function_id: u32_at(b, 8),
            args_code: u32_at(b, 12),
            body_len: u32_at(b, 16),
            ext_len: u32_at(b, 20),
        };
        if h.payload_len() > u64::from(max) {
            return Err(FrameError::TooLarge { len: h.payload_len(), max });
        }
        Ok(h)
    }

    /// Body plus extension bytes.
    pub fn payload_len(&self) -> u64 {
        u64::from(self.body_len) + u64::from(self.ext_len)
    }
}

/// A response header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseHeader {
    /// The outcome.
    pub status: Status,
    /// The request's sequence number (0 when the connection is refused).
    pub seq: u32,
    /// The request's function id (0 for a handshake reply or a refusal).
    pub function_id: u32,
    /// Depends on the status: the handler's return code for `Ok`, the
    /// server's args code for `InvalidArguments` (SPEC §6.3).
    pub return_code: u32,
    /// Bytes of body: the encoded return value, the ServiceReady or a message.
    pub body_len: u32,
}

impl ResponseHeader {
    /// The 20 header bytes.
    pub fn encode(&self) -> [u8; RESPONSE_HEADER_LEN] {
        let mut b = [0u8; RESPONSE_HEADER_LEN];
        b[0..2].copy_from_slice(&RESPONSE_MAGIC);
        b[2] = FRAME_VERSION;
        b[3] = self.status as u8;
        b[4..8].copy_from_slice(&self.seq.to_le_bytes());
        b[8..12].copy_from_slice(&self.function_id.to_le_bytes());
        b[12..16].copy_from_slice(&self.return_code.to_le_bytes());
        b[16..20].copy_from_slice(&self.body_len.to_le_bytes());
        b
    }

    /// Reads a header and checks that its body fits under `max`.
    pub fn decode(b: &[u8; RESPONSE_HEADER_LEN], max: u32) -> Result<ResponseHeader, FrameError> {
        if b[0..2] != RESPONSE_MAGIC {
            return Err(FrameError::BadMagic { found: [b[0], b[1]], expected: RESPONSE_MAGIC });
        }
        if b[2] != FRAME_VERSION {
            return Err(FrameError::UnsupportedVersion(b[2]));
        }
        let status = Status::from_u8(b[3]).ok_or(FrameError::UnknownStatus(b[3]))?;
        let h = ResponseHeader {
            status,
            seq: u32_at(b, 4),
            function_id: u32_at(b, 8),
            return_code: u32_at(b, 12),
            body_len: u32_at(b, 16),
        };
        if h.body_len > max {
            return Err(FrameError::TooLarge { len: u64::from(h.body_len), max });
        }
        Ok(h)
    }
}

/// Splits a whole request frame held in memory into header, body and extension.
pub fn split_request(frame: &[u8], max: u32) -> Result<(RequestHeader, &[u8], &[u8]), FrameError> {
    let head: &[u8; REQUEST_HEADER_LEN] = frame
        .get(..REQUEST_HEADER_LEN)
        .and_then(|h| h.try_into().ok())
        .ok_or(FrameError::Truncated { needed: REQUEST_HEADER_LEN as u64, got: frame.len() as u64 })?;
    let h = RequestHeader::decode(head, max)?;
    let rest = &frame[REQUEST_HEADER_LEN..];
    if (rest.len() as u64) < h.payload_len() {
        return Err(FrameError::Truncated {
            needed: REQUEST_HEADER_LEN as u64 + h.payload_len(),
            got: frame.len() as u64,
        });
    }
    let (body, rest) = rest.split_at(h.body_len as usize);
    Ok((h, body, &rest[..h.ext_len as usize]))
}

/// Splits a whole response frame held in memory into header and body.
pub fn split_response(frame: &[u8], max: u32) -> Result<(ResponseHeader, &[u8]), FrameError> {
    let head: &[u8; RESPONSE_HEADER_LEN] = frame
        .get(..RESPONSE_HEADER_LEN)
        .and_then(|h| h.try_into().ok())
        .ok_or(FrameError::Truncated { needed: RESPONSE_HEADER_LEN as u64, got: frame.len() as u64 })?;
    let h = ResponseHeader::decode(head, max)?;
    let body = &frame[RESPONSE_HEADER_LEN..];
    if (body.len() as u64) < u64::from(h.body_len) {
        return Err(FrameError::Truncated {
            needed: (RESPONSE_HEADER_LEN + h.body_len as usize) as u64,
            got: frame.len() as u64,
        });
    }
    Ok((h, &body[..h.body_len as usize]))
}
