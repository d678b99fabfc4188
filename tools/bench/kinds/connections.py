"""Connections: memory per connection held open by a server, and what stops it.

The benchmark declares UNITS (server designs), COUNTS and SMALL_COUNTS as
{unit: [connection counts]} (each design at the counts it can reach), and
hold(unit, count, measure): it serves `count` connections from a client in
another process, calls measure() once while every connection is open, and
returns {"memory": what measure() returned, "threads": threads running in the
server then, "open_at_once": the most connections it held at one moment}. It
also declares limits(): {name: value or None} read from the system (the
limits that would stop a design further), recorded once per run.

Each (unit, count) runs in a fresh process started with spawn, as the
footprint kind does, and memory is read the same way (psutil's
memory_full_info(), before hold() and inside measure()); per connection is
the slope of the growth over the counts.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from typing import Any

from tools.bench.kinds.footprint import Memory, read_memory
from tools.bench.measure import (
    Measured,
    Step,
    declared_config,
    import_benchmark,
    in_round_order,
    rounds_for,
    run_rounds,
)

KIND = "connections"
ROUNDS = {"full": 3, "small": 1}
METHOD = (
    "psutil.Process().memory_full_info() in a fresh spawned server process, "
    "before the server starts and while every connection is open; the client "
    "is a second process"
)
CHILD_TIMEOUT = 120


@dataclass
class Sample:
    before: Memory
    during: Memory
    threads: int  # threads running in the server while every connection was open
    open_at_once: int  # the most connections the server held at one moment


@dataclass
class Samples:
    method: str
    units: dict[str, dict[str, list[Sample]]]  # {unit: {count: one per round}}
    limits: dict[str, int | None]  # read from the system; None: no limit set


def _hold_in_child(path: str, unit: str, count: int, connection: Any) -> None:
    """The child: import the benchmark, measure, serve the connections."""
    module = import_benchmark(path)
    before = read_memory()
    held = module.hold(unit, count, read_memory)
    connection.send({"before": before, **held})
    connection.close()


def sample_in_child(path: str, unit: str, count: int) -> Sample:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_hold_in_child, args=(path, unit, count, theirs))
    child.start()
    theirs.close()
    try:
        if not ours.poll(CHILD_TIMEOUT):
            raise RuntimeError(f"hold({unit!r}, {count}) gave no answer in time")
        data = ours.recv()
    finally:
        child.join(CHILD_TIMEOUT)
        if child.is_alive():
            child.kill()
            child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"hold({unit!r}, {count}) exited with {child.exitcode}")
    return Sample(
        before=Memory(**data["before"]),
        during=Memory(**data["memory"]),
        threads=int(data["threads"]),
        open_at_once=int(data["open_at_once"]),
    )


def counts_for(module: Any, size: str, unit: str) -> list[int]:
    return list((module.COUNTS if size == "full" else module.SMALL_COUNTS)[unit])


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    points = sum(len(counts_for(module, size, unit)) for unit in module.UNITS)
    return (rounds or rounds_for(module, size, ROUNDS)) * points


def measure(
    module: Any,
    size: str,
    rounds: int | None,
    deadline: float | None,
    step: Step,
    only: list[str] | None = None,
) -> Measured:
    units = [u for u in module.UNITS if not only or u in only]
    planned = rounds or rounds_for(module, size, ROUNDS)
    samples: dict[str, dict[str, list[Sample]]] = {
        unit: {str(c): [] for c in counts_for(module, size, unit)} for unit in units
    }
    keys = [(unit, count) for unit in units for count in counts_for(module, size, unit)]

    def one_round(number: int) -> None:
        for unit, count in in_round_order(keys, number):
            step(f"round {number + 1}/{planned}: {count} connections, {unit}")
            sample = sample_in_child(module.__file__, unit, count)
            samples[unit][str(count)].append(sample)

    ran = run_rounds(planned, deadline, one_round, module.__name__)
    return Measured(
        config=declared_config(module),
        samples=Samples(METHOD, samples, dict(module.limits())),
        rounds=ran,
        rounds_planned=planned,
    )
