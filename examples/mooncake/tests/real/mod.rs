//! Support for the tests against the real Mooncake binaries: where they are,
//! the processes (a master, a `mooncake_client`) as guards that stop them on
//! drop, and a transport that shows each raw reply.
//!
//! The binaries are installed by `scripts/install-mooncake.sh` under
//! `<workspace>/target/mooncake` (or wherever `$WIRE_MOONCAKE_DIR` says).
//! Without them a test prints why it skips and passes, unless
//! `WIRE_REQUIRE_MOONCAKE=1` (CI), which makes the absence a failure.

// Each test binary uses a part of this module.
#![allow(dead_code, unused_imports)]

mod args;
mod process;
mod tap;
pub mod v0_3_11;
pub mod v0_3_13;

pub use process::{Master, Proc, RealClient};
pub use tap::{Seen, Tap};

use std::path::{Path, PathBuf};
use std::time::Duration;
use wire_core::Handler;
use wire_core::codec::StructPack;
use wire_core::rpc::net::Client;

/// How to install the binaries, as the skip message and the CI failure say it.
pub const INSTALL: &str = "scripts/install-mooncake.sh";

/// A Mooncake release whose binaries are installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// 0.3.11.post1: 59 handlers.
    V0_3_11,
    /// 0.3.13.post1: 64 handlers.
    V0_3_13,
}

impl Version {
    /// The folder of its wheel under the install directory.
    pub fn dir(self) -> &'static str {
        match self {
            Version::V0_3_11 => "0.3.11.post1",
            Version::V0_3_13 => "0.3.13.post1",
        }
    }

    /// The handlers of the Rust declarations of this release.
    pub fn handlers(self) -> &'static [&'static Handler] {
        match self {
            Version::V0_3_11 => mooncake_example_v0_3_11::WrappedMasterServiceRpc::HANDLERS,
            Version::V0_3_13 => mooncake_example::WrappedMasterServiceRpc::HANDLERS,
        }
    }
}

/// The installed binaries.
#[derive(Clone, Debug)]
pub struct Binaries {
    /// The install directory (`target/mooncake`).
    pub dir: PathBuf,
    /// The LD_PRELOAD library that binds wildcard sockets to 127.0.0.1.
    pub preload: PathBuf,
}

impl Binaries {
    /// The binaries, or `None` after printing why the test skips; panics
    /// instead when `WIRE_REQUIRE_MOONCAKE=1`.
    pub fn find() -> Option<Binaries> {
        let dir = install_dir();
        let bins = Binaries { preload: dir.join("loopback_only.so"), dir };
        let missing = [Version::V0_3_11, Version::V0_3_13]
            .into_iter()
            .flat_map(|v| [bins.master(v), bins.client(v)])
            .chain([bins.preload.clone()])
            .find(|p| !p.is_file());
        let Some(missing) = missing else { return Some(bins) };
        let why = format!("the real Mooncake binaries are not installed (no {})", missing.display());
        if std::env::var("WIRE_REQUIRE_MOONCAKE").is_ok_and(|v| v == "1") {
            panic!("WIRE_REQUIRE_MOONCAKE=1 but {why}; run {INSTALL}");
        }
        eprintln!("skipping: {why}; run {INSTALL}");
        None
    }

    /// `mooncake_master` of `version`.
    pub fn master(&self, version: Version) -> PathBuf {
        self.dir.join(version.dir()).join("mooncake/mooncake_master")
    }

    /// `mooncake_client` of `version`.
    pub fn client(&self, version: Version) -> PathBuf {
        self.dir.join(version.dir()).join("mooncake/mooncake_client")
    }
}

/// `$WIRE_MOONCAKE_DIR`, else `$CARGO_TARGET_DIR/mooncake` when that is set
/// (a build into another target directory, as CI's fresh clone does), else
/// `<workspace>/target/mooncake`. A relative path is taken from the
/// workspace's root, as the install script takes it (a test runs in its
/// package's directory).
fn install_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let from_root = |p: PathBuf| if p.is_relative() { workspace.join(p) } else { p };
    if let Some(dir) = std::env::var_os("WIRE_MOONCAKE_DIR") {
        return from_root(PathBuf::from(dir));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    from_root(target).join("mooncake")
}

/// A runtime for one test.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a tokio runtime")
}

/// Each call's deadline: every handler of the real master answers at once.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// A struct_pack client of the master at `addr`, calling `calls` (what its
/// handshake tells; a C++ master answers it `FunctionNotRegistered`).
pub async fn connect(
    addr: std::net::SocketAddr,
    codec: StructPack,
    calls: &'static [&'static Handler],
) -> Client<StructPack> {
    Client::builder()
        .codec(codec)
        .calls(calls)
        .timeout(Some(CALL_TIMEOUT))
        .connect(addr)
        .await
        .unwrap_or_else(|e| panic!("connecting to the master at {addr}: {e}"))
}

/// The short name of a handler: `ExistKey` for `mooncake::WrappedMasterService::ExistKey`.
pub fn short(name: &str) -> &str {
    name.rsplit("::").next().unwrap_or(name)
}

/// The short names of every handler of `version`, in the order the calls
/// make them: those of [`args::ORDER`] that `version` has.
pub fn order(version: Version) -> Vec<&'static str> {
    let has = |name: &str| version.handlers().iter().any(|h| short(h.name) == name);
    args::ORDER.iter().copied().filter(|name| has(name)).collect()
}

/// Calls the handler `name` (short) with `version`'s Rust types through the
/// generated client of that version over `tap`, and shows the decoded reply.
pub async fn call(version: Version, tap: &Tap, name: &str) -> Result<String, wire_core::rpc::CallError> {
    match version {
        Version::V0_3_11 => v0_3_11::call(&v0_3_11::Mc::new(tap.clone()), name).await,
        Version::V0_3_13 => v0_3_13::call(&v0_3_13::Mc::new(tap.clone()), name).await,
    }
}

/// The handler of `version` whose short name is `name`.
pub fn handler(version: Version, name: &str) -> &'static Handler {
    version
        .handlers()
        .iter()
        .copied()
        .find(|h| short(h.name) == name)
        .unwrap_or_else(|| panic!("{} has no handler `{name}`", version.dir()))
}
