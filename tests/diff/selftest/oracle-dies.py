"""The oracle's interpreter dies here (selftest.sh, section 3).

Reading memory far out of bounds is a WebAssembly trap under pyodide: it
ends the Node process running the batch.  The differential test must fail
this scenario alone and go on with the next ones."""
import ctypes

x = ctypes.c_void_p.from_address(0xfffffff0).value
