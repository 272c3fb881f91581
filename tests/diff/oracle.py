#!/usr/bin/python3
"""oracle.py: run a refscope scenario in real CPython and print, after
every module-level executed step, a record shaped like refscope's step
records (DESIGN §7), one JSON object per line.

    oracle.py [--plain] [--selfcheck] SCENARIO.yaml|SCENARIO.py
    oracle.py --parse SCENARIO.yaml
    oracle.py --batch JOBS

--batch runs the oracle on many scenarios (batch.py says how): each in a
child forked from this process once it has started and imported what it
needs, before it has read anything of a scenario, so that each runs in a
pristine copy of the interpreter, as a fresh `oracle.py SCENARIO` would.

The interpreter is python3 (CPython 3.11) or, for 3.12, 3.13 and 3.14,
pyodide under Node (tests/oracle/run.mjs runs this same file there; DESIGN
§10).  Pyodide has no PyYAML and no fork: --parse, run by python3, prints
a YAML scenario as the JSON this file reads from SCENARIO.json, and
run.mjs runs its batches in one interpreter, reset between jobs (reset()).
On interpreters with immortal objects (PEP 683: 3.12 on) each heap entry
also says "immortal"; its refcount is then the 64-bit figure of that
version (pyodide is a 32-bit build: IMMORTAL_64 below), and so is any such
count the scenario prints.

The record:
    {"step", "depth": 0, "line", "code",
     "frames": [{"function": "<module>", "names": {NAME: ID}}],
     "heap": [{"id", "type", "repr", "refcount", "cached", "gen",
               "refs": [{"via", "id"}]}],
     "output", "collected_count", "deaths"}

heap lists the objects reachable from the module's names (through list and
tuple items, dict keys and values, set elements and instance attributes;
not into functions or classes; an exception's args, __traceback__,
__cause__ and __context__, a traceback's tb_next and tb_frame, a finished
frame's f_back, f_func and locals, a running frame nothing: see
"exceptions, tracebacks and frames" below), ids in order of discovery.
refcount is what sys.getrefcount says minus the references this harness
holds (on the module's frame object, those sys.settrace holds while the
tracer records: TRACER_FRAME_REFS).
gen is the collector generation (0, 1, 2) the object is in, from
gc.get_objects(generation=g), or null when the collector does not track it
(gc.is_tracked).
collected_count is the sum of what the step's gc.collect() calls returned;
deaths lists [class name, creation serial] of the instances whose __del__
ran during the step, in order.

The harness must not disturb what it measures: it holds no reference to a
scenario object once a record is printed, never touches an instance's
__dict__ (in 3.11 that would create a dict object, which changes what
gc.collect() returns) and never interns a string.

Deaths are seen through each scenario class's __new__, which numbers the
instances it makes (one counter for all classes; the serials live in a map
keyed by id(), never on the instance), and __del__, which logs the serial.
CPython calls __del__ when the count reaches 0, before the instance drops
its attributes (so a chain dies head first), and in a collection, for each
unreachable object in the order of the collector's unreachable list,
before anything is cleared.  Neither method holds a reference to the class
or to an instance, so no count changes (--plain checks that).

The automatic collector stays off, even after the scenario's gc.enable()
(which is only remembered, for gc.isenabled()): CPython's generation-0
count includes the allocations of the compiler and of this harness, and
objects taken from or given back to the free lists of lists, tuples and
dicts do not count at all, so its automatic collections cannot be
reproduced.  Scenarios compared with refscope therefore allocate fewer
containers than refscope's threshold (700) and set no other threshold;
the oracle refuses (status 77) scenarios that set gc_threshold or call
gc.set_threshold.  --plain leaves the classes uninstrumented (no deaths),
to check that the instrumentation changes no count; --selfcheck measures
every name's object a second way and stops (status 3) if the two differ.

Exit status: 0 ran, 2 bad input or the scenario raised, 77 the scenario's
settings are not CPython's (nothing to compare against).
"""

import os
import sys

# str hashes, and so the order of sets of strs, must not vary between runs:
# refscope reproduces CPython's order for PYTHONHASHSEED=0.
if os.environ.get("PYTHONHASHSEED") != "0" and sys.platform != "emscripten":
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import ctypes
import gc
import io
import json
import re
import types

try:
    import yaml
    YAML_ERROR = yaml.YAMLError
except ImportError:    # pyodide: YAML scenarios come as JSON (--parse)
    yaml = None
    YAML_ERROR = ValueError

gc.disable()

_real_collect = gc.collect

REPR_MAX = 60

# Names the harness puts in the module namespace; never reported.
HIDDEN = ("__builtins__", "__name__", "sys", "gc", "__doc__")


class ScenarioError(Exception):
    pass


# -- reading the scenario ---------------------------------------------------

def _mapping(node, what):
    if not isinstance(node, yaml.MappingNode):
        raise ScenarioError("%s: expected a mapping (line %d)" %
            (what, node.start_mark.line + 1))
    return {k.value: v for k, v in node.value}


def _scalar(node, what):
    if not isinstance(node, yaml.ScalarNode):
        raise ScenarioError("%s: expected a scalar (line %d)" %
            (what, node.start_mark.line + 1))
    return node.value


def _steps(node, what):
    if not isinstance(node, yaml.SequenceNode):
        raise ScenarioError("%s: expected a sequence" % what)
    out = []
    for item in node.value:
        m = _mapping(item, what)
        step = {"line": item.start_mark.line + 1, "do": None,
            "repeat": None}
        if "do" in m:
            step["do"] = _scalar(m["do"], "do")
            step["line"] = m["do"].start_mark.line + 1
        if "repeat" in m:
            step["repeat"] = int(_scalar(m["repeat"], "repeat"))
        out.append(step)
    return out


def load_scenario(path):
    """The scenario as plain values, read from YAML nodes (not resolved
    scalars: a statement is text whatever it looks like)."""
    if path.endswith(".json"):
        # what --parse printed, on an interpreter without PyYAML
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    with open(path, encoding="utf-8") as f:
        root = yaml.compose(f)
    top = _mapping(root, "scenario")
    sc = {"settings": {}, "functions": [], "classes": [], "steps": []}
    if "settings" in top:
        for k, v in _mapping(top["settings"], "settings").items():
            sc["settings"][k] = _scalar(v, k)
    for fn in (top["functions"].value if "functions" in top else []):
        m = _mapping(fn, "functions")
        params = []
        if "params" in m:
            params = [_scalar(p, "params") for p in m["params"].value]
        sc["functions"].append({"name": _scalar(m["name"], "name"),
            "params": params,
            "body": _steps(m["body"], "body") if "body" in m else []})
    for cl in (top["classes"].value if "classes" in top else []):
        m = _mapping(cl, "classes")
        sc["classes"].append(_scalar(m["name"], "name"))
    sc["steps"] = _steps(top["steps"], "steps")
    return sc


