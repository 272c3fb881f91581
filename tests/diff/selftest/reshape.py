#!/usr/bin/python3
"""reshape.py: turn the oracle's records into a trace shaped like
`refscope trace --events`, to test compare.py against every scenario
without refscope.

    reshape.py ORACLE.jsonl > TRACE.jsonl
    reshape.py --batch JOBS    (many records; ../batch.py says how)

What compare.py must not depend on is changed: ids are renumbered (a
different numbering in every record), heap entries, refs and names are
listed in another order, and depth-1 records with events of their own sit
between the module-level records.  What it must read is rewritten in
refscope's vocabulary: instance allocations become alloc events in serial
order, deaths become decref-to-0 and free events (gc_unreachable events
when the step collected), gc.collect() counts become gc_end events (split
across a nested record when there are two collections' worth).
"""

import json
import os
import sys


def renumber(rec, base):
    """The record with every id i replaced by base - 3 * i."""
    f = lambda i: base - 3 * i
    heap = []
    for h in reversed(rec["heap"]):
        h = dict(h)
        h["id"] = f(h["id"])
        h["refs"] = [{"via": r["via"], "id": f(r["id"])}
            for r in reversed(h["refs"])]
        heap.append(h)
    names = {n: f(i) for n, i in reversed(list(
        rec["frames"][0]["names"].items()))}
    return {"step": None, "depth": 0, "line": rec["line"],
        "code": rec["code"],
        "frames": [{"function": "<module>", "names": names}],
        "heap": heap, "freed": [], "collected": [],
        "output": rec["output"]}


def main(argv):
    recs = [json.loads(l) for l in open(argv[1], encoding="utf-8")
        if l.strip()]
    any_class = next((c for r in recs for c, s in r.get("deaths", [])),
        None)
    out = []
    step = 0
    allocated = 0
    for n, rec in enumerate(recs):
        step += 1
        deaths = rec.get("deaths", [])
        need = max([s for _, s in deaths] + [0])
        while allocated < need:
            allocated += 1
            # The class of a serial that never dies is not in the
            # records; any scenario class counts the same for serials.
            cls = next((c for r in recs for c, s in r.get("deaths", [])
                if s == allocated), any_class)
            out.append({"event": "alloc", "step": step,
                "id": 500000 + allocated, "type": cls,
                "refcount": 1, "reason": "reshaped"})
        collected = rec.get("collected_count", 0)
        if collected:
            # A nested record first, holding part of the collection, to
            # check that events of body steps count for the module step.
            first = collected // 2
            out.append({"event": "gc_begin", "step": step,
                "reason": "gc.collect()"})
            out.append({"event": "gc_end", "step": step,
                "collected": first})
            out.append({"step": step, "depth": 1, "line": 0,
                "code": "pass", "frames": [], "heap": [], "freed": [],
                "collected": [], "output": ""})
            step += 1
            out.append({"event": "gc_begin", "step": step,
                "reason": "gc.collect()"})
            for c, s in deaths:
                out.append({"event": "gc_unreachable", "step": step,
                    "id": 500000 + s, "type": c})
            out.append({"event": "gc_end", "step": step,
                "collected": collected - first})
            for c, s in deaths:
                out.append({"event": "free", "step": step,
                    "id": 500000 + s, "type": c, "cause": "collector"})
        else:
            for c, s in deaths:
                out.append({"event": "decref", "step": step,
                    "id": 500000 + s, "refcount": 0, "reason": "reshaped"})
                out.append({"event": "free", "step": step,
                    "id": 500000 + s, "type": c, "cause": "refcount"})
        r = renumber(rec, 10000 + 7 * n)
        r["step"] = step
        out.append(r)
    for o in out:
        sys.stdout.write(json.dumps(o, ensure_ascii=False) + "\n")
    return 0

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--batch":
        sys.path.insert(0, os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))))
        import batch
        sys.exit(batch.run(main, sys.argv[0], sys.argv[2]))
    sys.exit(main(sys.argv))
