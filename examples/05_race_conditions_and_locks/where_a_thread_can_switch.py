"""Can another thread run between the read and the write? Look at the bytecode."""

import dis
from collections.abc import Callable

counter = 0


def add_one(value: int) -> int:
    return value + 1


def plus_equals() -> None:
    global counter
    counter += 1


def through_a_call() -> None:
    global counter
    counter = add_one(counter)


def has_switch_point(function: Callable[[], None]) -> bool:
    """Is there a call or a backward jump, the places where CPython with the
    GIL may hand it to another thread, between reading `counter` and writing it?"""
    steps = [(i.opname, i.argval) for i in dis.get_instructions(function)]
    read = steps.index(("LOAD_GLOBAL", "counter"))
    write = steps.index(("STORE_GLOBAL", "counter"))
    between = [opname for opname, _ in steps[read + 1 : write]]
    return any(opname.startswith(("CALL", "JUMP_BACKWARD")) for opname in between)


def main() -> None:
    print(f"counter += 1: {has_switch_point(plus_equals)}")
    #> counter += 1: False
    print(f"counter = add_one(counter): {has_switch_point(through_a_call)}")
    #> counter = add_one(counter): True


if __name__ == "__main__":
    main()
