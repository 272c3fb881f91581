#!/bin/sh
# run-probes.sh: refscope against python3 on generated cases where the
# answer is a boundary or a rounding, not a picture: the depth at which a
# comparison or a print of nested containers raises RecursionError (at
# module level and in a function, as `python3 FILE.py` runs a module), and
# int / int true division, correctly rounded, on random 64-bit pairs.
# Each case is one YAML scenario for refscope and the same statements as a
# module for python3; both must end alike: ok, or the same exception.
#
# Environment: REFSCOPE, PYTHON3 (as run-diff.sh), PROBE_SEED (the random
# pairs; default fixed).  Prints one line per check and `N passed, M
# failed` last; 77 (skip) without CPython 3.11, 99 without refscope.

top=$(cd "$(dirname "$0")/../.." && pwd)
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-$top}/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}

if ! "$PYTHON3" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    2>/dev/null; then
	echo "run-probes.sh: $PYTHON3 is not CPython 3.11; skipped"
	exit 77
fi
if [ ! -x "$REFSCOPE" ]; then
	echo "run-probes.sh: no refscope program at $REFSCOPE (set REFSCOPE)"
	exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-probes.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

exec "$PYTHON3" - "$REFSCOPE" "$tmp" "${PROBE_SEED:-13}" <<'PY'
import os, random, re, subprocess, sys

refscope, tmp, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
passed = failed = 0


def check(ok, what, *details):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what)
        for d in details:
            print("       " + d)


def run_refscope(yaml_text):
    path = os.path.join(tmp, "case.yaml")
    with open(path, "w") as f:
        f.write(yaml_text)
    r = subprocess.run([refscope, "check", path], capture_output=True,
                       text=True, timeout=60)
    m = re.search(r"error: (\w+Error: [^\n]*)", r.stderr)
    if r.returncode == 0:
        return "ok"
    return m.group(1) if m and r.returncode == 2 else \
        "status %d: %s" % (r.returncode, r.stderr[:200])


def run_python(source):
    path = os.path.join(tmp, "case.py")
    with open(path, "w") as f:
        f.write(source)
    r = subprocess.run([sys.executable, path], capture_output=True,
                       text=True, timeout=60)
    m = re.search(r"^(\w+Error: .*)$", r.stderr, re.M)
    return m.group(1) if m else ("ok" if r.returncode == 0 else r.stderr)


def yaml_quote(s):
    return '"' + s + '"'


# -- nesting near the recursion limit ----------------------------------------
# (build, statements): x and y are chains nested n deep; the statements run
# at module level, or in f(x, y) called from the module (depth 1), or in
# f called from g (depth 2).
DEEP = [
    ("(x,)", ["l = [x]", "l.remove(y)"]),
    ("[x]", ["l = [x]", "l.remove(y)"]),
    ("(x,)", ["d = {x: 1}", "d[y]"]),
    ("(x,)", ["d = {x: 1}", "d[y] = 2"]),
    ("(x,)", ["d = {x: 1, y: 2}"]),
    ("(x,)", ["s = {x}", "s.add(y)"]),
    ("(x,)", ["s = {x, y}"]),
    ("(x,)", ["d = {x: 1}", "d.pop(y)"]),
    ("(x,)", ["s = {x}", "s.discard(y)"]),
    ("{1: x}", ["l = [x]", "l.remove(y)"]),
    ("(x,)", ["print(x)"]),
    ("[x]", ["print(x)"]),
    ("{1: x}", ["print(x)"]),
]


def deep_case(build, stmts, n, depth):
    ybuild = build.replace("x", "y")
    py = ["x = 0", "y = 0", "for i in range(%d):" % n, "    x = " + build,
          "    y = " + ybuild]
    ya = ["refscope: 1", "title: t"]
    if depth:
        ya += ["functions:", "  - name: f", "    params: [x, y]",
               "    body:"] + ["      - do: " + yaml_quote(s) for s in stmts]
        ya += ["  - name: g", "    params: [x, y]", "    body:",
               "      - do: f(x, y)"]
        py = ["def f(x, y):"] + ["    " + s for s in stmts] + \
            ["def g(x, y):", "    f(x, y)"] + py
        stmts = ["f(x, y)" if depth == 1 else "g(x, y)"]
    ya += ["steps:", "  - do: x = 0", "  - do: y = 0",
           "  - do: " + yaml_quote("x = " + build), "    repeat: %d" % n,
           "  - do: " + yaml_quote("y = " + ybuild), "    repeat: %d" % n]
    ya += ["  - do: " + yaml_quote(s) for s in stmts]
    py += stmts
    return "\n".join(ya) + "\n", "\n".join(py) + "\n"


