# output: script
"""Sending bytes to a worker process: through a Pipe, a Queue, or shared memory.

Each point starts one worker, then times one hand-over of `size` bytes, from
the sender's first step until the worker replies that it has the data:
- "pipe": Connection.send() pickles the bytes and writes them to an OS pipe;
  the worker reads and unpickles its own copy;
- "queue": multiprocessing.Queue does the same from a feeder thread;
- "shared_memory": the sender creates a shared block, copies the bytes in and
  sends only the block's name; the worker maps the same memory (no copy),
  then the sender frees the block.
Bytes are the cheapest thing to pickle: richer objects cost the pipe and the
queue more, and a program that builds its data inside the shared block skips
even the one copy counted here.
`make bench BENCH=data_transfer` sweeps SERIES; the claims tests rerun
SMALL_SERIES. Run as a script, it sends CHECK_SIZE bytes each way.
"""

import multiprocessing
import sys
import time
from collections.abc import Callable
from multiprocessing import resource_tracker, shared_memory
from multiprocessing.connection import Connection
from typing import Any

KIND = "sweep"
MODEL = "transfer"
PARAMETER = "bytes"
KIB, MIB = 1024, 1024 * 1024
SIZES = [KIB, 10 * KIB, 100 * KIB, MIB, 10 * MIB, 100 * MIB]
SERIES: dict[str, list[int]] = {  # bytes per point (`make bench`)
    "pipe": SIZES,
    "queue": SIZES,
    "shared_memory": SIZES,
}
SMALL_SERIES: dict[str, list[int]] = {  # the claims tests
    "pipe": [KIB, 32 * MIB],
    "shared_memory": [KIB, 32 * MIB],
}
CHECK_SIZE = MIB  # main()
ROUNDS = {"full": 5, "small": 5}  # rounds of every point
EXPECTED_SECONDS = 30  # a full run: 5 rounds of 18 points, on 2 cores
REPLY_TIMEOUT = 60  # seconds a worker may take to answer


def attach(name: str) -> shared_memory.SharedMemory:
    """Open the sender's block by name, leaving its clean-up to the sender."""
    if sys.version_info >= (3, 13):  # track=False is new in 3.13
        return shared_memory.SharedMemory(name=name, track=False)
    return shared_memory.SharedMemory(name=name)


def mapped(block: shared_memory.SharedMemory) -> memoryview:
    """The block's bytes, mapped into this process (None once it is closed)."""
    assert block.buf is not None
    return block.buf


def pipe_worker(connection: Connection) -> None:
    connection.send("ready")
    while (data := connection.recv()) is not None:
        connection.send(len(data))


def queue_worker(inbox: Any, connection: Connection) -> None:
    connection.send("ready")
    while (data := inbox.get()) is not None:
        connection.send(len(data))


def shared_memory_worker(connection: Connection) -> None:
    connection.send("ready")
    while (message := connection.recv()) is not None:
        name, size = message
        block = attach(name)
        view = mapped(block)[:size]  # the sender's bytes, mapped, not copied
        connection.send(len(view) if view[-1] == view[0] else -1)
        view.release()
        block.close()


def send_by_pipe(connection: Connection, payload: bytes, _extra: Any) -> int:
    connection.send(payload)
    return connection.recv()


def send_by_queue(connection: Connection, payload: bytes, inbox: Any) -> int:
    inbox.put(payload)
    return connection.recv()


def send_by_shared_memory(connection: Connection, payload: bytes, _extra: Any) -> int:
    block = shared_memory.SharedMemory(create=True, size=len(payload))
    try:
        mapped(block)[: len(payload)] = payload  # the one copy
        connection.send((block.name, len(payload)))
        return connection.recv()
    finally:
        block.close()
        block.unlink()


SENDERS: dict[str, Callable[[Connection, bytes, Any], int]] = {
    "pipe": send_by_pipe,
    "queue": send_by_queue,
    "shared_memory": send_by_shared_memory,
}


def timed_hand_over(series: str, size: int) -> tuple[float, int]:
    """Start a worker for `series`, time one hand-over of `size` bytes, stop it."""
    # Before 3.13 a worker registers each block it opens with a resource
    # tracker: start this process's now, so a forked worker shares it (one of
    # its own would "clean up" the sender's block when the worker exits).
    resource_tracker.ensure_running()
    ours, theirs = multiprocessing.Pipe()
    inbox: Any = multiprocessing.Queue() if series == "queue" else None
    if series == "queue":
        worker = multiprocessing.Process(target=queue_worker, args=(inbox, theirs))
    elif series == "pipe":
        worker = multiprocessing.Process(target=pipe_worker, args=(theirs,))
    else:
        worker = multiprocessing.Process(target=shared_memory_worker, args=(theirs,))
    worker.start()
    theirs.close()
    payload = bytes(size)
    if ours.recv() != "ready":  # the worker has started: its start-up is not timed
        raise RuntimeError(f"{series}: the worker did not start")
    try:
        started = time.perf_counter()
        got = SENDERS[series](ours, payload, inbox)
        seconds = time.perf_counter() - started
    finally:
        if inbox is not None:
            inbox.put(None)
            inbox.close()
            inbox.join_thread()  # no feeder thread left when the next worker forks
        else:
            ours.send(None)
        worker.join(REPLY_TIMEOUT)
        ours.close()
    return seconds, got


def measure_point(series: str, size: int, _run_size: str) -> float:
    """What the benchmark runner calls: seconds for one hand-over."""
    seconds, got = timed_hand_over(series, size)
    if got != size:
        raise AssertionError(f"{series}: the worker saw {got} bytes, not {size}")
    return seconds


def main() -> None:
    for series in SERIES:
        _seconds, got = timed_hand_over(series, CHECK_SIZE)
        print(
            f"{series:<13} the worker got all {CHECK_SIZE:,} bytes: {got == CHECK_SIZE}"
        )


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> pipe          the worker got all 1,048,576 bytes: True
#> queue         the worker got all 1,048,576 bytes: True
#> shared_memory the worker got all 1,048,576 bytes: True