def not_comparable(settings):
    """Why a scenario's settings make CPython no reference, or None."""
    pinned = settings.get("python")
    if pinned is not None and pinned != "%d.%d" % VERSION:
        return "for python %s only" % pinned
    if settings.get("small_int_cache", "true") != "true":
        return "small_int_cache is off"
    if settings.get("intern_strings", "true") != "true":
        return "intern_strings is off"
    if settings.get("gc", "cpython") == "textbook":
        return "gc: textbook"
    if settings.get("gc_threshold", "700") != "700":
        return "gc_threshold is set (automatic collections)"
    return None


def calls_set_threshold(sc):
    texts = [st["do"] for st in sc["steps"] if st["do"]]
    for fn in sc["functions"]:
        texts += [st["do"] for st in fn["body"] if st["do"]]
    return any("set_threshold" in t for t in texts)


def module_source(sc):
    """The scenario's functions and classes as one module's source: CPython
    compiles them together, so equal constants in two bodies are one
    object."""
    lines = []
    for fn in sc["functions"]:
        lines.append("def %s(%s):" % (fn["name"], ", ".join(fn["params"])))
        n = 0
        for st in fn["body"]:
            if st["do"] is None:
                continue
            if st["repeat"] is not None:
                lines.append("    for i in range(%d):" % st["repeat"])
                lines.append("        " + st["do"].strip())
            else:
                lines.append("    " + st["do"].strip())
            n += 1
        if n == 0:
            lines.append("    pass")
    for name in sc["classes"]:
        lines.append("class %s:" % name)
        lines.append("    pass")
    return "\n".join(lines) + "\n"


ATTR_RE = re.compile(r"\.\s*([A-Za-z_][A-Za-z0-9_]*)")


def attribute_names(sc):
    """Every `.name` the scenario writes: the only attributes an instance
    can have.  Listing them from the instance would touch its __dict__."""
    texts = [st["do"] for st in sc["steps"] if st["do"]]
    for fn in sc["functions"]:
        texts += [st["do"] for st in fn["body"] if st["do"]]
    names = set()
    for t in texts:
        names.update(ATTR_RE.findall(t))
    return sorted(n for n in names if not n.startswith("__"))


# -- the instrumentation ----------------------------------------------------

class Harness:
    def __init__(self):
        self.serial = 0
        self.serials = {}    # id(instance) -> [class name, serial]
        self.deaths = []
        self.collected = 0
        self.enabled = False    # what the scenario asked for


H = Harness()


def _instance_new(cls, *args, **kwargs):
    # object.__new__, not super(): a __class__ cell would be one more
    # reference to the class.
    obj = object.__new__(cls)
    H.serial += 1
    H.serials[id(obj)] = [cls.__name__, H.serial]
    return obj


def _instance_del(self):
    rec = H.serials.pop(id(self), None)
    if rec is not None:
        H.deaths.append(rec)


def _collect(*args):
    n = _real_collect(*args)
    H.collected += n
    return n


def _enable():
    # Remembered only: the real collector stays off (see the top).
    H.enabled = True


def _disable():
    H.enabled = False


def _isenabled():
    return H.enabled


def make_gc_module():
    """What the scenario sees as `gc`: the real functions, except that
    collect() is counted and enable()/disable() are only remembered."""
    m = types.ModuleType("gc")
    m.collect = _collect
    m.enable = _enable
    m.disable = _disable
    m.isenabled = _isenabled
    m.get_count = gc.get_count
    m.set_threshold = gc.set_threshold
    m.get_threshold = gc.get_threshold
    _add_gc_readers(m)
    return m


def _add_gc_readers(m):
    """The gc functions that only read what the collector knows."""
    m.is_tracked = gc.is_tracked
    m.get_referents = gc.get_referents
    m.get_referrers = gc.get_referrers
    m.get_objects = gc.get_objects
    m.garbage = gc.garbage


# -- observing --------------------------------------------------------------

# The offset of PyASCIIObject.state: after ob_refcnt, ob_type, length and
# hash, four words (32 on python3, 16 on pyodide's 32-bit WebAssembly).
STATE_OFFSET = 4 * ctypes.sizeof(ctypes.c_void_p)


def _interned(s):
    # PyASCIIObject.state.interned, its two low bits.  sys.intern(s) is s
    # would intern s as a side effect and change later identities.
    return bool(ctypes.c_uint8.from_address(id(s) + STATE_OFFSET).value & 3)


# PEP 683 (3.12 on): what sys.getrefcount says of an immortal object on the
# 64-bit builds students run (Include/refcount.h), which refscope models,
# and the least it says on the interpreter at hand (pyodide is 32-bit: it
# says 1073741823 on 3.12 and 3.13; 5 << 28 or 7 << 28 on 3.14).
IMMORTAL_64 = {(3, 12): 4294967295, (3, 13): 4294967295, (3, 14): 3221225472}
VERSION = tuple(sys.version_info[:2])
HAS_IMMORTAL = VERSION in IMMORTAL_64
IMMORTAL_MIN = 1 << 28


def is_immortal_count(n):
    """Whether sys.getrefcount's answer n is an immortal object's."""
    return HAS_IMMORTAL and n >= IMMORTAL_MIN


IMMORTAL_32_RE = re.compile(r"\b(1073741823|1879048192|1342177280)\b")


def as_64_bit(text):
    """What the scenario printed, with the counts of immortal objects this
    32-bit build reports written as the 64-bit build's."""
    if not HAS_IMMORTAL or sys.maxsize > 2 ** 32:
        return text
    return IMMORTAL_32_RE.sub(str(IMMORTAL_64[VERSION]), text)


def is_cached(o):
    if o is None or o is True or o is False:
        return True
    if o is repr(True) or o is repr(False):
        return True     # bool_repr's static strs (_Py_ID), never freed
    t = type(o)
    if t is type and o.__module__ == "builtins":
        return True     # a built-in type: static, shared
    if t is types.BuiltinFunctionType and isinstance(o.__self__,
            types.ModuleType):
        return True     # a module's built-in function (print): shared
    if o is gc.garbage:
        return True     # the collector's list, made at start-up: shared
    if o is NotImplemented:
        return True     # a static object: shared
    if t is int:
        return -5 <= o <= 256
    if t is tuple:
        return len(o) == 0
    if t is str:
        # 3.11's static strs (_Py_ID: str(True) is one) are shared, with
        # a count of 999999999 and more
        if sys.getrefcount(o) >= 999999999:
            return True
        # A one-character str is shared only when it is the interpreter's
        # own (what chr() returns); str(5) and 'x'.upper() make new ones.
        if len(o) == 0 or (len(o) == 1 and ord(o) < 256 and o is chr(ord(o))):
            return True
        return _interned(o)
    return False


def cut(r):
    return r if len(r) <= REPR_MAX else r[:REPR_MAX - 1] + "\u2026"


