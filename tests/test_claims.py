"""Contract 4: what the benchmarks page claims, re-measured at small size.

Each benchmark runs once per test session at its SMALL_SIZE, with the same
schedule as `make bench` (warm-up, alternating rounds, paired ratios, the
capacity probe in every round), and the tests assert its qualitative result
with margins wide enough for a noisy 2-core machine. Parallel speedups are
judged against the capacity measured in the same run, never against
os.cpu_count(); when that capacity is too low to tell, the test skips and says
what it measured.

They time things, so they must run alone: `pytest -m claims`, never under
pytest-xdist. Each test records its measured figures as junit properties;
`make soak SOAK_ARGS="-m claims" N=10` prints their ranges over the runs.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tools.bench import discover, run_benchmark

pytestmark = pytest.mark.claims

CLAIM_ROUNDS = 7  # per benchmark; the medians need an odd count
CPU_VARIANTS = ["threads-2", "processes-2"]  # the baseline, sequential, always runs
MIN_CAPACITY = 1.3  # below this, 2 busy processes are not clearly faster than 1
# A parallel variant must win at least this share of the extra throughput the
# capacity probe found: speedup >= 1 + SHARE * (capacity - 1).
MIN_SHARE_OF_GAIN = 0.5
# Threads under the GIL: no faster than this, and not collapsing either.
GIL_THREADS_MAX_SPEEDUP = 1.3
GIL_THREADS_MIN_SPEEDUP = 0.5
# Concurrent waits: a run within this multiple of one wait-time.
MAX_TIMES_IDEAL = 1.5


def require_serial_run() -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("claims time things: run them serially, never under xdist")


@pytest.fixture(scope="module")
def cpu_run() -> dict[str, Any]:
    require_serial_run()
    return run_benchmark(
        discover()["cpu_bound"], "small", CLAIM_ROUNDS, only=CPU_VARIANTS
    )


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


def assert_near_capacity(run: dict[str, Any], variant: str, record_property) -> None:
    capacity = capacity_for_two(run)
    speedup = run["summary"][variant]["speedup"]["median"]
    record_property("capacity_2", round(capacity, 2))
    record_property(f"{variant}_speedup", round(speedup, 2))
    wanted = 1 + MIN_SHARE_OF_GAIN * (capacity - 1)
    assert speedup >= wanted, (
        f"{variant} ran {speedup:.2f}x as fast as sequential; with a measured "
        f"capacity of {capacity:.2f}x for 2 processes it should reach "
        f"{wanted:.2f}x. Per-round speedups: "
        f"{run['summary'][variant]['speedup']}; capacity: "
        f"{run['capacity']['samples']['2']}"
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
    """2 processes, start-up included, win most of what 2 busy processes can."""
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
