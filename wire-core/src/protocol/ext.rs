//! Extension sections: `#[wire(since = N)]` parameters, which an older peer skips.
//!
//! A handler's trailing parameters marked `#[wire(since = N)]` do not enter
//! its args code. They travel after the base arguments, in the request's
//! attachment (which a C++ coro_rpc peer ignores), one group per level:
//!
//! ```text
//! section := group*                        (ascending since, each at most once)
//! group   := since u16 | len u32 | payload[len]                (little-endian)
//! payload := the codec's payload of the level's parameters, as of a call
//!            taking them: it starts with their args code
//! ```
//!
//! A receiver decodes the groups whose level it knows (after checking their
//! code), skips the ones it does not, and gives the parameters of a level the
//! sender did not send their default (`None` for `Option`). So a server built
//! before a parameter existed still serves a newer client, and a newer server
//! serves an older client.
//!
//! ```
//! use wire_core::protocol::ext::{ExtSection, write_group};
//!
//! let mut section = Vec::new();
//! write_group(&mut section, 2, &[0x78, 0x56, 0x34, 0x12, 7]);
//! let parsed = ExtSection::parse(&section).unwrap();
//! assert_eq!(parsed.get(2).unwrap().code(), Some(0x1234_5678));
//! assert!(parsed.get(3).is_none());
//! ```

use crate::codec::{Codec, CodecError, Payload};
use crate::contract::registry::Handler;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// Bytes before a group's payload: `since u16 | len u32`.
pub const GROUP_HEADER_LEN: usize = 6;

/// One group of a received extension section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group<'a> {
    /// The level (≥ 1).
    pub since: u16,
    /// The payload of the level's parameters.
    pub bytes: &'a [u8],
}

impl Group<'_> {
    /// The sender's code of the level (the args code of its parameters), or
    /// `None` if the payload is too short to start with one.
    pub fn code(&self) -> Option<u32> {
        super::frame::payload_code(self.bytes)
    }
}

/// A parsed extension section: groups in ascending `since` order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtSection<'a> {
    groups: Vec<Group<'a>>,
}

/// An extension section that does not follow the layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtError {
    /// The section ends inside a group.
    Truncated {
        /// Offset of the group in the section.
        at: usize,
        /// Bytes the group needs from there.
        needed: u64,
        /// Bytes left.
        got: usize,
    },
    /// A group with level 0 (level 0 is the base arguments).
    LevelZero {
        /// Offset of the group in the section.
        at: usize,
    },
    /// Levels not strictly ascending.
    OutOfOrder {
        /// Offset of the group in the section.
        at: usize,
        /// Its level.
        since: u16,
        /// The level of the group before it.
        after: u16,
    },
}

impl fmt::Display for ExtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtError::Truncated { at, needed, got } => {
                write!(f, "extension section truncated at byte {at}: group needs {needed} bytes, {got} left")
            }
            ExtError::LevelZero { at } => write!(f, "extension group at byte {at} has level 0 (levels start at 1)"),
            ExtError::OutOfOrder { at, since, after } => {
                write!(f, "extension group at byte {at}: level {since} after level {after} (must ascend)")
            }
        }
    }
}

impl std::error::Error for ExtError {}

impl<'a> ExtSection<'a> {
    /// Reads a section; every byte must belong to a group. Allocates at most
    /// one entry per 10 input bytes.
    pub fn parse(bytes: &'a [u8]) -> Result<ExtSection<'a>, ExtError> {
        let mut groups = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let rest = &bytes[at..];
            if rest.len() < GROUP_HEADER_LEN {
                return Err(ExtError::Truncated { at, needed: GROUP_HEADER_LEN as u64, got: rest.len() });
            }
            let since = u16::from_le_bytes([rest[0], rest[1]]);
            let len = u32::from_le_bytes([rest[2], rest[3], rest[4], rest[5]]);
            let needed = GROUP_HEADER_LEN as u64 + u64::from(len);
            if (rest.len() as u64) < needed {
                return Err(ExtError::Truncated { at, needed, got: rest.len() });
            }
            if since == 0 {
                return Err(ExtError::LevelZero { at });
            }
            if let Some(prev) = groups.last().map(|g: &Group| g.since)
                && prev >= since
            {
                return Err(ExtError::OutOfOrder { at, since, after: prev });
            }
            groups.push(Group { since, bytes: &rest[GROUP_HEADER_LEN..needed as usize] });
            at += needed as usize;
        }
        Ok(ExtSection { groups })
    }

    /// The groups, ascending by level.
    pub fn groups(&self) -> &[Group<'a>] {
        &self.groups
    }