def repr_of(o):
    """repr(o) as refscope's trace writes it, cut at REPR_MAX: an int too
    long for that shows its first digits and their count,
    1234567\u2026(301 digits) (py/bigint.h's bigint_write_elided); one
    str() refuses (over 4300 digits) is read with the limit lifted."""
    if type(o) is types.FrameType:
        return _frame_repr(o)
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        r = _safe_repr(o)
    finally:
        sys.set_int_max_str_digits(limit)
    if type(o) is not int or len(r) <= REPR_MAX:
        return cut(r)
    tail = "\u2026(%d digits)" % (len(r) - (r[0] == "-"))
    keep = REPR_MAX - len(tail) if REPR_MAX > len(tail) + 1 else \
        1 + (r[0] == "-")
    return r[:keep] + tail


def _frame_repr(f):
    """A frame's repr, not cut: compare.py compares its file, line and
    code name (and not its address).  In pyodide the host's files are seen
    under /host (run.mjs): the path is written as the host has it."""
    r = repr(f)
    if sys.platform == "emscripten":
        r = r.replace(", file '/host/", ", file '/", 1)
    return r


# the iterators over a sequence that refscope models: each holds its
# sequence (gc.get_referents shows it) until it is exhausted
SEQ_ITERATORS = ("list_iterator", "tuple_iterator", "str_ascii_iterator",
    "str_iterator")

# the other views and iterators refscope models: what each holds (what
# gc.get_referents shows, in tp_traverse order), by CPython's field names;
# an exhausted one has let its first field go
HOLDERS = {
    "dict_keys": ("dv_dict",), "dict_values": ("dv_dict",),
    "dict_items": ("dv_dict",), "dict_keyiterator": ("di_dict",),
    "dict_valueiterator": ("di_dict",), "set_iterator": ("si_set",),
    "enumerate": ("en_sit", "en_result"), "zip": ("ittuple", "result"),
    "reversed": ("seq",), "list_reverseiterator": ("it_seq",),
}


def _held_refs(o, reach):
    name = type(o).__name__
    refs = []
    held = gc.get_referents(o)
    if name == "dict_itemiterator":
        # di_dict until exhausted, di_result always
        for x in held:
            refs.append({"via": "di_dict" if type(x) is dict else
                "di_result", "id": reach(x)})
        return refs
    fields = HOLDERS[name]
    for k, x in enumerate(held):
        refs.append({"via": fields[k], "id": reach(x)})
    return refs


def _generator_refs(g, reach):
    """A generator's frame as refscope keeps it while it is not running:
    the stack entries (top first), the locals in order, the function
    (f_func).  gc.get_referents shows the frame after the generator's own
    fields: f_func, the code, then the locals and the stack bottom up
    (an unbound local not at all).  Never g.gi_frame: reading it would
    make a frame object."""
    held = gc.get_referents(g)
    at = [k for k, x in enumerate(held) if type(x) is types.FunctionType]
    if not at:
        return []           # done: the frame was cleared
    fn = held[at[0]]
    rest = [x for x in held[at[0] + 1:] if type(x) is not types.CodeType]
    held = None
    code = fn.__code__
    # suspended, every local is bound; not started, .0 and the cells
    # COPY_FREE_VARS took from the closure
    names = code.co_varnames + code.co_cellvars + code.co_freevars \
        if g.gi_suspended else (".0",) + code.co_freevars
    nlocals = len(names)
    refs = [{"via": "stack", "id": reach(x)} for x in
        reversed(rest[nlocals:])]
    refs += [{"via": names[k], "id": reach(x)} for k, x in
        enumerate(rest[:nlocals])]
    refs.append({"via": "f_func", "id": reach(fn)})
    return refs


def _walk(ns, attrs):
    """Objects reachable from ns's names, in discovery order.  Returns
    (objs, infos, names): objs holds one reference to each object, the
    only one the harness keeps."""
    objs = []
    index = {}
    infos = []
    names = {}

    def reach(o):
        k = id(o)
        j = index.get(k)
        if j is None:
            j = len(objs)
            index[k] = j
            objs.append(o)
            infos.append(None)
        return j + 1

    for name in list(ns):
        if name in HIDDEN and ns[name] is HIDDEN_VALUES.get(name, ns[name]):
            continue
        if _imported_from_module(name, ns[name]):
            continue
        names[name] = reach(ns[name])
    j = 0
    weak = {}
    while j < len(objs):
        o = objs[j]
        t = type(o)
        refs = []
        if o is ns:
            # the module's globals dict (gc.get_referrers answers with
            # it): refscope draws it as the interpreter's, shared, holding
            # nothing (its entries are the names, and the interpreter's)
            infos[j] = {"id": j + 1, "type": "dict",
                "repr": "<the module's globals>", "cached": True,
                "refs": []}
            o = None
            j += 1
            continue
        if t.__name__ == "ReferenceType" and t.__module__ == "weakref":
            refs = _weakref_refs(o, reach, weak, j)
        elif t.__name__ == "KeyedRef" and t.__module__ == "weakref":
            # a WeakValueDictionary's entry: its key slot, then what a
            # weakref holds (subtype_traverse visits slots first)
            refs = [{"via": "key", "id": reach(o.key)}] + \
                _weakref_refs(o, reach, weak, j)
        elif t.__name__ in ("WeakValueDictionary", "WeakKeyDictionary") \
                and t.__module__ == "weakref":
            # weakref.py's instance: its attributes, as refscope keeps
            # them (_remove, data; 3.11-3.13 _pending_removals, _iterating
            # and a WeakKeyDictionary's _dirty_len)
            for k, v in vars(o).items():
                refs.append({"via": "." + k, "id": reach(v)})
            k = v = None
        elif t is list or t is tuple:
            for n in range(len(o)):
                refs.append({"via": "[%d]" % n, "id": reach(o[n])})
        elif t is dict:
            # by its items: o[key] would run a class's __hash__ and __eq__
            for key, value in list(o.items()):
                kr = repr(key)
                refs.append({"via": "key " + kr, "id": reach(key)})
                refs.append({"via": "[" + kr + "]", "id": reach(value)})
            key = value = None
        elif t is set or t is frozenset:
            n = 0
            for e in o:
                refs.append({"via": "{%d}" % n, "id": reach(e)})
                n += 1
            e = None
        elif t is types.FunctionType:
            # a .py def's default values (refscope: "__defaults__")
            if o.__defaults__ is not None:
                refs.append({"via": "__defaults__",
                    "id": reach(o.__defaults__)})
            # its tuple of cells (func_traverse: after the defaults);
            # a method's __class__ cell alone (super()) refscope keeps
            # as a reference of the class that it does not draw
            if o.__closure__ is not None and \
                    o.__code__.co_freevars != ("__class__",):
                refs.append({"via": "__closure__",
                    "id": reach(o.__closure__)})
        elif t is types.CellType:
            # a closure's cell: what it holds, nothing while empty
            for x in gc.get_referents(o):
                refs.append({"via": "cell_contents", "id": reach(x)})
            x = None
        elif t.__name__ in SEQ_ITERATORS:
            # what it iterates over, until it is exhausted (it_seq)
            for x in gc.get_referents(o):
                refs.append({"via": "it_seq", "id": reach(x)})
            x = None
        elif t.__name__ in HOLDERS or t.__name__ == "dict_itemiterator":
            refs = _held_refs(o, reach)
        elif t is range:
            # range_from_array's start, stop and step (its length is
            # not visible from Python: refscope's "length" is model-only)
            for a in ("start", "stop", "step"):
                refs.append({"via": a, "id": reach(getattr(o, a))})
        elif t is types.GeneratorType:
            refs = _generator_refs(o, reach)
        elif t is types.MethodType:
            # a bound method: its function, then self (method_traverse)
            refs.append({"via": "__func__", "id": reach(o.__func__)})
            refs.append({"via": "__self__", "id": reach(o.__self__)})
        elif isinstance(o, BaseException):
            refs = _exception_refs(o, reach)
        elif t is types.TracebackType:
            refs = _traceback_refs(o, reach)
        elif t is types.FrameType:
            refs = _frame_refs(o, reach)
        elif PYFILE_CLASSES and _file_class(o):
            # a class of the .py file: its namespace as refscope keeps it
            # (not __module__ nor the descriptors; __doc__ when given;
            # nor 3.13's __firstlineno__ and __static_attributes__, a
            # small int and a tuple of interned names)
            for k, v in o.__dict__.items():
                if k in CLASS_UNDRAWN or (k == "__doc__" and v is None):
                    continue
                refs.append({"via": "." + k, "id": reach(v)})
            k = v = None
        elif PYFILE_CLASSES and _file_class(t):
            for k, v in _instance_attrs(o, attrs):
                refs.append({"via": "." + k, "id": reach(v)})
            k = v = None
        elif id(t) in CLASS_IDS:
            for a in attrs:
                try:
                    v = object.__getattribute__(o, a)
                except AttributeError:
                    continue
                refs.append({"via": "." + a, "id": reach(v)})
                v = None
        infos[j] = {"id": j + 1, "type": t.__name__,
            "repr": repr_of(o), "cached": is_cached(o), "refs": refs}
        if j in weak:
            infos[j]["weak"] = weak[j]
        o = None
        j += 1
    return objs, infos, names


