//! The four sides measured: each client against each master.

use crate::cpp_side::CppSide;
use crate::install::Install;
use crate::rust_side::RustSide;
use crate::stats::Batch;
use crate::workload::Workload;
use std::net::SocketAddr;
use tokio::runtime::Runtime;

/// One side: which client, against which master.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// Mooncake's C++ client (Python binding) against the real master: the baseline.
    CppReal,
    /// Our client against the real master.
    RustReal,
    /// Mooncake's C++ client against the Rust master.
    CppMemory,
    /// Our client against the Rust master.
    RustMemory,
}

impl Side {
    /// Every side, the baseline first.
    pub const ALL: [Side; 4] = [Side::CppReal, Side::RustReal, Side::CppMemory, Side::RustMemory];

    /// How the table names it.
    pub fn label(self) -> &'static str {
        match self {
            Side::CppReal => "C++ client (pybind) → C++ master",
            Side::RustReal => "Rust client → C++ master",
            Side::CppMemory => "C++ client (pybind) → Rust master",
            Side::RustMemory => "Rust client → Rust master",
        }
    }

    /// Whether its calls go to the real master.
    pub fn is_real(self) -> bool {
        matches!(self, Side::CppReal | Side::RustReal)
    }
}

/// The clients of a run: ours on a tokio runtime, the C++ ones in Python
/// subprocesses (`None` if the binding could not be set up: those rows are
/// left out, with a warning).
pub struct Sides {
    runtime: Runtime,
    rust_real: RustSide,
    rust_memory: RustSide,
    /// The C++ client against the real master.
    pub cpp_real: Option<CppSide>,
    /// The C++ client against the Rust master.
    pub cpp_memory: Option<CppSide>,
}

impl Sides {
    /// Connects every client: to the real master at `real`, and to the Rust one at `rust`.
    pub fn start(install: &Install, real: SocketAddr, rust: SocketAddr) -> Result<Sides, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("a tokio runtime: {e}"))?;
        let rust_real = runtime.block_on(RustSide::connect(real))?;
        let rust_memory = runtime.block_on(RustSide::connect(rust))?;
        let cpp = |addr, what: &str| match CppSide::start(install, addr, what) {
            Ok(side) => {
                eprintln!(
                    "mooncake-bench: {what}: set up in {:.1} ms as {} (Python {})",
                    side.ready.setup_ns as f64 / 1e6,
                    side.ready.hostname,
                    side.ready.python
                );
                Some(side)
            }
            Err(e) => {
                eprintln!("mooncake-bench: WARNING: the C++ client is left out: {e}");
                None
            }
        };
        let cpp_real = cpp(real, "C++ client -> C++ master");
        let cpp_memory = cpp(rust, "C++ client -> Rust master");
        Ok(Sides { runtime, rust_real, rust_memory, cpp_real, cpp_memory })
    }

    /// `calls` calls of `w` by `side`; `None` if that side is not running.
    pub fn run(&mut self, side: Side, w: Workload, calls: usize) -> Option<Result<Batch, String>> {
        let name = w.call.script_name();
        match side {
            Side::RustReal => Some(self.runtime.block_on(self.rust_real.run(w.call, calls, w.callers))),
            Side::RustMemory => Some(self.runtime.block_on(self.rust_memory.run(w.call, calls, w.callers))),
            Side::CppReal => self.cpp_real.as_mut().map(|c| c.run(name, calls, w.callers)),
            Side::CppMemory => self.cpp_memory.as_mut().map(|c| c.run(name, calls, w.callers)),
        }
    }

    /// Stops the C++ clients (each closes its store).
    pub fn close(&mut self) {
        for side in [self.cpp_real.take(), self.cpp_memory.take()].into_iter().flatten() {
            side.close();
        }
    }
}
