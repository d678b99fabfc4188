# output: script
# exit: 1
"""set_start_method() after the start method was fixed raises."""

import multiprocessing


def main() -> None:
    lock = multiprocessing.Lock()  # a Lock, a Queue or a Process fixes the method
    multiprocessing.set_start_method("spawn")  # the mistake: too late
    print(f"never printed: {lock}")


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_set_start_method.py", line 15, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_set_start_method.py", line 10, in main
#!                 multiprocessing.set_start_method("spawn")  # the mistake: too late
#![3.11, 3.12]     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^
#!               File ".../multiprocessing/context.py", line ..., in set_start_method
#!                 raise RuntimeError('context has already been set')
#!             RuntimeError: context has already been set
