#!/usr/bin/python3
"""check.py: every answer of a worksheet that CPython can reproduce, checked
against CPython.

    check.py REFSCOPE ORACLE FILE...

For each FILE, `refscope export --worksheet FILE` gives the answer key
(src/writer/worksheet.h says its shape) and tests/diff/oracle.py runs FILE
in CPython 3.11, printing a record after each module-level step.  Each
answer is compared with the record of its step:

    refcount(NAME)   the count of NAME's object (sys.getrefcount, less the
                     oracle's own references)
    A is B, A is not B, alive(NAME)   of names: their identities
    printed          what the step printed
    collected        what gc.collect() returned, for a line that calls it

What CPython cannot show is counted as not reproducible, not passed: the
order of frees (CPython says nothing when a list dies), a collection that
started by itself (the oracle keeps the automatic collector off), the
counts of subjects other than names.  Exit status 1 when an answer
disagrees, or when no answer at all could be checked.
"""
import json
import re
import subprocess
import sys

HEAD = re.compile(r"^\*\*(\d+)\.\*\* step (\d+), line (\d+), `(.*)`:(.*)$")
NAME = r"[A-Za-z_][A-Za-z_0-9]*"


def answer_key(text):
    """[(number, step, check, answer text)] of a worksheet."""
    key = text.split("\n## Answer key\n", 1)[1].split("\n")
    out = []
    i = 0
    while i < len(key):
        m = HEAD.match(key[i])
        i += 1
        if not m:
            continue
        n, step, _line, check, rest = m.groups()
        if check == "printed":
            block = []
            i += 1                       # the blank line
            while i < len(key) and key[i].startswith("    "):
                block.append(key[i][4:])
                i += 1
            out.append((int(n), int(step), check, "\n".join(block) + "\n"))
        else:
            value = re.match(r" \*\*(.*?)\*\*\.", rest)
            out.append((int(n), int(step), check, value.group(1)))
    return out


def verdict(check, answer, rec):
    """True or False when CPython can say; None when it cannot."""
    names = rec["frames"][0]["names"]
    heap = {o["id"]: o for o in rec["heap"]}
    m = re.fullmatch(r"refcount\((%s)\)" % NAME, check)
    if m:
        if m.group(1) not in names or names[m.group(1)] not in heap:
            return None
        return heap[names[m.group(1)]]["refcount"] == int(answer)
    m = re.fullmatch(r"(%s) is (not )?(%s)" % (NAME, NAME), check)
    if m:
        a, negated, b = m.groups()
        same = a in names and b in names and names[a] == names[b]
        return (same != bool(negated)) == (answer == "True")
    m = re.fullmatch(r"alive\((%s)\)" % NAME, check)
    if m:
        return (m.group(1) in names) == (answer == "True")
    if check == "printed":
        return rec["output"] == answer
    if check == "collected" and "gc.collect(" in rec["code"]:
        listed = 0 if answer == "nothing is freed" else \
            len(answer.split(", "))
        return rec["collected_count"] == listed
    return None


def main(argv):
    refscope, oracle, files = argv[1], argv[2], argv[3:]
    checked = unreproducible = bad = 0
    for path in files:
        sheet = subprocess.run([refscope, "export", "--worksheet", path],
            capture_output=True, text=True)
        if sheet.returncode != 0:
            print("FAIL %s: export --worksheet exited %d: %s" % (path,
                sheet.returncode, sheet.stderr.strip()))
            bad += 1
            continue
        run = subprocess.run([sys.executable, oracle, path],
            capture_output=True, text=True)
        if run.returncode == 77:
            print("skip %s: not comparable with CPython" % path)
            continue
        if run.returncode != 0:
            print("FAIL %s: the oracle exited %d: %s" % (path,
                run.returncode, run.stderr.strip()))
            bad += 1
            continue
        records = {}
        for line in run.stdout.splitlines():
            rec = json.loads(line)
            records.setdefault(rec["step"], rec)
        for n, step, check, answer in answer_key(sheet.stdout):
            ok = verdict(check, answer, records[step]) \
                if step in records else None
            if ok is None:
                unreproducible += 1
            elif ok:
                checked += 1
            else:
                bad += 1
                print("FAIL %s: answer %d (step %d, %s): refscope says "
                    "%r, CPython disagrees (record: output %r, "
                    "collected %r)" % (path, n, step, check, answer,
                    records[step]["output"],
                    records[step]["collected_count"]))
    print("%d answers agree with CPython, %d not reproducible there, "
        "%d failed" % (checked, unreproducible, bad))
    return 1 if bad or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