_MISSING = object()


def _imported_from_module(name, value):
    """Whether name is bound by `import weakref` or `import copy` to the
    module, or by `from MODULE import name` to one of the functions of
    the modules refscope has (refscope draws those no more than sys)."""
    if name in ("weakref", "copy") and value is sys.modules.get(name):
        return True
    for m in (sys.modules.get("weakref"), sys.modules.get("copy"), sys,
            sys.modules.get("gc")):
        if m is not None and getattr(m, name, _MISSING) is value and \
                callable(value):
            return True
    return False


def _weakref_refs(o, reach, weak, j):
    """A weakref's references: its callback (counted, weakref_traverse),
    and, apart, its referent while it lives (weak[j]: refscope's "weak";
    the reference o() makes is dropped at once)."""
    refs = []
    if o.__callback__ is not None:
        refs.append({"via": "__callback__", "id": reach(o.__callback__)})
    x = o()
    if x is not None:
        weak[j] = reach(x)
    x = None
    return refs

# The entries of a class's namespace refscope does not draw.
CLASS_UNDRAWN = ("__module__", "__dict__", "__weakref__", "__firstlineno__",
    "__static_attributes__")

# .py scenarios: the classes the file defines are walked (their namespace,
# their instances' attributes); YAML scenarios list theirs in CLASS_IDS.
PYFILE_CLASSES = False


def _file_class(t):
    """Whether t is a class the scenario's module made."""
    return (isinstance(t, type) and t.__flags__ & (1 << 9) != 0 and
        t.__module__ == "__main__")


def _runs_code(o, seen):
    """Whether repr(o) would call a __repr__ or __str__ of the file's
    classes (that code could print, or change what is measured)."""
    t = type(o)
    if PYFILE_CLASSES and _file_class(t):
        return any("__repr__" in vars(k) or "__str__" in vars(k)
            for k in t.__mro__ if k is not object)
    if isinstance(o, BaseException):
        return _runs_code(o.args, seen)     # its repr shows its args
    if t not in (list, tuple, dict, set, frozenset) or id(o) in seen:
        return False
    seen.add(id(o))
    items = list(o.items()) if t is dict else list(o)
    return any(_runs_code(x, seen) for x in items)


def _safe_repr(o):
    """repr(o) without running the scenario's code: an instance of the
    file's classes is shown as object.__repr__ shows it, a container
    holding one with a __repr__ of its own by a placeholder with an
    address, which compare.py does not compare."""
    if PYFILE_CLASSES and _file_class(type(o)):
        return object.__repr__(o)
    if _runs_code(o, set()):
        return "<%s holding instances at 0x0>" % type(o).__name__
    return repr(o)


# An instance of a class of the file keeps a pointer to its real dict (or
# NULL) three words before itself, in the pre-header of every version (3.11
# and 3.13 on: the managed dict pointer; 3.12: PyDictOrValues, whose low
# bit set means inline values, no dict).  One word read inside the
# object's own allocation, never followed: reading it cannot crash, and
# _probe_dict_word checks at start-up that it says what o.__dict__ says.
WORD = ctypes.sizeof(ctypes.c_void_p)


def _dict_word(o):
    """id() of instance o's real dict, or 0 while it has none."""
    w = ctypes.c_void_p.from_address(id(o) - 3 * WORD).value or 0
    return 0 if VERSION == (3, 12) and w & 1 else w


def _probe_dict_word():
    """Why _dict_word cannot be trusted on this interpreter, or None."""
    class Probe:
        pass
    x = Probe()
    x.a = 1
    before = _dict_word(x)
    d = x.__dict__
    after = _dict_word(x)
    if before != 0 or after != id(d):
        return "cannot find an instance's dict pointer on this build"
    return None


DICT_WORD_PROBLEM = _probe_dict_word()


# -- exceptions, tracebacks and frames ---------------------------------------
#
# An exception (PyBaseExceptionObject) is walked through its getters
# (args, __traceback__, __cause__, __context__: each returns the field it
# reads), never e.__dict__, which would make the dict an exception lacks;
# whether it has one is read from its dict field, the first after the
# object header in 3.11 to 3.14 (PyException_HEAD).  A traceback through
# tb_next and tb_frame.  A frame object is read in memory, through the
# layout of its version (checked at start-up by _probe_frame_layout):
# frame.f_locals would, before 3.13, copy the fast locals into a dict kept
# in the frame (PyFrame_FastToLocals), and frame.f_back of a running frame
# makes its caller's frame object (PyFrame_GetBack).
#
# PyFrameObject, in words W: the header (2 W), f_back, f_frame, f_trace,
# int f_lineno and three chars (8 bytes), then 3.13's f_extra_locals and
# f_locals_cache, 3.14's f_overwritten_fast_locals, then _f_frame_data:
# the _PyInterpreterFrame the frame object owns once its code has finished
# while the object was still referenced (take_ownership copies it there).
# _PyInterpreterFrame (Include/internal/pycore_frame.h of each version):
#   3.11: f_func, f_globals, f_builtins, f_locals, f_code, frame_obj,
#         previous, prev_instr, int stacktop, bool is_entry, char owner,
#         localsplus[]
#   3.12: f_code, previous, f_funcobj, f_globals, f_builtins, f_locals,
#         frame_obj, prev_instr, int stacktop, uint16 return_offset,
#         char owner, localsplus[]    (3.13: f_executable, instr_ptr)
#   3.14: _PyStackRef f_executable, previous, _PyStackRef f_funcobj,
#         f_globals, f_builtins, f_locals, frame_obj, instr_ptr,
#         stackpointer, uint16 return_offset, char owner, uint8 visited,
#         _PyStackRef localsplus[] (a _PyStackRef is a pointer whose low
#         bits are tags: PyStackRef_NULL has no pointer)

