# output: script
"""The convoy effect: a small request's round trip, with and without a CPU-bound thread.

An I/O thread serves an echo over a socket pair: it waits in recv() (the GIL
released), and must take the GIL back to send the reply. The main thread
sends one byte now and then and times each round trip. With a CPU-bound thread
running, every hand-back of the GIL can wait for the switch interval.
`make bench BENCH=convoy` records the percentiles of each round's round trips;
the claims tests rerun it at small size; run as a script, it checks a few.
"""

import socket
import statistics
import sys
import threading
import time

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
SPIN_STEPS = 1_000  # pure-Python work between two checks of the stop flag
EXPECTED_SECONDS = 25  # a full-size run on 2 cores, probes included
CHECK_REQUESTS = 50  # main()


def serve_echo(connection: socket.socket) -> None:
    """The I/O thread: answer every message until the other end closes."""
    while data := connection.recv(64):
        connection.sendall(data)


def spin_until(stop: threading.Event) -> None:
    """The CPU-bound thread: pure-Python work, holding the GIL, until told."""
    while not stop.is_set():
        total = 0
        for step in range(SPIN_STEPS):
            total += step


def round_trips(cpu_threads: int, requests: int) -> list[float]:
    """Seconds per echo round trip, with `cpu_threads` spinning meanwhile."""
    client, server = socket.socketpair()
    stop = threading.Event()
    threads = [threading.Thread(target=serve_echo, args=(server,))]
    threads += [
        threading.Thread(target=spin_until, args=(stop,)) for _ in range(cpu_threads)
    ]
    with client, server:
        for thread in threads:
            thread.start()
        latencies = []
        for _ in range(requests):
            time.sleep(PAUSE_SECONDS)  # requests arrive now and then, not back to back
            started = time.perf_counter()
            client.sendall(MESSAGE)
            client.recv(64)
            latencies.append(time.perf_counter() - started)
        stop.set()
        client.shutdown(socket.SHUT_WR)  # the echo thread's recv() returns b""
        for thread in threads:
            thread.join()
    return latencies


def percentiles(latencies: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": statistics.median(latencies), "p90": cuts[89], "p99": cuts[98]}


def measure_point(_series: str, cpu_threads: int, size: str) -> dict[str, float]:
    return percentiles(round_trips(cpu_threads, REQUESTS[size]))


def main() -> None:
    print(f"switch interval: {sys.getswitchinterval()} s")
    half = SWITCH_INTERVAL_SECONDS / 2
    alone = round_trips(0, CHECK_REQUESTS)
    busy = round_trips(1, CHECK_REQUESTS)
    print(
        f"alone, the median round trip under half of it: {statistics.median(alone) < half}"
    )
    print(f"beside a CPU-bound thread, the slowest over half of it: {max(busy) > half}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.11, 3.12, 3.13):
#> switch interval: 0.005 s
#> alone, the median round trip under half of it: True
#> beside a CPU-bound thread, the slowest over half of it: True
