"""Footprint: memory per unit (an idle thread, task, connection, process).

The benchmark declares UNITS, COUNTS and SMALL_COUNTS, and hold(unit, count,
measure): it creates `count` units, calls measure() while they all exist,
returns its result after releasing them. Each (unit, count) runs in a fresh
process started with spawn, so no sample inherits another's memory; that
process reads its own memory before hold() and inside measure().

Method: psutil's memory_full_info(). RSS (resident set size) counts every
page the process has in RAM, shared ones included; USS (unique set size)
counts only pages no other process shares, which is what the process would
give back if it exited; PSS (proportional set size, Linux only) divides each
shared page among the processes sharing it. Per unit = (during - before) /
count, and the slope over the counts.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from typing import Any

from tools.bench.measure import (
    Measured,
    Step,
    declared_config,
    import_benchmark,
    in_round_order,
    rounds_for,
    run_rounds,
)

KIND = "footprint"
ROUNDS = {"full": 3, "small": 1}
METHOD = (
    "psutil.Process().memory_full_info() in a fresh spawned process, before "
    "the units exist and while they all exist"
)
CHILD_TIMEOUT = 120


@dataclass
class Memory:
    rss: int  # bytes
    uss: int | None
    pss: int | None  # Linux only


@dataclass
class Sample:
    before: Memory
    during: Memory


@dataclass
class Samples:
    method: str
    units: dict[str, dict[str, list[Sample]]]  # {unit: {count: one per round}}


def read_memory() -> dict[str, int | None]:
    import psutil

    process = psutil.Process()
    try:
        info = process.memory_full_info()
    except psutil.AccessDenied:  # some platforms hide USS from a process
        return {"rss": process.memory_info().rss, "uss": None, "pss": None}
    return {"rss": info.rss, "uss": info.uss, "pss": getattr(info, "pss", None)}


def _hold_in_child(path: str, unit: str, count: int, connection: Any) -> None:
    """The child: import the benchmark, measure, hold the units, measure."""
    module = import_benchmark(path)
    before = read_memory()
    during = module.hold(unit, count, read_memory)
    connection.send({"before": before, "during": during})
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
    return Sample(Memory(**data["before"]), Memory(**data["during"]))


def counts_for(module: Any, size: str) -> list[int]:
    return list(module.COUNTS if size == "full" else module.SMALL_COUNTS)


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    points = len(module.UNITS) * len(counts_for(module, size))
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
    counts = counts_for(module, size)
    planned = rounds or rounds_for(module, size, ROUNDS)
    samples: dict[str, dict[str, list[Sample]]] = {
        unit: {str(c): [] for c in counts} for unit in units
    }
    keys = [(unit, count) for unit in units for count in counts]

    def one_round(number: int) -> None:
        for unit, count in in_round_order(keys, number):
            step(f"round {number + 1}/{planned}: {count} {unit}")
            sample = sample_in_child(module.__file__, unit, count)
            samples[unit][str(count)].append(sample)

    ran = run_rounds(planned, deadline, one_round, module.__name__)
    return Measured(
        config=declared_config(module),
        samples=Samples(METHOD, samples),
        rounds=ran,
        rounds_planned=planned,
    )
