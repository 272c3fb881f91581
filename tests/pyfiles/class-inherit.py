"""Single inheritance and super().

A subclass holds its base three times (tp_base, tp_bases, tp_mro), and a
method that calls super() gives the class a __class__ cell."""
import sys


class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " says " + self.sound


class Dog(Animal):
    sound = "woof"

    def __init__(self, name, tricks):
        super().__init__(name)
        self.tricks = tricks


print(sys.getrefcount(Animal), sys.getrefcount(Dog))
rex = Dog("Rex", ["sit"])
a = Animal("generic")
print(rex.speak(), a.speak(), rex.tricks)
print(sys.getrefcount(Animal), sys.getrefcount(Dog), Dog.__doc__)
