#!/usr/bin/python3
"""compare.py: check refscope's trace of a scenario against CPython's.

    compare.py SCENARIO.yaml REFSCOPE_TRACE.jsonl ORACLE.jsonl
    compare.py --batch JOBS    (many comparisons; batch.py says how)

REFSCOPE_TRACE is the output of `refscope trace --events SCENARIO`: event
lines (they have "event") and step records (DESIGN §7).  ORACLE is the
output of oracle.py for the same scenario.  Blank lines and lines starting
with `#` are ignored in both.

refscope's depth-0 step records are paired one to one with the oracle's
records (same count, same code).  After each step both must agree on:
  (a) the module's names;
  (b) identity: which names and slots hold the same object (the two graphs
      are walked in parallel from the names in sorted order, through refs
      in sorted order, and must stay a one-to-one correspondence); a
      frame's local the oracle could not name ("?local", where a build's
      frame layout is not the one oracle.py reads) stands for any one of
      refscope's locals of that frame the named ones leave over;
  (c) the type of each reachable object;
  (d) the refcount of each reachable object that CPython does not cache,
      and which objects are cached; on 3.12 on, which are immortal
      (the oracle's records say "immortal" there), and their count;
  (d') the collector generation of each reachable object ("gen": 0, 1, 2,
      or null when the collector does not track it), only when both
      heap entries carry "gen", so that a trace without it still passes;
  (e) repr, except where CPython's shows an address (" at 0x") or depends
      on the order of a set whose elements are hashed by address; a
      frame's repr is compared without its address: file and code name
      always, the line only for a frame whose code has finished (its
      entry has an f_func reference), not for a running one (the module's,
      whose line the tracer moves); a traceback's likewise (its address
      aside, "<traceback object at ...>").  What an exception's repr shows
      is its args; a frame's and a traceback's show nothing they hold: an
      address past those references makes no repr unreliable;
  (f) what the step printed (addresses, as in " at 0x7f3a...", aside);
  (g) what gc.collect() returned: the sum of the gc_end events' "collected"
      since the previous module-level record (the events of the function
      body steps a module step runs belong to it too);
  (h) the order in which class instances died, by creation serial: an
      instance dies at its (final, not "tentative") gc_unreachable event
      if it has one (CPython's
      collector finalises the unreachable objects in that order), else
      when its count reaches 0 (its decref to 0 or its free event, which
      comes first).  refscope's k-th instance alloc event (all classes
      counted together) is serial k.

On the first step that disagrees, every difference found in it is printed,
with the scenario file, the step, its code, the path to the thing and both
values, and the exit status is 1.  When all agree, one line is printed:
`ok N steps  SCENARIO`.  Status 2: unreadable input.
"""

import ast
import json
import re
import sys

import yaml

# Names refscope may bind for its own purposes; the oracle hides these too.
IGNORED_NAMES = {"sys", "gc", "__builtins__", "__name__", "__doc__"}
IGNORED_TYPES = {"module"}

# Types whose hash does not depend on the object's address (tuples and
# frozensets: when their items' do not).
STABLE_HASH = {"int", "float", "str", "bool"}

# A 32-bit build's int hash is the value modulo this (2**31 - 1): the same
# as a 64-bit build's for smaller ints.
HASH32_MODULUS = 2 ** 31 - 1
INT_RE = re.compile(r"^-?[0-9]+$")
# A set's display, {a, b, c}, holding no other braces.
SET_DISPLAY_RE = re.compile(r"\{([^{}]*)\}")


def interned_str(e):
    """Whether heap entry e is an interned str longer than one character:
    whether the interpreter made it immortal depends on what it interned
    at its start-up (pyodide imports more than python3), which refscope
    does not model: it keeps them mortal, and their immortality is not
    compared."""
    if e.get("type") != "str" or not e.get("cached"):
        return False
    try:
        return len(ast.literal_eval(e["repr"])) > 1
    except (ValueError, SyntaxError):
        return True	# cut short: long


