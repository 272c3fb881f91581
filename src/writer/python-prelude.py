# ---------------------------------------------------------------------------
# How this program checks the scenario (the same in every export)
#
# refscope runs a scenario against a model of CPython 3.11's heap.  This
# program runs the same statements in CPython itself and checks there what
# the scenario's expect: lines claim, with sys.getrefcount, `is` and the gc
# module.  To be faithful it runs them the way refscope's model does:
#   - each module-level step is compiled on its own, like a line typed at
#     the interactive prompt: its constants (1000, 'hello world', ...) are
#     made when it is compiled and released when it has run;
#   - the scenario's functions and classes are compiled together first, as
#     one module, so equal constants in two function bodies are one object;
#   - the checks of a module-level step run after the step, each compiled
#     on its own too; the checks of a step in a function body are written
#     into the body, right after the step (before its value is returned).
# A failed check is reported on stderr as FILE:LINE:COL, and the program
# exits with status 1 at the end.
# ---------------------------------------------------------------------------

import gc
import os
import sys

# The order in which a set of strs prints depends on their hashes, which
# change from run to run unless PYTHONHASHSEED is fixed; refscope shows the
# order CPython gives with PYTHONHASHSEED=0.  So start again with it, once.
if os.environ.get("PYTHONHASHSEED") != "0":
    if os.path.isfile(sys.argv[0]):
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, sys.orig_argv)
    sys.stderr.write("note: set PYTHONHASHSEED=0 for the order of sets "
        "refscope shows\n")

import ctypes
import types

if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
    sys.stderr.write("note: these checks are CPython 3.11's; this is %s %s\n"
        % (sys.implementation.name, sys.version.split()[0]))

# SyntaxWarning: `x is 1000` is a fair question in a check.
import warnings
warnings.simplefilter("ignore", SyntaxWarning)

# CPython starts a collection by itself when the containers allocated minus
# those freed pass a threshold (700).  That count includes what the compiler
# and this program allocate, so its automatic collections would come at
# other moments than in the scenario: they are off for the whole run, and
# the scenario's gc.enable()/gc.disable() are only remembered.  gc.collect()
# is the real one; what it returns is added up for `collected`.
gc.disable()


class Step:
    """What the current module-level step did."""
    collected = 0       # the sum of what its gc.collect() calls returned
    freed = None        # objects it freed by reference counting, if counted


class Checks:
    run = 0
    failed = 0


gc_enabled = True


def collect(generation=2):
    found = gc.collect(generation)
    Step.collected += found
    return found


def enable():
    global gc_enabled
    gc_enabled = True


def disable():
    global gc_enabled
    gc_enabled = False


def isenabled():
    return gc_enabled


# What the scenario calls `gc`: the real module's functions, except that
# collect() is counted and enable()/disable() are only remembered.
scenario_gc = types.ModuleType("gc")
scenario_gc.collect = collect
scenario_gc.enable = enable
scenario_gc.disable = disable
scenario_gc.isenabled = isenabled
scenario_gc.get_count = gc.get_count
scenario_gc.get_threshold = gc.get_threshold
scenario_gc.set_threshold = gc.set_threshold

# The scenario's module namespace.  The steps run in it, not in this
# program's own, so that they see only their own names.
scenario = {"__name__": "__main__", "__builtins__": __builtins__,
    "sys": sys, "gc": scenario_gc}
HARNESS = dict(scenario)        # names that are not the scenario's
FUNCTION_IDS = set()            # id() of the scenario's functions
CLASS_IDS = set()               # and of its classes
ATTRIBUTES = []                 # every .name the scenario writes
FUNCTIONS_FILE = "<functions and classes>"
FUNCTION_LINES = {}             # a line of the functions' source -> "L:C"
BODY_CHECKS = []                # what each check in a function body claims


def fail(where, text, why):
    Checks.failed += 1
    sys.stdout.flush()
    sys.stderr.write("%s:%s: expect failed: %s: %s\n" % (FILE, where, text,
        why))


def stop(where, why):
    sys.stdout.flush()
    sys.stderr.write("%s:%s: %s\n" % (FILE, where, why))
    sys.exit(1)


def raised(where, what):
    """Stops at an exception a step raised, located at the statement that
    raised it (a line of a function body says which step it is)."""
    e = sys.exc_info()[1]
    tb = e.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == FUNCTIONS_FILE:
            where = FUNCTION_LINES.get(tb.tb_lineno, where)
        tb = tb.tb_next
    stop(where, "%s raised %s: %s" % (what, type(e).__name__, e))


# -- telling the scenario's objects apart -----------------------------------

def interned(s):
    # The interned bits of a str's header (PyASCIIObject.state, after the
    # count, type, length and hash).  `sys.intern(s) is s` would answer by
    # interning s, which changes what later steps share.
    return bool(ctypes.c_uint32.from_address(id(s) + 32).value & 3)


