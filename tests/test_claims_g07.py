"""Guide 7's claims (C10k and event loops), re-measured at small size.

The c10k benchmark runs once per session at its small size: a fresh server
process per (design, count), a client in a second process. Linux only, like
the benchmark (`resource`, /proc, /sys).
"""

from __future__ import annotations

import sys

import pytest

from tools.bench.results import Record
from tools.bench.run import discover, run_benchmark
from tools.render import connections

pytestmark = [
    pytest.mark.claims,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the c10k benchmark is Linux only"
    ),
]

CLAIM_COUNT = 1_000  # connections held at once, the largest small count
# Memory per connection by the slope of RSS over the counts: a thread per
# connection against a task per connection. 3.5x-3.8x over 10 runs on 3.11
# here (15.4 KiB against 4.1-4.4 KiB), 3.5x on 3.12, 3.3x on 3.13.
MIN_THREAD_OVER_TASK = 2.0


@pytest.fixture(scope="module")
def c10k_run() -> Record:
    return run_benchmark(discover()["c10k"], "small")


def test_asyncio_holds_every_connection_on_one_thread(
    c10k_run, record_property
) -> None:
    samples = c10k_run.samples.units["asyncio"][str(CLAIM_COUNT)]
    record_property("open_at_once", [s.open_at_once for s in samples])
    record_property("threads", [s.threads for s in samples])
    assert connections.all_open_at_once(c10k_run, "asyncio", CLAIM_COUNT), (
        f"the asyncio server held at most {[s.open_at_once for s in samples]} "
        f"of {CLAIM_COUNT} connections at one moment"
    )
    assert all(s.threads == 1 for s in samples), (
        f"threads in the asyncio server: {[s.threads for s in samples]}, not 1"
    )


def test_thread_per_connection_runs_a_thread_for_each(c10k_run) -> None:
    samples = c10k_run.samples.units["threads"][str(CLAIM_COUNT)]
    assert connections.all_open_at_once(c10k_run, "threads", CLAIM_COUNT)
    assert all(s.threads == CLAIM_COUNT + 1 for s in samples), (
        f"threads in the threaded server: {[s.threads for s in samples]}, "
        f"expected {CLAIM_COUNT} handlers and the main thread"
    )


@pytest.mark.versions  # what a task and a thread cost depends on the interpreter
def test_a_task_per_connection_costs_far_less_memory_than_a_thread(
    c10k_run, record_property
) -> None:
    thread = connections.per_connection(c10k_run, "threads") or 0.0
    task = connections.per_connection(c10k_run, "asyncio") or float("nan")
    record_property("thread_connection_bytes", round(thread))
    record_property("task_connection_bytes", round(task))
    assert thread >= MIN_THREAD_OVER_TASK * task, (
        f"a connection took {thread:.0f} B of RSS with a thread and {task:.0f} B "
        f"with a task (slopes over the counts); the claim is at least "
        f"{MIN_THREAD_OVER_TASK}x"
    )
