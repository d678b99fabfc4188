"""Cost per operation: the time one operation takes, against a baseline
operation (a lock acquire and release against the unlocked update).

The benchmark declares FULL_SIZE and SMALL_SIZE (operations per call) and
OPERATIONS ({name: function(n) -> count}, the first the baseline); every
function must return n, showing that each did the same number of operations.
Schedule: one warm-up call each, then rounds in alternating order; a sample is
the time of one call, and the table divides it by n.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.bench.measure import (
    Measured,
    Step,
    declared_config,
    in_round_order,
    rounds_for,
    run_rounds,
    timed,
)

KIND = "cost"
ROUNDS = {"full": 15, "small": 7}
SAMPLE_DIGITS = 9  # calls can be short: keep nanoseconds


@dataclass
class Samples:
    baseline: str
    operations_per_call: int
    seconds: dict[str, list[float]]  # {operation: time of one call, per round}


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    count = len(module.OPERATIONS)
    return count + (rounds or rounds_for(module, size, ROUNDS)) * count


def measure(
    module: Any,
    size: str,
    rounds: int | None,
    deadline: float | None,
    step: Step,
    only: list[str] | None = None,
) -> Measured:
    operations = dict(module.OPERATIONS)
    baseline = next(iter(operations))
    if only:
        operations = {k: v for k, v in operations.items() if k in only or k == baseline}
    n = module.FULL_SIZE if size == "full" else module.SMALL_SIZE
    planned = rounds or rounds_for(module, size, ROUNDS)
    seconds: dict[str, list[float]] = {name: [] for name in operations}
    for name, operation in operations.items():
        step(f"warm-up: {name}")
        done = operation(n)
        if done != n:
            raise AssertionError(f"{name} did {done} operations, not {n}")

    def one_round(number: int) -> None:
        for name in in_round_order(list(operations), number):
            step(f"round {number + 1}/{planned}: {name}")
            seconds[name].append(timed(operations[name], n)[0])

    ran = run_rounds(planned, deadline, one_round, module.__name__)
    return Measured(
        config={**declared_config(module), "size_value": n},
        samples=Samples(
            baseline=baseline,
            operations_per_call=n,
            seconds={
                k: [round(s, SAMPLE_DIGITS) for s in v] for k, v in seconds.items()
            },
        ),
        rounds=ran,
        rounds_planned=planned,
    )
