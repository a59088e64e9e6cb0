//! Where the Mooncake binaries are: the v0.3.13.post1 wheel unzipped by
//! `scripts/install-mooncake.sh`, by the same rules as the example's tests.

use std::path::{Path, PathBuf};

/// How to install the binaries, as the error says it.
pub const INSTALL: &str = "scripts/install-mooncake.sh";

/// The release measured: the one `mooncake-example` declares.
pub const VERSION: &str = "0.3.13.post1";

/// The installed wheel.
#[derive(Clone, Debug)]
pub struct Install {
    /// `<install dir>/0.3.13.post1`: the unzipped wheel (what `PYTHONPATH` names).
    pub wheel: PathBuf,
    /// The LD_PRELOAD library that binds wildcard sockets to 127.0.0.1.
    pub preload: PathBuf,
}

impl Install {
    /// The installed wheel, or why not (naming [`INSTALL`]).
    pub fn find() -> Result<Install, String> {
        let dir = install_dir();
        let install = Install { wheel: dir.join(VERSION), preload: dir.join("loopback_only.so") };
        let needed = [install.master(), install.store_binding(), install.preload.clone()];
        match needed.iter().find(|p| !p.is_file()) {
            None => Ok(install),
            Some(missing) => Err(format!(
                "the Mooncake {VERSION} binaries are not installed (no {}); run {INSTALL}, or set \
                 WIRE_MOONCAKE_DIR to where it installed them",
                missing.display()
            )),
        }
    }

    /// `mooncake_master`.
    pub fn master(&self) -> PathBuf {
        self.wheel.join("mooncake/mooncake_master")
    }

    /// The C++ client's Python binding (`mooncake.store`).
    pub fn store_binding(&self) -> PathBuf {
        self.wheel.join("mooncake/store.so")
    }

    /// What `LD_LIBRARY_PATH` needs for the binding: the wheel's bundled
    /// libraries and `mooncake/` (engine.so, libasio.so ...).
    pub fn library_path(&self) -> String {
        let libs = self.wheel.join("mooncake_transfer_engine_non_cuda.libs");
        let own = self.wheel.join("mooncake");
        match std::env::var("LD_LIBRARY_PATH") {
            Ok(old) if !old.is_empty() => format!("{}:{}:{old}", libs.display(), own.display()),
            _ => format!("{}:{}", libs.display(), own.display()),
        }
    }
}

/// The repository's root: this crate is `<repo>/benches/mooncake`.
pub fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// `$WIRE_MOONCAKE_DIR`, else `$CARGO_TARGET_DIR/mooncake` when that is set,
/// else `<repo>/target/mooncake` (not the bench workspace's own target
/// directory: the install script writes under the main workspace's). A
/// relative path is taken from the repository's root, as the install script
/// takes it.
fn install_dir() -> PathBuf {
    let root = repo_root();
    let from_root = |p: PathBuf| if p.is_relative() { root.join(p) } else { p };
    if let Some(dir) = std::env::var_os("WIRE_MOONCAKE_DIR") {
        return from_root(PathBuf::from(dir));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    from_root(target).join("mooncake")
}
