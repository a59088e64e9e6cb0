"""Mooncake's own C++ client calling a master, for mooncake-bench.

The client is the wheel's `mooncake.store.MooncakeDistributedStore`: the
pybind11 binding (store.so, CPython 3.11 ABI) over the C++ `RealClient`,
whose `MasterClient` calls the master through a coro_rpc client pool. Set up
with zero-sized segments over TCP and P2PHANDSHAKE metadata, it makes no
background calls (no segment: no Ping, no FetchTasks), so the master sees
only what is asked here.

    python3.11 cpp_client.py 127.0.0.1:50051

The first stdout line is `{"ready": ...}` (or `{"error": ...}`); then each
stdin line is a JSON request and gets one JSON line back:

    {"workload": "exist_key", "calls": 4000, "callers": 1}
    -> {"ns": [per-call nanoseconds...], "wall_ns": N, "cpu_ns": N, "results": {"0": 4000}}

Each call is timed with time.perf_counter_ns around the binding call, so a
time includes the binding's argument and result conversion and its release
and retaking of the GIL. `cpu_ns` is the CPU time of the whole process
(every thread: the C++ client's own too) over the batch. `results` counts each distinct return value (as
compact JSON), which the bench compares with what the master must answer.
An empty line or end of input closes the store and exits.
"""

import json
import os
import sys
import threading
import time

# The keys asked about: none exists (the master is fresh and nothing writes).
KEY = "mooncake-bench-missing"
BATCH = [f"{KEY}-{i}" for i in range(16)]


def workloads(store):
    """Each workload: one call of the binding, by name."""
    return {
        # ExistKey(key, tenant_id): 1 exists, 0 does not, negative an error.
        "exist_key": lambda: store.is_exist(KEY),
        # GetReplicaList(key, tenant_id): the size of the object, or the error
        # (OBJECT_NOT_FOUND, -704, for a missing key).
        "get_replica_list": lambda: store.get_size(KEY),
        # BatchExistKey(keys, tenant_id): one value per key.
        "batch_exist_key": lambda: store.batch_is_exist(BATCH),
        # No RPC: a binding call that returns a string, without releasing the
        # GIL (what the binding and the timing cost by themselves).
        "noop": store.get_hostname,
    }


def timer_only():
    """Nothing between the two clock reads: the floor of every time."""
    return None


def run(call, calls, callers):
    """`calls` calls of `call` split over `callers` threads started at once."""
    per = [calls // callers + (1 if i < calls % callers else 0) for i in range(callers)]
    times = [[] for _ in range(callers)]
    results = [{} for _ in range(callers)]
    start = threading.Barrier(callers + 1)

    def caller(i):
        clock, mine, seen = time.perf_counter_ns, times[i], results[i]
        start.wait()
        for _ in range(per[i]):
            t0 = clock()
            value = call()
            t1 = clock()
            mine.append(t1 - t0)
            value = tuple(value) if isinstance(value, list) else value
            seen[value] = seen.get(value, 0) + 1

    threads = [threading.Thread(target=caller, args=(i,)) for i in range(callers)]
    for t in threads:
        t.start()
    c0, t0 = time.process_time_ns(), time.perf_counter_ns()
    start.wait()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter_ns() - t0, time.process_time_ns() - c0
    merged = {}
    for seen in results:
        for value, n in seen.items():
            key = json.dumps(list(value) if isinstance(value, tuple) else value, separators=(",", ":"))
            merged[key] = merged.get(key, 0) + n
    return {"ns": [t for ts in times for t in ts], "wall_ns": wall, "cpu_ns": cpu, "results": merged}


def main():
    # The C++ libraries log to stderr and may print to stdout: keep the real
    # stdout for the JSON lines only.
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)

    def say(obj):
        out.write(json.dumps(obj, separators=(",", ":")) + "\n")
        out.flush()

    if len(sys.argv) != 2:
        say({"error": "usage: cpp_client.py MASTER_ADDRESS"})
        return 2
    if sys.version_info[:2] != (3, 11):
        say({"error": f"the wheel's store.so is built for CPython 3.11, this is {sys.version.split()[0]}"})
        return 2
    try:
        from mooncake.store import MooncakeDistributedStore
    except ImportError as e:
        say({"error": f"importing mooncake.store: {e}"})
        return 2

    store = MooncakeDistributedStore()
    t0 = time.perf_counter_ns()
    # local_hostname without a port: the client binds one of its own; no
    # segment and no local buffer: nothing mounted, no background calls.
    rc = store.setup("127.0.0.1", "P2PHANDSHAKE", 0, 0, "tcp", "", sys.argv[1])
    setup_ns = time.perf_counter_ns() - t0
    if rc != 0:
        say({"error": f"MooncakeDistributedStore.setup(...) returned {rc}"})
        return 1
    say({
        "ready": True,
        "setup_ns": setup_ns,
        "hostname": store.get_hostname(),
        "python": sys.version.split()[0],
        "pid": os.getpid(),
    })

    calls = workloads(store)
    calls["timer"] = timer_only
    for line in sys.stdin:
        if not line.strip():
            break
        try:
            req = json.loads(line)
            call = calls[req["workload"]]
            say(run(call, int(req["calls"]), int(req.get("callers", 1))))
        except (KeyError, ValueError, TypeError) as e:
            say({"error": f"bad request {line.strip()!r}: {e!r}"})
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
