"""Load: throughput and latency percentiles under load, per variant and
concurrency, measured with wrk against a fresh server each time.

The benchmark declares VARIANTS ({name: URL path}, the first the baseline),
CONCURRENCY and SMALL_CONCURRENCY (connections), DURATION_SECONDS and
SMALL_DURATION_SECONDS, and serve(): a context manager that starts a fresh
server on 127.0.0.1 and yields its base URL. A fresh server per measurement,
because a server still working through a blocked run's queue pollutes the
next one.

wrk is a closed loop: each connection sends its next request only when the
previous one answered, so a slow server gets fewer requests instead of a
queue, and wrk's latencies hide the queueing delay an open stream of users
would see. It also drops from its histogram every latency at or above its
--timeout (counted as a timeout instead): the long TIMEOUT keeps a blocked
server's percentiles meaningful, and the timeouts are recorded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

from tools.bench.measure import (
    Measured,
    Step,
    declared_config,
    in_round_order,
    rounds_for,
    run_rounds,
)

KIND = "load"
ROUNDS = {"full": 3, "small": 1}
WRK_THREADS = 2
TIMEOUT = "30s"
INSTALL_HINT = "install it with `sudo apt-get install wrk` (Debian, Ubuntu)"
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
LATENCY_LINE = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.M)
REQUESTS = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m|h)")
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


@dataclass
class WrkRun:
    requests: int
    seconds: float
    requests_per_second: float
    latency_p50: float  # seconds
    latency_p90: float
    latency_p99: float
    timeouts: int  # requests that took TIMEOUT or longer: not in the percentiles
    errors: int  # connect, read and write errors
    non_2xx: int


@dataclass
class Samples:
    baseline: str
    wrk_threads: int
    timeout: str
    variants: dict[str, dict[str, list[WrkRun]]]  # {variant: {connections: runs}}


def parse_wrk(output: str) -> WrkRun:
    """A WrkRun from the text `wrk --latency` prints; ValueError if unreadable."""
    latencies = {p: float(v) * UNITS[u] for p, v, u in LATENCY_LINE.findall(output)}
    requests, rate = REQUESTS.search(output), RATE.search(output)
    if requests is None or rate is None or not {"50", "90", "99"} <= set(latencies):
        raise ValueError(f"not the output of `wrk --latency`:\n{output}")
    errors = SOCKET_ERRORS.search(output)
    connect, read, write, timeouts = map(int, errors.groups()) if errors else (0,) * 4
    non_2xx = NON_2XX.search(output)
    return WrkRun(
        requests=int(requests[1]),
        seconds=float(requests[2]) * UNITS[requests[3]],
        requests_per_second=float(rate[1]),
        latency_p50=latencies["50"],
        latency_p90=latencies["90"],
        latency_p99=latencies["99"],
        timeouts=timeouts,
        errors=connect + read + write,
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
    )


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError(
            f"this benchmark needs the load generator wrk: {INSTALL_HINT}"
        )
    return found


def wrk_version(wrk: str) -> str:
    result = subprocess.run([wrk, "-v"], capture_output=True, text=True, timeout=10)
    first = (result.stdout or result.stderr).strip().splitlines()
    return first[0] if first else "unknown"


def run_wrk(wrk: str, url: str, connections: int, seconds: int) -> WrkRun:
    command = [
        wrk,
        f"-t{min(WRK_THREADS, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}",
        "--latency",
        url,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}")
    return parse_wrk(result.stdout)


def settings(module: Any, size: str) -> tuple[list[int], int]:
    if size == "full":
        levels, seconds = module.CONCURRENCY, module.DURATION_SECONDS
    else:
        levels, seconds = module.SMALL_CONCURRENCY, module.SMALL_DURATION_SECONDS
    if not isinstance(seconds, int) or seconds < 1:
        raise ValueError(
            f"{module.__name__}: wrk runs for whole seconds; the duration must be "
            f"an int of 1 or more, not {seconds!r}"
        )
    return list(levels), seconds


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    levels = len(settings(module, size)[0])
    return (rounds or rounds_for(module, size, ROUNDS)) * len(module.VARIANTS) * levels


def measure(
    module: Any,
    size: str,
    rounds: int | None,
    deadline: float | None,
    step: Step,
    only: list[str] | None = None,
) -> Measured:
    wrk = wrk_path()
    variants = dict(module.VARIANTS)
    baseline = next(iter(variants))
    if only:
        variants = {k: v for k, v in variants.items() if k in only or k == baseline}
    levels, seconds = settings(module, size)
    planned = rounds or rounds_for(module, size, ROUNDS)
    runs: dict[str, dict[str, list[WrkRun]]] = {
        name: {str(c): [] for c in levels} for name in variants
    }
    keys = [(name, c) for name in variants for c in levels]

    def one_round(number: int) -> None:
        for name, connections in in_round_order(keys, number):
            step(f"round {number + 1}/{planned}: {name}, {connections} connections")
            with module.serve() as base_url:
                run = run_wrk(wrk, base_url + variants[name], connections, seconds)
            runs[name][str(connections)].append(run)

    ran = run_rounds(planned, deadline, one_round, module.__name__)
    return Measured(
        config=declared_config(module),
        samples=Samples(baseline, WRK_THREADS, TIMEOUT, runs),
        rounds=ran,
        rounds_planned=planned,
        tools={"wrk": wrk_version(wrk)},
    )
