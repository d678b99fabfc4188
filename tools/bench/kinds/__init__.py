"""The kinds of measurement, one module each, by the name a benchmark declares
in KIND. Each module defines `Samples` (the raw data its results hold),
`ROUNDS`, `measure(...)` and `planned_steps(...)`; tools/render/ has the
matching table and chart. A kind's module is part of the freshness hash of
every benchmark of that kind: it is the code that takes the samples.
"""

from __future__ import annotations

from types import ModuleType

from tools.bench.kinds import (
    comparison,
    connections,
    cost,
    footprint,
    load,
    served,
    sweep,
    timeline,
)

KINDS: dict[str, ModuleType] = {
    module.KIND: module
    for module in (
        comparison,
        sweep,
        load,
        footprint,
        cost,
        served,
        connections,
        timeline,
    )
}
