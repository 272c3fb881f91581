#!/usr/bin/env python3
"""replay.py: rebuilds the full trace from a delta trace (DESIGN §7,
src/writer/delta.h) and compares it, record by record, with the full trace.

    replay.py FULL DELTA [FULL DELTA ...]

Each FULL is `refscope trace FILE`, each DELTA `refscope trace --delta
[--events] FILE` of the same scenario.  Event lines are skipped.  Records
are compared as parsed JSON with the order of keys and of lists kept, so a
field that moves or a list in another order is a difference.  Prints one
line per pair; exit status 0 when every pair agrees, 1 otherwise.

This is also the reference reader of the delta format: what it does is
what the format means.
"""
import json
import sys


def records(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            rec = json.loads(line)
            if "event" not in rec:
                yield n, rec


def ordered(v):
    """v with every dict as a list of pairs: comparisons see key order."""
    if isinstance(v, dict):
        return [(k, ordered(x)) for k, x in v.items()]
    if isinstance(v, list):
        return [ordered(x) for x in v]
    return v


class Replay:
    def __init__(self, first):
        self.frames = first["frames"]
        self.heap = {o["id"]: o for o in first["heap"]}

    def splice(self, refs, ops, label):
        for at, deleted, inserted in ops:
            if at < 0 or at + deleted > len(refs):
                raise ValueError("splice [%d,%d] outside %d references"
                                 % (at, deleted, len(refs)))
            if label is not None:
                inserted = [{"via": None, "id": i} for i in inserted]
            refs[at:at + deleted] = inserted
        if label is not None:
            for i, ref in enumerate(refs):
                ref["via"] = label % i
        return refs

    def apply(self, rec):
        if "frames" in rec:
            keep, put = rec["frames"]["keep"], rec["frames"]["put"]
            if keep > len(self.frames):
                raise ValueError("keeps %d of %d frames" % (keep, len(self.frames)))
            del self.frames[keep:]
            for i, frame in put:
                if i < len(self.frames):
                    self.frames[i] = frame
                elif i == len(self.frames):
                    self.frames.append(frame)
                else:
                    raise ValueError("frame %d after %d" % (i, len(self.frames)))
        for obj in rec["new"]:
            if obj["id"] in self.heap:
                raise ValueError("#%d is new but listed" % obj["id"])
            self.heap[obj["id"]] = obj
        for change in rec["changed"]:
            obj = self.heap[change["id"]]
            for key in ("repr", "refcount", "gen", "cached"):
                if key in change:
                    obj[key] = change[key]
            if "weak" in change:
                if change["weak"] is None:
                    obj.pop("weak", None)
                else:
                    obj["weak"] = change["weak"]
            for key, label in (("items", "[%d]"), ("elements", "{%d}"),
                               ("refs", None)):
                if key in change:
                    obj["refs"] = self.splice(obj["refs"], change[key], label)
            if len(change) == 1:
                raise ValueError("#%d listed as changed with no change"
                                 % change["id"])
        for gone in rec["gone"]:
            del self.heap[gone]
        full = {}
        for key in ("step", "depth", "line", "code"):
            full[key] = rec[key]
        full["frames"] = self.frames
        full["heap"] = [self.heap[i] for i in sorted(self.heap)]
        for key in ("freed", "collected", "output", "python"):
            full[key] = rec[key]
        return full


def compare(full_path, delta_path):
    fulls = list(records(full_path))
    deltas = list(records(delta_path))
    if len(fulls) != len(deltas):
        return "%d records, the full trace has %d" % (len(deltas), len(fulls))
    if not fulls:
        return None
    replay = None
    for (n, full), (m, delta) in zip(fulls, deltas):
        try:
            if replay is None:
                replay = Replay(json.loads(json.dumps(delta)))
                rebuilt = delta
            else:
                rebuilt = replay.apply(json.loads(json.dumps(delta)))
        except (KeyError, ValueError, TypeError) as e:
            return "line %d (step %s): cannot replay: %r" % (m, delta.get("step"), e)
        if ordered(rebuilt) != ordered(full):
            for key in full:
                if ordered(rebuilt.get(key)) != ordered(full[key]):
                    return ("line %d (step %s): %s differs:\n  full:    %s\n"
                            "  rebuilt: %s" % (m, full["step"], key,
                                               json.dumps(full[key])[:600],
                                               json.dumps(rebuilt.get(key))[:600]))
            return "line %d: the keys differ" % m
    return None


def main(args):
    if len(args) % 2 != 0 or not args:
        sys.exit("usage: replay.py FULL DELTA [FULL DELTA ...]")
    bad = 0
    for full, delta in zip(args[0::2], args[1::2]):
        problem = compare(full, delta)
        if problem is None:
            print("ok   %s: the delta trace rebuilds it" % full)
        else:
            bad += 1
            print("FAIL %s: %s" % (full, problem))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
