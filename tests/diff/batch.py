"""batch.py: run one of the differential test's tools on many inputs in one
Python process, as if it had been run once per input.  Python's start-up
(and PyYAML's import) costs more than most scenarios; the tests run a
tool on every scenario.

    TOOL --batch JOBS

JOBS holds one job a line, fields separated by tabs: OUT, then the
arguments the tool would get (argv[1:]).  For each job, what the tool
would print on stdout goes to OUT, on stderr to OUT.err, and its exit
status (as the shell sees it) to OUT.rc.  The batch's own status is 0 when
every job ran (whatever its status), 2 when JOBS cannot be read.

fork=False (compare.py, reshape.py: pure functions of their files) runs
every job in this process.  fork=True (oracle.py, which measures the
interpreter it runs in) runs each in a child made by os.fork() before
anything of the job is done, so that every scenario starts from the same
pristine interpreter, never from what an earlier one left.
"""

import os
import sys

# contextlib and traceback are imported where they are used: the oracle's
# children should find no module a plain run of it would not have.


def _jobs(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                fields = line.split("\t")
                yield fields[0], fields[1:]


def _in_process(main, argv0, out, args):
    import contextlib
    import traceback
    with open(out, "w", encoding="utf-8") as o, \
        open(out + ".err", "w", encoding="utf-8") as e, \
        contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
        try:
            rc = main([argv0] + args)
        except SystemExit as x:
            rc = x.code if isinstance(x.code, int) else 1
        except Exception:
            traceback.print_exc()
            rc = 1
    return rc


def _forked(main, argv0, out, args):
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        rc = 1
        try:
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            os.dup2(fd, 1)
            os.close(fd)
            fd = os.open(out + ".err",
                os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            os.dup2(fd, 2)
            os.close(fd)
            sys.argv = [argv0] + args
            rc = main(sys.argv)
        except SystemExit as x:
            rc = x.code if isinstance(x.code, int) else 1
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(rc if isinstance(rc, int) else 1)
    _, status = os.waitpid(pid, 0)
    rc = os.waitstatus_to_exitcode(status)
    return rc if rc >= 0 else 128 - rc    # killed by signal -rc


def run(main, argv0, jobs, fork=False):
    """Runs main(argv) for each job of the file jobs; see the top."""
    try:
        todo = list(_jobs(jobs))
    except OSError as e:
        sys.stderr.write("%s: --batch: %s\n" % (argv0, e))
        return 2
    for out, args in todo:
        rc = (_forked if fork else _in_process)(main, argv0, out, args)
        with open(out + ".rc", "w", encoding="utf-8") as f:
            f.write("%d\n" % rc)
    return 0