def _align(n):
    return (n + WORD - 1) // WORD * WORD


FRAME_F_BACK = 2 * WORD
FRAME_F_FRAME = 3 * WORD
# where _f_frame_data starts, and in _PyInterpreterFrame: f_func, f_code,
# f_locals, owner, localsplus
if VERSION == (3, 11):
    FRAME_DATA = _align(5 * WORD + 7)
    IFRAME = (0, 4 * WORD, 3 * WORD, 8 * WORD + 5, 8 * WORD + 8)
elif VERSION in ((3, 12), (3, 13)):
    FRAME_DATA = _align((5 if VERSION == (3, 12) else 7) * WORD + 7)
    IFRAME = (2 * WORD, 0, 5 * WORD, 8 * WORD + 6, 8 * WORD + 8)
else:
    FRAME_DATA = _align(8 * WORD + 7)
    IFRAME = (2 * WORD, 0, 5 * WORD, 9 * WORD + 2, _align(9 * WORD + 4))
IFRAME_FUNC, IFRAME_CODE, IFRAME_LOCALS, IFRAME_OWNER, IFRAME_LOCALSPLUS = \
    IFRAME
FRAME_OWNED_BY_FRAME_OBJECT = 2
# 3.14's _PyStackRef: the pointer without its tag bits
STACKREF_MASK = ~3 if VERSION >= (3, 14) else ~0


def _word(address):
    return ctypes.c_size_t.from_address(address).value


def _local_names(code):
    """The names of a code object's localsplus slots, in order: its
    varnames, the cell variables that are not also varnames (a parameter
    that is a cell keeps its own slot), the free variables
    (co_localsplusnames, which code._varname_from_oparg reads)."""
    return code.co_varnames + tuple(c for c in code.co_cellvars
        if c not in code.co_varnames) + code.co_freevars


def _frame_slots(f):
    """None while frame object f is not the owner of its frame data (its
    code is still running: the module's frame, seen from the tracer);
    else (f_func, f_code, f_locals, [(name, address or 0)] of its
    localsplus), as addresses read from the frame data."""
    data = _word(id(f) + FRAME_F_FRAME)
    if data != id(f) + FRAME_DATA or ctypes.c_uint8.from_address(
            data + IFRAME_OWNER).value != FRAME_OWNED_BY_FRAME_OBJECT:
        return None
    func = _word(data + IFRAME_FUNC) & STACKREF_MASK
    code = _word(data + IFRAME_CODE) & STACKREF_MASK
    names = _local_names(f.f_code)
    slots = [(names[k], _word(data + IFRAME_LOCALSPLUS + k * WORD) &
        STACKREF_MASK) for k in range(len(names))]
    return func, code, _word(data + IFRAME_LOCALS), slots


def _frame_refs(f, reach):
    """A frame object's references as refscope models them.  Running
    (the module's frame): none (its f_trace is this harness's tracer; its
    f_back would have to be made).  Finished, kept by a traceback: f_back
    (the frame object of its caller, which take_ownership linked), its
    f_locals dict if something made one, f_func, then each bound local in
    localsplus order, named by its slot (gc.get_referents lists the same
    objects, in frame_traverse's order, without names)."""
    if FRAME_LAYOUT_PROBLEM is not None:
        return _frame_refs_unnamed(f, reach)
    slots = _frame_slots(f)
    if slots is None:
        return []
    func, code, locals_dict, slots = slots
    held = {id(x): x for x in gc.get_referents(f)}

    def at(address):
        # the object the frame holds there: gc.get_referents lists it
        # (unless it is a 3.14 stack reference the collector skips, to an
        # immortal object: the frame keeps it alive, so it can be taken
        # from its address)
        x = held.get(address)
        return x if x is not None else \
            ctypes.cast(address, ctypes.py_object).value

    refs = []
    back = _word(id(f) + FRAME_F_BACK)
    if back:
        refs.append({"via": "f_back", "id": reach(at(back))})
    if locals_dict:
        refs.append({"via": "f_locals", "id": reach(at(locals_dict))})
    refs.append({"via": "f_func", "id": reach(at(func))})
    for name, address in slots:
        if address:
            refs.append({"via": name, "id": reach(at(address))})
    held = None
    return refs


def _frame_refs_unnamed(f, reach):
    """_frame_refs on a build whose frame layout is not the one expected:
    from gc.get_referents alone (frame_traverse: f_back, f_trace, then,
    once the frame is finished, its f_locals dict if any, f_func, f_code
    and the bound locals in order).  A local is named when every slot is
    bound (then the n-th object is the n-th slot's), else "?local"
    (compare.py lets it stand for any one name of refscope's there)."""
    held = gc.get_referents(f)
    code = f.f_code
    at = [k for k, x in enumerate(held) if x is code]
    if not at or at[0] == 0:
        return []           # running: its code is not among them
    k = at[0]
    trace = f.f_trace
    refs = []
    for x in held[:k - 1]:
        if type(x) is types.FrameType and x is not trace and not refs:
            refs.append({"via": "f_back", "id": reach(x)})
        elif type(x) is dict and x is not trace:
            refs.append({"via": "f_locals", "id": reach(x)})
    trace = None
    refs.append({"via": "f_func", "id": reach(held[k - 1])})
    names = _local_names(code)
    rest = held[k + 1:]
    for n, x in enumerate(rest):
        refs.append({"via": names[n] if len(rest) == len(names) else
            "?local", "id": reach(x)})
    held = rest = x = None
    return refs


# the fields some built-in exceptions add to PyException_HEAD (the
# interpreter sets them: a NameError's name, an AttributeError's name and
# the object it was looked up on), in the order of their tp_traverse
EXCEPTION_FIELDS = {"NameError": ("name",), "AttributeError": ("obj", "name"),
    "StopIteration": ("value",)}


def _exception_refs(e, reach):
    """An exception's references, in BaseException_traverse's order
    (after its type's own fields): its __dict__ when it has one (an
    attribute set on it; add_note() keeps __notes__ there), args (always:
    an exception made without arguments holds the empty tuple), then
    __traceback__, __cause__ and __context__ when they are not None."""
    refs = []
    for k in type(e).__mro__:
        for a in EXCEPTION_FIELDS.get(k.__name__, ()) \
                if k.__module__ == "builtins" else ():
            v = getattr(e, a)
            if v is not None:
                refs.append({"via": a, "id": reach(v)})
            v = None
    d = _word(id(e) + 2 * WORD)
    if d:
        refs.append({"via": "__dict__",
            "id": reach(ctypes.cast(d, ctypes.py_object).value)})
    refs.append({"via": "args", "id": reach(e.args)})
    for a in ("__traceback__", "__cause__", "__context__"):
        v = getattr(e, a)
        if v is not None:
            refs.append({"via": a, "id": reach(v)})
        v = None
    return refs


