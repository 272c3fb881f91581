#!/usr/bin/env python3
"""The trace beside Python Tutor's tracer (issue 12): figures, no asserts.

    python3 tests/bench/bench_trace.py [--peer DIR] [./refscope]

The program traced is `lst = []` followed by N times `lst.append([1, 2])`.
For N = 2 000 and N = 20 000 it runs, one after the other in this one run
(the machines are noisy: compare the ratios, not the seconds):

  - `refscope trace` (the full trace: every record lists the heap; at
    N = 2 000 only: at N = 20 000 it is 31 GB),
  - `refscope trace --delta` (each record lists what its step changed),
  - with --peer DIR, Python Tutor's tracer (pg_logger.py, pg_encoder.py and
    generate_json_trace.py from its v5-unity folder, unmodified; its step
    cap MAX_EXECUTED_LINES is raised from outside, as generate_json_trace
    would run it with --compact).  Nothing is fetched: without DIR the peer
    is left out.  The peer runs at N = 2 000 only (at N = 20 000 it would
    take hours).

Each run writes to a pipe that counts the bytes; wall time is measured
here, peak resident memory by GNU time (/usr/bin/time, Debian's `time`),
which forks a small process to exec the program: a child forked from
Python would count Python's own pages too.  The last lines are the
ratios the issue asks for, and every figure is printed as a line
`FIGURE name value unit` for `make bench`.
"""
import os
import subprocess
import sys
import tempfile
import time

PEER_RUNNER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import pg_logger
pg_logger.MAX_EXECUTED_LINES = 10 ** 9
def finalizer(code, trace):
    sys.stdout.write(json.dumps(dict(code=code, trace=trace)))
pg_logger.exec_script_str_local(open(sys.argv[2]).read(), None, False, False,
                                finalizer)
"""


GNU_TIME = "/usr/bin/time"


def measure(argv):
    """Runs argv with stdout to a pipe; returns (seconds, peak bytes, bytes
    written, exit status)."""
    with tempfile.NamedTemporaryFile(mode="r") as peak_file:
        start = time.perf_counter()
        proc = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", peak_file.name]
                                + argv, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        written = 0
        while True:
            chunk = proc.stdout.read(1 << 20)
            if not chunk:
                break
            written += len(chunk)
        status = proc.wait()
        elapsed = time.perf_counter() - start
        peak_kib = int(peak_file.read().split()[-1])
    return elapsed, peak_kib * 1024, written, status


def best_of(argv, runs):
    """The fastest of runs (the least disturbed), with its figures."""
    results = [measure(argv) for _ in range(runs)]
    return min(results, key=lambda r: r[0])


def figure(name, value, unit):
    print("FIGURE %s %s %s" % (name, value, unit))


def main(args):
    peer = None
    if args[:1] == ["--peer"]:
        peer = args[1]
        args = args[2:]
        for f in ("pg_logger.py", "pg_encoder.py", "generate_json_trace.py"):
            if not os.path.isfile(os.path.join(peer, f)):
                sys.exit("bench_trace.py: %s has no %s" % (peer, f))
    refscope = args[0] if args else "./refscope"
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("bench_trace.py: needs GNU time at %s (Debian: time)" % GNU_TIME)
    tmp = tempfile.mkdtemp(prefix="refscope-bench-trace.")
    results = {}
    print("%-28s %10s %12s %14s" % ("run", "seconds", "peak MiB", "bytes"))
    for n in (2000, 20000):
        yaml = os.path.join(tmp, "appends-%d.yaml" % n)
        with open(yaml, "w") as f:
            f.write("refscope: 1\ntitle: %d appends\nsteps:\n"
                    "  - do: lst = []\n  - do: lst.append([1, 2])\n"
                    "    repeat: %d\n" % (n, n))
        py = os.path.join(tmp, "appends-%d.py" % n)
        with open(py, "w") as f:
            f.write("lst = []\nfor i in range(%d):\n    lst.append([1, 2])\n" % n)
        runs = [("delta", [refscope, "trace", "--delta", yaml], 5)]
        if n == 2000:   # at N = 20 000 the full trace is 31 GB
            runs.insert(0, ("full", [refscope, "trace", yaml], 3))
        if peer is not None and n == 2000:
            runs.append(("peer", [sys.executable, "-c", PEER_RUNNER, peer, py], 1))
        for what, argv, count in runs:
            secs, peak, written, status = best_of(argv, count)
            if status != 0:
                sys.exit("bench_trace.py: %s at N = %d exited %d"
                         % (what, n, status))
            results[(what, n)] = (secs, peak, written)
            print("%-28s %10.3f %12.1f %14d" % ("%s, N = %d" % (what, n), secs,
                                              peak / 2 ** 20, written))
            figure("trace_%s_%d_seconds" % (what, n), "%.4f" % secs, "s")
            figure("trace_%s_%d_peak" % (what, n), "%.1f" % (peak / 2 ** 20), "MiB")
            figure("trace_%s_%d_bytes" % (what, n), written, "bytes")
    print()
    ratio = results[("delta", 20000)][2] / results[("delta", 2000)][2]
    print("delta bytes, N = 20 000 / N = 2 000: %.2f (at most 11)" % ratio)
    figure("trace_delta_bytes_growth_10x", "%.2f" % ratio, "x")
    if peer is not None:
        p = results[("peer", 2000)]
        full = results[("full", 2000)]
        delta = results[("delta", 2000)]
        rows = [("full trace faster than the peer", p[0] / full[0], 20),
                ("full trace less peak memory", p[1] / full[1], 20),
                ("delta trace faster than the peer", p[0] / delta[0], 1000)]
        for text, value, goal in rows:
            print("%s, N = 2 000: %.0fx (at least %dx)" % (text, value, goal))
        figure("trace_full_speedup_vs_peer", "%.1f" % rows[0][1], "x")
        figure("trace_full_memory_ratio_vs_peer", "%.1f" % rows[1][1], "x")
        figure("trace_delta_speedup_vs_peer", "%.0f" % rows[2][1], "x")
    else:
        print("(no --peer DIR: Python Tutor's tracer left out)")


if __name__ == "__main__":
    main(sys.argv[1:])
