"""The observer that leaks, and the weak reference that fixes it.

A subject keeps its observers in a list, and each observer keeps its
subject: a cycle.  Dropping both names frees nothing until the
collector runs.  A subject that keeps weak references to its observers
holds none of them: an observer dies as soon as its owner lets it go."""
import gc
import weakref


class Subject:
    def __init__(self):
        self.observers = []

    def attach(self, observer):
        self.observers.append(observer)

    def notify(self, news):
        for observer in self.observers:
            observer.update(news)


class Observer:
    def __init__(self, name, subject):
        self.name = name
        self.subject = subject
        subject.attach(self)

    def update(self, news):
        print(self.name, "heard", news)

    def __del__(self):
        print("del", self.name)


s = Subject()
o = Observer("o", s)
s.notify("hello")
# The cycle: s.observers[0] is o, and o.subject is s.
del s, o
print("nothing was freed")
print(gc.collect())


class WeakSubject:
    def __init__(self):
        self.observers = []

    def attach(self, observer):
        self.observers.append(weakref.ref(observer))

    def notify(self, news):
        for ref in self.observers:
            observer = ref()
            if observer is not None:
                observer.update(news)


s = WeakSubject()
o = Observer("p", s)
s.notify("hello")
# Only the name o held the observer: it dies now, no collector needed.
del o
s.notify("anyone?")
print(s.observers[0]())
