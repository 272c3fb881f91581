#!/usr/bin/env python3
"""roundtrip.py: a YAML scenario and its `export --python` run the same.

    roundtrip.py JOBS

JOBS holds one job a line, tab-separated: NAME, then the files of the YAML
scenario's run and of its .py form's run: `trace --events` of each, then
`dump --list` of each.  Prints `ok NAME` or `FAIL NAME: why` for each and
exits 1 if any failed.

What must be the same (FORMAT.md, section 9 says why the rest differs):
  - the steps: the YAML run's records, in order, are the .py run's records
    once its scaffolding is left out -- the `def`, `class` and `import`
    lines, the `pass` that is an exported class's body, the
    `for i in range(N):` header of a repeat: -- with a narration
    step's empty code standing for the `pass` that carries it;
  - the narration of each step (a repeated step's is its loop header's);
  - each step's printed output, its frames and their names (ids aside, in
    reprs and output, and what a line that calls sys.getrefcount() or id()
    or uses `is` prints: ids follow the order of creation, and the .py form
    makes its constants first; a constant's count is the module's; equal
    constants of two lines are one object);
  - the objects the names reach, with their types, reprs and references
    (slot by slot; a function's references to its constants aside: in a
    file they are the module code's): the YAML run's objects map onto the
    .py run's, one
    object onto one object, except that several YAML objects may map onto
    one constant of the .py form (an object its module code made at the
    start);
  - the reference count of every object reached that is not a constant of
    the .py form (a constant's includes the module code's references and
    those of each line that shares it);
  - what each step frees (objects reached before it) and how many objects
    the collector frees, constants aside.
"""

import json
import re
import sys

SCAFFOLDING = ("def ", "class ", "import ")
# ids are given in order of creation, and the .py form makes its constants
# first: an id in a repr or in printed output may differ
ID = re.compile(r"#[0-9]+")


def no_ids(text):
    return ID.sub("#", text)


def own_refs(o):
    """An object's references, but a function's to its constants: in a
    file they are the module code's (the .py form's constants)."""
    if o["type"] == "function":
        return [r for r in o["refs"] if not r["via"].startswith("co_consts")]
    return o["refs"]


def records(path):
    """The step records and the .py form's constants (made in step 0)."""
    recs, consts = [], set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "event" not in r:
                recs.append(r)
            elif (r["event"] == "alloc" and r.get("step") == 0 and
                  r.get("reason", "").startswith("constant")):
                consts.add(r["id"])
    return recs, consts


def narration(path):
    """Each step's narration in `dump --list` (one block a step)."""
    says = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("── step "):
                says.append([])
            elif line.startswith("  │ ") or line.rstrip("\n") == "  │":
                says[-1].append(line[4:].rstrip("\n"))
    return ["\n".join(s) for s in says]


def is_scaffolding(code):
    return code.startswith(SCAFFOLDING) or (
        code.startswith("for i in range(") and code.endswith("):"))


class Mismatch(Exception):
    pass


def compare_graph(s, p, consts, mapping):
    """Maps the objects the names of s reach onto those of p (records of
    the same step).  mapping: YAML id -> .py id, filled here."""
    sheap = {o["id"]: o for o in s["heap"]}
    pheap = {o["id"]: o for o in p["heap"]}
    back = {}
    if len(s["frames"]) != len(p["frames"]):
        raise Mismatch("%d frames, the .py form %d" %
                       (len(s["frames"]), len(p["frames"])))
    work = []
    for sf, pf in zip(s["frames"], p["frames"]):
        if sf["function"] != pf["function"]:
            raise Mismatch("frame %s, the .py form %s" %
                           (sf["function"], pf["function"]))
        if set(sf["names"]) != set(pf["names"]):
            raise Mismatch("names %s, the .py form %s" %
                           (sorted(sf["names"]), sorted(pf["names"])))
        for n in sf["names"]:
            work.append((sf["names"][n], pf["names"][n], n))
    while work:
        si, pi, path = work.pop()
        if si in mapping:
            if mapping[si] != pi:
                raise Mismatch("%s: one object in the YAML run, two in the "
                               ".py form's" % path)
            continue
        if pi in back and pi not in consts:
            raise Mismatch("%s: two objects in the YAML run, one in the "
                           ".py form's, which is not its constant" % path)
        mapping[si] = pi
        back.setdefault(pi, []).append(si)
        so, po = sheap[si], pheap[pi]
        for k in ("type", "repr", "cached"):
            if no_ids(str(so[k])) != no_ids(str(po[k])):
                raise Mismatch("%s: %s %r, the .py form %r" %
                               (path, k, so[k], po[k]))
        srefs, prefs = own_refs(so), own_refs(po)
        if [r["via"] for r in srefs] != [r["via"] for r in prefs]:
            raise Mismatch("%s: refs %s, the .py form %s" % (
                path, [r["via"] for r in srefs], [r["via"] for r in prefs]))
        for sr, pr in zip(srefs, prefs):
            work.append((sr["id"], pr["id"], path + sr["via"]))
    for pi, sis in back.items():
        if pi in consts or pheap[pi]["cached"]:
            continue
        if sheap[sis[0]]["refcount"] != pheap[pi]["refcount"]:
            raise Mismatch("refcount of %s (id %d): %d, the .py form %d" % (
                pheap[pi]["repr"], pi, sheap[sis[0]]["refcount"],
                pheap[pi]["refcount"]))


