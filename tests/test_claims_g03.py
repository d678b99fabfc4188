"""Guide 3's claims (processes vs threads), re-measured at small size.

Three benchmarks, each run once per session at its small size with the
schedule `make bench` uses: start-up time per worker (threads and each start
method, interleaved rounds; every ratio is taken within one round), memory
per idle worker (a fresh process per sample; Linux adds PSS), and the time of
one hand-over of a payload through a Pipe against shared memory (the two
measured in the same rounds). The margins are a fraction of what was measured
here, on a 2-core machine under load averages up to 11.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from tools.bench.results import Record
from tools.bench.run import discover, run_benchmark
from tools.bench.stats import Spread, paired_ratios, spread
from tools.render import footprint, transfer

pytestmark = pytest.mark.claims

HAS_FORK = "fork" in multiprocessing.get_all_start_methods()
HAS_FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()
# Start-up, per-round ratios of the time to start and join the same number of
# workers, median of the rounds. Measured here at small size over 13 runs:
# spawn 4.7x-11.8x fork's time, 3.1x-4.7x forkserver's; a process under fork
# 5.1x-54x a thread's (a thread's start is short enough for one busy moment of
# the machine to weigh on it).
MIN_SPAWN_OVER_FORK = 2.0
MIN_SPAWN_OVER_FORKSERVER = 1.5
MIN_FORK_OVER_THREAD = 2.0
# Memory per idle worker, by the slope over the counts: a spawned process
# added 11.6 MiB of USS here, a thread 16 KiB of RSS.
MIN_PROCESS_USS = 2**20  # bytes
MIN_PROCESS_OVER_THREAD = 20.0
# A forked worker's RSS counts the pages it shares with its parent: summed
# RSS grew 17 MiB per worker here, PSS 2 MiB; and the USS of parent and one
# forked worker together fell by about 10 MiB (the parent's pages turned shared).
MIN_FORK_RSS_OVER_PSS = 3.0
# Hand-over of the larger small payload, median of 5 rounds: shared memory
# 1.56x-2.57x as fast as the pipe at 32 MiB over 5 runs here (at 16 MiB and 3
# rounds, 1.25x once under heavy load: hence 32 MiB and 5 rounds); of 1 KiB,
# the pipe 2.7x-8x as fast as shared memory (ratios 0.12-0.37).
LARGE_SHARED_OVER_PIPE = 1.1


def figures(stat: Spread) -> str:
    return f"median {stat.median:.3g} (middle half {stat.low:.3g}-{stat.high:.3g})"


def require_serial_run() -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("claims time things: run them serially, never under xdist")


# --- Start-up: threads against processes, per start method -----------------------


@pytest.fixture(scope="module")
def startup_run() -> Record:
    require_serial_run()
    return run_benchmark(discover()["process_startup"], "small")


def slower(record: Record, slow: str, fast: str) -> Spread:
    """Per round: the time of `slow` / the time of `fast`."""
    data = record.samples.variants
    return spread(paired_ratios(data[slow].seconds, data[fast].seconds))


@pytest.mark.skipif(not HAS_FORK, reason="fork exists on POSIX only")
def test_spawn_starts_workers_slower_than_fork(startup_run, record_property) -> None:
    ratio = slower(startup_run, "spawn", "fork")
    record_property("spawn_over_fork", round(ratio.median, 1))
    assert ratio.median >= MIN_SPAWN_OVER_FORK, (
        f"starting workers with spawn took {figures(ratio)} times as long as with "
        f"fork; the claim is at least {MIN_SPAWN_OVER_FORK}x"
    )


@pytest.mark.skipif(not HAS_FORKSERVER, reason="forkserver exists on POSIX only")
def test_forkserver_starts_workers_faster_than_spawn(
    startup_run, record_property
) -> None:
    ratio = slower(startup_run, "spawn", "forkserver")
    record_property("spawn_over_forkserver", round(ratio.median, 1))
    assert ratio.median >= MIN_SPAWN_OVER_FORKSERVER, (
        f"starting workers with spawn took {figures(ratio)} times as long as with "
        f"forkserver; the claim is at least {MIN_SPAWN_OVER_FORKSERVER}x"
    )


def test_a_thread_starts_far_faster_than_any_process(
    startup_run, record_property
) -> None:
    fastest = "fork" if HAS_FORK else "spawn"
    ratio = slower(startup_run, fastest, "threads")
    record_property(f"{fastest}_over_threads", round(ratio.median, 1))
    assert ratio.median >= MIN_FORK_OVER_THREAD, (
        f"starting processes with {fastest} took {figures(ratio)} times as long as "
        f"starting threads; the claim is at least {MIN_FORK_OVER_THREAD}x"
    )


# --- Memory per idle worker --------------------------------------------------------


@pytest.fixture(scope="module")
def memory_run() -> Record:
    require_serial_run()
    units = ["thread", "process (spawn)"]
    if HAS_FORK and sys.platform.startswith("linux"):
        units.append("process (fork)")  # PSS, against RSS, is Linux only
    return run_benchmark(discover()["worker_memory"], "small", only=units)


def test_a_process_costs_megabytes_a_thread_kilobytes(
    memory_run, record_property
) -> None:
    process = footprint.per_unit(memory_run, "process (spawn)", "uss")
    thread = footprint.per_unit(memory_run, "thread", "rss") or 0.0
    if process is None:
        pytest.skip("this platform hides USS from psutil")
    record_property("spawn_uss_bytes", round(process))
    record_property("thread_rss_bytes", round(thread))
    assert process >= MIN_PROCESS_USS, (
        f"a spawned process added {process:.0f} B of USS; the claim is megabytes "
        f"(at least {MIN_PROCESS_USS} B)"
    )
    assert process >= MIN_PROCESS_OVER_THREAD * thread, (
        f"a spawned process added {process:.0f} B of USS, a thread {thread:.0f} B "
        f"of RSS; the claim is at least {MIN_PROCESS_OVER_THREAD}x"
    )


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="PSS is measured on Linux only"
)
def test_rss_counts_a_forked_workers_shared_pages(memory_run, record_property):
    rss = footprint.per_unit(memory_run, "process (fork)", "rss")
    pss = footprint.per_unit(memory_run, "process (fork)", "pss")
    assert rss is not None and pss is not None, "no RSS or PSS recorded for fork"
    record_property("fork_rss_bytes", round(rss))
    record_property("fork_pss_bytes", round(pss))
    assert rss >= MIN_FORK_RSS_OVER_PSS * max(pss, 1.0), (
        f"per forked worker, summed RSS grew {rss:.0f} B and PSS {pss:.0f} B; the "
        f"claim is that RSS counts shared pages again, at least "
        f"{MIN_FORK_RSS_OVER_PSS}x PSS"
    )


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="fork is measured on Linux only"
)
def test_forking_takes_the_parents_pages_out_of_its_uss(memory_run, record_property):
    """After a fork, the pages parent and child share are unique to neither:
    the USS of the parent and its forked worker together falls."""
    fewest = min(footprint.counts(memory_run, "process (fork)"))
    growth = footprint.median_growth(memory_run, "process (fork)", fewest, "uss")
    assert growth is not None, "no USS recorded for fork"
    record_property("fork_uss_growth_bytes", round(growth))
    assert growth < 0, (
        f"with {fewest} forked worker(s), the USS of the parent and its workers "
        f"grew by {growth:.0f} B; the claim is that it falls (the parent's pages "
        "become shared)"
    )


# --- Moving data: a Pipe against shared memory ------------------------------------


@pytest.fixture(scope="module")
def transfer_run() -> Record:
    require_serial_run()
    return run_benchmark(discover()["data_transfer"], "small")


def test_shared_memory_beats_a_pipe_for_large_payloads(transfer_run, record_property):
    largest = transfer.sizes(transfer_run)[-1]
    ratio = transfer.shared_over_pipe(transfer_run, largest)
    assert ratio is not None
    record_property("shared_over_pipe_large", round(ratio.median, 2))
    assert ratio.median >= LARGE_SHARED_OVER_PIPE, (
        f"handing over {largest:,} bytes, shared memory was {figures(ratio)} times "
        f"as fast as a pipe; the claim is at least {LARGE_SHARED_OVER_PIPE}x"
    )


def test_a_pipe_beats_shared_memory_for_small_payloads(transfer_run, record_property):
    smallest = transfer.sizes(transfer_run)[0]
    ratio = transfer.shared_over_pipe(transfer_run, smallest)
    assert ratio is not None
    record_property("shared_over_pipe_small", round(ratio.median, 2))
    assert ratio.median < 1.0, (
        f"handing over {smallest:,} bytes, shared memory was {figures(ratio)} times "
        "as fast as a pipe; the claim is that the pipe is faster (below 1x)"
    )
