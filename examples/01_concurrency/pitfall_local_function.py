# output: script
# exit: 1
# platform: linux
"""A function defined inside another function cannot be sent to a process pool."""

from concurrent.futures import ProcessPoolExecutor

TIMEOUT_SECONDS = 10  # a failed job fails at once; this only bounds a hang


def main() -> None:
    def square(n: int) -> int:  # the mistake: local, so pickle cannot name it
        return n * n

    with ProcessPoolExecutor(max_workers=1) as pool:
        print(pool.submit(square, 3).result(timeout=TIMEOUT_SECONDS))


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             concurrent.futures.process._RemoteTraceback:
#!             """
#!             Traceback (most recent call last):
#!               File ".../multiprocessing/queues.py", line ..., in _feed
#!                 obj = _ForkingPickler.dumps(obj)
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/reduction.py", line ..., in dumps
#!                 cls(buf, protocol).dump(obj)
#![3.11, 3.12] AttributeError: Can't pickle local object 'main.<locals>.square'
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~^^^^^
#![3.13]       AttributeError: Can't get local object 'main.<locals>.square'
#!             """
#!
#!             The above exception was the direct cause of the following exception:
#!
#!             Traceback (most recent call last):
#!               File ".../pitfall_local_function.py", line 20, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_local_function.py", line 16, in main
#!                 print(pool.submit(square, 3).result(timeout=TIMEOUT_SECONDS))
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../concurrent/futures/_base.py", line ..., in result
#!                 return self.__get_result()
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~~~~~~~~^^
#!               File ".../concurrent/futures/_base.py", line ..., in __get_result
#!                 raise self._exception
#!               File ".../multiprocessing/queues.py", line ..., in _feed
#!                 obj = _ForkingPickler.dumps(obj)
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/reduction.py", line ..., in dumps
#!                 cls(buf, protocol).dump(obj)
#![3.11, 3.12] AttributeError: Can't pickle local object 'main.<locals>.square'
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~^^^^^
#![3.13]       AttributeError: Can't get local object 'main.<locals>.square'
