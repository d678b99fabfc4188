# output: script
"""put() accepts an object that cannot be pickled, then drops it: no exception."""

import multiprocessing
import threading
from typing import Any

GET_TIMEOUT = 10  # seconds; only bounds a hang, everything arrives at once


def echo(inbox: Any, outbox: Any) -> None:
    """Send back whatever arrives, until None; then None, to say it is done."""
    while (item := inbox.get()) is not None:
        outbox.put(item)
    outbox.put(None)


def main() -> None:
    inbox: Any = multiprocessing.Queue()
    outbox: Any = multiprocessing.Queue()
    worker = multiprocessing.Process(target=echo, args=(inbox, outbox))
    worker.start()
    inbox.put("before the lock")
    inbox.put(threading.Lock())  # the mistake: a lock cannot be pickled
    print("put() of a lock returned without an error")
    inbox.put("after the lock")
    inbox.put(None)
    arrived = []
    while (item := outbox.get(timeout=GET_TIMEOUT)) is not None:
        arrived.append(item)
    worker.join()
    print(f"arrived: {arrived}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> put() of a lock returned without an error
#> arrived: ['before the lock', 'after the lock']

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../multiprocessing/queues.py", line ..., in _feed
#!                 obj = _ForkingPickler.dumps(obj)
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/reduction.py", line ..., in dumps
#!                 cls(buf, protocol).dump(obj)
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~^^^^^
#!             TypeError: cannot pickle '_thread.lock' object
