//! The command line.

use crate::memory::parse_handlers;
use wire_core::rpc::net::SyncHandlers;

/// What `--help` prints.
pub const USAGE: &str = "usage: mooncake-bench [--rounds N] [--calls N] [--callers N] [--warmup N] [--quick]
                      [--rust-master-handlers inline|blocking]

  --rounds N   rounds, each measuring every workload on every side (default 5)
  --calls N    calls per workload, side and round (default 4000)
  --callers N  concurrent callers of the concurrent workload (default 16)
  --warmup N   unmeasured calls per workload and side first (default 500)
  --quick      --rounds 2 --calls 500 --warmup 100
  --rust-master-handlers inline|blocking
               where the Rust master runs its handlers (default inline: they
               never block; blocking is serve's default, a thread hop per call)

Needs the Mooncake binaries (scripts/install-mooncake.sh) and Python 3.11.";

/// How much to measure, and how the Rust master serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Rounds, each measuring every workload on every side.
    pub rounds: usize,
    /// Calls per workload, side and round.
    pub calls: usize,
    /// Concurrent callers of the concurrent workload.
    pub callers: usize,
    /// Unmeasured calls per workload and side before the rounds.
    pub warmup: usize,
    /// Where the Rust master runs its handlers.
    pub handlers: SyncHandlers,
}

impl Default for Options {
    fn default() -> Self {
        Options { rounds: 5, calls: 4000, callers: 16, warmup: 500, handlers: SyncHandlers::Inline }
    }
}

impl Options {
    /// The options of `args` (the program's arguments), or why not with [`USAGE`].
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
            let mut number = |name: &str| -> Result<usize, String> {
                let value = value(name)?;
                match value.parse() {
                    Ok(n) if n > 0 => Ok(n),
                    _ => Err(format!("{name} {value}: not a positive number\n{USAGE}")),
                }
            };
            match arg.as_str() {
                "--rounds" => o.rounds = number("--rounds")?,
                "--calls" => o.calls = number("--calls")?,
                "--callers" => o.callers = number("--callers")?,
                "--warmup" => o.warmup = number("--warmup")?,
                "--quick" => o = Options { rounds: 2, calls: 500, warmup: 100, ..o },
                "--rust-master-handlers" => o.handlers = parse_handlers(value("--rust-master-handlers")?)?,
                other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
            }
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn defaults_and_flags() {
        assert_eq!(parse(&[]), Ok(Options::default()));
        let o = parse(&["--quick", "--callers", "4", "--rust-master-handlers", "blocking"]).unwrap();
        assert_eq!(o, Options { rounds: 2, calls: 500, callers: 4, warmup: 100, handlers: SyncHandlers::Blocking });
    }

    #[test]
    fn bad_arguments_say_why() {
        assert!(parse(&["--calls", "0"]).unwrap_err().starts_with("--calls 0: not a positive number"));
        assert!(parse(&["--rounds"]).unwrap_err().starts_with("--rounds needs a value"));
        assert!(parse(&["--rust-master-handlers", "x"]).unwrap_err().contains("`inline` or `blocking`"));
        assert!(parse(&["--fast"]).unwrap_err().starts_with("unknown argument `--fast`"));
    }
}
