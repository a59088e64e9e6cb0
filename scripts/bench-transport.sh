#!/usr/bin/env bash
# wire-core's TCP transport against tarpc, in the same run (issue 13):
# builds benches/transport (release) and runs it; the markdown report goes to
# stdout, progress to stderr. About a minute with the defaults on 2 cores.
#
# Usage: scripts/bench-transport.sh [options]    (--help lists them)
#   e.g. scripts/bench-transport.sh --rounds 3 --only callers,echo
#        scripts/bench-transport.sh --runtime split > transport.md
# Env:   BENCH_TRANSPORT_PERF=FILE   record the run with `perf record -g`
#                                    into FILE (needs perf), for `perf report`
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MANIFEST="$ROOT/benches/Cargo.toml"

if [[ -n ${BENCH_TRANSPORT_PERF:-} ]]; then
  command -v perf >/dev/null || { echo "BENCH_TRANSPORT_PERF needs perf" >&2; exit 2; }
  # Line tables only: symbols and lines for the profile, the same code.
  export CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
  cargo build --release --quiet --manifest-path "$MANIFEST" -p transport-bench
  target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$MANIFEST" |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  exec perf record -g -o "$BENCH_TRANSPORT_PERF" "$target/release/transport-bench" "$@"
fi
exec cargo run --release --quiet --manifest-path "$MANIFEST" -p transport-bench -- "$@"
