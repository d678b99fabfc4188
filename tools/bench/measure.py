"""How samples are taken, for every kind: timers, capacity, the round schedule.

Made for a noisy machine whose cores are shared: variants are measured in
rounds, each round reverses the previous one's order (A B C, C B A, ...) so a
slow minute hits all of them alike, and the machine's parallel capacity is
measured in every round beside them.

This file is part of every benchmark's freshness hash: editing it makes every
results file stale.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
MIN_ROUNDS = 3  # a budget may cut rounds short, never below this
CALIBRATION_LOOPS = 200_000
CAPACITY_METHOD = (
    "N warm processes spinning a fixed pure-Python loop at once, against one "
    "alone before and after (A B A)"
)
ROUND_ORDER = "each round reverses the previous round's order"

Step = Callable[[str], None]


class BudgetExceeded(RuntimeError):
    """The run would not fit in the time it was given."""


def timed(function: Callable[..., T], *args: Any) -> tuple[float, T]:
    """(seconds by time.perf_counter, the answer) of one call."""
    started = time.perf_counter()
    answer = function(*args)
    return time.perf_counter() - started, answer


def in_round_order(items: Sequence[T], round_number: int) -> list[T]:
    """Round 0 runs items in order, round 1 reversed, and so on."""
    return list(items) if round_number % 2 == 0 else list(reversed(items))


def run_rounds(
    rounds: int,
    deadline: float | None,
    one_round: Callable[[int], None],
    name: str,
) -> int:
    """Run one_round(0), one_round(1), ... and return how many ran.

    Stops early when the next round would end after `deadline` (a
    time.monotonic() value), keeping what fits, but never below MIN_ROUNDS:
    a run that cannot fit that many raises BudgetExceeded.
    """
    took: list[float] = []
    for number in range(rounds):
        started = time.monotonic()
        one_round(number)
        took.append(time.monotonic() - started)
        if deadline is None or number + 1 == rounds:
            continue
        if time.monotonic() + max(took) > deadline:
            if number + 1 >= MIN_ROUNDS:
                return number + 1
            raise BudgetExceeded(
                f"{name}: {number + 1} rounds took {sum(took):.0f} s; "
                f"{MIN_ROUNDS} will not fit in the budget. Raise --budget or "
                "the benchmark's EXPECTED_SECONDS."
            )
    return rounds


def spin(loops: int) -> int:
    """The capacity probe's work: a pure-Python loop that never waits."""
    total = 0
    for number in range(loops):
        total += number
    return total


def _probe_worker(connection: Any) -> None:
    """Spin each loop count the parent sends and reply; stop on None."""
    while (loops := connection.recv()) is not None:
        connection.send(spin(loops))


class CapacityProbe:
    """Warm worker processes that measure how many cores the machine gives now.

    capacity(N) = N x (time of one process alone) / (time of N at once).
    Plain processes and pipes, not a pool: a pool keeps a thread running in
    this process, and forking later pools from a process with threads risks
    deadlocks (Python 3.12+ warns about it).
    """

    def __init__(self, worker_counts: list[int], probe_seconds: float) -> None:
        self.worker_counts = worker_counts
        self.connections: list[Any] = []
        self.workers: list[Any] = []
        for _ in range(max(worker_counts)):
            ours, theirs = multiprocessing.Pipe()
            worker = multiprocessing.Process(
                target=_probe_worker, args=(theirs,), daemon=True
            )
            worker.start()
            theirs.close()
            self.connections.append(ours)
            self.workers.append(worker)
        # Every worker answers once now, so no measurement pays for a start-up.
        self._time(len(self.workers), 1)
        best = min(self._time(1, CALIBRATION_LOOPS) for _ in range(3))
        self.loops = max(
            CALIBRATION_LOOPS, int(CALIBRATION_LOOPS * probe_seconds / best)
        )

    def _time(self, processes: int, loops: int) -> float:
        started = time.perf_counter()
        for connection in self.connections[:processes]:
            connection.send(loops)
        for connection in self.connections[:processes]:
            connection.recv()
        return time.perf_counter() - started

    def measure(self) -> dict[int, float]:
        """{N: capacity(N)}; one process alone is timed before and after the
        others and the two averaged, so a machine getting busier or quieter
        meanwhile does not tilt the ratio."""
        before = self._time(1, self.loops)
        together = {n: self._time(n, self.loops) for n in self.worker_counts}
        alone = (before + self._time(1, self.loops)) / 2
        return {n: n * alone / seconds for n, seconds in together.items()}

    def close(self) -> None:
        for connection in self.connections:
            connection.send(None)
            connection.close()
        for worker in self.workers:
            worker.join()

    def __enter__(self) -> CapacityProbe:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_average() -> list[float] | None:
    import os

    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


class Measured:
    """What a kind's measure() returns: raw samples, never summaries."""

    def __init__(
        self,
        config: dict[str, Any],
        samples: Any,
        rounds: int,
        rounds_planned: int,
        capacity: dict[int, list[float]] | None = None,
        probe_loops: int | None = None,
        tools: dict[str, str] | None = None,
    ) -> None:
        self.config = config  # what the benchmark declared, for this size
        self.samples = samples  # the kind's Samples dataclass
        self.rounds = rounds
        self.rounds_planned = rounds_planned
        self.capacity = capacity  # {N: capacity(N) per round}, if measured
        self.probe_loops = probe_loops
        self.tools = tools or {}  # external programs used, with their versions


SAMPLE_DIGITS = 6  # seconds are recorded to the microsecond


def rounded(values: list[float]) -> list[float]:
    return [round(value, SAMPLE_DIGITS) for value in values]


def import_benchmark(path: Any) -> Any:
    """Import a benchmark file as a top-level module, so pools can pickle it."""
    import importlib
    import sys
    from pathlib import Path

    path = Path(path).resolve()
    if str(path.parent) not in sys.path:
        sys.path.insert(0, str(path.parent))
    module = importlib.import_module(path.stem)
    if Path(module.__file__ or "").resolve() != path:
        raise RuntimeError(f"{path.stem} imported from {module.__file__}")
    return module


def _plain(value: Any) -> bool:
    if isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def declared_config(module: Any) -> dict[str, Any]:
    """The benchmark's settings: its UPPER_CASE constants of plain JSON types."""
    return {
        name: value
        for name, value in sorted(vars(module).items())
        if name.isupper() and _plain(value)
    }


def rounds_for(module: Any, size: str, default: dict[str, int]) -> int:
    """The benchmark's ROUNDS for this size, or the kind's default."""
    return int(getattr(module, "ROUNDS", default)[size])
