// run.mjs: the real CPython 3.12, 3.13 or 3.14 (pyodide, CPython compiled to
// WebAssembly) as the differential test's oracle (DESIGN §10).
//
//   node run.mjs VERSION FILE.py|FILE.json [ORACLE-ARGS...]
//                           oracle.py's records of one scenario on stdout,
//                           its messages on stderr, its exit status
//   node run.mjs VERSION --batch JOBS
//                           oracle.py --batch JOBS, in one interpreter
//                           (tests/diff/batch.py; oracle.py's reset()
//                           forgets a job before the next)
//   node run.mjs VERSION --exec FILE.py [ARGS...]
//                           runs FILE.py as `python3 FILE.py` would
//                           (PyRun_FileExFlags, as oracle.py runs it, in
//                           a new __main__ module, once the garbage of
//                           pyodide's start-up is collected), prints the
//                           traceback of what it raised (status 1)
//
// VERSION is 3.12, 3.13 or 3.14.  A YAML scenario is given as the JSON that
// `python3 oracle.py --parse` prints (pyodide has no PyYAML).  The
// interpreters are the ones tests/oracle/setup.sh installed in
// tests/oracle/node_modules; nothing is fetched: a missing one is an
// error (status 99).  The host's files are seen under /host, and the
// current directory is the host's, so relative and absolute paths both work.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const oracle = path.resolve(here, "../diff");
const packages = { "3.12": "py312", "3.13": "py313", "3.14": "py314" };

function usage(why) {
	process.stderr.write(`run.mjs: ${why}\n` +
	    "usage: node run.mjs 3.12|3.13|3.14 FILE [ARGS...] | " +
	    "--batch JOBS | --exec FILE.py\n");
	process.exit(2);
}

const [version, ...args] = process.argv.slice(2);
if (!(version in packages))
	usage(`no interpreter for python ${version ?? "(none)"}`);
if (args.length === 0)
	usage("nothing to run");

const entry = path.join(here, "node_modules", packages[version],
    "pyodide.mjs");
if (!fs.existsSync(entry)) {
	process.stderr.write(`run.mjs: python ${version} is not installed ` +
	    `(${entry} is missing): run tests/oracle/setup.sh\n`);
	process.exit(99);
}
const { loadPyodide } = await import(pathToFileURL(entry).href);

const write = (fd) => ({
	write(buf) {
		fs.writeSync(fd, buf);
		return buf.length;
	},
});
const py = await loadPyodide({
	// str hashes, and so set order, as python3 with PYTHONHASHSEED=0
	env: { PYTHONHASHSEED: "0", HOME: "/" },
	stdout: undefined,
	stderr: undefined,
});
py.setStdout(write(1));
py.setStderr(write(2));
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: "/" }, "/host");

// oracle.py's run_as_file: the file run as `python3 FILE.py` runs it
// (PyRun_FileExFlags, its parsed tree alive while the module runs).  The
// call is made here so that an exception is taken off the thread (into
// the dict `holder`) before control is back in Python, which refuses a
// call that returns with one set.  Returns "", or why the file could
// not be opened.
py.registerJsModule("refscope_host", {
	run_file(file, ns, holder) {
		const m = py._module;
		const name = m.stringToNewUTF8(file);
		const mode = m.stringToNewUTF8("rb");
		const fp = m._fopen(name, mode);
		let why = "";

		m._free(mode);
		if (!fp) {
			why = `cannot open ${file}`;
		} else {
			const r = m._PyRun_FileExFlags(fp, name, 257, ns, ns, 1,
			    0);
			if (r === 0) {
				const e = m._PyErr_GetRaisedException();
				const key = m.stringToNewUTF8("raised");
				m._PyDict_SetItemString(holder, key, e);
				m._Py_DecRef(e);
				m._free(key);
			} else {
				m._Py_DecRef(r);
			}
		}
		m._free(name);
		return why;
	},
});

const host = (p) => "/host" + path.resolve(p);
const run = py.globals.get("dict")();
run.set("cwd", host(process.cwd()));
run.set("oracle", host(oracle));
run.set("version", version);
run.set("args", py.toPy(args.map((a, i) =>
    a.startsWith("--") || (args[0] === "--batch" && i > 1) ? a :
    path.isAbsolute(a) ? host(a) : a)));
run.set("jobs_prefix", "/host");
let status;
try {
	status = py.runPython(`
import os, sys
os.chdir(cwd)
if "%d.%d" % sys.version_info[:2] != version:
    sys.stderr.write("run.mjs: asked for python %s, got %s\\n" %
        (version, sys.version.split()[0]))
    status = 99
elif args[0] == "--exec":
    # As python3 FILE.py: the parsed tree (which holds the constants the
    # parser made) lives while the module runs, which runpy.run_path's
    # exec(compile()) does not do; and a fresh python3 has no garbage
    # for the file's first gc.collect() to count, pyodide's start-up has.
    import gc, traceback, types, refscope_host
    sys.argv = [args[1]] + list(args[2:])
    main = types.ModuleType("__main__")
    main.__file__ = args[1]
    saved_main = sys.modules.get("__main__")
    sys.modules["__main__"] = main
    holder = {}
    status = 0
    gc.collect()
    why = refscope_host.run_file(args[1], id(main.__dict__), id(holder))
    sys.modules["__main__"] = saved_main
    if why:
        sys.stderr.write("run.mjs: %s\\n" % why)
        status = 2
    elif "raised" in holder:
        e = holder.pop("raised")
        if isinstance(e, SystemExit):
            status = (e.code if isinstance(e.code, int) else
                int(e.code is not None))
            if e.code is not None and not isinstance(e.code, int):
                sys.stderr.write("%s\\n" % (e.code,))
        else:
            traceback.print_exception(e)
            status = 1
        e = None
else:
    sys.path.insert(0, oracle)
    import batch, oracle as o
    if args[0] == "--batch":
        # the job file's absolute paths are the host's
        jobs = "/tmp/run-mjs.jobs"
        with open(args[1], encoding="utf-8") as f, \\
                open(jobs, "w", encoding="utf-8") as out:
            for line in f:
                out.write("\\t".join(jobs_prefix + x if x.startswith("/")
                    else x for x in line.rstrip("\\n").split("\\t")) + "\\n")
        status = batch.run(o.main, "oracle.py", jobs, fork=False)
    else:
        status = o.main(["oracle.py"] + list(args))
sys.stdout.flush()
sys.stderr.flush()
status
`, { globals: run });
} catch (e) {
	process.stderr.write(`run.mjs: python ${version}: ${e.message}\n`);
	status = 1;
}
process.exit(typeof status === "number" ? status : 1);
