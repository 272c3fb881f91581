#!/usr/bin/env python3
"""run-all.py: every benchmark of refscope, and their figures in one table
(`make bench` runs it).  Benchmarks print figures and assert nothing.

    run-all.py REFSCOPE BENCH_VIEW

Runs, from the directory of this script: bench.py (the headless core),
BENCH_VIEW (the viewer, a C program: make tests/bench/bench_view) and
bench_trace.py when it is there (the trace), the Python ones as
`python3 SCRIPT REFSCOPE`.  Each prints what it measures for a person, and
each figure also as a line

    FIGURE name value unit

(a name without spaces, a number, a unit); those lines make the table.
A benchmark that fails or prints no figure is said so in the table, and
the status is 1.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def figures(text):
    """The (name, value, unit) of each FIGURE line of text."""
    out = []
    for line in text.splitlines():
        parts = line.split(None, 3)
        if len(parts) >= 3 and parts[0] == "FIGURE":
            try:
                float(parts[2])
            except ValueError:
                continue
            out.append((parts[1], parts[2], parts[3] if len(parts) > 3
                else ""))
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: run-all.py REFSCOPE BENCH_VIEW\n")
        return 2
    refscope, bench_view = argv[1], argv[2]
    benches = [("bench.py", [sys.executable,
                    os.path.join(HERE, "bench.py"), refscope]),
               ("bench_view", [bench_view])]
    trace = os.path.join(HERE, "bench_trace.py")
    if os.path.exists(trace):
        # PEER: a folder with Python Tutor's tracer, to run beside it
        peer = os.environ.get("PEER")
        benches.append(("bench_trace.py", [sys.executable, trace]
                        + (["--peer", peer] if peer else []) + [refscope]))
    else:
        print("(no tests/bench/bench_trace.py: its figures are left out)")
    rows = []
    status = 0
    for name, cmd in benches:
        print("== %s" % name, flush=True)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
        for line in proc.stdout.splitlines():
            if not line.startswith("FIGURE "):
                print("  " + line)
        found = figures(proc.stdout)
        rows += [(name,) + f for f in found]
        if proc.returncode != 0 or not found:
            rows.append((name, "(failed: status %d, %d figures)" %
                (proc.returncode, len(found)), "", ""))
            status = 1
    head = ("benchmark", "figure", "value", "unit")
    widths = [max(len(r[k]) for r in rows + [head]) for k in range(4)]
    print()
    for r in [head] + rows:
        print("%-*s  %-*s  %*s  %s" % (widths[0], r[0], widths[1], r[1],
            widths[2], r[2], r[3]))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