def class_body_pass(precs, j):
    """Whether record j is the `pass` that is the whole body of an
    exported `class X:` (scaffolding too): a class's line completes after
    its body, so the class line's record is the next one, a level up."""
    p = precs[j]
    return (p["code"] == "pass" and p["depth"] > 0 and j + 1 < len(precs)
            and precs[j + 1]["code"].startswith("class ")
            and precs[j + 1]["depth"] == p["depth"] - 1)


def compare(names):
    yrecs, _ = records(names[0])
    precs, consts = records(names[1])
    ysay, psay = narration(names[2]), narration(names[3])
    if len(ysay) != len(yrecs) or len(psay) != len(precs):
        raise Mismatch("dump --list and trace disagree on the steps")
    before = {}             # YAML id -> .py id, at the step before
    pfreed, pcollected, pending = [], 0, (0, "")
    k = 0
    for j, p in enumerate(precs):
        pfreed += p["freed"]
        pcollected += len([c for c in p["collected"] if c not in consts])
        code = p["code"]
        if class_body_pass(precs, j):
            continue
        if is_scaffolding(code):
            # a repeat:'s narration is its loop header's, the line above
            # the body
            pending = (p["line"] + 1, psay[j])
            continue
        if k == len(yrecs):
            raise Mismatch("the .py form runs more steps: line %d %r" %
                           (p["line"], code))
        y = yrecs[k]
        where = "step %d (%r)" % (y["step"], y["code"])
        ycode = y["code"] if y["code"] != "" else "pass"
        if (y["depth"], ycode) != (p["depth"], code):
            raise Mismatch("%s: the .py form runs line %d %r at depth %d" %
                           (where, p["line"], code, p["depth"]))
        say = psay[j]
        if say == "" and pending[0] == p["line"]:
            say = pending[1]
        if ysay[k] != say:
            raise Mismatch("%s: narration %r, the .py form %r" %
                           (where, ysay[k], say))
        # what sys.getrefcount(), id() and `is` print may differ (a
        # constant's count, the order of creation, constants merged)
        if no_ids(y["output"]) != no_ids(p["output"]) and not (
                "getrefcount(" in code or "id(" in code or " is " in code):
            raise Mismatch("%s: output %r, the .py form %r" %
                           (where, y["output"], p["output"]))
        now = {}
        try:
            compare_graph(y, p, consts, now)
        except Mismatch as e:
            raise Mismatch("%s: %s" % (where, e))
        for si in y["freed"]:
            if si in before and before[si] not in consts and \
                    before[si] not in pfreed:
                raise Mismatch("%s: frees id %d, the .py form not id %d" %
                               (where, si, before[si]))
        yfreed = set(y["freed"])
        for si, pi in before.items():
            if pi in pfreed and pi not in consts and si not in yfreed:
                raise Mismatch("%s: the .py form frees id %d, not the YAML "
                               "run" % (where, pi))
        ycollected = len(y["collected"])
        if ycollected != pcollected:
            raise Mismatch("%s: the collector frees %d, in the .py form %d"
                           % (where, ycollected, pcollected))
        before, pfreed, pcollected = now, [], 0
        k += 1
    if k != len(yrecs):
        raise Mismatch("the .py form stops before step %d (%r)" %
                       (yrecs[k]["step"], yrecs[k]["code"]))


def main():
    failed = 0
    with open(sys.argv[1], encoding="utf-8") as jobs:
        for line in jobs:
            fields = line.rstrip("\n").split("\t")
            try:
                compare(fields[1:])
                print("ok   %s" % fields[0])
            except Mismatch as e:
                print("FAIL %s: %s" % (fields[0], e))
                failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
