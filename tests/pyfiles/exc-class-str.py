"""An exception class that says what went wrong in its own words.

print(e), str(e) and f-strings call its __str__ with the exception; repr
is BaseException's unless the class defines __repr__ too.  A subclass
inherits both."""


class Overdrawn(ValueError):
    def __str__(self):
        return "overdrawn by %s" % self.args[0]


class Frozen(Overdrawn):
    def __repr__(self):
        return "Frozen!"


try:
    raise Overdrawn(30)
except ValueError as e:
    print(e)
    print(str(e), repr(e), f"[{e}]")
problems = [Overdrawn(5), Frozen(7)]
print(problems[1], repr(problems[1]))
