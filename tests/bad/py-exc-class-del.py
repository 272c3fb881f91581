class Oops(Exception):
    def __init__(self, code):
        super().__init__("oops")
        self.code = code

    def __del__(self):
        print("gone")


raise Oops(5)