def set_displays_sorted(text):
    """text with the items of each set display sorted: what a 32-bit
    oracle printed can be compared with a 64-bit model only so."""
    return SET_DISPLAY_RE.sub(lambda m: "{%s}" % ", ".join(
        sorted(m.group(1).split(", "))), text)


# CPython prints an address there; refscope prints its id ("at #7").
ADDRESS_RE = re.compile(r" at (?:0x[0-9a-fA-F]+|#[0-9]+)")
# a running frame's line, in a repr whose address is normalised
FRAME_LINE_RE = re.compile(r"(^<frame at 0x\u2026, file .*, line )[0-9]+")
# The types whose repr shows none of the objects they hold (only their
# own address, and a frame its file, line and code name).
OPAQUE_REPR_TYPES = ("frame", "traceback")
# oracle.py's name for a frame's local it could not name (_frame_refs_
# unnamed): it stands for whichever name refscope gives the local there.
UNNAMED_LOCAL = "?local"
MAX_REPORTS = 25


class InputError(Exception):
    pass


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            try:
                out.append(json.loads(s))
            except ValueError as e:
                raise InputError("%s:%d: not JSON: %s" % (path, n, e))
    return out


def class_names(path):
    if path.endswith(".py"):
        return set()    # classes are not read from .py files yet
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    names = set()
    for c in (doc or {}).get("classes") or []:
        names.add(str(c["name"]))
    return names


class RefscopeStep:
    """One depth-0 record of refscope with what its events say."""

    def __init__(self, record, collected, deaths):
        self.record = record
        self.collected = collected
        self.deaths = deaths


def refscope_steps(lines, classes):
    """refscope's depth-0 records, each with the collector's count and the
    instance deaths of the events since the previous depth-0 record."""
    steps = []
    serial = 0
    serials = {}		# instance id -> [class, serial]
    dead = set()
    collected = 0
    deaths = []

    def die(ev):
        i = ev.get("id")
        if i in serials and i not in dead:
            dead.add(i)
            deaths.append(serials[i])

    # What a step printed, its own lines and those of the function bodies
    # it ran (a __del__ at its end included), in the order printed: the
    # output events since the last depth-0 record.  A trace without
    # events (the self-test's reshaped records) has the records' own
    # output: the function bodies' first.
    events = any(obj.get("event") == "output" for obj in lines)
    printed = ""
    for obj in lines:
        ev = obj.get("event")
        if ev is None:
            if not events:
                printed += obj.get("output", "")
            if obj.get("depth", 0) == 0:
                obj = dict(obj, output=printed)
                steps.append(RefscopeStep(obj, collected, deaths))
                collected = 0
                deaths = []
                printed = ""
            continue
        if ev == "output":
            printed += obj.get("text", "")
        if ev == "alloc" and obj.get("type") in classes:
            serial += 1
            serials[obj.get("id")] = [obj["type"], serial]
        elif ev == "gc_end":
            collected += int(obj.get("collected", 0))
        elif ev == "gc_unreachable" and not obj.get("tentative"):
            # a tentative verdict of move_unreachable may be overturned
            die(obj)
        elif ev == "decref" and obj.get("refcount") == 0:
            die(obj)
        elif ev == "free":
            die(obj)
    return steps


def via_key(via):
    """Sort vias naturally: [2] before [10], then keys, sets, attributes."""
    m = re.fullmatch(r"\[(-?\d+)\]", via)
    if m:
        return (0, int(m.group(1)), via)
    m = re.fullmatch(r"\{(\d+)\}", via)
    if m:
        return (3, int(m.group(1)), via)
    if via.startswith("key "):
        return (1, 0, via[4:])
    if via.startswith("["):
        return (2, 0, via)
    return (4, 0, via)


def norm_via(via):
    return ADDRESS_RE.sub(" at 0x\u2026", via)


# References refscope records that a Python program cannot walk without
# changing what it measures: an instance's hold on its class, and a
# function's code constants.  They count in refcounts (which are compared)
# but are not followed as edges of the names graph.
MODEL_ONLY_VIA = re.compile(r"__class__|co_consts\[\d+\]|length")


