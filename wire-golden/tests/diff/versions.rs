//! The versions of the services compared, each a module pinned to one wire name.

/// The master service, as released.
pub mod v1 {
    use wire_core::{Wire, wire_rpc};

    #[derive(Wire)]
    pub struct Replica {
        pub addr: String,
        pub segs: Vec<String>,
    }

    #[derive(Wire)]
    pub enum ErrorCode {
        NotFound,
        NoSpace { requested: u64 },
        Internal(String),
    }

    #[wire_rpc(codes_only)]
    #[wire(name = "MasterService")]
    pub trait Master {
        fn put_end(&self, key: String, size: u64) -> Result<(), ErrorCode>;
        fn put_start(&self, key: String, replica: Replica) -> Result<Vec<Replica>, ErrorCode>;
        fn remove(&self, key: String) -> Result<(), ErrorCode>;
        fn ping(&self) -> u64;
        fn exist_key(&self, key: String) -> bool;
        fn get_replica_list(&self, key: String) -> Vec<Replica>;
        fn evict(&self, key: String, size: u64) -> bool;
    }
}

/// The master service changed every way: codes, names, handlers and a service.
pub mod v2 {
    use wire_core::{Wire, wire_rpc};

    #[derive(Wire)]
    pub struct Replica {
        pub address: String,
        pub segs: Vec<u64>,
    }

    /// Same layout as v1's `Replica`, field renamed: a cosmetic change.
    #[derive(Wire)]
    pub struct Replica2 {
        pub address: String,
        pub segs: Vec<String>,
    }

    #[derive(Wire)]
    pub enum ErrorCode {
        NotFound,
        NoSpace { requested: u64 },
        Internal(String),
        Throttled,
    }

    #[derive(Wire)]
    pub enum ErrorCode1 {
        NotFound,
        NoSpace { requested: u64 },
        Internal(String),
    }

    #[wire_rpc(codes_only)]
    #[wire(name = "MasterService")]
    pub trait Master {
        fn put_end(&self, key: String, size: u64, tenant_id: String) -> Result<(), ErrorCode1>;
        fn put_start(&self, key: String, replica: Replica) -> Result<Vec<Replica2>, ErrorCode1>;
        fn remove(&self, key: String) -> Result<(), ErrorCode>;
        fn ping_v2(&self) -> u64;
        fn exist_key(&self, name: String) -> bool;
        fn get_replica_list(&self, key: String) -> Vec<Replica2>;
        fn get_tenant_usage(&self, tenant: String) -> u64;
        fn evict(&self, tenant_id: String, key: String, size: u64) -> bool;
    }

    #[wire_rpc(codes_only)]
    pub trait TenantService {
        fn quota(&self, tenant: String) -> u64;
    }
}

/// Release 1 of a `put_end`, and what later releases make of it; every
/// version pins the wire name `Store`.
pub mod put_v1 {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(&self, key: String, replica_type: u8) -> Result<(), String>;
    }
}

/// The tenant as a bare appended argument: a new args code.
pub mod put_v2_bare {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(&self, key: String, replica_type: u8, tenant_id: String) -> Result<(), String>;
    }
}

/// The tenant as extension level 2: the args code stays.
pub mod put_v3 {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant_id: Option<String>,
        ) -> Result<(), String>;
    }
}

/// Level 2's parameter renamed: the same code.
pub mod put_v3_renamed {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant: Option<String>,
        ) -> Result<(), String>;
    }
}

/// Level 2 retyped after its release: the level's code changes.
pub mod put_v3_retyped {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant_id: Option<u64>,
        ) -> Result<(), String>;
    }
}

/// The level-2 parameter moved into the base arguments.
pub mod put_v4_moved {
    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(&self, key: String, replica_type: u8, tenant_id: Option<String>) -> Result<(), String>;
    }
}

/// Level 3 added on top of level 2, with a named type.
pub mod put_v5 {
    use wire_core::Wire;

    #[derive(Wire)]
    pub struct Placement {
        pub zone: String,
        pub copies: u8,
    }

    #[wire_core::wire_rpc(codes_only)]
    #[wire(name = "Store")]
    pub trait Store {
        fn put_end(
            &self,
            key: String,
            replica_type: u8,
            #[wire(since = 2)] tenant_id: Option<String>,
            #[wire(since = 3)] placement: Option<Placement>,
            #[wire(since = 3)] ttl: u32,
        ) -> Result<(), String>;
    }
}
