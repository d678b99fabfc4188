"""Guide 9's claims: Starlette and uvicorn under wrk, re-measured at small size.

Each benchmark runs once per session at its small size (one round, wrk for
SMALL_DURATION_SECONDS against a fresh server per variant), and the tests
assert what the page says with margins that hold on a noisy 2-core machine
whose cores wrk shares with the server. Three claims the page makes about
these servers live in tests/test_claims.py (the blocking endpoint's outage,
twice, and the default executor's cap): they rerun bench_starlette.py.
"""

from __future__ import annotations

import math
import shutil

import pytest

from tools.bench.results import Record
from tools.bench.run import discover, run_benchmark
from tools.render import served

pytestmark = pytest.mark.claims

INSTALL_WRK = "needs the load generator wrk: `sudo apt-get install wrk`"
# asyncio.to_thread with a 64-thread executor against `await`, 50 connections,
# 50 ms waits: 0.75x to 0.94x measured; the claim is "within 2x".
MIN_TO_THREAD_RAISED_SHARE = 0.5
# The cheap endpoint's p99 with CPU work inline, over its p99 with the work on
# a process pool (4.3x to 12.8x measured), and its median with the work in
# asyncio.to_thread over its median with the pool (2.1x to 12.5x; the p99s,
# which the pool's share of two busy cores makes noisy, came as close as 1.8x).
MIN_INLINE_OVER_POOL_P99 = 2.0
MIN_TO_THREAD_OVER_POOL_P50 = 1.5
# uvicorn[standard] (uvloop, httptools) against the plain stack on a hello
# endpoint: 2.0x to 3.8x measured; the claim is "clearly more".
MIN_STANDARD_OVER_PLAIN = 1.3


def small_run(name: str, only: list[str]) -> Record:
    if shutil.which("wrk") is None:
        pytest.skip(INSTALL_WRK)
    return run_benchmark(discover()[name], "small", only=only)


def top(record: Record) -> str:
    return served.levels(record)[-1]


def test_to_thread_with_a_raised_executor_comes_near_await(record_property):
    record = small_run("raised_pools", ["to_thread_raised"])
    connections = top(record)
    share = served.times_baseline(record, "to_thread_raised", connections).median
    record_property("to_thread_raised_over_await", round(share, 2))
    assert share >= MIN_TO_THREAD_RAISED_SHARE, (
        f"with {connections} connections, asyncio.to_thread on a raised executor "
        f"served {share:.2f}x the requests of `await`; the claim is within 2x "
        f"(at least {MIN_TO_THREAD_RAISED_SHARE}x)"
    )


@pytest.fixture(scope="module")
def cpu_run() -> Record:
    return small_run("cpu_in_async", ["to_thread", "process_pool"])  # + inline


def cheap_latency(record: Record, variant: str, pct: int) -> float:
    """A percentile of the cheap endpoint's latency; infinite when not one
    request was answered within the run (wrk then reports no latencies)."""
    if served.rate(record, variant, top(record)).median == 0:
        return math.inf
    return served.latency(record, variant, top(record), pct).median


def test_a_process_pool_keeps_the_cheap_endpoint_fast(cpu_run, record_property):
    inline = cheap_latency(cpu_run, "inline", 99)
    pool = cheap_latency(cpu_run, "process_pool", 99)
    record_property("inline_p99_ms", round(inline * 1000, 1))
    record_property("process_pool_p99_ms", round(pool * 1000, 1))
    assert inline >= MIN_INLINE_OVER_POOL_P99 * pool, (
        f"the cheap endpoint's p99 was {inline * 1000:.0f} ms with CPU work "
        f"inline and {pool * 1000:.0f} ms with it on a process pool; the claim "
        f"is that the pool keeps it lower (by at least {MIN_INLINE_OVER_POOL_P99}x)"
    )


def test_to_thread_does_not_protect_the_cheap_endpoint(cpu_run, record_property):
    thread = cheap_latency(cpu_run, "to_thread", 50)
    pool = cheap_latency(cpu_run, "process_pool", 50)
    record_property("to_thread_p50_ms", round(thread * 1000, 1))
    record_property("process_pool_p50_ms", round(pool * 1000, 1))
    assert thread >= MIN_TO_THREAD_OVER_POOL_P50 * pool, (
        f"the cheap endpoint's median latency was {thread * 1000:.0f} ms with CPU "
        f"work in asyncio.to_thread and {pool * 1000:.0f} ms with it on a process "
        f"pool; the claim is that a thread, sharing the GIL with the loop, keeps "
        f"it more than {MIN_TO_THREAD_OVER_POOL_P50}x higher"
    )


def test_the_standard_stack_serves_more_than_the_plain_one(record_property):
    record = small_run("server_stack", ["standard"])
    connections = top(record)
    ratio = served.times_baseline(record, "standard", connections).median
    record_property("standard_over_plain", round(ratio, 2))
    assert ratio >= MIN_STANDARD_OVER_PLAIN, (
        f"uvloop and httptools served {ratio:.2f}x the hello requests of asyncio "
        f"and h11; the claim is at least {MIN_STANDARD_OVER_PLAIN}x"
    )
