#!/usr/bin/python3
"""compare-cases.py: compare.py's rules for exceptions, tracebacks and
frames, tried on planted differences.

    compare-cases.py PROGRAM.py ORACLE.jsonl

ORACLE is oracle.py's records of PROGRAM (a program of this folder whose
records hold a finished frame and the module's running frame, such as
exc-two-levels.py).  Each case rewrites a copy of the records as refscope
would write them (reshape.py's trace format; addresses as "at #N"), plants
one change, and checks compare.py's verdict: a changed line of a finished
frame, its file or its code name, an exception's repr and a missing
reference are caught; another address, a running frame's line, a frame's
repr cut at 60 characters as refscope cuts every repr, and a local the
oracle could not name ("?local") pass.  Prints one line per case; exits 1
when a verdict is wrong."""

import copy
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
diff = os.path.join(here, "..", "..", "diff")


def reshaped(records):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    out = subprocess.run([sys.executable, os.path.join(diff, "selftest",
        "reshape.py"), f.name], capture_output=True, text=True, check=True)
    os.unlink(f.name)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


def refscope_style(trace):
    """Addresses as refscope writes them: " at #ID"."""
    for r in trace:
        for h in r.get("heap", []):
            h["repr"] = re.sub(r" at 0x[0-9a-f]+", " at #%d" % abs(h["id"]),
                h["repr"])
    return trace


def entries(trace, pred):
    return [h for r in trace if "heap" in r for h in r["heap"] if pred(h)]


def finished(h):
    return h["type"] == "frame" and any(x["via"] == "f_func"
        for x in h["refs"])


def running(h):
    return h["type"] == "frame" and not h["refs"]


def run(program, trace, oracle_path):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for r in trace:
            f.write(json.dumps(r) + "\n")
    out = subprocess.run([sys.executable, os.path.join(diff, "compare.py"),
        program, f.name, oracle_path], capture_output=True, text=True)
    os.unlink(f.name)
    return out.returncode, out.stdout


def main(argv):
    program, oracle_path = argv[1], argv[2]
    with open(oracle_path, encoding="utf-8") as f:
        records = [json.loads(l) for l in f if l.strip()]
    base = refscope_style(reshaped(records))

    def case(name, change, want_ok, want_text=None):
        t = copy.deepcopy(base)
        change(t)
        rc, out = run(program, t, oracle_path)
        ok = (rc == 0) == want_ok and (want_text is None or want_text in out)
        print("%s %s%s" % ("ok  " if ok else "FAIL", name,
            "" if ok else ": status %d\n%s" % (rc, out)))
        return ok

    def each(pred, f):
        def change(t):
            es = entries(t, pred)
            assert es, "no entry to change"
            for h in es:
                f(h)
        return change

    def sub(pattern, repl):
        return lambda h: h.update(repr=re.sub(pattern, repl, h["repr"]))

    def cut(h):
        if len(h["repr"]) > 60:
            h["repr"] = h["repr"][:59] + "\u2026"

    def unname(h):
        for x in h["refs"]:
            if x["via"] not in ("f_back", "f_func"):
                x["via"] = "?local"

    results = [
        case("the records as they are", lambda t: None, True),
        case("another address", each(lambda h: h["type"] in ("frame",
            "traceback"), sub(r" at #\d+", " at #999999")), True),
        case("a running frame's line", each(running,
            sub(r"line \d+", "line 9999")), True),
        case("a finished frame's line", each(finished,
            sub(r"line \d+", "line 9999")), False, "repr"),
        case("a finished frame's file", each(finished,
            sub(r"file '", "file 'x")), False, "repr"),
        case("a running frame's code name", each(running,
            sub(r"code <module>", "code main")), False, "repr"),
        case("a frame's repr cut at 60", each(lambda h: h["type"] ==
            "frame", cut), True),
        case("an exception's repr", each(lambda h: any(x["via"] == "args"
            for x in h["refs"]), sub(r"^(\w+)\(", r"\1(1, ")), False,
            "repr"),
        case("a frame without f_back", each(finished, lambda h: h.update(
            refs=[x for x in h["refs"] if x["via"] != "f_back"])), False,
            "references"),
        case("a traceback without tb_frame", each(lambda h: h["type"] ==
            "traceback", lambda h: h.update(refs=[x for x in h["refs"]
            if x["via"] != "tb_frame"])), False, "references"),
    ]
    # "?local" stands for refscope's name at its position: planted in
    # the oracle's records this time
    unnamed = copy.deepcopy(records)
    for h in entries(unnamed, finished):
        unname(h)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl",
            delete=False) as f:
        for r in unnamed:
            f.write(json.dumps(r) + "\n")
    rc, out = run(program, base, f.name)
    os.unlink(f.name)
    ok = rc == 0
    print("%s an oracle's ?local matches refscope's name%s" % (
        "ok  " if ok else "FAIL", "" if ok else ":\n" + out))
    results.append(ok)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
