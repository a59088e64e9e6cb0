#!/usr/bin/env bash
# Round trips to the real Mooncake master (v0.3.13.post1): our coro_rpc
# client against Mooncake's own C++ client (through its Python binding), in
# the same run, plus both against the example's Rust master. Prints a
# markdown table and the machine; see benches/mooncake/README.md.
#
#     scripts/install-mooncake.sh          # once: the binaries, under target/mooncake
#     scripts/bench-mooncake.sh            # about a minute
#     scripts/bench-mooncake.sh --quick    # a few seconds; --help for the rest
#
# Env: WIRE_MOONCAKE_DIR     where install-mooncake.sh put the binaries
#      WIRE_MOONCAKE_PYTHON  a Python 3.11 (default: python3.11, else python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=0.3.13.post1
dir="${WIRE_MOONCAKE_DIR:-${CARGO_TARGET_DIR:-target}/mooncake}"
case "${1:-}" in
  -h | --help) ;;
  *)
    for f in "$dir/$version/mooncake/mooncake_master" "$dir/$version/mooncake/store.so" "$dir/loopback_only.so"; do
      if [ ! -f "$f" ]; then
        echo "bench-mooncake: the Mooncake $version binaries are not installed (no $f); run scripts/install-mooncake.sh first" >&2
        exit 1
      fi
    done
    ;;
esac
exec cargo run --quiet --release --manifest-path benches/Cargo.toml -p mooncake-bench -- "$@"
