#!/usr/bin/env python3
"""castplay.py: checks an asciicast v2 recording and replays it on a tiny
terminal model (cursor moves, line erase, clear, SGR ignored), enough for
the sequences refscope writes.

    castplay.py FILE [--at SECONDS] [--screen]

Checks: a version-2 header with width and height; every event a
[time, "o", text] array; times never decreasing; no write past the right
edge or below the bottom.  Prints the screen at the given time (default:
the end) with --screen.  Exit status 1 with a message on the first
problem."""
import json
import re
import sys
import unicodedata

CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")


def width_of(ch):
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


class Screen:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.rows = [[" "] * w for _ in range(h)]
        self.x = self.y = 0

    def put(self, ch):
        cw = width_of(ch)
        if self.x + cw > self.w or self.y >= self.h:
            raise ValueError("write past the edge at row %d col %d"
                             % (self.y + 1, self.x + 1))
        self.rows[self.y][self.x] = ch
        self.x += cw

    def csi(self, params, final):
        if final == "H":
            parts = [int(p) if p else 1 for p in params.split(";")] \
                if params else [1, 1]
            row, col = (parts + [1, 1])[:2]
            if not (1 <= row <= self.h and 1 <= col <= self.w):
                raise ValueError("cursor outside the screen: %d;%d"
                                 % (row, col))
            self.y, self.x = row - 1, col - 1
        elif final == "J" and params == "2":
            self.rows = [[" "] * self.w for _ in range(self.h)]
        elif final == "K" and params == "2":
            self.rows[self.y] = [" "] * self.w
        elif final in "mhl":
            pass
        else:
            raise ValueError("unexpected sequence ESC[%s%s" % (params, final))

    def feed(self, text):
        i = 0
        while i < len(text):
            m = CSI.match(text, i)
            if m:
                self.csi(m.group(1), m.group(2))
                i = m.end()
                continue
            ch = text[i]
            if ord(ch) < 32 or ord(ch) == 127:
                raise ValueError("raw control character %r" % ch)
            self.put(ch)
            i += 1

    def text(self):
        return "\n".join("".join(r).rstrip() for r in self.rows)


def main(argv):
    path = argv[1]
    at = float(argv[argv.index("--at") + 1]) if "--at" in argv else None
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = json.loads(lines[0])
    if header.get("version") != 2 or not isinstance(header.get("width"), int) \
            or not isinstance(header.get("height"), int):
        sys.exit("%s: not an asciicast v2 header" % path)
    screen = Screen(header["width"], header["height"])
    last = 0.0
    for n, line in enumerate(lines[1:], 2):
        ev = json.loads(line)
        if not (isinstance(ev, list) and len(ev) == 3 and ev[1] == "o"
                and isinstance(ev[0], (int, float))
                and isinstance(ev[2], str)):
            sys.exit("%s:%d: not a [time, \"o\", text] event" % (path, n))
        if ev[0] < last:
            sys.exit("%s:%d: time goes back (%s < %s)" % (path, n, ev[0], last))
        last = ev[0]
        if at is not None and ev[0] > at:
            break
        try:
            screen.feed(ev[2])
        except ValueError as e:
            sys.exit("%s:%d: %s" % (path, n, e))
    if "--screen" in argv:
        print(screen.text())
    else:
        print("%s: %d events, %.1f s, %dx%d" % (path, len(lines) - 1, last,
              header["width"], header["height"]))


if __name__ == "__main__":
    main(sys.argv)