def _traceback_refs(tb, reach):
    """tb_next when there is one, then tb_frame (tb_traverse's order)."""
    refs = []
    if tb.tb_next is not None:
        refs.append({"via": "tb_next", "id": reach(tb.tb_next)})
    refs.append({"via": "tb_frame", "id": reach(tb.tb_frame)})
    return refs


def _frame_probe(a, b):
    c = [a]
    d = None
    del d
    raise LookupError


def _probe_frame_layout():
    """Why the frame and exception layouts above cannot be trusted on this
    interpreter, or None: a frame kept by a traceback must show its
    function, code and locals where they are expected, a running frame
    must not look finished, and an exception's dict must be where it is
    expected."""
    a = [1]
    b = (2, 3)
    try:
        _frame_probe(a, b)
    except LookupError as e:
        tb = e.__traceback__
    here = sys._getframe()
    f = tb.tb_next.tb_frame
    held = gc.get_referents(f)
    c = [x for x in held if type(x) is list and x and x[0] is a]
    want = (id(_frame_probe), id(_frame_probe.__code__), 0,
        [("a", id(a)), ("b", id(b)), ("c", id(c[0]) if c else -1),
        ("d", 0)])
    ok = _frame_slots(f) == want and _frame_slots(here) is None and \
        _word(id(f) + FRAME_F_BACK) == id(here) and \
        set(map(id, held)) == {id(here), id(_frame_probe),
            id(_frame_probe.__code__), id(a), id(b), want[3][2][1]}
    held = c = None
    x = ValueError()
    ok = ok and _word(id(x) + 2 * WORD) == 0
    x.a = 1
    ok = ok and _word(id(x) + 2 * WORD) == id(x.__dict__)
    if not ok:
        return "cannot read frame objects on this build"
    return None


FRAME_LAYOUT_PROBLEM = _probe_frame_layout()


def _probe_tracer_frame_refs():
    """How many references the trace machinery holds on the frame object
    of the frame it traces while the local trace function runs: sys.settrace
    calls local(frame, event, arg) through C code (3.11: call_trace gets
    the frame object and call_trampoline passes it, borrowed, to the
    function, whose parameter frame is one reference; 3.12 on: the
    legacy tracer's call_trace_func also holds one, Py_INCREF(frame)
    around the call).  Measured on a traced module of our own, whose
    frame object nothing else holds but its _PyInterpreterFrame
    (frame_obj, one reference): the count the harness sees, as observe()
    counts it (a list holding the frame, minus the list and getrefcount's
    argument), minus that one.  The same at line and return events (the
    oracle records at both), or None."""
    code = compile("x = 1\ny = 2\n", "<refscope probe>", "exec")
    seen = []

    def local(frame, event, arg):
        if event in ("line", "return"):
            held = [frame]
            seen.append(sys.getrefcount(held[0]) - 2 - 1)
            held = None
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code is code else None

    sys.settrace(tracer)
    try:
        exec(code, {})
    finally:
        sys.settrace(None)
    if len(seen) != 3 or len(set(seen)) != 1:
        return None
    return seen[0]


TRACER_FRAME_REFS = _probe_tracer_frame_refs()
# the id() of the frame object of the module a .py scenario runs, while
# it runs (an int: a reference to the frame would count)
RUNNING_FRAME = {"id": None}
gc.collect()


def _own_values(o):
    """The values instance o holds itself, as the collector sees them
    (gc.get_referents: its inline values, or its real dict; the type,
    visited last, left out)."""
    held = gc.get_referents(o)
    if held and held[-1] is type(o):
        held.pop()
    return held


def _class_value(t, name):
    """(True, value) of name along class t's mro, or (False, None)."""
    for k in t.__mro__:
        v = vars(k).get(name, _MISSING)
        if v is not _MISSING:
            return True, v
    return False, None


_MISSING = object()


def _instance_attrs(o, attrs):
    """[(name, value)] of an instance, without reading o.__dict__, which
    would make the dict an instance lacks (and change what gc.collect()
    finds).  A real dict is reported as the attribute __dict__ (refscope
    draws it so), holding every attribute.  Inline values are what
    the collector visits (gc.get_referents): their names are those of the
    scenario's `.name`s (attrs) the instance answers with one of them,
    first the names its class lacks, then those where the class has the
    same object (class count = 0, then self.count = 0) while a value of
    the instance is still unclaimed."""
    d = _dict_word(o)
    if d:
        # On 3.13 on the dict may still be a view of the inline values
        # (gc.get_referents(o) shows the values, not the dict): refscope
        # draws the values as the dict's either way, and models what the
        # collector sees (version.c's inline_values)
        return [("__dict__", ctypes.cast(d, ctypes.py_object).value)]
    held = _own_values(o)
    out = []
    left = {}
    for v in held:
        left[id(v)] = left.get(id(v), 0) + 1
    held = None
    t = type(o)
    shared = []
    for a in attrs:
        in_class, cv = _class_value(t, a)
        if in_class and (hasattr(type(cv), "__set__") or
                hasattr(type(cv), "__delete__")):
            continue        # a data descriptor (a property): no value
        try:
            v = object.__getattribute__(o, a)
        except AttributeError:
            continue
        if in_class and cv is v:
            shared.append(a)
        elif left.get(id(v), 0) > 0:
            left[id(v)] -= 1
            out.append((a, v))
        v = cv = None
    for a in shared:
        v = object.__getattribute__(o, a)
        if left.get(id(v), 0) > 0:
            left[id(v)] -= 1
            out.append((a, v))
        v = None
    return out


def _generation_ids():
    """For each generation, the set of the id()s of the objects in it.
    Each list gc.get_objects() makes is dropped as soon as its ids are
    read: while it lives it holds a reference to every object in the
    generation.  It only reads the generation lists (no collection, no
    change of generation); the list and the sets are containers, allocated
    and freed here, so they leave the generation-0 count where it was."""
    gens = []
    for g in range(3):
        gens.append(set(map(id, gc.get_objects(generation=g))))
    return gens