def is_cached(o):
    """Whether CPython shares o with the whole interpreter (refscope's
    cached objects): None, True, False, the ints -5..256, the empty tuple,
    '' and one-character latin-1 strs, and interned strs."""
    if o is None or o is True or o is False:
        return True
    t = type(o)
    if t is int:
        return -5 <= o <= 256
    if t is tuple:
        return len(o) == 0
    if t is str:
        return len(o) == 0 or (len(o) == 1 and ord(o) < 256) or interned(o)
    return False


def unreachable_containers():
    """The objects the collector tracks that nothing outside them refers
    to: garbage cycles still waiting for a collection.  Found the way the
    collector finds them (count each object's references, take away those
    from the other tracked objects, keep what is left reachable), without
    collecting anything."""
    objs = gc.get_objects()
    index = {}
    outside = []
    for k in range(len(objs)):
        index[id(objs[k])] = k
        # less the references from objs and from getrefcount's argument
        outside.append(sys.getrefcount(objs[k]) - 2)
    for o in objs:
        for r in gc.get_referents(o):
            k = index.get(id(r))
            if k is not None:
                outside[k] -= 1
    o = r = None
    work = []
    for k in range(len(objs)):
        if outside[k] > 0:
            work.append(k)
    reached = set(work)
    while work:
        for r in gc.get_referents(objs[work.pop()]):
            k = index.get(id(r))
            if k is not None and k not in reached:
                reached.add(k)
                work.append(k)
    r = None
    garbage = []
    for k in range(len(objs)):
        if k not in reached:
            garbage.append(objs[k])
    return garbage


SCENARIO_TYPES = (list, tuple, dict, set, frozenset)


def scenario_objects():
    """{id: id of its type} for every object of the scenario still alive,
    cached ones left out (refscope's `heap`): what its names reach through
    items, keys, values, elements and attributes, its functions and their
    constants, its classes, and the garbage cycles not yet collected.
    Keeps no reference to any of them."""
    todo = []
    for name in list(scenario):
        if not (name in HARNESS and scenario[name] is HARNESS[name]):
            todo.append(scenario[name])
    for o in unreachable_containers():
        t = type(o)
        if t in SCENARIO_TYPES or id(t) in CLASS_IDS or (
                id(o) in FUNCTION_IDS and t is types.FunctionType) or (
                id(o) in CLASS_IDS and t is type):
            todo.append(o)
    o = t = None
    seen = set()
    found = {}
    while todo:
        o = todo.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        t = type(o)
        if not is_cached(o):
            found[id(o)] = id(t)
        if t in SCENARIO_TYPES:
            todo.extend(o)
            if t is dict:
                todo.extend(o.values())
        elif id(t) in CLASS_IDS:
            todo.append(t)
            for a in ATTRIBUTES:
                try:
                    # not getattr(), which could make the instance's
                    # __dict__ (in 3.11 it has none until asked for)
                    todo.append(object.__getattribute__(o, a))
                except AttributeError:
                    pass
        elif t is types.FunctionType and id(o) in FUNCTION_IDS:
            todo.extend(o.__code__.co_consts)
    o = t = None
    return found


def constants_of(code):
    """{id: id of its type} of code's constants, cached ones left out."""
    found = {}
    todo = list(code.co_consts)
    while todo:
        o = todo.pop()
        if not is_cached(o):
            found[id(o)] = id(type(o))
        if type(o) is tuple:
            todo.extend(o)
    return found


# -- running ----------------------------------------------------------------

def start():
    """Collects the garbage of starting up, or the scenario's first
    gc.collect() would count it.  The functions and classes are made after
    it, so they start in generation 0 as in a script."""
    gc.collect()


def provide(name, repeats):
    """Puts what the function bodies use into the scenario's namespace:
    name.check(k, value), and name.repeat[j], a loop count too large to be
    written in the body (it would be one more constant there)."""
    helper = types.SimpleNamespace(check=check, repeat=repeats)
    scenario[name] = HARNESS[name] = helper


def define(source):
    """Compiles the scenario's functions and classes as one module and runs
    it in the scenario's namespace."""
    code = compile(source, FUNCTIONS_FILE, "exec")
    try:
        exec(code, scenario)
    except Exception:
        raised("0:0", "defining the functions and classes")
    for value in scenario.values():
        if type(value) is types.FunctionType:
            FUNCTION_IDS.add(id(value))
        elif type(value) is type:
            CLASS_IDS.add(id(value))


