"""Comparison: variants doing the same work, against a baseline and the
machine's measured parallel capacity.

The benchmark declares FULL_SIZE, SMALL_SIZE and VARIANTS ({name: function
(size) -> answer}, the first the baseline); optionally IDEAL_SECONDS, the best
time any variant could reach. A variant named `<kind>-<N>` (`processes-2`)
runs N workers and is compared with capacity(N).

Schedule: one warm-up call of every variant (each answer must equal the
baseline's: the variants must do equal work), then rounds; a round runs the
capacity probe and every variant once, in alternating order.
"""

from __future__ import annotations

from collections.abc import Callable
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
    timed,
)

KIND = "comparison"
ROUNDS = {"full": 10, "small": 5}
PROBE_SECONDS = {"full": 0.5, "small": 0.2}
PROBE = "capacity probe"


@dataclass
class Variant:
    workers: int | None
    warmup_seconds: float
    seconds: list[float]  # one time per round


@dataclass
class Samples:
    baseline: str
    ideal_seconds: float | None
    variants: dict[str, Variant]


def split_variant(name: str) -> tuple[str, int | None]:
    """processes-2 -> ("processes", 2); sequential -> ("sequential", None)."""
    kind, _, count = name.rpartition("-")
    return (kind, int(count)) if kind and count.isdigit() else (name, None)


def capacity_counts(names: list[str]) -> list[int]:
    """Worker counts to probe: every N > 1 the variants use, and always 2."""
    return sorted({2} | {n for v in names if (n := split_variant(v)[1]) and n > 1})


def chosen(module: Any, only: list[str] | None) -> dict[str, Callable[[Any], Any]]:
    variants: dict[str, Callable[[Any], Any]] = dict(module.VARIANTS)
    baseline = next(iter(variants))
    wanted = [baseline, *[v for v in (only or variants) if v != baseline]]
    unknown = sorted(set(wanted) - set(variants))
    if unknown:
        raise ValueError(f"no variant {unknown}; choose from {sorted(variants)}")
    return {name: variants[name] for name in wanted}


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    count = len(module.VARIANTS)
    return 1 + count + (rounds or rounds_for(module, size, ROUNDS)) * (count + 1)


def measure(
    module: Any,
    size: str,
    rounds: int | None,
    deadline: float | None,
    step: Step,
    only: list[str] | None = None,
) -> Measured:
    variants = chosen(module, only)
    baseline = next(iter(variants))
    value = module.FULL_SIZE if size == "full" else module.SMALL_SIZE
    planned = rounds or rounds_for(module, size, ROUNDS)
    counts = capacity_counts(list(variants))
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    capacity: dict[int, list[float]] = {n: [] for n in counts}
    warmup: dict[str, float] = {}
    step("starting the capacity probe")
    with CapacityProbe(counts, PROBE_SECONDS[size]) as probe:
        expected = None
        for name, variant in variants.items():
            step(f"warm-up: {name}")
            warmup[name], answer = timed(variant, value)
            if name == baseline:
                expected = answer
            elif answer != expected:
                raise AssertionError(
                    f"variant {name} answered differently from {baseline}; a "
                    "benchmark must compare equal work"
                )

        def one_round(number: int) -> None:
            for item in in_round_order([PROBE, *variants], number):
                step(f"round {number + 1}/{planned}: {item}")
                if item == PROBE:
                    for n, c in probe.measure().items():
                        capacity[n].append(c)
                else:
                    seconds[item].append(timed(variants[item], value)[0])

        ran = run_rounds(planned, deadline, one_round, module.__name__)
        loops = probe.loops
    samples = Samples(
        baseline=baseline,
        ideal_seconds=getattr(module, "IDEAL_SECONDS", None),
        variants={
            name: Variant(
                workers=split_variant(name)[1],
                warmup_seconds=round(warmup[name], 6),
                seconds=rounded(seconds[name]),
            )
            for name in variants
        },
    )
    return Measured(
        config={**declared_config(module), "size_value": value},
        samples=samples,
        rounds=ran,
        rounds_planned=planned,
        capacity={n: rounded(cs) for n, cs in capacity.items()},
        probe_loops=loops,
    )