for build, stmts in DEEP:
    for depth in (0, 1, 2):
        for n in range(995, 1001):
            y, p = deep_case(build, stmts, n, depth)
            got, want = run_refscope(y), run_python(p)
            check(got == want, "%s nested %d, %s at call depth %d: %s" %
                  (build, n, "; ".join(stmts), depth, want),
                  "refscope: " + got)

# -- int / int, correctly rounded -------------------------------------------
# Random pairs of every magnitude up to 64 bits, the cases near 2**53, the
# extremes, and halfway cases; refscope prints each quotient, python3 too.
rng = random.Random(seed)
LIMIT = 2 ** 63 - 1


def some_int():
    bits = rng.choice([1, 8, 52, 53, 54, 55, 60, 62, 63, 63, 63])
    v = rng.getrandbits(bits) | 1 << (bits - 1) if bits > 1 else 1
    v = min(v, LIMIT)
    return -v if rng.random() < 0.5 else v


pairs = [(9007199254740993, 3), (LIMIT, 3), (-LIMIT, 7), (LIMIT, LIMIT - 1),
         (2 ** 53 + 1, 2 ** 53 + 3), (0, -(2 ** 60)), (-(2 ** 62) - 1, 2),
         ((2 ** 53 + 1) * 2 ** 9, 2 ** 9), (3 * 2 ** 61 + 1, 2 ** 11)]
pairs += [(some_int(), some_int()) for _ in range(600)]
lines = ["print(%d / %d)" % p for p in pairs]
ya = "refscope: 1\ntitle: t\nsteps:\n" + "".join(
    "  - do: %s\n" % line for line in lines)
path = os.path.join(tmp, "div.yaml")
with open(path, "w") as f:
    f.write(ya)
r = subprocess.run([refscope, "trace", path], capture_output=True, text=True,
                   timeout=120)
got = "".join(__import__("json").loads(rec).get("output", "")
              for rec in r.stdout.splitlines())
want = subprocess.run([sys.executable, "-c", "\n".join(lines)],
                      capture_output=True, text=True).stdout
for line, g, w in zip(lines, got.splitlines(), want.splitlines()):
    check(g == w, "%s: %s" % (line, w), "refscope: " + g)
check(r.returncode == 0 and len(got.splitlines()) == len(lines),
      "refscope printed all %d quotients" % len(lines), r.stderr[:300])

# -- identifiers, NFKC (PEP 3131) -------------------------------------------
# Names made of characters NFKC changes, combining marks in any order and
# Hangul jamo: the names refscope binds must be python3's NFKC of them.
import json, unicodedata
pool = [cp for cp in range(0x80, 0x30000)
        if not 0xD800 <= cp <= 0xDFFF and ("a" + chr(cp)).isidentifier()
        and (unicodedata.normalize("NFKD", chr(cp)) != chr(cp)
             or unicodedata.combining(chr(cp)))]
pool += list(range(0x1100, 0x1113)) + list(range(0x1161, 0x1176)) + \
    list(range(0x11A8, 0x11C3))
names = set()
while len(names) < 400:
    names.add("a" + "".join(chr(rng.choice(pool))
                            for _ in range(rng.randint(1, 4))))
names = sorted(names)
ya = "refscope: 1\ntitle: t\nsteps:\n" + "".join(
    "  - do: %s = %d\n" % (n, i) for i, n in enumerate(names))
path = os.path.join(tmp, "names.yaml")
with open(path, "w") as f:
    f.write(ya)
r = subprocess.run([refscope, "trace", path], capture_output=True, text=True,
                   timeout=120)
records = [json.loads(line) for line in r.stdout.splitlines()]
bound = set(records[-1]["frames"][0]["names"]) if records else set()
want = {unicodedata.normalize("NFKC", n) for n in names}
check(r.returncode == 0, "%d names of NFKC-changed characters compile" %
      len(names), r.stderr[:300])
for n in names:
    w = unicodedata.normalize("NFKC", n)
    check(w in bound, "%s is the name %s" % (ascii(n), ascii(w)))
check(bound - want <= {"i"}, "no other names bound",
      ascii(sorted(bound - want)))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
