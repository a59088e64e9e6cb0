//! The versions of the services whose contracts the tests write to files,
//! each a module pinned to one wire name.

use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// The key-value service's error, the same in every version.
#[derive(Serialize, Deserialize, Wire)]
pub enum KvError {
    NotFound,
    Conflict { current: u64 },
}

/// The key-value service's statistics, the same in every version that has them.
#[derive(Serialize, Deserialize, Wire)]
pub struct Stats {
    pub keys: u64,
    pub bytes: u64,
}

/// The first version of a key-value service.
pub mod v1 {
    use super::{KvError, Stats};
    use crate::support::kv::Entry;
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Result<Entry, KvError>;
        fn put(&self, key: String, entry: Entry) -> Result<u64, KvError>;
        fn delete(&self, key: String) -> bool;
        fn stats(&self) -> Stats;
        fn ping(&self) -> u64;
    }
}

/// Compatible with v1: names changed, handlers and a service added.
pub mod v2_compatible {
    use super::{KvError, Stats};
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    /// v1's entry with a field renamed.
    #[derive(Serialize, Deserialize, Wire)]
    pub struct Entry {
        pub data: Vec<u8>,
        pub version: u64,
    }

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Result<Entry, KvError>;
        fn put(&self, key: String, entry: Entry) -> Result<u64, KvError>;
        fn delete(&self, name: String) -> bool;
        fn stats(&self) -> Stats;
        fn ping(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }

    #[wire_rpc]
    pub trait Admin {
        fn compact(&self) -> u64;
    }
}

/// Breaks v1: an argument appended, a handler removed, one renamed.
pub mod v2_breaking {
    use super::KvError;
    use crate::support::kv::Entry;
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Result<Entry, KvError>;
        fn put(&self, key: String, entry: Entry, ttl: u32) -> Result<u64, KvError>;
        fn delete(&self, key: String) -> bool;
        fn ping_v2(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }
}

/// Two handlers with the same codes; one of them is renamed, the other removed.
pub mod twins_old {
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "Twins")]
    pub trait Twins {
        fn ping(&self) -> u64;
        fn stats(&self) -> u64;
    }
}

pub mod twins_new {
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "Twins")]
    pub trait Twins {
        fn ping_v2(&self) -> u64;
    }
}

/// v1's `put` with a `#[wire(since = 2)]` parameter, and a tuple struct.
pub mod v3_since {
    use crate::support::kv::Entry;
    use serde::{Deserialize, Serialize};
    use wire_core::{Wire, wire_rpc};

    #[derive(Serialize, Deserialize, Wire)]
    pub struct Pair(pub u32, pub String);

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn put(&self, key: String, entry: Entry, #[wire(since = 2)] ttl: Option<u32>) -> u64;
        fn pair(&self) -> Pair;
    }
}
