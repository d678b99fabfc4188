"""Contract 4: what the benchmarks page claims, re-measured at small size.

Each benchmark runs once per test session at its SMALL_SIZE, with the same
schedule as `make bench` (warm-up, alternating rounds, paired ratios, the
capacity probe in every round), and the tests assert its qualitative result
with margins wide enough for a noisy 2-core machine. Parallel speedups are
judged against the capacity measured in the same run, never against
os.cpu_count(); when that capacity is too low to tell, the test skips and says
what it measured.

How a parallel speedup is judged: per round, the variant's speedup over
sequential is divided by the capacity measured in that same round, and the
median of those shares must reach MIN_SHARE_OF_CAPACITY. Noise that slows a
whole round cancels out of that ratio; comparing the two medians instead
failed 3 runs in 8 on the noisy dev machine, where the paired share stayed
within 0.98-1.20 for processes and 0.52-0.78 for threads. At this small size a
pool's start-up is a bigger share than at full size (and far bigger under
spawn, on macOS and Windows), so it is measured in the same run and taken off
the variant's times first; the page's numbers include it.

They time things, so they must run alone: `pytest -m claims`, never under
pytest-xdist. Each test records its measured figures as junit properties;
`make soak SOAK_ARGS="-m claims" N=10` prints their ranges over the runs.
"""

from __future__ import annotations

import os
import statistics
from typing import Any

import pytest

from tools.bench import discover, run_benchmark, timed

pytestmark = pytest.mark.claims

CLAIM_ROUNDS = 11  # per benchmark; the medians need an odd count
# The baseline, sequential, always runs first: processes-2 goes right after it,
# so the two times a speedup compares are measured back to back.
CPU_VARIANTS = ["processes-2", "threads-2"]
# Below this, "parallel" (share 1) and "not parallel" (share 1 / capacity, over
# 0.67) are too close to tell apart: one run here had per-round shares from
# 0.64 to 1.74. So the parallel claims skip, naming the capacity measured.
MIN_CAPACITY = 1.5
# A parallel variant's median per-round speedup / capacity. No parallelism at
# all would give 1 / capacity, at most 0.67 once capacity reaches MIN_CAPACITY;
# processes measured 0.79 to 1.26 here over 17 runs, threads 0.52 to 0.78.
MIN_SHARE_OF_CAPACITY = 0.7
STARTUP_TRIES = 3  # the pool's start-up: the quickest of these runs of tiny jobs
TINY_SIZE = 3  # count the primes below 3: a job that costs nothing
# Threads under the GIL: about as fast as sequential, either way.
GIL_THREADS_MAX_SPEEDUP = 1.4
GIL_THREADS_MIN_SPEEDUP = 0.6
# Concurrent waits: a run within this multiple of one wait-time. Starting 20
# threads on a loaded machine took up to 2.2 wait-times here (a real cost of
# threads, not noise); one after another would be 20.
MAX_TIMES_IDEAL = 3.0


def require_serial_run() -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("claims time things: run them serially, never under xdist")


@pytest.fixture(scope="module")
def cpu_run() -> dict[str, Any]:
    require_serial_run()
    bench = discover()["cpu_bound"]
    run = run_benchmark(bench, "small", CLAIM_ROUNDS, only=CPU_VARIANTS)
    variants = bench.load().VARIANTS
    run["startup_seconds"] = {
        name: min(timed(variants[name], TINY_SIZE)[0] for _ in range(STARTUP_TRIES))
        for name in CPU_VARIANTS
    }
    return run


@pytest.fixture(scope="module")
def io_run() -> dict[str, Any]:
    require_serial_run()
    return run_benchmark(discover()["io_bound"], "small", CLAIM_ROUNDS)


def capacity_for_two(run: dict[str, Any]) -> float:
    capacity = run["capacity"]["median"]["2"]
    if capacity < MIN_CAPACITY:
        pytest.skip(
            f"this machine gave 2 busy processes only {capacity:.2f}x the "
            f"throughput of one in this run (under {MIN_CAPACITY}x): too little "
            "parallel capacity to tell a speedup from noise"
        )
    return capacity


