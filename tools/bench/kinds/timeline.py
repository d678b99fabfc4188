"""Timeline: which thread ran when, in real runs of a few short scenarios.

The benchmark declares SCENARIOS ({name: function(size) -> {thread: [[start,
end], ...]}}): each scenario starts its threads, each thread timestamps its own
work as it goes, and the function returns the stretches of time (seconds from
the scenario's start) during which each thread was seen running. This kind
only runs every scenario once per round, in alternating order, and keeps every
round's slices: the raw samples are the slices themselves.

Schedule: rounds; each round runs every scenario once.
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
)

KIND = "timeline"
ROUNDS = {"full": 3, "small": 3}
SAMPLE_DIGITS = 7  # slices can be a few microseconds long: keep 0.1 µs

Lanes = dict[str, list[list[float]]]  # {thread: [[start, end], ...]}


@dataclass
class Samples:
    scenarios: dict[str, list[Lanes]]  # {scenario: [one run's lanes per round]}


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    return (rounds or rounds_for(module, size, ROUNDS)) * len(module.SCENARIOS)


def measure(
    module: Any,
    size: str,
    rounds: int | None,
    deadline: float | None,
    step: Step,
    only: list[str] | None = None,
) -> Measured:
    names = [name for name in module.SCENARIOS if not only or name in only]
    planned = rounds or rounds_for(module, size, ROUNDS)
    runs: dict[str, list[Lanes]] = {name: [] for name in names}

    def one_round(number: int) -> None:
        for name in in_round_order(names, number):
            step(f"round {number + 1}/{planned}: {name}")
            lanes = module.SCENARIOS[name](size)
            runs[name].append(
                {
                    thread: [
                        [round(start, SAMPLE_DIGITS), round(end, SAMPLE_DIGITS)]
                        for start, end in slices
                    ]
                    for thread, slices in lanes.items()
                }
            )

    ran = run_rounds(planned, deadline, one_round, module.__name__)
    return Measured(
        config=declared_config(module),
        samples=Samples(scenarios=runs),
        rounds=ran,
        rounds_planned=planned,
    )
