class Oops(Exception):
    def __init__(self, code):
        super().__init__("oops")
        self.code = code


raise Oops(5)
