//! The one service both libraries serve, declared once for each: `add`
//! (a small call) and `echo` (a large one), both `async fn`, with plain
//! `u64`s and a plain `Vec<u8>` (serde writes it as a sequence of `u8` in
//! both, no `serde_bytes`).

/// The service as `#[wire_rpc]` declares it.
#[wire_core::wire_rpc]
pub trait Bench {
    /// `a + b` (wrapping).
    async fn add(&self, a: u64, b: u64) -> u64;
    /// `data`, back.
    async fn echo(&self, data: Vec<u8>) -> Vec<u8>;
}

/// wire-core's implementation.
pub struct Ours;

impl Bench for Ours {
    async fn add(&self, a: u64, b: u64) -> u64 {
        a.wrapping_add(b)
    }

    async fn echo(&self, data: Vec<u8>) -> Vec<u8> {
        data
    }
}

/// The same service as `#[tarpc::service]` declares it.
pub mod tarpc_service {
    /// The service.
    #[tarpc::service]
    pub trait Bench {
        /// `a + b` (wrapping).
        async fn add(a: u64, b: u64) -> u64;
        /// `data`, back.
        async fn echo(data: Vec<u8>) -> Vec<u8>;
    }

    /// tarpc's implementation.
    #[derive(Clone)]
    pub struct Theirs;

    impl Bench for Theirs {
        async fn add(self, _: tarpc::context::Context, a: u64, b: u64) -> u64 {
            a.wrapping_add(b)
        }

        async fn echo(self, _: tarpc::context::Context, data: Vec<u8>) -> Vec<u8> {
            data
        }
    }
}
