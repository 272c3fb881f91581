"""try, except, else and finally: which blocks run.

else runs when the try block raised nothing; finally runs in any case,
after the rest.  Nothing is kept: each exception dies at the end of its
except block."""


def attempt(text):
    try:
        n = int(text)
    except ValueError as e:
        print("except", e.args)
        n = -1
    else:
        print("else", n)
    finally:
        print("finally", text)
    return n


print(attempt("5"))
print(attempt("five"))
try:
    print("outer try")
finally:
    print("outer finally")
