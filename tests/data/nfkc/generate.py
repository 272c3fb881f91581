#!/usr/bin/env python3
"""Generates src/lang/unicode_nfkc.inc, the tables refscope's lexer needs
to treat identifiers as CPython 3.11 does (PEP 3131): NFKC normalization
and the XID_Start / XID_Continue test CPython applies to the result.

    python3 tests/data/nfkc/generate.py > src/lang/unicode_nfkc.inc

From python3.11's own unicodedata (Unicode 14.0.0); nothing is fetched.
Hangul syllables are left out: they decompose and compose by arithmetic.
"""

import sys
import unicodedata

if sys.version_info[:2] != (3, 11):
    sys.exit("generate.py: needs python3.11, this is %d.%d" % sys.version_info[:2])

out = sys.stdout.write
S_BASE, S_COUNT = 0xAC00, 11172


def hangul(cp):
    return S_BASE <= cp < S_BASE + S_COUNT


def ranges_of(pred):
    result, start = [], None
    for cp in range(0x110000):
        if pred(cp) and start is None:
            start = cp
        elif not pred(cp) and start is not None:
            result.append((start, cp - 1))
            start = None
    if start is not None:
        result.append((start, 0x10FFFF))
    return result


def emit_ranges(name, ranges, comment):
    out("/* %s */\n" % comment)
    out("static const struct nfkc_range %s[%d] = {\n" % (name, len(ranges)))
    for i in range(0, len(ranges), 3):
        out("\t" + " ".join("{ 0x%05x, 0x%05x }," % r for r in ranges[i:i + 3])
            + "\n")
    out("};\n\n")


def is_char(cp):
    return not (0xD800 <= cp <= 0xDFFF)


out("/*\n"
    " * unicode_nfkc.inc: NFKC for identifiers, as CPython 3.11 normalizes\n"
    " * them (Unicode %s).  Generated with python %s, do not edit:\n"
    " *   python3 tests/data/nfkc/generate.py > src/lang/unicode_nfkc.inc\n"
    " */\n\n" % (unicodedata.unidata_version, sys.version.split()[0]))

# Full compatibility decompositions (NFKD of one code point), into a pool:
# only of what may stand in a name (CPython checks XID_Start/XID_Continue
# on the text as written, then normalizes).
decomp, pool = [], []
for cp in range(0x110000):
    if not is_char(cp) or hangul(cp) or not ("a" + chr(cp)).isidentifier():
        continue
    d = unicodedata.normalize("NFKD", chr(cp))
    if d != chr(cp):
        decomp.append((cp, len(pool), len(d)))
        pool.extend(ord(c) for c in d)
out("/* NFKD of each code point that has one: code point, first index in\n"
    " * nfkc_pool, length. */\n")
out("static const struct nfkc_decomp nfkc_decomps[%d] = {\n" % len(decomp))
for i in range(0, len(decomp), 3):
    out("\t" + " ".join("{ 0x%05x, %5d, %2d }," % d for d in decomp[i:i + 3])
        + "\n")
out("};\n\n")
out("static const uint32_t nfkc_pool[%d] = {\n" % len(pool))
for i in range(0, len(pool), 8):
    out("\t" + " ".join("0x%05x," % c for c in pool[i:i + 8]) + "\n")
out("};\n\n")

# Canonical combining classes other than 0, as runs of one class.
ccc = []
for cp in range(0x110000):
    c = unicodedata.combining(chr(cp)) if is_char(cp) else 0
    if c:
        if ccc and ccc[-1][1] == cp - 1 and ccc[-1][2] == c:
            ccc[-1][1] = cp
        else:
            ccc.append([cp, cp, c])
out("/* Canonical combining classes other than 0: first, last, class. */\n")
out("static const struct nfkc_class nfkc_classes[%d] = {\n" % len(ccc))
for i in range(0, len(ccc), 3):
    out("\t" + " ".join("{ 0x%05x, 0x%05x, %3d }," % tuple(c)
                        for c in ccc[i:i + 3]) + "\n")
out("};\n\n")

# Primary composites: pairs that canonical composition joins.
pairs = []
for cp in range(0x110000):
    if not is_char(cp) or hangul(cp):
        continue
    d = unicodedata.decomposition(chr(cp))
    if not d or d.startswith("<"):
        continue
    parts = [int(x, 16) for x in d.split()]
    if len(parts) != 2:
        continue
    if unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) != chr(cp):
        continue
    pairs.append((parts[0], parts[1], cp))
pairs.sort()
out("/* Canonical composition: first, second, composite; sorted. */\n")
out("static const struct nfkc_pair nfkc_pairs[%d] = {\n" % len(pairs))
for i in range(0, len(pairs), 3):
    out("\t" + " ".join("{ 0x%05x, 0x%05x, 0x%05x }," % p
                        for p in pairs[i:i + 3]) + "\n")
out("};\n\n")

emit_ranges("nfkc_xid_start", ranges_of(lambda cp: is_char(cp) and
            chr(cp).isidentifier()), "XID_Start, and _ (str.isidentifier)")
emit_ranges("nfkc_xid_continue", ranges_of(lambda cp: is_char(cp) and
            ("a" + chr(cp)).isidentifier()), "XID_Continue")
