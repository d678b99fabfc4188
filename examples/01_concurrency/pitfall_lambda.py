# output: script
# exit: 1
# platform: linux
"""A lambda cannot be sent to a process pool, even one defined at module level."""

from concurrent.futures import ProcessPoolExecutor

TIMEOUT_SECONDS = 10  # a failed job fails at once; this only bounds a hang
# The mistake: a lambda's name is "<lambda>", which the module does not have.
OPERATIONS = {"square": lambda n: n * n, "double": lambda n: n * 2}


def main() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        print(pool.submit(OPERATIONS["square"], 3).result(timeout=TIMEOUT_SECONDS))


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
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~^^^^^
#!             _pickle.PicklingError: Can't pickle <function <lambda> at 0x...>: attribute lookup <lambda> on __main__ failed
#!             """
#!
#!             The above exception was the direct cause of the following exception:
#!
#!             Traceback (most recent call last):
#!               File ".../pitfall_lambda.py", line 19, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_lambda.py", line 15, in main
#!                 print(pool.submit(OPERATIONS["square"], 3).result(timeout=TIMEOUT_SECONDS))
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^
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
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~^^^^^
#!             _pickle.PicklingError: Can't pickle <function <lambda> at 0x...>: attribute lookup <lambda> on __main__ failed
