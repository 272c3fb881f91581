#!/usr/bin/python3
"""check-records.py: what the oracle recorded of exceptions, tracebacks
and frames is complete, and its output is a plain run's.

    check-records.py ORACLE.jsonl PLAIN-OUTPUT.txt

Checks, in every record of the oracle (tests/diff/oracle.py) for a program
of this folder:
  - an exception (an entry with an "args" reference) references its args
    tuple, and __traceback__, __cause__, __context__ at most once each;
  - a traceback references one frame (tb_frame), and at most one tb_next;
  - a frame references nothing (running: the module's) or f_func and its
    locals, after f_back when it has one; a finished frame's repr names a
    function, a running one <module>;
  - every reference leads to an entry of the record;
  - what the steps printed, put together, is what the program printed when
    run plainly (python3 FILE.py), so the tracer changed no count it
    printed.
Prints the problems and exits 1, or exits 0 in silence."""

import json
import re
import sys

EXCEPTION_VIAS = ("__dict__", "args", "__traceback__", "__cause__",
    "__context__", "name", "obj", "value")
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def check(recs, plain):
    bad = []
    for r in recs:
        where = "line %s" % r["line"]
        heap = {h["id"]: h for h in r["heap"]}
        for h in r["heap"]:
            vias = [x["via"] for x in h["refs"]]
            for x in h["refs"]:
                if x["id"] not in heap:
                    bad.append("%s: #%d %s leads nowhere" % (where,
                        h["id"], x["via"]))
            if "args" in vias:
                if any(vias.count(v) != 1 for v in vias) or \
                        any(v not in EXCEPTION_VIAS for v in vias):
                    bad.append("%s: exception %s: %s" % (where, h["repr"],
                        vias))
                if heap[h["refs"][vias.index("args")]["id"]]["type"] != \
                        "tuple":
                    bad.append("%s: args of %s is no tuple" % (where,
                        h["repr"]))
            elif h["type"].endswith(("Error", "Exception")):
                bad.append("%s: %s without args" % (where, h["repr"]))
            if h["type"] == "traceback" and vias not in (["tb_frame"],
                    ["tb_next", "tb_frame"]):
                bad.append("%s: traceback refs %s" % (where, vias))
            if h["type"] == "frame":
                running = h["repr"].endswith("code <module>>")
                if running and vias:
                    bad.append("%s: running frame with refs %s" % (where,
                        vias))
                if not running and (vias[:2] != ["f_back", "f_func"] or
                        len(set(vias)) != len(vias)):
                    bad.append("%s: finished frame refs %s" % (where, vias))
    out = "".join(r["output"] for r in recs)
    if ADDRESS.sub("", out) != ADDRESS.sub("", plain):
        bad.append("output differs from a plain run:\n--- oracle\n%s"
            "--- plain\n%s" % (out, plain))
    return bad


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        recs = [json.loads(l) for l in f if l.strip()]
    with open(argv[2], encoding="utf-8") as f:
        plain = f.read()
    bad = check(recs, plain)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
