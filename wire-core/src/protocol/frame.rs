//! coro_rpc's request and response frames (little-endian), the one frame
//! format of every codec.
//!
//! ```text
//! request  (20 bytes): magic 0x15 | version 0 | serialize_type u8 | msg_type u8
//!                      | seq u32 | function_id u32 | length u32 | attachment_length u32,
//!                      then `length` body bytes, then `attachment_length` bytes
//! response (16 bytes): magic 0x15 | version 0 | status u8 | msg_type u8
//!                      | seq u32 | length u32 | attachment_length u32,
//!                      then body, then attachment
//! ```
//!
//! The body of a call is its arguments' payload, the body of a reply its
//! return value's: each starts with its type-code (see
//! [`codec`](crate::codec)), so a receiver compares codes before it decodes a
//! byte of values. The attachment of a call carries its `#[wire(since = N)]`
//! parameters (the [extension section](super::ext)); a C++ coro_rpc peer
//! ignores it. `serialize_type` names the codec: 0 is struct_pack, the only
//! one a C++ peer speaks.

use std::fmt;

/// First byte of every frame.
pub const MAGIC: u8 = 0x15;
/// The frame layout version.
pub const VERSION: u8 = 0;
/// Bytes in a request header.
pub const REQUEST_HEADER_LEN: usize = 20;
/// Bytes in a response header.
pub const RESPONSE_HEADER_LEN: usize = 16;
/// Default largest body plus attachment a peer accepts: 16 MiB.
pub const DEFAULT_MAX_FRAME: u32 = 16 << 20;

/// The outcome a response reports: coro_rpc's error code. Any value can
/// arrive from a peer (C++ services define their own); the ones this
/// library writes have names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Status(pub u16);

impl Status {
    /// The call ran: the body is the return value.
    pub const OK: Status = Status(0);
    /// The handler takes another argument layout (or the arguments did not
    /// decode under it): nothing ran. coro_rpc's `invalid_rpc_arguments`.
    pub const INVALID_ARGUMENTS: Status = Status(4);
    /// The handler failed (a C++ exception, a Rust panic) or its reply could
    /// not be encoded. coro_rpc's `rpc_throw_exception`.
    pub const HANDLER_FAILED: Status = Status(10);
    /// No handler has this function id. coro_rpc's `function_not_registered`.
    pub const FUNCTION_NOT_REGISTERED: Status = Status(11);
    /// The frame was malformed, or named a codec the server does not speak.
    /// coro_rpc's `protocol_error`.
    pub const PROTOCOL_ERROR: Status = Status(12);
    /// The request or the reply exceeds a frame limit. coro_rpc's `message_too_large`.
    pub const MESSAGE_TOO_LARGE: Status = Status(14);

    /// The name of a status this library knows.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Status::OK => "Ok",
            Status::INVALID_ARGUMENTS => "InvalidArguments",
            Status::HANDLER_FAILED => "HandlerFailed",
            Status::FUNCTION_NOT_REGISTERED => "FunctionNotRegistered",
            Status::PROTOCOL_ERROR => "ProtocolError",
            Status::MESSAGE_TOO_LARGE => "MessageTooLarge",
            _ => return None,
        })
    }

    /// The header byte: codes above 254 travel as 255, with the code in the body.
    pub fn byte(self) -> u8 {
        u8::try_from(self.0).ok().filter(|&b| b != u8::MAX).unwrap_or(u8::MAX)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", self.0),
            None => write!(f, "error {}", self.0),
        }
    }
}

/// A malformed or unacceptable frame.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameError {
    /// The first byte is not [`MAGIC`].
    BadMagic(u8),
    /// A frame version this peer does not speak.
    UnsupportedVersion(u8),
    /// Body and attachment longer than the receiver accepts.
    TooLarge {
        /// Bytes announced.
        len: u64,
        /// The receiver's limit.
        max: u32,
    },
    /// Fewer bytes than the header announces.
    Truncated {
        /// Bytes the frame needs.
        needed: u64,
        /// Bytes there are.
        got: u64,
    },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::BadMagic(b) => write!(f, "bad magic {b:#04x} (expected {MAGIC:#04x}): not a coro_rpc frame"),
            FrameError::UnsupportedVersion(v) => {
                write!(f, "unsupported frame version {v} (this peer speaks {VERSION})")
            }
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
    /// The codec of the body ([`Codec::SERIALIZE_TYPE`](crate::codec::Codec::SERIALIZE_TYPE)).
    pub serialize_type: u8,
    /// Unused by coro_rpc (0); echoed by nothing.
    pub msg_type: u8,
    /// Sequence number, echoed by the response.
    pub seq: u32,
    /// The handler called.
    pub function_id: u32,
    /// Bytes of body.
    pub body_len: u32,
    /// Bytes of attachment after the body.
    pub attachment_len: u32,
}

impl RequestHeader {
    /// The 20 header bytes.
    pub fn encode(&self) -> [u8; REQUEST_HEADER_LEN] {
        let mut b = [0u8; REQUEST_HEADER_LEN];
        b[0] = MAGIC;
        b[1] = VERSION;
        b[2] = self.serialize_type;
        b[3] = self.msg_type;
        b[4..8].copy_from_slice(&self.seq.to_le_bytes());
        b[8..12].copy_from_slice(&self.function_id.to_le_bytes());
        b[12..16].copy_from_slice(&self.body_len.to_le_bytes());
        b[16..20].copy_from_slice(&self.attachment_len.to_le_bytes());
        b
    }

