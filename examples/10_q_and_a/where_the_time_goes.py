# output: script
"""Where the time goes in one line of Python: bytecode, boxing, dynamic dispatch."""

import dis
import sys
from array import array
from fractions import Fraction

NUMBER = 1_000  # above 256: CPython keeps no ready-made object for it
PAIRS = [(2, 3), (2.5, 0.5), ("con", "cat"), (Fraction(1, 3), Fraction(1, 6))]


def add_square(total: int, number: int) -> int:
    return total + number * number


def add(a: object, b: object) -> object:
    return a + b  # type: ignore[operator]  # any types: resolved at run time


def show_bytecode() -> None:
    print("bytecode of `return total + number * number`:")
    for instruction in dis.get_instructions(add_square):
        if instruction.opname != "RESUME":  # bookkeeping at the function's start
            print(f"  {instruction.opname} {instruction.argrepr}".rstrip())


def show_boxing() -> None:
    as_object = sys.getsizeof(NUMBER)
    as_machine_int = array("q", [NUMBER]).itemsize  # a C int64, as NumPy stores it
    print(
        f"bytes for {NUMBER}: as a Python int {as_object}, as an int64 {as_machine_int}"
    )
    first, second = NUMBER * NUMBER, NUMBER * NUMBER
    same = first is second  # two boxes, each holding 1,000,000
    print(f"each product is a new object: equal {first == second}, same object {same}")


def show_dispatch() -> None:
    print("the same `a + b` line, four types:")
    for a, b in PAIRS:
        print(f"  {type(a).__name__:<8} {add(a, b)!r}")
    print(f"int's + is C code: {type(int.__add__).__name__}")
    print(f"Fraction's + is Python code: {type(Fraction.__add__).__name__}")


def main() -> None:
    show_bytecode()
    show_boxing()
    show_dispatch()


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.11, 3.12, 3.13):
#>             bytecode of `return total + number * number`:
#>[3.11, 3.12]   LOAD_FAST total
#>[3.11, 3.12]   LOAD_FAST number
#>[3.13]         LOAD_FAST_LOAD_FAST total, number
#>               LOAD_FAST number
#>               BINARY_OP *
#>               BINARY_OP +
#>               RETURN_VALUE
#>             bytes for 1000: as a Python int 28, as an int64 8
#>             each product is a new object: equal True, same object False
#>             the same `a + b` line, four types:
#>               int      5
#>               float    3.0
#>               str      'concat'
#>               Fraction Fraction(1, 2)
#>             int's + is C code: wrapper_descriptor
#>             Fraction's + is Python code: function
