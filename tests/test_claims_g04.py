"""Guide 4's claims (executor pools), re-measured at small size.

The chunksize benchmark runs once per session at its small size with the
schedule `make bench` uses (alternating rounds): the same tiny tasks in this
process, and through a 2-process pool with chunksize=1 and chunksize=100.
Every ratio is taken within one round, so noise that slows a whole round
cancels out.

Each pooled call starts and stops its pool, and at small size that start-up is
a large share of a chunked call, far larger under spawn (macOS, Windows) than
under fork. So, as tests/test_claims.py does for the CPU-bound pools, the
pool's start-up is measured in the same session (the quickest of a few calls
with almost no tasks) and taken off each time first, never more than 90% of it.
"""

from __future__ import annotations

import os
import statistics

import pytest

from tools.bench.measure import timed
from tools.bench.results import Record
from tools.bench.run import discover, run_benchmark
from tools.bench.stats import Spread, spread

pytestmark = pytest.mark.claims

ONE = "chunksize=1"
CHUNKED = "chunksize=100"
CLAIM_ROUNDS = 5
STARTUP_TRIES = 3  # the pool's start-up: the quickest of these calls
STARTUP_TASKS = 2  # a call with almost no tasks: start-up and shut-down only
# Pool time per task, start-up taken off: chunksize=1 took 10x-60x the time
# of chunksize=100 here (under load averages up to 15 on 2 cores).
MIN_ONE_OVER_CHUNKED = 3.0
# What chunksize=1 costs more than chunksize=100, over the time the same tasks
# took in this process: 10x-30x here. The pool's start-up is in both calls and
# cancels out of the difference.
MIN_EXTRA_OVER_WORK = 3.0


def figures(stat: Spread) -> str:
    return f"median {stat.median:.3g} (middle half {stat.low:.3g}-{stat.high:.3g})"


@pytest.fixture(scope="module")
def chunk_run() -> tuple[Record, float]:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("claims time things: run them serially, never under xdist")
    bench = discover()["chunksize"]
    record = run_benchmark(bench, "small", CLAIM_ROUNDS, only=[ONE, CHUNKED])
    chunked = bench.load().OPERATIONS[CHUNKED]
    startup = min(timed(chunked, STARTUP_TASKS)[0] for _ in range(STARTUP_TRIES))
    return record, startup


def after_startup(seconds: float, startup: float) -> float:
    return max(seconds - startup, seconds / 10)


def test_chunks_beat_one_task_per_message(chunk_run, record_property) -> None:
    """Many tiny tasks: chunksize=100 takes a fraction of chunksize=1's time."""
    record, startup = chunk_run
    times = record.samples.seconds
    ratios = [
        after_startup(one, startup) / after_startup(chunked, startup)
        for one, chunked in zip(times[ONE], times[CHUNKED], strict=True)
    ]
    ratio = spread(ratios)
    record_property("pool_startup_s", round(startup, 3))
    record_property("one_over_chunked", round(ratio.median, 2))
    assert ratio.median >= MIN_ONE_OVER_CHUNKED, (
        f"{record.config['size_value']} tiny tasks with {ONE} took {figures(ratio)} "
        f"times as long as with {CHUNKED} (pool start-up {startup:.3f} s taken "
        f"off); the claim is at least {MIN_ONE_OVER_CHUNKED}x"
    )


def test_one_task_per_message_costs_more_than_the_work(
    chunk_run, record_property
) -> None:
    """What chunksize=1 adds over chunksize=100 is many times the work itself."""
    record, _startup = chunk_run
    times = record.samples.seconds
    extra_over_work = [
        (one - chunked) / work
        for one, chunked, work in zip(
            times[ONE], times[CHUNKED], times[record.samples.baseline], strict=True
        )
    ]
    median = statistics.median(extra_over_work)
    record_property("extra_over_work", round(median, 2))
    assert median >= MIN_EXTRA_OVER_WORK, (
        f"{ONE} took longer than {CHUNKED} by a median {median:.3g} times the time "
        f"the same tasks took in this process; the claim is at least "
        f"{MIN_EXTRA_OVER_WORK}x. Per round: {[round(x, 2) for x in extra_over_work]}"
    )
