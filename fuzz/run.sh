#!/usr/bin/env bash
# Fuzzes one target on a stable toolchain, then minimizes its corpus.
#
#   fuzz/run.sh TARGET [RUNS [SECONDS]]   e.g. fuzz/run.sh fuzz_frame 20000000
#                                          or   fuzz/run.sh fuzz_ext 100000000 120
#
# libFuzzer needs nightly-only rustc flags (-Zsanitizer=address,
# -Cpasses=sancov-module); RUSTC_BOOTSTRAP=1 lets stable rustc accept them.
# Needs `cargo install cargo-fuzz` (0.13). Crashing inputs land in
# fuzz/artifacts/TARGET/ (not committed).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: run.sh TARGET [RUNS [SECONDS]]}
runs=${2:-1000000}
extra=()
# Stop after SECONDS of fuzzing, whichever of RUNS and SECONDS comes first.
limit=()
if [ -n "${3:-}" ]; then limit=(-max_total_time="$3"); fi
case $target in
  fuzz_frame) max_len=256 ;;
  fuzz_ext) max_len=512 ;;
  fuzz_ready) max_len=1024 ;;
  fuzz_struct_pack) max_len=512 ;;
  # Contract files are a few KiB. parse() leaks the schemas it raises (see
  # README.md, findings), so LeakSanitizer is off here: both libFuzzer's
  # per-input check and ASan's check at exit.
  fuzz_contract) max_len=4096; extra=(-detect_leaks=0); export ASAN_OPTIONS=detect_leaks=0 ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
export RUSTC_BOOTSTRAP=1
cargo fuzz run "$target" -- -runs="$runs" -max_len="$max_len" -rss_limit_mb=512 -malloc_limit_mb=512 \
  -timeout=5 -print_final_stats=1 "${limit[@]}" "${extra[@]}"
cargo fuzz cmin "$target" -- -max_len="$max_len" -rss_limit_mb=512 -timeout=5 "${extra[@]}"