def refs_of(entry):
    """[(via, id)] of a heap entry, vias with addresses normalised."""
    return [(norm_via(r["via"]), r["id"]) for r in entry.get("refs", [])
            if not MODEL_ONLY_VIA.fullmatch(r["via"])] + weak_refs_of(entry)


def weak_refs_of(entry):
    """A weakref's referent while it lives ("weak": the reference that
    does not count), walked as an edge of its own, "(weak)"."""
    if "weak" in entry:
        return [("(weak)", entry["weak"])]
    return []


class Graph:
    def __init__(self, record):
        frames = record.get("frames") or [{}]
        self.names = dict(frames[0].get("names", {}))
        self.heap = {h["id"]: h for h in record.get("heap", [])}

    def entry(self, i):
        return self.heap.get(i)

    def type_of(self, i):
        e = self.heap.get(i)
        return e["type"] if e else None


class StepCompare:
    def __init__(self, rs, cp):
        self.rs = Graph(rs)
        self.cp = Graph(cp)
        self.problems = []
        self.cp2rs = {}
        self.rs2cp = {}
        self.path_of = {}	# cp id -> first path it was reached by
        self.stable_memo = {}
        self.hash32 = cp.get("hash_width") == 32
        self.unreliable = None
        self.deferred = []

    def problem(self, what, path, rs_value, cp_value):
        where = " at %s" % path if path else ""
        self.problems.append("%s%s: refscope: %s, CPython: %s" %
            (what, where, rs_value, cp_value))

    # -- what CPython's order depends on --

    def hash_stable(self, i, seen=()):
        if i in self.stable_memo:
            return self.stable_memo[i]
        e = self.cp.entry(i)
        t = e["type"] if e else None
        if self.hash32 and t in ("str", "float"):
            # a 32-bit oracle (pyodide) hashes these otherwise than the
            # 64-bit builds refscope models: its set order is its own
            ok = False
        elif self.hash32 and t == "int":
            ok = abs(int(e["repr"])) < HASH32_MODULUS if \
                INT_RE.match(e["repr"]) else False
        elif t in STABLE_HASH:
            ok = True
        elif t in ("tuple", "frozenset") and i not in seen:
            ok = all(self.hash_stable(j, seen + (i,))
                for _, j in refs_of(e))
        else:
            ok = False
        self.stable_memo[i] = ok
        return ok

    def unordered_set(self, i):
        """A set whose iteration order depends on addresses."""
        e = self.cp.entry(i)
        if not e or e["type"] not in ("set", "frozenset"):
            return False
        return not all(self.hash_stable(j) for _, j in refs_of(e))

    def repr_unreliable(self, i):
        """repr shows an address or the order of an unordered set: its own
        or that of anything it reaches (a repr prints what it holds)."""
        if self.unreliable is None:
            back = {}
            bad = []
            for j, e in self.cp.heap.items():
                if e["type"] in OPAQUE_REPR_TYPES:
                    continue
                refs = refs_of(e)
                if any(v == "args" for v, _ in refs):
                    # an exception: its repr shows its args alone, not
                    # its traceback, cause, context or dict
                    refs = [(v, k) for v, k in refs if v == "args"]
                for _, k in refs:
                    back.setdefault(k, []).append(j)
                if " at 0x" in e["repr"] or self.unordered_set(j):
                    bad.append(j)
            seen = set(bad)
            while bad:
                j = bad.pop()
                for k in back.get(j, ()):
                    if k not in seen:
                        seen.add(k)
                        bad.append(k)
            self.unreliable = seen
        return i in self.unreliable

    # -- the walk --

    def run(self):
        cp_names = set(self.cp.names)
        rs_names = set(n for n, i in self.rs.names.items()
            if n not in IGNORED_NAMES
            and self.rs.type_of(i) not in IGNORED_TYPES)
        if cp_names != rs_names:
            self.problem("names", "", "[%s]" % ", ".join(sorted(rs_names)),
                "[%s]" % ", ".join(sorted(cp_names)))
        stack = []
        for name in sorted(cp_names & rs_names, reverse=True):
            stack.append(("names " + name, self.cp.names[name],
                self.rs.names[name]))
        while stack or self.deferred:
            if not stack:
                stack.extend(reversed(self.pair_set(*self.deferred.pop(0))))
                continue
            path, c, r = stack.pop()
            stack.extend(reversed(self.visit(path, c, r)))
        return self.problems

    def visit(self, path, c, r):
        """Compares the objects c (CPython) and r (refscope) reached by
        path; returns the (path, c, r) to visit next."""
        if c in self.cp2rs:
            if self.cp2rs[c] != r:
                self.problem("identity", path,
                    "a different object than at %s (#%s, not #%s)" %
                    (self.path_of[c], r, self.cp2rs[c]),
                    "the same object as at %s" % self.path_of[c])
            return []
        if r in self.rs2cp:
            self.problem("identity", path,
                "the same object as at %s" % self.path_of[self.rs2cp[r]],
                "a different object")
            return []
        self.cp2rs[c] = r
        self.rs2cp[r] = c
        self.path_of[c] = path
        ce = self.cp.entry(c)
        re_ = self.rs.entry(r)
        if ce is None:
            self.problem("internal", path, "#%s" % r,
                "no heap entry #%s in the oracle's record" % c)
            return []
        if re_ is None:
            self.problem("object missing from refscope's heap", path,
                "id %s" % r, "%s %s" % (ce["type"], ce["repr"]))
            return []
        if re_["type"] != ce["type"]:
            self.problem("type", path, re_["type"], ce["type"])
            return []
        what = "%s (%s %s)" % (path, ce["type"], short(ce["repr"]))
        ccached = bool(ce.get("cached"))
        rcached = bool(re_.get("cached"))
        # Immortal (PEP 683, 3.12 on): the oracle says so; its count is
        # the 64-bit figure, as refscope's, whatever pyodide's 32 bits say.
        cimmortal = bool(ce.get("immortal"))
        rimmortal = bool(re_.get("immortal"))
        if ccached != rcached:
            self.problem("cached", what, str(rcached).lower(),
                str(ccached).lower())
        elif "immortal" in ce and cimmortal != rimmortal and \
                not interned_str(ce):
            self.problem("immortal", what, str(rimmortal).lower(),
                str(cimmortal).lower())
        elif not ccached and re_.get("refcount") != ce.get("refcount"):
            self.problem("refcount", what, re_.get("refcount"),
                ce.get("refcount"))
        # The collector generation: compared only when both records
        # carry "gen" (older refscope traces and oracle records lack it),
        # and not for a shared object: the interpreter's own, which
        # refscope keeps out of the collector's lists (a module's
        # built-in function, print, is in CPython's oldest generation).
        if "gen" in re_ and "gen" in ce and re_["gen"] != ce["gen"] and \
                not ccached:
            self.problem("generation", what, gen_name(re_["gen"]),
                gen_name(ce["gen"]))
        crefs = refs_of(ce)
        rrefs = refs_of(re_)
        if ce["type"] in OPAQUE_REPR_TYPES:
            if not opaque_reprs_match(re_.get("repr", ""), ce["repr"],
                    any(v == "f_func" for v, _ in crefs)):
                self.problem("repr", path, json.dumps(re_.get("repr"),
                    ensure_ascii=False), json.dumps(ce["repr"],
                    ensure_ascii=False))
        elif not self.repr_unreliable(c) and \
                re_.get("repr") != ce["repr"]:
            self.problem("repr", path, json.dumps(re_.get("repr"),
                ensure_ascii=False), json.dumps(ce["repr"],
                ensure_ascii=False))
        if ce["type"] == "frame":
            crefs, rrefs = self.unnamed_locals(path, crefs, rrefs)
        if self.unordered_set(c):
            if len(crefs) != len(rrefs):
                self.problem("number of elements", path, len(rrefs),
                    len(crefs))
            else:
                self.deferred.append(("%s \u2192 {\u2026}" % path,
                    [j for _, j in crefs], [j for _, j in rrefs]))
            return []
        cgroups = group(crefs)
        rgroups = group(rrefs)
        cvias = sorted((v for v, _ in crefs), key=via_key)
        rvias = sorted((v for v, _ in rrefs), key=via_key)
        if cvias != rvias:
            missing = [v for v in cgroups
                if len(rgroups.get(v, ())) < len(cgroups[v])]
            extra = [v for v in rgroups
                if len(cgroups.get(v, ())) < len(rgroups[v])]
            self.problem("references", path,
                "[%s]%s%s" % (", ".join(rvias),
                " lacks %s" % ", ".join(missing) if missing else "",
                " has extra %s" % ", ".join(extra) if extra else ""),
                "[%s]" % ", ".join(cvias))
        out = []
        for via in sorted(set(cgroups) & set(rgroups), key=via_key):
            sub = "%s \u2192 %s" % (path, via)
            if len(cgroups[via]) == 1 and len(rgroups[via]) == 1:
                out.append((sub, cgroups[via][0], rgroups[via][0]))
            elif len(cgroups[via]) == len(rgroups[via]):
                # Keys whose reprs differ only by an address: paired
                # like the elements of a set, once the rest is known.
                self.deferred.append((sub, cgroups[via], rgroups[via]))
        return out

    def unnamed_locals(self, path, crefs, rrefs):
        """A frame's references with the oracle's "?local"s (locals it
        could not name: oracle.py's _frame_refs_unnamed) set aside, with
        as many of refscope's locals, those whose names the oracle's named
        references do not account for: whatever their names, each stands
        for one "?local", and their objects are paired as a set's
        elements are (pair_set).  When the numbers differ, the "?local"s
        stay, and the references differ."""
        unnamed = [i for v, i in crefs if v == UNNAMED_LOCAL]
        if not unnamed:
            return crefs, rrefs
        named = group([(v, i) for v, i in crefs if v != UNNAMED_LOCAL])
        seen = {}
        left = []
        for v, i in rrefs:
            seen[v] = seen.get(v, 0) + 1
            if seen[v] > len(named.get(v, ())) and \
                    v not in ("f_back", "f_func", "f_locals"):
                left.append((v, i))
        if len(left) != len(unnamed):
            return crefs, rrefs
        self.deferred.append(("%s \u2192 %s" % (path, UNNAMED_LOCAL),
            unnamed, [i for _, i in left]))
        return [(v, i) for v, i in crefs if v != UNNAMED_LOCAL], \
            [r for r in rrefs if r not in left]

    def pair_set(self, path, celems, relems):
        """Pairs references whose order is arbitrary (the elements of a set
        hashed by address, dict entries keyed by objects that print alike),
        reached by path: first the objects already met elsewhere, then the
        rest by type and repr, then in the order listed."""
        out = []
        rest_r = list(relems)
        rest_c = []
        for c in celems:
            if c in self.cp2rs:
                r = self.cp2rs[c]
                if r in rest_r:
                    rest_r.remove(r)
                else:
                    self.problem("identity", path,
                        "none is the object at %s" % self.path_of[c],
                        "one is the object at %s" % self.path_of[c])
            else:
                rest_c.append(c)
        for r in list(rest_r):
            if r in self.rs2cp:
                rest_r.remove(r)
                self.problem("identity", path,
                    "one is the object at %s" % self.path_of[self.rs2cp[r]],
                    "none is that object")

        def key(graph, i):
            e = graph.entry(i)
            if e is None:
                return ("", "")
            return (e["type"], ADDRESS_RE.sub("", e.get("repr", "")))
        rest_c.sort(key=lambda i: key(self.cp, i))
        rest_r.sort(key=lambda i: key(self.rs, i))
        for c, r in zip(rest_c, rest_r):
            out.append((path, c, r))
        return out