    /// The group of level `since`, if the sender sent one.
    pub fn get(&self, since: u16) -> Option<&Group<'a>> {
        self.groups.binary_search_by_key(&since, |g| g.since).ok().map(|i| &self.groups[i])
    }

    /// The section's bytes again (what [`parse`](ExtSection::parse) read).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for g in &self.groups {
            write_group(&mut out, g.since, g.bytes);
        }
        out
    }

    /// The first group of a level `handler` knows whose code is not the
    /// handler's: `(since, sent code (0 if none), handler's code)`. Unknown
    /// levels are not checked: they are skipped.
    pub fn mismatch(&self, handler: &Handler) -> Option<(u16, u32, u32)> {
        handler.ext.iter().find_map(|mine| {
            let sent = self.get(mine.since)?.code();
            (sent != Some(mine.code)).then_some((mine.since, sent.unwrap_or(0), mine.code))
        })
    }
}

/// Appends one group (a level's payload) to a section being written.
pub fn write_group(out: &mut Vec<u8>, since: u16, payload: &[u8]) {
    out.extend_from_slice(&since.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
}

/// Writes the extension section of a call, one level at a time, in
/// ascending order. `#[wire_rpc]`'s clients use it; by hand:
///
/// ```
/// use wire_core::codec::Bincode;
/// use wire_core::protocol::ext::{ExtSection, ExtWriter, decode_level};
///
/// #[wire_core::wire_rpc]
/// pub trait Store {
///     fn put(&self, key: String, #[wire(since = 2)] tenant: Option<String>);
/// }
///
/// let mut ext = ExtWriter::new(&Bincode, &StoreRpc::put);
/// ext.level(2, &(Some("acme".to_owned()),));
/// let bytes = ext.finish().unwrap();
///
/// let section = ExtSection::parse(&bytes).unwrap();
/// let (tenant,): (Option<String>,) = decode_level(&Bincode, &StoreRpc::put, 2, &section).unwrap();
/// assert_eq!(tenant.as_deref(), Some("acme"));
/// ```
pub struct ExtWriter<'c, C: Codec> {
    codec: &'c C,
    handler: &'static Handler,
    out: Vec<u8>,
    last: u16,
    error: Option<CodecError>,
}

impl<'c, C: Codec> ExtWriter<'c, C> {
    /// An empty section for a call of `handler`.
    pub fn new(codec: &'c C, handler: &'static Handler) -> Self {
        ExtWriter { codec, handler, out: Vec::new(), last: 0, error: None }
    }

    /// Writes level `since`: `values` encodes like the tuple of the level's
    /// parameters (the tuple itself, or a struct of them in order). The
    /// first error (an unknown or repeated level, an encoding failure) is
    /// kept for [`finish`](ExtWriter::finish).
    pub fn level<T: Serialize + ?Sized>(&mut self, since: u16, values: &T) -> &mut Self {
        if self.error.is_some() {
            return self;
        }
        let name = self.handler.name;
        let result = match self.handler.ext.iter().find(|g| g.since == since) {
            None => Err(format!("`{name}` has no extension level {since}")),
            Some(_) if since <= self.last => Err(format!("extension level {since} written after level {}", self.last)),
            Some(group) => {
                let mut payload = Vec::new();
                match self.codec.encode(values, Payload::level(group), &mut payload) {
                    Ok(()) => {
                        write_group(&mut self.out, since, &payload);
                        self.last = since;
                        Ok(())
                    }
                    Err(e) => Err(format!("extension level {since}: {}", e.message)),
                }
            }
        };
        if let Err(message) = result {
            self.error = Some(CodecError { codec: C::NAME, message: format!("`{name}`: {message}") });
        }
        self
    }

    /// The section, or the first error.
    pub fn finish(self) -> Result<Vec<u8>, CodecError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}

/// Reads level `since` of a received section as `G` (the tuple, or a struct,
/// of the level's parameters), or `G::default()` when the sender did not
/// send that level: an older peer's call.
pub fn decode_level<C: Codec, G: DeserializeOwned + Default>(
    codec: &C,
    handler: &'static Handler,
    since: u16,
    section: &ExtSection<'_>,
) -> Result<G, CodecError> {
    let Some(group) = handler.ext.iter().find(|g| g.since == since) else {
        return Err(CodecError::new(C::NAME, format!("`{}` has no extension level {since}", handler.name)));
    };
    match section.get(since) {
        Some(sent) => codec
            .decode(sent.bytes, Payload::level(group))
            .map_err(|e| CodecError::new(e.codec, format!("extension level {since}: {}", e.message))),
        None => Ok(G::default()),
    }
}
