#!/usr/bin/env bash
# Installs the real Mooncake binaries the interop tests run against:
# mooncake_master and mooncake_client of the PyPI wheels
# mooncake-transfer-engine-non-cuda 0.3.11.post1 and 0.3.13.post1, unpacked
# under $WIRE_MOONCAKE_DIR (default target/mooncake)/<version>/ (checked by
# sha256), plus the shared
# libraries they need (apt-get, when run as root), plus a tiny LD_PRELOAD
# library that keeps every socket they bind on 127.0.0.1.
#
#     scripts/install-mooncake.sh          # then: cargo test -p mooncake-example
set -euo pipefail
cd "$(dirname "$0")/.."
root="${WIRE_MOONCAKE_DIR:-target/mooncake}"
mkdir -p "$root/wheels"

# version  wheel  sha256 (cp311, x86_64 manylinux)
wheels=(
  "0.3.11.post1 mooncake_transfer_engine_non_cuda-0.3.11.post1-cp311-cp311-manylinux_2_35_x86_64.whl 92f0c862d2575f958a03f65ee567489d6cfad1490afd15f855cd911a6f2d981b"
  "0.3.13.post1 mooncake_transfer_engine_non_cuda-0.3.13.post1-cp311-cp311-manylinux_2_28_x86_64.whl ca9f668a04ffe648b250fda28b97d0a7da149cb110dec5cf3d166a9e68afc940"
)

if ! ldconfig -p 2>/dev/null | grep -q libibverbs.so.1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends libibverbs1 libnuma1 libcurl4 >/dev/null
  else
    echo "install-mooncake: libibverbs1 (and libnuma1, libcurl4) are missing; run as root, or: apt-get install libibverbs1 libnuma1 libcurl4" >&2
    exit 1
  fi
fi

for entry in "${wheels[@]}"; do
  read -r version file sha <<<"$entry"
  dir="$root/$version"
  if [ -x "$dir/mooncake/mooncake_master" ] && [ -x "$dir/mooncake/mooncake_client" ]; then
    continue
  fi
  if [ ! -f "$root/wheels/$file" ]; then
    python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
      --platform "$(echo "$file" | sed -E 's/.*cp311-(manylinux_[0-9_]+_x86_64)\.whl/\1/')" \
      -d "$root/wheels" "mooncake-transfer-engine-non-cuda==$version"
  fi
  echo "$sha  $root/wheels/$file" | sha256sum --check --quiet
  rm -rf "$dir" && mkdir -p "$dir"
  python3 -m zipfile -e "$root/wheels/$file" "$dir"
  chmod +x "$dir/mooncake/mooncake_master" "$dir/mooncake/mooncake_client"
done

# Mooncake 0.3.11's master always listens for metrics on 0.0.0.0, and both
# clients listen on 0.0.0.0 for the transfer engine: the tests preload this.
cc -shared -fPIC -O2 -o "$root/loopback_only.so" scripts/loopback_only.c -ldl
echo "Mooncake binaries in $root: $(ls "$root" | grep -v wheels | tr '\n' ' ')"
