"""Recursion without a result: printing on the way down and up."""
def countdown(n):
    if n == 0:
        print('go')
        return
    print(n)
    countdown(n - 1)
    print('back at', n)
countdown(3)
