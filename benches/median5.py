#!/usr/bin/env python3
"""Issue #6's measure: medians of 5 whole-process runs of a scenario, with peak RSS.

    python3 benches/median5.py BATCHES BINARY [BINARY ...]

A BINARY may carry environment variables before an `@`: `SALESIM_SCALAR=chacha@target/release/salesim`
runs that binary with the wide ChaCha forced scalar (docs/design.md, "The fast room"), so one
build measures what each kernel buys.

Each batch runs every binary 5 times in turn (`--threads 1 run SCENARIO --runs 1`, output
discarded) and prints each one's median wall time and the range of its peak RSS
(`ru_maxrss` from `os.wait4`). Several binaries alternate so that they share the machine's
moment: on a noisy VM the speed drifts between minutes. SCENARIO defaults to
scenarios/bench/reference_100k.ron; set the SCEN environment variable to change it.
"""
import os
import statistics
import subprocess
import sys
import time

batches = int(sys.argv[1])
binaries = sys.argv[2:]
scenario = os.environ.get("SCEN", "scenarios/bench/reference_100k.ron")
def variant(arg):
    """(label, binary, environment) of a BINARY argument."""
    if "@" not in arg:
        return os.path.basename(arg), arg, os.environ
    settings, binary = arg.split("@", 1)
    env = dict(os.environ)
    for setting in settings.split(";"):
        name, value = setting.split("=", 1)
        env[name] = value
    return settings, binary, env


for _ in range(batches):
    line = []
    for label, binary, env in map(variant, binaries):
        walls, rss = [], []
        for _ in range(5):
            start = time.perf_counter()
            child = subprocess.Popen(
                [binary, "--threads", "1", "run", scenario, "--runs", "1"],
                stdout=subprocess.DEVNULL,
                env=env,
            )
            _, status, usage = os.wait4(child.pid, 0)
            walls.append((time.perf_counter() - start) * 1000)
            rss.append(usage.ru_maxrss / 1024)
            if status != 0:
                sys.exit(f"{binary} failed")
        line.append(
            f"{label} median {statistics.median(walls):5.1f} ms, "
            f"rss {min(rss):.1f}-{max(rss):.1f} MB"
        )
    print(" | ".join(line), flush=True)
