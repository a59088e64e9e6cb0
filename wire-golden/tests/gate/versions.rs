//! The versions of the key-value service the gate compares, each a module
//! pinned to the wire name `KvService`; every one of them is registered in
//! this test binary.

/// The first version.
pub mod v1 {
    use crate::support::kv::Entry;
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry) -> u64;
        fn ping(&self) -> u64;
    }
}

/// v1 and one more handler: compatible.
pub mod v2_add {
    use crate::support::kv::Entry;
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry) -> u64;
        fn ping(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }
}

/// `put` takes one more argument: breaking; `scan` added.
pub mod v2_break {
    use crate::support::kv::Entry;
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry, ttl: u32) -> u64;
        fn ping(&self) -> u64;
        fn scan(&self, prefix: String) -> Vec<String>;
    }
}

/// v1 with `put`'s ttl added the compatible way, as extension level 2.
pub mod v2_since {
    use crate::support::kv::Entry;
    use wire_core::wire_rpc;

    #[wire_rpc]
    #[wire(name = "KvService")]
    pub trait Kv {
        fn get(&self, key: String) -> Option<Entry>;
        fn put(&self, key: String, entry: Entry, #[wire(since = 2)] ttl: Option<u32>) -> u64;
        fn ping(&self) -> u64;
    }
}