    /// Reads a header and checks that what follows fits under `max`.
    pub fn decode(b: &[u8; REQUEST_HEADER_LEN], max: u32) -> Result<RequestHeader, FrameError> {
        check_head(b[0], b[1])?;
        let h = RequestHeader {
            serialize_type: b[2],
            msg_type: b[3],
            seq: u32_at(b, 4),
            function_id: u32_at(b, 8),
            body_len: u32_at(b, 12),
            attachment_len: u32_at(b, 16),
        };
        check_len(h.payload_len(), max)?;
        Ok(h)
    }

    /// Body plus attachment bytes.
    pub fn payload_len(&self) -> u64 {
        u64::from(self.body_len) + u64::from(self.attachment_len)
    }
}

/// A response header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseHeader {
    /// The outcome's header byte (see [`Status::byte`]).
    pub status: u8,
    /// Unused by coro_rpc (0).
    pub msg_type: u8,
    /// The request's sequence number.
    pub seq: u32,
    /// Bytes of body: the return value's payload, or an error message.
    pub body_len: u32,
    /// Bytes of attachment after the body.
    pub attachment_len: u32,
}

impl ResponseHeader {
    /// The 16 header bytes.
    pub fn encode(&self) -> [u8; RESPONSE_HEADER_LEN] {
        let mut b = [0u8; RESPONSE_HEADER_LEN];
        b[0] = MAGIC;
        b[1] = VERSION;
        b[2] = self.status;
        b[3] = self.msg_type;
        b[4..8].copy_from_slice(&self.seq.to_le_bytes());
        b[8..12].copy_from_slice(&self.body_len.to_le_bytes());
        b[12..16].copy_from_slice(&self.attachment_len.to_le_bytes());
        b
    }

    /// Reads a header and checks that what follows fits under `max`.
    pub fn decode(b: &[u8; RESPONSE_HEADER_LEN], max: u32) -> Result<ResponseHeader, FrameError> {
        check_head(b[0], b[1])?;
        let h = ResponseHeader {
            status: b[2],
            msg_type: b[3],
            seq: u32_at(b, 4),
            body_len: u32_at(b, 8),
            attachment_len: u32_at(b, 12),
        };
        check_len(h.payload_len(), max)?;
        Ok(h)
    }

    /// Body plus attachment bytes.
    pub fn payload_len(&self) -> u64 {
        u64::from(self.body_len) + u64::from(self.attachment_len)
    }
}

fn check_head(magic: u8, version: u8) -> Result<(), FrameError> {
    if magic != MAGIC {
        return Err(FrameError::BadMagic(magic));
    }
    if version != VERSION {
        return Err(FrameError::UnsupportedVersion(version));
    }
    Ok(())
}

fn check_len(len: u64, max: u32) -> Result<(), FrameError> {
    if len > u64::from(max) {
        return Err(FrameError::TooLarge { len, max });
    }
    Ok(())
}

/// Splits a whole request frame held in memory into header, body and attachment.
pub fn split_request(frame: &[u8], max: u32) -> Result<(RequestHeader, &[u8], &[u8]), FrameError> {
    let head = frame
        .first_chunk::<REQUEST_HEADER_LEN>()
        .ok_or(FrameError::Truncated { needed: REQUEST_HEADER_LEN as u64, got: frame.len() as u64 })?;
    let h = RequestHeader::decode(head, max)?;
    let (body, attachment) = split(frame, REQUEST_HEADER_LEN, h.body_len, h.attachment_len)?;
    Ok((h, body, attachment))
}

/// Splits a whole response frame held in memory into header, body and attachment.
pub fn split_response(frame: &[u8], max: u32) -> Result<(ResponseHeader, &[u8], &[u8]), FrameError> {
    let head = frame
        .first_chunk::<RESPONSE_HEADER_LEN>()
        .ok_or(FrameError::Truncated { needed: RESPONSE_HEADER_LEN as u64, got: frame.len() as u64 })?;
    let h = ResponseHeader::decode(head, max)?;
    let (body, attachment) = split(frame, RESPONSE_HEADER_LEN, h.body_len, h.attachment_len)?;
    Ok((h, body, attachment))
}

/// Body and attachment after a header of `head` bytes; a frame shorter than
/// the header announces is `Truncated`, counted in whole-frame bytes.
fn split(frame: &[u8], head: usize, body_len: u32, attachment_len: u32) -> Result<(&[u8], &[u8]), FrameError> {
    let needed = head as u64 + u64::from(body_len) + u64::from(attachment_len);
    if (frame.len() as u64) < needed {
        return Err(FrameError::Truncated { needed, got: frame.len() as u64 });
    }
    let (body, rest) = frame[head..].split_at(body_len as usize);
    Ok((body, &rest[..attachment_len as usize]))
}

/// The type-code a payload starts with (its low bit, struct_pack's "metainfo
/// follows", cleared), or `None` for an empty body (a call of no arguments).
pub fn payload_code(body: &[u8]) -> Option<u32> {
    body.first_chunk::<4>().map(|c| u32::from_le_bytes(*c) & !1)
}