def observe(ns, attrs):
    objs, infos, names = _walk(ns, attrs)
    # Each object is held by objs and, while it is counted, by
    # getrefcount's argument.
    for j in range(len(objs)):
        n = sys.getrefcount(objs[j])
        if is_immortal_count(n):
            infos[j]["refcount"] = IMMORTAL_64[VERSION]
            infos[j]["immortal"] = True
        else:
            infos[j]["refcount"] = n - 2 - _tracer_refs(objs[j])
            infos[j]["immortal"] = False
    # Then the generation of each (the refcounts are read by now, so the
    # lists of gc.get_objects() cannot show in them either).
    gens = _generation_ids()
    for j in range(len(objs)):
        gen = None
        if gc.is_tracked(objs[j]):
            k = id(objs[j])
            for g in range(3):
                if k in gens[g]:
                    gen = g
                    break
        infos[j]["gen"] = gen
    gens = None
    del objs
    heap = [{"id": x["id"], "type": x["type"], "repr": x["repr"],
        "refcount": x["refcount"], "cached": x["cached"], "gen": x["gen"],
        "refs": x["refs"]}
        for x in infos]
    for h, x in zip(heap, infos):
        if "weak" in x:
            h["weak"] = x["weak"]
    if HAS_IMMORTAL:
        for h, x in zip(heap, infos):
            h["immortal"] = x["immortal"]
    return names, heap


# -- running ----------------------------------------------------------------

HIDDEN_VALUES = {}
# ids, not the classes: a set of classes would be one more reference to each.
CLASS_IDS = set()


def _tracer_refs(o):
    """The references the tracer holds on o while a record is made: on
    the frame object of the module being traced, TRACER_FRAME_REFS
    (measured at start-up, _probe_tracer_frame_refs); a plain run of the
    file has none of them."""
    if RUNNING_FRAME["id"] is not None and id(o) == RUNNING_FRAME["id"]:
        return TRACER_FRAME_REFS
    return 0


def run_step(ns, code):
    """Compile and run one module-level step as a line typed at the prompt.
    Returns what it printed."""
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        c = compile(code, "<step>", "exec")
        exec(c, ns)
        # The step's constants die with its code object, now.
        del c
    finally:
        sys.stdout = saved
    return as_64_bit(out.getvalue())


def selfcheck(ns, names, heap):
    """Measures each name's object another way, with no list of the
    harness in between: a difference is a reference the harness forgot."""
    byid = {h["id"]: h for h in heap}
    bad = []
    for name, i in names.items():
        direct = sys.getrefcount(ns[name]) - 1 - _tracer_refs(ns[name])
        h = byid[i]
        if not h["cached"] and not h.get("immortal") and \
                direct != h["refcount"]:
            bad.append("%s: recorded %d, measured directly %d" %
                (name, h["refcount"], direct))
    return bad


def check_interpreter():
    """The layouts this harness reads are CPython 3.11's to 3.14's."""
    if sys.implementation.name != "cpython" or not (3, 11) <= VERSION <= (3, 14):
        return "needs CPython 3.11 to 3.14, not %s %s" % (
            sys.implementation.name, sys.version.split()[0])
    probe = "".join(["refscope", "_probe"])
    if _interned(probe) or not _interned(sys.intern(probe)):
        return "cannot read str interning state on this build"
    if TRACER_FRAME_REFS is None:
        return "cannot measure what sys.settrace holds of a frame"
    return DICT_WORD_PROBLEM


# -- .py scenarios -----------------------------------------------------------

SETTINGS_RE = re.compile(r"^\s*#\s*refscope:(.*)$")


def pyfile_settings(src):
    """The `# refscope: NAME VALUE, ...` lines of a .py scenario."""
    settings = {}
    for line in src.splitlines():
        m = SETTINGS_RE.match(line)
        if m is None:
            continue
        for item in m.group(1).split(","):
            words = item.split(None, 1)
            if len(words) == 2:
                settings[words[0]] = words[1].strip()
    return settings


def statement_starts(tree):
    """{line: first line of the statement (or compound statement's
    header) that the line belongs to}, for statements written over
    several lines: refscope makes one step of each."""
    import ast as pyast
    starts = {}
    for node in pyast.walk(tree):
        if not isinstance(node, pyast.stmt):
            continue
        body = getattr(node, "body", None)
        if isinstance(body, list) and body:
            # a header: from its keyword to the line before its block
            end = body[0].lineno - 1
        else:
            end = node.end_lineno
        for line in range(node.lineno + 1, end + 1):
            starts.setdefault(line, node.lineno)
    return starts


def run_as_file(path, ns):
    """Runs the file at path in the dict ns as `python3 FILE.py` does
    (PyRun_FileExFlags): its parsed tree, which holds every constant the
    parser made (and, before 3.14, every constant the AST optimizer
    folded), lives until the module's code returns -- exec(compile())
    lets it go before the first line runs, one reference less on each.
    Raises what the module raised."""
    if sys.platform == "emscripten":
        # pyodide: run.mjs's host module calls the C API and takes the
        # exception before control is back in Python
        import refscope_host
        holder = {}
        why = refscope_host.run_file(path, id(ns), id(holder))
        if "raised" in holder:
            raise holder["raised"]
        if why:
            raise OSError(why)
        return
    libc = ctypes.CDLL(None)
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    run = ctypes.pythonapi.PyRun_FileExFlags
    run.restype = ctypes.py_object
    run.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
        ctypes.py_object, ctypes.py_object, ctypes.c_int, ctypes.c_void_p]
    name = os.fsencode(path)
    fp = libc.fopen(name, b"rb")
    if not fp:
        raise OSError("cannot open " + path)
    run(fp, name, 257, ns, ns, 1, None)    # Py_file_input; closes fp