def opaque_reprs_match(rrepr, crepr, finished):
    """Whether refscope's repr of a frame or traceback says what CPython's
    says, addresses aside, and a running frame's line aside.  Either may
    be cut short (a trailing \u2026): then what is left of it must begin
    the other."""
    def norm(r):
        r = ADDRESS_RE.sub(" at 0x\u2026", r)
        if not finished:
            r = FRAME_LINE_RE.sub(lambda m: m.group(1) + "?", r)
        return r
    r, c = norm(rrepr), norm(crepr)
    if r == c:
        return True
    if r.endswith("\u2026") and c.startswith(r[:-1]):
        return True
    return c.endswith("\u2026") and r.startswith(c[:-1])


def gen_name(g):
    return "untracked" if g is None else "generation %s" % g


def short(r):
    return r if len(r) <= 24 else r[:23] + "\u2026"


def group(refs):
    out = {}
    for via, i in refs:
        out.setdefault(via, []).append(i)
    return out


def describe(path, n, rec):
    return "%s: step %d (line %s) `%s`" % (path, n, rec.get("line", "?"),
        rec.get("code", ""))


def compare(scenario, rs_path, cp_path):
    classes = class_names(scenario)
    rs_steps = refscope_steps(read_jsonl(rs_path), classes)
    cp_recs = read_jsonl(cp_path)
    for n, cp in enumerate(cp_recs, 1):
        if n > len(rs_steps):
            print("%s: refscope stopped after %d module-level steps; "
                "CPython ran %d (next: line %s `%s`)" % (scenario,
                len(rs_steps), len(cp_recs), cp.get("line", "?"),
                cp.get("code", "")))
            return 1
        rs = rs_steps[n - 1]
        rcode = (rs.record.get("code") or "").strip()
        ccode = (cp.get("code") or "").strip()
        if scenario.endswith(".py"):
            # a .py step is a line: the oracle has its text, comment
            # and all, refscope the statement
            rcode, ccode = rs.record.get("line"), cp.get("line")
        if rcode != ccode:
            print("%s: steps out of line: refscope's module-level step %d "
                "is `%s`, CPython's `%s`" % (describe(scenario, n, cp), n,
                rcode, ccode))
            return 1
        sc = StepCompare(rs.record, cp)
        problems = sc.run()
        # Addresses differ by nature; what surrounds them must not.
        rout = ADDRESS_RE.sub(" at 0x", rs.record.get("output", ""))
        cout = ADDRESS_RE.sub(" at 0x", cp.get("output", ""))
        if sc.hash32:
            rout, cout = set_displays_sorted(rout), set_displays_sorted(cout)
        if rout != cout:
            problems.append("output: refscope: %s, CPython: %s" %
                (json.dumps(rs.record.get("output", "")),
                json.dumps(cp.get("output", ""))))
        if rs.collected != cp.get("collected_count", 0):
            problems.append("gc.collect() count: refscope: %d, CPython: %d"
                % (rs.collected, cp.get("collected_count", 0)))
        cdeaths = [list(d) for d in cp.get("deaths", [])]
        if rs.deaths != cdeaths:
            fmt = lambda ds: "[%s]" % ", ".join("%s #%d" % (c, s)
                for c, s in ds)
            problems.append("instance deaths (class #serial, in order): "
                "refscope: %s, CPython: %s" % (fmt(rs.deaths), fmt(cdeaths)))
        if problems:
            print("%s:" % describe(scenario, n, cp))
            for p in problems[:MAX_REPORTS]:
                print("  " + p)
            if len(problems) > MAX_REPORTS:
                print("  ... and %d more" % (len(problems) - MAX_REPORTS))
            return 1
    if len(rs_steps) > len(cp_recs):
        extra = rs_steps[len(cp_recs)].record
        print("%s: refscope ran %d module-level steps, CPython %d "
            "(refscope's extra: `%s`)" % (scenario, len(rs_steps),
            len(cp_recs), extra.get("code", "")))
        return 1
    print("ok %d steps  %s" % (len(cp_recs), scenario))
    return 0


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: compare.py SCENARIO.yaml "
            "REFSCOPE_TRACE.jsonl ORACLE.jsonl\n")
        return 2
    try:
        return compare(argv[1], argv[2], argv[3])
    except (OSError, InputError, yaml.YAMLError, KeyError, TypeError,
        ValueError) as e:
        print("%s: cannot compare: %s" % (argv[1], e))
        return 2


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--batch":
        import batch
        sys.exit(batch.run(main, sys.argv[0], sys.argv[2]))
    sys.exit(main(sys.argv))
