# output: script
"""C code that releases the GIL: two threads against one, by buffer size.

The same bytes are processed one call after another on one thread, then split
between two threads: hashlib.sha256 (which releases the GIL for buffers of
2,048 bytes or more), zlib.compress (which releases it on every call), and a
checksum written in pure Python (which never does). A buffer of `size` bytes
per call; every run processes WORK_BYTES in all, so a point's two times
compare equal work. `make bench BENCH=gil_release` sweeps the buffer sizes
against the machine's measured parallel capacity; the claims tests rerun the
largest buffers; run as a script, it checks that both ways give equal results.
"""

import hashlib
import random
import threading
import time
import zlib
from collections.abc import Callable

KIND = "sweep"  # how tools/bench measures and renders it
MODEL = "release"  # 2-thread speedup per buffer size, against the capacity
PARAMETER = "buffer bytes"
SERIES: dict[str, list[int]] = {  # buffer sizes per point (`make bench`)
    "sha256": [256, 1024, 2047, 2048, 4096, 16384, 65536, 1048576],
    "zlib": [4096, 65536, 262144],
    "python": [16384, 65536, 131072],
}
SMALL_SERIES: dict[str, list[int]] = {  # the claims tests
    "sha256": [1048576],
    "zlib": [262144],
    "python": [65536],
}
WORK_BYTES = {  # bytes processed per timed run: tens of milliseconds each
    "sha256": 32 * 1048576,
    "zlib": 4 * 1048576,
    "python": 256 * 1024,
}
ZLIB_LEVEL = 1
THREADS = 2
ROUNDS = {"full": 9, "small": 7}  # rounds of every point and the capacity probe
EXPECTED_SECONDS = 40  # a full-size run on 2 cores, probes included
CHECK_BYTES = 8192  # main(): a quick check on small buffers

WORDS = [b"alpha", b"beta", b"gamma", b"delta", b"epsilon", b"zeta", b"eta", b"theta"]


def text_like(size: int) -> bytes:
    """Words in a random order: compressible, like the text zlib usually gets."""
    words = random.Random(6).choices(WORDS, k=size // 4)
    return b" ".join(words)[:size]


DATA = text_like(1048576)


def python_checksum(data: bytes) -> int:
    """A rolling checksum in pure Python: holds the GIL for every byte."""
    total = 0
    for byte in data:
        total = (total * 31 + byte) & 0xFFFFFFFF
    return total


def sha256(data: bytes) -> int:
    return int.from_bytes(hashlib.sha256(data).digest()[:4], "big")


def compress(data: bytes) -> int:
    return len(zlib.compress(data, ZLIB_LEVEL))


FUNCTIONS: dict[str, Callable[[bytes], int]] = {
    "sha256": sha256,
    "zlib": compress,
    "python": python_checksum,
}


def process(function: Callable[[bytes], int], buffers: list[bytes]) -> list[int]:
    return [function(buffer) for buffer in buffers]


def in_threads(
    function: Callable[[bytes], int], buffers: list[bytes], threads: int
) -> list[int]:
    """The same calls split between `threads` threads; results in call order."""
    shares = [buffers[k::threads] for k in range(threads)]
    answers: list[list[int]] = [[] for _ in range(threads)]

    def work(k: int) -> None:
        answers[k] = process(function, shares[k])

    workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [answers[i % threads][i // threads] for i in range(len(buffers))]


def buffers_for(series: str, size: int) -> list[bytes]:
    calls = max(THREADS, WORK_BYTES[series] // size)
    calls -= calls % THREADS  # an equal share for every thread
    return [DATA[:size]] * calls


def measure_point(series: str, size: int, _size: str) -> dict[str, float]:
    """Seconds for the same calls on one thread, then on THREADS threads."""
    function, buffers = FUNCTIONS[series], buffers_for(series, size)
    started = time.perf_counter()
    process(function, buffers)
    sequential = time.perf_counter() - started
    started = time.perf_counter()
    in_threads(function, buffers, THREADS)
    threaded = time.perf_counter() - started
    return {"sequential": sequential, "threads": threaded}


def main() -> None:
    for name, function in FUNCTIONS.items():
        buffers = [DATA[:CHECK_BYTES]] * 4
        same = in_threads(function, buffers, THREADS) == process(function, buffers)
        print(f"{name:<6} {THREADS} threads give the same results: {same}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> sha256 2 threads give the same results: True
#> zlib   2 threads give the same results: True
#> python 2 threads give the same results: True
