#!/usr/bin/env python3
"""calls.py: no two files of a folder call each other in a loop.

    calls.py [--graph] DIR...

For each DIR (e.g. src/sim), draws the file-level call graph of its .c
files -- A -> B when a function of A calls an external function that B
defines -- and fails (status 1) naming every loop: a file that reaches
itself.  A loop ties two modules into one that neither can be read, tested
or changed without the other (issue 14).  --graph prints the edges too.

It reads the C as text: comments and strings are dropped, a definition is a
line `name(` at the start of a line after a line with no `static`, a call
is `name(` anywhere.  Enough for the house style (tmux-like: the return
type on a line of its own); a macro that calls is not seen.
"""

import glob
import os
import re
import sys


def strip(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def graph(folder):
    """{file: {callee file: [functions]}} of folder's .c files."""
    text, defs = {}, {}
    for path in sorted(glob.glob(os.path.join(folder, "*.c"))):
        name = os.path.basename(path)[:-2]
        with open(path, encoding="utf-8") as f:
            text[name] = strip(f.read())
        lines = text[name].split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"([A-Za-z_]\w*)\(", line)
            if m and i > 0 and "static" not in lines[i - 1]:
                defs[m.group(1)] = name
    edges = {}
    for name, body in text.items():
        for call in set(re.findall(r"\b([A-Za-z_]\w*)\s*\(", body)):
            callee = defs.get(call)
            if callee is not None and callee != name:
                edges.setdefault(name, {}).setdefault(callee, []).append(
                    call)
    return edges


def loops(edges):
    """The files that reach themselves, each with one path back."""
    found = []
    for start in sorted(edges):
        paths, seen = [[start]], {start}
        while paths:
            path = paths.pop(0)
            for nxt in sorted(edges.get(path[-1], {})):
                if nxt == start:
                    found.append(path + [start])
                    paths = []
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    paths.append(path + [nxt])
    return found


def main(argv):
    show = "--graph" in argv
    folders = [a for a in argv[1:] if a != "--graph"]
    if not folders:
        sys.stderr.write("usage: calls.py [--graph] DIR...\n")
        return 2
    bad = 0
    for folder in folders:
        edges = graph(folder)
        if not edges:
            print(f"FAIL {folder}: no calls between files found")
            bad += 1
            continue
        if show:
            for a in sorted(edges):
                for b in sorted(edges[a]):
                    print(f"  {a} -> {b}: {', '.join(sorted(edges[a][b]))}")
        found = loops(edges)
        for path in found:
            print(f"FAIL {folder}: a call loop: {' -> '.join(path)}")
        if found:
            bad += 1
        else:
            print(f"ok   {folder}: {len(edges)} files call others, no loop")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
