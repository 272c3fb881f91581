"""A bound method as a weakref's callback: the observer learns it lost one.

The subject keeps weak references to its observers, each with a bound
method of the subject as its callback; when an observer dies, the
callback removes the dead reference.  The method holds the subject, and
the weakref holds the method."""
import sys
import weakref


class Subject:
    def __init__(self):
        self.refs = []

    def attach(self, observer):
        self.refs.append(weakref.ref(observer, self.forget))

    def forget(self, ref):
        self.refs.remove(ref)
        print("forgot one;", len(self.refs), "left", sys.getrefcount(self))

    def notify(self, news):
        for ref in self.refs:
            ref().update(news)


class Observer:
    def __init__(self, name):
        self.name = name

    def update(self, news):
        print(self.name, "heard", news)


subject = Subject()
a = Observer("a")
b = Observer("b")
subject.attach(a)
subject.attach(b)
print(sys.getrefcount(subject))
subject.notify("hello")
del a
subject.notify("again")
b = None
print(sys.getrefcount(subject), subject.refs)
