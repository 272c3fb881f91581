"""pauses.py FILE.py TRACE: the module steps a .py scenario pauses at.

Prints the ordinals (1-based, as the viewer's "step K/N" counts them) of
the module-level lines followed by a `# pause` comment, one a line.  TRACE
is `refscope trace FILE.py`: its depth-0 records, in order, are the module
steps; a pause belongs to the last of them that starts at or above the
`# pause` line (a straight-line lesson: each module line runs once).  A
pause under an indented line counts when that line is a module step (a
`try:` or `except:` block at module level), not when it is in a
function's body."""
import json
import sys


def main():
    path, trace = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    module = []
    with open(trace, encoding="utf-8") as f:
        for record in f:
            r = json.loads(record)
            if r.get("depth") == 0:
                module.append(r["line"])
    pauses = []
    for n, text in enumerate(lines, 1):
        if text.strip() == "# pause":
            # the statement it belongs to is at module level: the nearest
            # code line above starts in column 0, or is a module step
            k = n - 1
            while k > 0 and (not lines[k - 1].strip() or
                             lines[k - 1].lstrip().startswith("#")):
                k -= 1
            if k > 0 and (not lines[k - 1][0].isspace() or k in module):
                pauses.append(k)
    for line in pauses:
        at = [i for i, l in enumerate(module, 1) if l <= line]
        if at:
            print(at[-1])


main()
