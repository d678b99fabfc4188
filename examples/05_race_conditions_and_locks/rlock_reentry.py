"""A thread that takes a lock it already holds: Lock waits for itself, RLock does not."""

from __future__ import annotations

import threading

RETAKE_TIMEOUT = 0.1  # how long the second acquire waits before giving up


def take_twice(lock: threading.Lock | threading.RLock) -> bool:
    """Hold `lock`, then try to take it again from the same thread."""
    with lock:
        # Real code writes `with lock:` here (often inside another method) and
        # waits forever; the timeout only keeps this demo from hanging.
        taken_again = lock.acquire(timeout=RETAKE_TIMEOUT)
        if taken_again:
            lock.release()  # an RLock is released once per acquire
        return taken_again


def main() -> None:
    print(f"Lock taken again by its owner: {take_twice(threading.Lock())}")
    #> Lock taken again by its owner: False
    print(f"RLock taken again by its owner: {take_twice(threading.RLock())}")
    #> RLock taken again by its owner: True


if __name__ == "__main__":
    main()
