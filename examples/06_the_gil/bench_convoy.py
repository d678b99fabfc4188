# output: script
"""The convoy effect: a small request's round trip, with and without a CPU-bound thread.

A server process answers an echo: its main thread, the I/O thread, waits in
recv_bytes() with the GIL released, and must take the GIL back to send the
reply. Beside it, in the same process, run zero or one CPU-bound threads. The
client is this process, whose GIL nothing else wants: it sends one small
message now and then and times each round trip, so the time measured is the
server's. `make bench BENCH=convoy` records the percentiles of each round's
round trips; the claims tests rerun it at small size; run as a script, it
checks a few.
"""

import multiprocessing
import statistics
import sys
import threading
import time
from multiprocessing.connection import Connection

KIND = "sweep"  # how tools/bench measures and renders it
MODEL = "convoy"  # latency percentiles against the switch interval
PARAMETER = "CPU-bound threads"
SERIES: dict[str, list[int]] = {"echo": [0, 1]}  # CPU-bound threads beside it
SMALL_SERIES: dict[str, list[int]] = {"echo": [0, 1]}
REQUESTS = {"full": 100, "small": 60}  # round trips per point and round
PAUSE_SECONDS = 0.002  # between requests: the CPU-bound thread has the GIL by then
ROUNDS = {"full": 5, "small": 5}
SWITCH_INTERVAL_SECONDS = sys.getswitchinterval()  # 0.005 unless changed
MESSAGE = b"x"
STOP = b""  # the message that ends the server
SPIN_STEPS = 1_000  # pure-Python work between two checks of the stop flag
START_TIMEOUT = 60  # seconds the server process may take to start
EXPECTED_SECONDS = 30  # a full-size run on 2 cores, probes included
CHECK_REQUESTS = 30  # main()


def spin_until(stop: threading.Event) -> None:
    """A CPU-bound thread: pure-Python work, holding the GIL, until told."""
    while not stop.is_set():
        total = 0
        for step in range(SPIN_STEPS):
            total += step


def serve_echo(connection: Connection, cpu_threads: int) -> None:
    """The server process: echo every message until STOP, with `cpu_threads`
    CPU-bound threads running beside the thread that answers."""
    stop = threading.Event()
    spinners = [
        threading.Thread(target=spin_until, args=(stop,)) for _ in range(cpu_threads)
    ]
    for spinner in spinners:
        spinner.start()
    connection.send_bytes(b"ready")
    try:
        while (message := connection.recv_bytes()) != STOP:
            connection.send_bytes(message)  # needs the GIL back first
    finally:
        stop.set()
        for spinner in spinners:
            spinner.join()
        connection.close()


def round_trips(cpu_threads: int, requests: int) -> list[float]:
    """Seconds per echo round trip, with `cpu_threads` spinning in the server."""
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve_echo, args=(theirs, cpu_threads))
    server.start()
    theirs.close()
    try:
        if not ours.poll(START_TIMEOUT):
            raise RuntimeError(f"the server did not start in {START_TIMEOUT} s")
        ours.recv_bytes()  # ready: its threads are running
        latencies = []
        for _ in range(requests):
            time.sleep(PAUSE_SECONDS)  # requests arrive now and then, not back to back
            started = time.perf_counter()
            ours.send_bytes(MESSAGE)
            ours.recv_bytes()
            latencies.append(time.perf_counter() - started)
        ours.send_bytes(STOP)
    finally:
        ours.close()
        server.join(START_TIMEOUT)
        if server.is_alive():  # only if something above failed before STOP
            server.kill()
            server.join()
    return latencies


def percentiles(latencies: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": statistics.median(latencies), "p90": cuts[89], "p99": cuts[98]}


def measure_point(_series: str, cpu_threads: int, size: str) -> dict[str, float]:
    return percentiles(round_trips(cpu_threads, REQUESTS[size]))


def main() -> None:
    print(f"switch interval: {sys.getswitchinterval()} s")
    alone = statistics.median(round_trips(0, CHECK_REQUESTS))
    busy = statistics.median(round_trips(1, CHECK_REQUESTS))
    print(
        f"median round trip beside a CPU-bound thread over half of it: {busy > SWITCH_INTERVAL_SECONDS / 2}"
    )
    print(f"median round trip alone shorter: {alone < busy}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.11, 3.12, 3.13):
#> switch interval: 0.005 s
#> median round trip beside a CPU-bound thread over half of it: True
#> median round trip alone shorter: True