def run(where, source=None, repeat=None, count_frees=False):
    """Runs one module-level step (source None: a narration step), `repeat`
    times if given, binding i to 0, 1, ... before each run.  With
    count_frees, notes which objects its last run frees."""
    for k in range(1 if repeat is None else repeat):
        Step.collected = 0
        Step.freed = None
        before = None
        if count_frees and (repeat is None or k == repeat - 1):
            before = scenario_objects()
        if repeat is not None:
            # a new int object, as refscope makes: the loop's own k must
            # not be a second reference to it
            scenario["i"] = int(str(k))
        if source is not None:
            code = compile(source, "%s:%s" % (FILE, where), "exec")
            if before is not None:
                before.update(constants_of(code))
            try:
                exec(code, scenario)
            except Exception:
                raised(where, "the step")
            # its constants go with its code, now
            del code
        if before is not None:
            after = scenario_objects()
            died = 0
            for key in before:
                if after.get(key) != before[key]:
                    died += 1
            Step.freed = died - Step.collected
            before = after = None


def evaluate(python, where):
    """The value of a Python expression compiled on its own and evaluated
    in the scenario's namespace, like a line at the prompt."""
    return eval(compile(python, "%s:%s" % (FILE, where), "eval"), scenario)


def describe_error():
    e = sys.exc_info()[1]
    return "%s: %s" % (type(e).__name__, e)


COMPARE = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b, ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
}


def compare(where, text, what, seen, op, n):
    Checks.run += 1
    if not COMPARE[op](seen, n):
        fail(where, text, "in CPython %s is %d" % (what, seen))


def expect_number(where, text, python, op, n):
    """refcount(E) OP N: python is sys.getrefcount(E) - 1 (getrefcount's
    own argument is one more reference while it runs)."""
    try:
        seen = evaluate(python, where)
    except Exception:
        Checks.run += 1
        return fail(where, text, "in CPython %s raised %s" % (python,
            describe_error()))
    compare(where, text, python, seen, op, n)


def expect_true(where, text, python):
    """A is B, A is not B."""
    Checks.run += 1
    try:
        if not evaluate(python, where):
            fail(where, text, "in CPython %s is False" % python)
    except Exception:
        fail(where, text, "in CPython %s raised %s" % (python,
            describe_error()))


def expect_alive(where, text, python):
    """alive(E): in Python whatever an expression still reaches is alive,
    so E must evaluate."""
    Checks.run += 1
    try:
        evaluate(python, where)
    except Exception:
        fail(where, text, "in CPython %s raised %s" % (python,
            describe_error()))


def generation(o):
    """The collector generation (0, 1, 2) o is in, or None if the
    collector does not track it."""
    if not gc.is_tracked(o):
        return None
    for g in range(3):
        for other in gc.get_objects(generation=g):
            if other is o:
                return g
    return None


def check_generation(where, text, python, o, op, n):
    g = generation(o)
    if g is None:
        Checks.run += 1
        fail(where, text, "in CPython %s is not tracked by the collector"
            % python)
    else:
        compare(where, text, "the generation of %s" % python, g, op, n)


def expect_generation(where, text, python, op, n):
    """gen(E) OP N: E's generation, from gc.get_objects(generation=g)."""
    try:
        o = evaluate(python, where)
    except Exception:
        Checks.run += 1
        return fail(where, text, "in CPython %s raised %s" % (python,
            describe_error()))
    check_generation(where, text, python, o, op, n)


def expect_heap(where, text, op, n):
    """heap OP N: the scenario's objects alive, cached ones left out."""
    compare(where, text, "the number of objects alive",
        len(scenario_objects()), op, n)


def expect_freed(where, text, op, n):
    """freed OP N: objects the step freed by reference counting: those
    alive before it (or made by its compilation) and gone after it, less
    those the collector took."""
    compare(where, text, "the number of objects freed by reference "
        "counting", Step.freed, op, n)


def expect_collected(where, text, op, n):
    """collected OP N: what the step's gc.collect() calls returned."""
    compare(where, text, "what gc.collect() returned", Step.collected, op,
        n)


def check(k, value):
    """A check written into a function body: BODY_CHECKS[k] says which.
    value is what the body computed: sys.getrefcount(E) - 1, A is B, or
    the object E."""
    where, text, kind, python, op, n = BODY_CHECKS[k]
    if kind == "number":
        compare(where, text, python, value, op, n)
    elif kind == "true":
        Checks.run += 1
        if not value:
            fail(where, text, "in CPython %s is False" % python)
    elif kind == "alive":
        Checks.run += 1
    elif kind == "generation":
        check_generation(where, text, python, value, op, n)


def finish(not_checkable):
    sys.stdout.flush()
    note = ""
    if not_checkable:
        note = "; %d more cannot be checked in CPython (see the comments)" % (
            not_checkable)
    if Checks.failed:
        sys.stderr.write("%s: %d of %d expects failed in CPython%s\n" % (FILE,
            Checks.failed, Checks.run, note))
        sys.exit(1)
    sys.stderr.write("%s: ok in CPython (%d expects checked%s)\n" % (FILE,
        Checks.run, note))
