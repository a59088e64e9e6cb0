//! What is measured: master calls that a user of Mooncake makes all the
//! time, on keys that do not exist (a fresh master; nothing writes).

use mooncake_example::ErrorCode;

/// The key asked about (`cpp_client.py` asks the same).
pub const KEY: &str = "mooncake-bench-missing";
/// How many keys a batch asks about.
pub const BATCH: usize = 16;
/// The tenant the C++ client sends by default.
pub const TENANT: &str = "default";

/// One kind of call, made by `callers` concurrent callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Workload {
    /// The call.
    pub call: Call,
    /// How many callers make it at once (1: one after the other).
    pub callers: usize,
}

/// A master handler and the C++ binding method that calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    /// `ExistKey(key, tenant)`: `is_exist(key)`.
    ExistKey,
    /// `GetReplicaList(key, tenant)` of a missing key: `get_size(key)`.
    GetReplicaList,
    /// `BatchExistKey(16 keys, tenant)`: `batch_is_exist(keys)`.
    BatchExistKey,
}

impl Call {
    /// The name `cpp_client.py` knows it by.
    pub fn script_name(self) -> &'static str {
        match self {
            Call::ExistKey => "exist_key",
            Call::GetReplicaList => "get_replica_list",
            Call::BatchExistKey => "batch_exist_key",
        }
    }

    /// The handler's short name.
    pub fn handler(self) -> &'static str {
        match self {
            Call::ExistKey => "ExistKey",
            Call::GetReplicaList => "GetReplicaList",
            Call::BatchExistKey => "BatchExistKey",
        }
    }

    /// The counter of the real master's `/metrics` that counts it.
    pub fn metric(self) -> &'static str {
        match self {
            Call::ExistKey => "master_exist_key_requests_total",
            Call::GetReplicaList => "master_get_replica_list_requests_total",
            Call::BatchExistKey => "master_batch_exist_key_requests_total",
        }
    }

    /// Every answer must be this, written as the C++ binding returns it
    /// (compact JSON): `0` (does not exist), `-704` (`OBJECT_NOT_FOUND`), or
    /// one `0` per key. Both masters answer so for a missing key.
    pub fn expected(self) -> String {
        match self {
            Call::ExistKey => "0".to_owned(),
            Call::GetReplicaList => (ErrorCode::OBJECT_NOT_FOUND as i32).to_string(),
            Call::BatchExistKey => format!("[{}]", vec!["0"; BATCH].join(",")),
        }
    }
}

impl Workload {
    /// How the table names it: `ExistKey`, `ExistKey ×16 callers`.
    pub fn label(&self) -> String {
        let what = match self.call {
            Call::BatchExistKey => format!("{} ({BATCH} keys)", self.call.handler()),
            Call::GetReplicaList => format!("{} (missing key)", self.call.handler()),
            Call::ExistKey => self.call.handler().to_owned(),
        };
        if self.callers == 1 { what } else { format!("{what}, {} callers", self.callers) }
    }
}

/// The value a C++ binding call returns for `result`: `1`/`0` for a bool,
/// the error code's integer for an error (as `RealClient` converts them).
pub fn as_binding<T>(result: &Result<T, ErrorCode>, value: impl Fn(&T) -> String) -> String {
    match result {
        Ok(v) => value(v),
        Err(e) => (*e as i32).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_answers_as_the_binding_writes_them() {
        assert_eq!(Call::ExistKey.expected(), "0");
        assert_eq!(Call::GetReplicaList.expected(), "-704");
        assert_eq!(Call::BatchExistKey.expected(), "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]");
        assert_eq!(as_binding(&Ok(true), |b| u8::from(*b).to_string()), "1");
        assert_eq!(as_binding::<bool>(&Err(ErrorCode::RPC_FAIL), |_| unreachable!()), "-900");
    }

    #[test]
    fn labels() {
        assert_eq!(Workload { call: Call::ExistKey, callers: 1 }.label(), "ExistKey");
        assert_eq!(Workload { call: Call::ExistKey, callers: 16 }.label(), "ExistKey, 16 callers");
        assert_eq!(Workload { call: Call::BatchExistKey, callers: 1 }.label(), "BatchExistKey (16 keys)");
    }
}
