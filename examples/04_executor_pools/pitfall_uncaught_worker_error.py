# output: script
# exit: 1
"""A worker's exception, never caught: two tracebacks, the worker's first."""

from concurrent.futures import ProcessPoolExecutor


def parse_price(text: str) -> float:
    return float(text)


def main() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        prices = list(pool.map(parse_price, ["9.5", "n/a"]))
    print(prices)


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             concurrent.futures.process._RemoteTraceback:
#!             """
#!             Traceback (most recent call last):
#!               File ".../concurrent/futures/process.py", line ..., in _process_worker
#!                 r = call_item.fn(*call_item.args, **call_item.kwargs)
#![3.11, 3.12]         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../concurrent/futures/process.py", line ..., in _process_chunk
#![3.11]           return [fn(*args) for args in chunk]
#![3.11]                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.11]         File ".../concurrent/futures/process.py", line ..., in <listcomp>
#!                 return [fn(*args) for args in chunk]
#![3.11, 3.12]             ^^^^^^^^^
#![3.13]                   ~~^^^^^^^
#!               File ".../pitfall_uncaught_worker_error.py", line 9, in parse_price
#!                 return float(text)
#![3.11, 3.12]            ^^^^^^^^^^^
#!             ValueError: could not convert string to float: 'n/a'
#!             """
#!
#!             The above exception was the direct cause of the following exception:
#!
#!             Traceback (most recent call last):
#!               File ".../pitfall_uncaught_worker_error.py", line 19, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_uncaught_worker_error.py", line 14, in main
#!                 prices = list(pool.map(parse_price, ["9.5", "n/a"]))
#![3.11, 3.12]              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../concurrent/futures/process.py", line ..., in _chain_from_iterable_of_lists
#!                 for element in iterable:
#![3.13]                          ^^^^^^^^
#!               File ".../concurrent/futures/_base.py", line ..., in result_iterator
#!                 yield _result_or_cancel(fs.pop())
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                 ~~~~~~~~~~~~~~~~~^^^^^^^^^^
#!               File ".../concurrent/futures/_base.py", line ..., in _result_or_cancel
#!                 return fut.result(timeout)
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~^^^^^^^^^
#!               File ".../concurrent/futures/_base.py", line ..., in result
#!                 return self.__get_result()
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~~~~~~~~^^
#!               File ".../concurrent/futures/_base.py", line ..., in __get_result
#!                 raise self._exception
#!             ValueError: could not convert string to float: 'n/a'
