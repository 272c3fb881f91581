#!/usr/bin/env python3
"""osc11.py: the viewer asks the terminal for its background (OSC 11)
before curses starts, and picks its colours by the answer.

    osc11.py REFSCOPE SCENARIO ANSWER

Runs REFSCOPE SCENARIO on a pseudo-terminal (TERM=xterm-256color, 100x30)
that plays a terminal: to the OSC 11 question it answers
"ESC ] 11 ; ANSWER ESC \\" (ANSWER "none": it stays silent, as a terminal
that does not know OSC 11), and to DA1 (ESC [ c) "ESC [ ? 1 ; 2 c".  Then
it sends q and prints what the viewer drew, with its escape sequences, on
standard output; exit status 0 when the viewer asked (OSC 11 before DA1,
both before curses' first screen) and quit by itself, 1 otherwise (the
reason on standard error).
"""
import os
import pty
import select
import struct
import sys
import termios
import fcntl
import time

ASK = b"\033]11;?\033\\"
DA1 = b"\033[c"


def main():
    refscope, scenario, answer = sys.argv[1:4]
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8")
        env.pop("COLORFGBG", None)
        env.pop("NO_COLOR", None)
        os.execve(refscope, [refscope, scenario], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    out = b""
    answered = False
    quit_sent = False
    deadline = time.time() + 20
    status = None
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if not answered and DA1 in out:
            if ASK not in out or out.index(ASK) > out.index(DA1):
                sys.stderr.write("osc11.py: no OSC 11 before DA1: %r\n"
                                 % out[:200])
                return 1
            reply = b""
            if answer != "none":
                reply += b"\033]11;" + answer.encode() + b"\033\\"
            os.write(fd, reply + b"\033[?1;2c")
            answered = True
        if answered and not quit_sent and b"step 0/" in out:
            time.sleep(0.3)
            os.write(fd, b"q")
            quit_sent = True
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            break
    # the terminal closes (EIO) as the viewer exits: wait for it a while
    end = time.time() + 5
    while status is None and time.time() < end:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
        else:
            time.sleep(0.05)
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.stderr.write("osc11.py: the viewer did not quit: %r\n"
                         % out[-300:])
        return 1
    before = out[:out.index(DA1)] if DA1 in out else out
    if b"\033[?1049h" in before:
        sys.stderr.write("osc11.py: curses started before asking\n")
        return 1
    sys.stdout.write(out.decode("utf-8", "replace"))
    return 0 if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