def run_pyfile(path, check):
    """Runs the .py scenario as `python3 FILE.py` would (one module, one
    code object), under sys.settrace: at each line event of the module
    frame the line before it has completed, and is recorded; the last at
    the module's return.  The docstring's line is the title, not a step."""
    import ast as pyast
    with open(path, encoding="utf-8") as f:
        src = f.read()
    why = not_comparable(pyfile_settings(src))
    if why is None and "set_threshold" in src:
        why = "gc.set_threshold (automatic collections)"
    if why is not None:
        sys.stderr.write("%s: not comparable with CPython: %s\n" %
            (path, why))
        return 77
    global PYFILE_CLASSES
    PYFILE_CLASSES = True
    tree = pyast.parse(src, path)
    starts = statement_starts(tree)
    doc_line = None
    if (tree.body and isinstance(tree.body[0], pyast.Expr) and
            isinstance(tree.body[0].value, pyast.Constant) and
            isinstance(tree.body[0].value.value, str)):
        doc_line = tree.body[0].lineno
    tree = None
    attrs = sorted(set(n for n in ATTR_RE.findall(src)
        if not n.startswith("__")))
    # The module's globals dict is made at start-up in `python3 FILE.py`,
    # and is in the oldest generation when the file runs (gc.get_referrers
    # lists it after the younger objects); the garbage of reading the file
    # goes before the module's constants are made: they start in
    # generation 0.
    gcmod = make_gc_module()
    ns = {"__name__": "__main__", "sys": sys, "gc": gcmod}
    HIDDEN_VALUES.update({"__name__": "__main__", "sys": sys, "gc": gcmod})
    _real_collect()
    lines = src.splitlines()
    stdout = sys.stdout
    out = io.StringIO()
    state = {"line": None, "number": 0, "failed": None}
    H.enabled = True

    def record():
        line = state["line"]
        state["line"] = None
        if line is None or line == doc_line:
            return
        state["number"] += 1
        # First what it printed: until getvalue() a StringIO holds the
        # str objects written to it, and print writes a str argument itself.
        output = as_64_bit(out.getvalue())
        out.seek(0)
        out.truncate()
        names, heap = observe(ns, attrs)
        if check:
            bad = selfcheck(ns, names, heap)
            if bad and state["failed"] is None:
                state["failed"] = "%s:%d: harness references: %s" % (
                    path, line, "; ".join(bad))
        rec = {"step": state["number"], "depth": 0, "line": line,
            "code": lines[line - 1].strip(),
            "frames": [{"function": "<module>", "names": names}],
            "heap": heap, "output": output,
            "collected_count": H.collected, "deaths": H.deaths}
        if sys.hash_info.width != 64:
            rec["hash_width"] = sys.hash_info.width
        H.collected = 0
        H.deaths = []
        stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def local(frame, event, arg):
        if event == "line":
            # a statement over several lines is one step: 3.11 reports
            # a line event for each of its lines that runs code
            line = starts.get(frame.f_lineno, frame.f_lineno)
            if line == state["line"]:
                return local
            record()
            state["line"] = line
        elif event == "return":
            record()
        return local

    module = {}

    def tracer(frame, event, arg):
        # the module's own code object: the first <module> of the file
        if event == "call" and "code" not in module and \
                frame.f_code.co_name == "<module>" and \
                frame.f_code.co_filename == path:
            module["code"] = frame.f_code
        if event == "call" and frame.f_code is module.get("code"):
            RUNNING_FRAME["id"] = id(frame)
            return local
        return None

    # `import gc` in the file gets the harness's gc, as the name gc does
    real_gc = sys.modules["gc"]
    sys.modules["gc"] = gcmod
    sys.stdout = out
    sys.settrace(tracer)
    try:
        run_as_file(path, ns)
    except Exception as e:
        sys.settrace(None)
        sys.stdout = stdout
        sys.stderr.write("%s:%s: raised %s: %s\n" % (path,
            state["line"], type(e).__name__, e))
        return 2
    finally:
        sys.settrace(None)
        RUNNING_FRAME["id"] = None
        sys.stdout = stdout
        sys.modules["gc"] = real_gc
        _forget(ns)
    stdout.flush()
    if state["failed"] is not None:
        sys.stderr.write(state["failed"] + "\n")
        return 3
    return 0


def _forget(ns):
    """Lets a finished scenario's objects die now, what their __del__
    prints thrown away: in pyodide's one interpreter (no fork) they would
    die during the next scenario, and print into its records."""
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        ns.clear()
        _real_collect()
    finally:
        sys.stdout, sys.stderr = saved


def reset():
    """Forgets the previous job's scenario, for a batch run in one
    interpreter (pyodide: no fork)."""
    H.__init__()
    HIDDEN_VALUES.clear()
    CLASS_IDS.clear()
    RUNNING_FRAME["id"] = None


def main(argv):
    why = check_interpreter()
    if why is not None:
        sys.stderr.write("oracle.py: %s\n" % why)
        return 2
    reset()
    plain = False
    check = False
    parse = False
    args = argv[1:]
    while args and args[0].startswith("--"):
        if args[0] == "--plain":
            plain = True
        elif args[0] == "--selfcheck":
            check = True
        elif args[0] == "--parse":
            parse = True
        else:
            break
        args = args[1:]
    if len(args) != 1:
        sys.stderr.write("usage: oracle.py [--plain] [--selfcheck] "
            "[--parse] SCENARIO.yaml\n")
        return 2
    path = args[0]
    if path.endswith(".py"):
        if parse:
            sys.stderr.write("oracle.py: --parse: %s is no YAML\n" % path)
            return 2
        return run_pyfile(path, check)
    try:
        sc = load_scenario(path)
    except (OSError, YAML_ERROR, ScenarioError, KeyError,
        ValueError) as e:
        sys.stderr.write("%s: cannot read scenario: %s\n" % (path, e))
        return 2
    if parse:
        sys.stdout.write(json.dumps(sc, ensure_ascii=False) + "\n")
        return 0
    why = not_comparable(sc["settings"])
    if why is None and calls_set_threshold(sc):
        why = "gc.set_threshold (automatic collections)"
    if why is not None:
        sys.stderr.write("%s: not comparable with CPython: %s\n" %
            (path, why))
        return 77
    attrs = attribute_names(sc)
    gcmod = make_gc_module()
    ns = {"__name__": "__main__", "sys": sys, "gc": gcmod}
    HIDDEN_VALUES.update({"__name__": "__main__", "sys": sys, "gc": gcmod})
    # Collect the garbage of the imports and of reading the scenario now,
    # or the scenario's first gc.collect() would count it.  Before the
    # functions and classes are made (making them leaves no garbage): so
    # they start in generation 0, as they do in a script and in refscope,
    # not in generation 2 where this collection would put them.
    _real_collect()
    src = module_source(sc)
    try:
        c = compile(src, "<scenario functions>", "exec")
        exec(c, ns)
        del c
    except Exception as e:
        sys.stderr.write("%s: functions and classes: %s: %s\n%s" %
            (path, type(e).__name__, e, src))
        return 2
    HIDDEN_VALUES["__builtins__"] = ns["__builtins__"]
    for name in sc["classes"]:
        cls = ns[name]
        CLASS_IDS.add(id(cls))
        if not plain:
            cls.__new__ = staticmethod(_instance_new)
            cls.__del__ = _instance_del
    cls = None
    H.enabled = sc["settings"].get("gc", "cpython") != "off"
    stdout = sys.stdout
    number = 0
    for st in sc["steps"]:
        reps = st["repeat"] if st["repeat"] is not None else 1
        for k in range(reps):
            number += 1
            H.collected = 0
            H.deaths = []
            output = ""
            code = st["do"] if st["do"] is not None else ""
            if st["do"] is not None:
                if st["repeat"] is not None:
                    # A fresh int, so that the harness's own k
                    # is not a second reference to it.
                    ns["i"] = int(str(k))
                try:
                    output = run_step(ns, st["do"])
                except Exception as e:
                    sys.stderr.write(
                        "%s:%d: step %d `%s` raised %s: %s\n" %
                        (path, st["line"], number, st["do"],
                        type(e).__name__, e))
                    return 2
            names, heap = observe(ns, attrs)
            if check:
                bad = selfcheck(ns, names, heap)
                if bad:
                    sys.stderr.write("%s:%d: step %d `%s`: harness "
                        "references: %s\n" % (path, st["line"], number,
                        code, "; ".join(bad)))
                    return 3
            rec = {"step": number, "depth": 0, "line": st["line"],
                "code": code,
                "frames": [{"function": "<module>", "names": names}],
                "heap": heap, "output": output,
                "collected_count": H.collected, "deaths": H.deaths}
            if sys.hash_info.width != 64:
                rec["hash_width"] = sys.hash_info.width
            stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    stdout.flush()
    _forget(ns)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--batch":
        import batch
        sys.exit(batch.run(main, sys.argv[0], sys.argv[2], fork=True))
    sys.exit(main(sys.argv))
