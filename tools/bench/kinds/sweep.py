"""Sweep: a metric measured over a parameter (workers, payload size), with a
model drawn beside it.

The benchmark declares PARAMETER (what varies), SERIES ({series: [values]}
for `make bench}) and SMALL_SERIES (for the claims tests), MODEL (which model
tools/render draws: "amdahl" or "knee") and measure_point(series, value,
size) -> seconds, or -> {metric: value}. A series named "processes" gets the
machine's capacity measured for each of its worker counts, as its ceiling.

Schedule: rounds; each round measures the capacity and every point once, in
alternating order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.bench.measure import (
    CapacityProbe,
    Measured,
    Step,
    declared_config,
    in_round_order,
    rounded,
    rounds_for,
    run_rounds,
)

KIND = "sweep"
ROUNDS = {"full": 5, "small": 3}
PROBE_SECONDS = {"full": 0.3, "small": 0.15}
PROBE = ("capacity probe", 0)
PROCESSES = "processes"


@dataclass
class Point:
    series: str
    value: int
    metrics: dict[str, list[float]]  # {metric: one value per round}


@dataclass
class Samples:
    parameter: str
    model: str
    points: list[Point]


def series_of(module: Any, size: str) -> dict[str, list[int]]:
    return dict(module.SERIES if size == "full" else module.SMALL_SERIES)


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    points = sum(len(v) for v in series_of(module, size).values())
    return 1 + (rounds or rounds_for(module, size, ROUNDS)) * (points + 1)


def measure(
    module: Any,
    size: str,
    rounds: int | None,
    deadline: float | None,
    step: Step,
    only: list[str] | None = None,
) -> Measured:
    series = series_of(module, size)
    if only:
        series = {name: values for name, values in series.items() if name in only}
    keys = [(name, value) for name, values in series.items() for value in values]
    planned = rounds or rounds_for(module, size, ROUNDS)
    metrics: dict[tuple[str, int], dict[str, list[float]]] = {k: {} for k in keys}
    counts = sorted({2} | {v for v in series.get(PROCESSES, []) if v > 1})
    capacity: dict[int, list[float]] = {n: [] for n in counts}
    step("starting the capacity probe")
    with CapacityProbe(counts, PROBE_SECONDS[size]) as probe:

        def one_round(number: int) -> None:
            for key in in_round_order([PROBE, *keys], number):
                step(f"round {number + 1}/{planned}: {key[0]} {key[1] or ''}")
                if key == PROBE:
                    for n, c in probe.measure().items():
                        capacity[n].append(c)
                    continue
                result = module.measure_point(key[0], key[1], size)
                if not isinstance(result, dict):
                    result = {"seconds": result}
                for metric, value in result.items():
                    metrics[key].setdefault(metric, []).append(float(value))

        ran = run_rounds(planned, deadline, one_round, module.__name__)
        loops = probe.loops
    return Measured(
        config=declared_config(module),
        samples=Samples(
            parameter=module.PARAMETER,
            model=module.MODEL,
            points=[
                Point(
                    name,
                    value,
                    {m: rounded(v) for m, v in metrics[(name, value)].items()},
                )
                for name, value in keys
            ],
        ),
        rounds=ran,
        rounds_planned=planned,
        capacity={n: rounded(cs) for n, cs in capacity.items()},
        probe_loops=loops,
    )
