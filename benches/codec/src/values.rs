//! The values both codecs encode and decode: a small struct, a Mooncake-like
//! replica list, 1 MiB of bytes (a plain `Vec<u8>`, which serde writes as a
//! sequence of `u8`) and a recursive tree.

use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// A few integers and a short string.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Small {
    /// An identifier.
    pub id: u64,
    /// A port.
    pub port: u16,
    /// Some flags.
    pub flags: u32,
    /// A host name.
    pub name: String,
}

/// The small value.
pub fn small() -> Small {
    Small { id: 0x1234_5678_9abc, port: 8080, flags: 0b1011, name: "node-7.rack-3".into() }
}

/// A replica's lifecycle (a C-like enum).
#[derive(Serialize, Deserialize, Wire, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplicaStatus {
    /// Not set.
    Undefined,
    /// Allocated.
    Initialized,
    /// Being written.
    Processing,
    /// Readable.
    Complete,
    /// Gone.
    Removed,
    /// Lost.
    Failed,
}

/// One buffer of a memory replica.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct BufferDescriptor {
    /// The segment holding it.
    pub segment_name: String,
    /// Its length.
    pub size: u64,
    /// Where it starts.
    pub buffer_address: u64,
    /// Who serves it, `host:port`.
    pub transport_endpoint: String,
}

/// Where a replica's bytes are (a variant with payloads).
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub enum ReplicaDescriptor {
    /// In memory buffers.
    Memory(Vec<BufferDescriptor>),
    /// In a file.
    Disk {
        /// The file.
        file_path: String,
        /// Its length.
        file_size: u64,
    },
}

/// One copy of an object, as a Mooncake master lists them.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Replica {
    /// Where its bytes are.
    pub descriptor: ReplicaDescriptor,
    /// Its lifecycle.
    pub status: ReplicaStatus,
    /// Until when it is leased, if it is.
    pub lease_until_ms: Option<u64>,
}

/// `n` replicas: three in four in memory (two buffers each), one in four on disk.
pub fn replicas(n: u64) -> Vec<Replica> {
    (0..n)
        .map(|i| Replica {
            descriptor: if i % 4 == 3 {
                ReplicaDescriptor::Disk {
                    file_path: format!("/mnt/ssd{}/kv/object-{i:08}.bin", i % 2),
                    file_size: 4 << 20,
                }
            } else {
                ReplicaDescriptor::Memory(
                    (0..2)
                        .map(|b| BufferDescriptor {
                            segment_name: format!("segment-{}-{b}", i % 8),
                            size: 2 << 20,
                            buffer_address: 0x7f00_0000_0000 + (i * 2 + b) * (2 << 20),
                            transport_endpoint: format!("10.0.{}.{}:1280{}", i % 4, 10 + i % 16, b),
                        })
                        .collect(),
                )
            },
            status: if i % 5 == 4 { ReplicaStatus::Processing } else { ReplicaStatus::Complete },
            lease_until_ms: i.is_multiple_of(2).then_some(1_700_000_000_000 + i),
        })
        .collect()
}

/// `len` bytes, not all alike.
pub fn bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 + i / 251) as u8).collect()
}

/// A recursive value: a node and its subtrees.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Tree {
    /// The node's value.
    pub value: u64,
    /// A label, on some nodes.
    pub label: Option<String>,
    /// Its subtrees.
    pub children: Vec<Tree>,
}

/// A full tree `depth` levels deep, `fanout` children per inner node.
pub fn tree(depth: u32, fanout: u64) -> Tree {
    fn node(id: u64, depth: u32, fanout: u64) -> Tree {
        Tree {
            value: id,
            label: id.is_multiple_of(3).then(|| format!("n{id}")),
            children: if depth <= 1 {
                Vec::new()
            } else {
                (1..=fanout).map(|c| node(id * fanout + c, depth - 1, fanout)).collect()
            },
        }
    }
    node(0, depth, fanout)
}

/// Nodes in `tree`.
pub fn nodes(tree: &Tree) -> usize {
    1 + tree.children.iter().map(nodes).sum::<usize>()
}
