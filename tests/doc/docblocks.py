#!/usr/bin/python3
"""docblocks.py: run the examples of a Markdown document, so that it cannot
drift from what refscope does.

    docblocks.py WORKDIR DOC.md...

Every ```yaml block of each document must be a whole scenario (its first
line that is not a comment is `refscope: 1`), and every ```python block is
a .py scenario.  What is checked depends on what follows it:

- A ```console block right after it is a transcript: each `$ refscope ...`
  line is run in WORKDIR (the yaml block written there first, under the
  name of the last argument of the transcript's first command) and must
  print exactly the lines under it, standard error and output together;
  `$ echo $?` must print the exit status of the command before it.

- Otherwise `refscope check` must pass on it (exit status 0).

A scenario that passes `refscope check` (either way) is then written to
WORKDIR under a name of its own, and its path printed on standard output
after `compare: `, for the caller to compare with CPython -- unless the
block has a line `# diff: skip` (a scenario about what CPython cannot be
asked, or that prints id()s).

Environment: REFSCOPE, the program to run.  Prints one line per block and
`N passed, M failed` last; exit status 1 if any failed.
"""

import os
import re
import subprocess
import sys

REFSCOPE = os.environ.get("REFSCOPE", "./refscope")


class Block:
    def __init__(self, doc, line, lang, text):
        self.doc = doc
        self.line = line
        self.lang = lang
        self.text = text

    def where(self):
        return "%s:%d" % (self.doc, self.line)


def blocks(path):
    """The fenced blocks of a Markdown file, in order."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        start = i + 1
        j = start
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        out.append(Block(os.path.basename(path), start, m.group(1),
                         "\n".join(lines[start:j]) + "\n"))
        i = j + 1
    return out


def is_scenario(text):
    for line in text.split("\n"):
        s = line.strip()
        if s == "" or s.startswith("#"):
            continue
        return s == "refscope: 1"
    return False


def run(args, cwd):
    p = subprocess.run([REFSCOPE] + args, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def transcript(block, console, workdir):
    """Runs the transcript's commands; returns the problems found and the
    exit status of the first command."""
    problems = []
    commands = []           # [command, [expected lines]]
    for line in console.text.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            commands.append([line[2:], []])
        elif commands:
            commands[-1][1].append(line)
        else:
            return ["%s: a console block must start with `$ `"
                    % console.where()], None
    first = commands[0][0].split() if commands else []
    if len(first) < 2 or first[0] != "refscope":
        return ["%s: the first command must be `refscope ...`"
                % console.where()], None
    name = first[-1]
    with open(os.path.join(workdir, name), "w", encoding="utf-8") as f:
        f.write(block.text)
    status = first_status = None
    for command, expected in commands:
        words = command.split()
        if words == ["echo", "$?"]:
            got = "" if status is None else "%d\n" % status
        elif words and words[0] == "refscope":
            status, got = run(words[1:], workdir)
            if first_status is None:
                first_status = status
        else:
            problems.append("%s: cannot run `%s`" % (console.where(),
                                                   command))
            continue
        want = "\n".join(expected) + ("\n" if expected else "")
        if got != want:
            problems.append("%s: `%s` printed:\n%s\nthe document says:\n%s"
                            % (console.where(), command, indent(got),
                               indent(want)))
    os.remove(os.path.join(workdir, name))
    return problems, first_status


def compare_later(block, workdir):
    """Writes a scenario CPython is to run under a name of its own, and
    prints its path for the caller, unless it opts out."""
    if re.search(r"^\s*#\s*diff:\s*skip", block.text, re.M):
        return
    path = os.path.join(workdir, "example-%s-%d%s"
                        % (re.sub(r"\W", "_", block.doc), block.line,
                           extension(block)))
    with open(path, "w", encoding="utf-8") as f:
        f.write(block.text)
    print("compare: %s %s" % (path, block.where()))


def extension(block):
    return ".py" if block.lang == "python" else ".yaml"


def indent(text):
    return "\n".join("    | " + l for l in text.rstrip("\n").split("\n"))


def main():
    workdir = sys.argv[1]
    passed = failed = 0
    for doc in sys.argv[2:]:
        bs = blocks(doc)
        for k, b in enumerate(bs):
            if b.lang not in ("yaml", "python"):
                continue
            if b.lang == "yaml" and not is_scenario(b.text):
                problems = ["%s: a yaml block must be a whole scenario "
                            "starting with `refscope: 1`" % b.where()]
            elif k + 1 < len(bs) and bs[k + 1].lang == "console" and \
                    bs[k + 1].line - b.line - b.text.count("\n") <= 3:
                problems, status = transcript(b, bs[k + 1], workdir)
                if not problems and status == 0:
                    compare_later(b, workdir)
            else:
                name = "example" + extension(b)
                with open(os.path.join(workdir, name), "w",
                          encoding="utf-8") as f:
                    f.write(b.text)
                status, out = run(["check", name], workdir)
                os.remove(os.path.join(workdir, name))
                problems = [] if status == 0 else [
                    "%s: refscope check exits %d:\n%s"
                    % (b.where(), status, indent(out))]
                if not problems:
                    compare_later(b, workdir)
            if problems:
                failed += 1
                print("FAIL %s" % b.where())
                for p in problems:
                    print("  " + p.replace("\n", "\n  "))
            else:
                passed += 1
                print("ok   %s" % b.where())
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
