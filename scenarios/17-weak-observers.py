"""A class that leaks, and the weak reference that fixes it

A button keeps a list of the windows to tell when it is clicked. Held by
ordinary references, a window the program has closed lives on, and is
still told; a weak reference lets it go the moment its last owner does."""
# refscope: section "17. Weak references"
import gc
import weakref


# The observer pattern: a Button keeps its listeners in a list and tells
# each one when it is clicked.
class Button:
    def __init__(self):
        self.listeners = []

    def subscribe(self, listener):
        self.listeners.append(listener)

    def click(self):
        for listener in self.listeners:
            listener.notify()


# A Window subscribes itself to the button it shows, and keeps that
# button. Its __del__ says when it really goes.
class Window:
    def __init__(self, name, button):
        self.name = name
        self.button = button
        button.subscribe(self)

    def notify(self):
        print(self.name, "was told")

    def __del__(self):
        print("del", self.name)


# One button, one window. The window has two references: the name w and
# the button's list.
ok = Button()
w = Window("settings", ok)
# label: ok "button", w "window"
# expect: refcount(w) == 2
ok.click()
# pause

# The program closes the window: del w. Nothing is printed. The button's
# list still holds it, so its count is 1, not 0.
del w
# ask: freed
# answer: 0
# expect: freed == 0

# Worse, the closed window is still told of every click.
ok.click()
# pause

# And when the button goes too, the two hold each other: the window holds
# the button, the button's list holds the window. A cycle: no count
# reaches 0, and only the collector frees them.
del ok
# expect: freed == 0
print(gc.collect())
# pause


# The fix: the button keeps a weak reference to each listener. A weak
# reference does not count; calling it gives the object, or None once the
# object has gone.
class WeakButton:
    def __init__(self):
        self.listeners = []

    def subscribe(self, listener):
        self.listeners.append(weakref.ref(listener))

    def click(self):
        for ref in self.listeners:
            listener = ref()
            if listener is not None:
                listener.notify()


ok = WeakButton()
w = Window("settings", ok)
# label: ok "button", w "window"
# Only the name w counts now: the button's list holds a weakref.
# expect: refcount(w) == 1
ok.click()
# pause

# del w takes the count to 0: the window goes at once, and its weakref
# is cleared.
del w
# expect: freed == 1

# The button tells only the windows that are still there: none.
ok.click()
print(ok.listeners[0]() is None)
# Nothing was left for the collector to find.
print(gc.collect())
