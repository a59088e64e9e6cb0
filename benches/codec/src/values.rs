//! The values both codecs encode and decode: a small struct, a Mooncake-like
//! replica list, 1 MiB of bytes (a plain `Vec<u8>`, which serde writes as a
//! sequence of `u8`) and a recursive tree.

use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// A few integers and a short string.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Small {
    pub id: u64,
    pub port: u16,
    pub flags: u32,
    pub name: String,
}

/// The small value.
pub fn small() -> Small {
    Small { id: 0x1234_5678_9abc, port: 8080, flags: 0b1011, name: "node-7.rack-3".into() }
}

/// A replica's lifecycle (a C-like enum).
#[derive(Serialize, Deserialize, Wire, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplicaStatus {
    Undefined,
    Initialized,
    Processing,
    Complete,
    Removed,
    Failed,
}

/// One buffer of a memory replica.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct BufferDescriptor {
    pub segment_name: String,
    pub size: u64,
    pub buffer_address: u64,
    pub transport_endpoint: String,
}

/// Where a replica's bytes are (a variant with payloads).
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub enum ReplicaDescriptor {
    Memory(Vec<BufferDescriptor>),
    Disk { file_path: String, file_size: u64 },
}

/// One copy of an object, as a Mooncake master lists them.
#[derive(Serialize, Deserialize, Wire, Debug, Clone, PartialEq)]
pub struct Replica {
    pub descriptor: ReplicaDescriptor,
    pub status: ReplicaStatus,
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
    pub value: u64,
    pub label: Option<String>,
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