def share_of_capacity(run: dict[str, Any], variant: str) -> list[float]:
    """Per round: speedup over sequential (start-up taken off) / capacity."""
    startup = run["startup_seconds"][variant]
    sequential = run["variants"]["sequential"]["samples_seconds"]
    times = run["variants"][variant]["samples_seconds"]
    capacity = run["capacity"]["samples"]["2"]
    return [
        base / max(t - startup, t / 10) / ceiling
        for base, t, ceiling in zip(sequential, times, capacity, strict=True)
    ]


def assert_near_capacity(run: dict[str, Any], variant: str, record_property) -> None:
    capacity = capacity_for_two(run)
    shares = share_of_capacity(run, variant)
    share = statistics.median(shares)
    record_property("capacity_2", round(capacity, 2))
    record_property(f"{variant}_speedup", run["summary"][variant]["speedup"]["median"])
    record_property(f"{variant}_startup_s", round(run["startup_seconds"][variant], 3))
    record_property(f"{variant}_share_of_capacity", round(share, 2))
    assert share >= MIN_SHARE_OF_CAPACITY, (
        f"{variant} reached a median {share:.2f} of the capacity measured in the "
        f"same rounds (capacity {capacity:.2f}x for 2 processes, pool start-up "
        f"{run['startup_seconds'][variant]:.3f} s taken off); the claim is close "
        f"to it (at least {MIN_SHARE_OF_CAPACITY}). Per round: "
        f"{[round(x, 2) for x in shares]}; capacity: {run['capacity']['samples']['2']}"
    )


def gil_enabled(run: dict[str, Any]) -> bool:
    return bool(run["python"]["gil_enabled"])


def test_threads_do_not_speed_up_cpu_bound_work(cpu_run, record_property) -> None:
    """Under the GIL, 2 threads take about as long as one after another."""
    if not gil_enabled(cpu_run):
        pytest.skip("free-threaded build with the GIL off: threads can run in parallel")
    speedup = cpu_run["summary"]["threads-2"]["speedup"]["median"]
    record_property("threads-2_speedup", round(speedup, 2))
    assert GIL_THREADS_MIN_SPEEDUP <= speedup <= GIL_THREADS_MAX_SPEEDUP, (
        f"2 threads ran {speedup:.2f}x as fast as sequential under the GIL; the "
        f"claim is about 1x ({GIL_THREADS_MIN_SPEEDUP}x to "
        f"{GIL_THREADS_MAX_SPEEDUP}x). Per-round: "
        f"{cpu_run['summary']['threads-2']['speedup']}"
    )


def test_processes_approach_the_measured_capacity(cpu_run, record_property) -> None:
    """2 processes win about what 2 busy processes can: the measured capacity."""
    assert_near_capacity(cpu_run, "processes-2", record_property)


def test_threads_scale_without_the_gil(cpu_run, record_property) -> None:
    """On a free-threaded build with the GIL off, threads scale like processes."""
    if gil_enabled(cpu_run):
        pytest.skip(
            "needs a free-threaded build with the GIL disabled (3.13t/3.14t); "
            f"this is Python {cpu_run['python']['version']} with the GIL"
        )
    assert_near_capacity(cpu_run, "threads-2", record_property)


@pytest.mark.parametrize("variant", ["threads", "asyncio"])
def test_concurrent_waits_take_about_one_wait(io_run, variant, record_property):
    """All the waits overlap: a run takes about one wait-time, not one per wait."""
    times_ideal = io_run["summary"][variant]["times_ideal"]["median"]
    record_property(f"{variant}_times_ideal", round(times_ideal, 3))
    assert 1.0 <= times_ideal <= MAX_TIMES_IDEAL, (
        f"{io_run['size']['value']} waits with {variant} took {times_ideal:.2f} "
        f"times one wait; the claim is about one (at most {MAX_TIMES_IDEAL}). "
        f"Per-round: {io_run['summary'][variant]['times_ideal']}"
    )


def test_sequential_waits_add_up(io_run, record_property) -> None:
    """One after another, every wait is paid in full (the comparison's baseline)."""
    waits = io_run["size"]["value"]
    times_ideal = io_run["summary"]["sequential"]["times_ideal"]["median"]
    record_property("sequential_times_ideal", round(times_ideal, 2))
    assert times_ideal >= waits, (
        f"{waits} waits one after another took only {times_ideal:.2f} wait-times"
    )
