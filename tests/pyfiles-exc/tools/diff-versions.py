#!/usr/bin/python3
"""diff-versions.py: what the oracle's records of one program say
differently on two versions of CPython, step by step.

    diff-versions.py PROGRAM.py A.jsonl B.jsonl

A and B are oracle.py's records of PROGRAM.py on two versions (check.sh
leaves them as NAME.VERSION.jsonl).  Each pair of steps (same line) is
compared as compare.py compares refscope with CPython, A standing for
refscope: names, identities, types, refcounts, generations, reprs, refs,
output, gc.collect() counts; every difference of every step is printed
(compare.py stops at the first step).  Immortality (3.12 on) is compared
only when both records say it."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "diff"))
import compare  # noqa: E402


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def main(argv):
    a, b = read(argv[2]), read(argv[3])
    la = [r["line"] for r in a]
    lb = [r["line"] for r in b]
    n = 0
    if la != lb:
        print("steps differ: lines %s and %s" % (la, lb))
        n += 1
    for ra, rb in zip(a, b):
        if "immortal" not in ra:
            rb = dict(rb, heap=[{k: v for k, v in h.items()
                if k != "immortal"} for h in rb["heap"]])
        sc = compare.StepCompare(ra, rb)
        problems = sc.run()
        if ra["output"] != rb["output"]:
            problems.append("output: %s, %s" % (json.dumps(ra["output"]),
                json.dumps(rb["output"])))
        if ra["collected_count"] != rb["collected_count"]:
            problems.append("gc.collect() count: %d, %d" % (
                ra["collected_count"], rb["collected_count"]))
        if problems:
            n += 1
            print("line %s `%s`:" % (ra["line"], ra["code"]))
            for p in problems:
                print("  " + p.replace("refscope: ", "A: ").replace(
                    "CPython: ", "B: "))
    return 1 if n else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
