import weakref as w
