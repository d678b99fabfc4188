"""The results format: one JSON file per benchmark under docs/results/.

A record holds raw samples and provenance, never summaries (tools.render
computes those from the samples each time). Reading a file checks, with a
message that names the file and the command that fixes it:

- the schema version (a record of another version is not guessed at);
- every field of the typed record below, provenance included (a null only
  where a field is declared optional: the platform could not tell);
- the self-hash (a file edited by hand no longer matches it).

Freshness (is the file measured with the code in the tree?) is checked by
`stale_files`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.bench import kinds
from tools.bench.sources import source_hashes
from tools.project import ROOT, bench_command, shown

SCHEMA_VERSION = 2
OPTIONAL_EMPTY = {"changed_files", "tools", "config"}  # may be empty


class ResultsError(ValueError):
    """A results file that cannot be used; the message says how to fix it."""


@dataclass
class LoadAverage:
    before: list[float] | None
    after: list[float] | None


@dataclass
class Machine:
    cpu_model: str
    architecture: str
    logical_cpus: int  # os.cpu_count(): logical CPUs, not cores
    physical_cores: int | None
    process_cpu_count: int | None  # os.process_cpu_count(), 3.13+
    affinity_cpus: int | None
    memory_bytes: int
    os: str
    system: str
    kernel: str
    load_average: LoadAverage


@dataclass
class PythonBuild:
    version: str
    implementation: str
    full_version: str
    compiler: str
    gil_disabled_build: bool  # Py_GIL_DISABLED: built free-threaded
    gil_enabled: bool  # sys._is_gil_enabled() at the end of the run
    start_method: str


@dataclass
class Git:
    commit: str
    dirty: bool | None  # were any of `sources` uncommitted when the run ended?
    changed_files: list[str]


@dataclass
class Capacity:
    method: str
    probe_loops: int
    samples: dict[str, list[float]]  # {"2": [capacity(2) per round]}


@dataclass
class Schedule:
    rounds: int
    rounds_planned: int
    order: str


@dataclass
class Record:
    schema: int
    benchmark: str
    kind: str
    title: str
    source: str
    sources: dict[str, str]  # {file: SHA-256}: what the numbers depend on
    source_sha256: str
    size: str  # "full" (make bench) or "small" (the claims tests)
    config: dict[str, Any]  # what the benchmark declared, for this size
    schedule: Schedule
    capacity: Capacity | None
    samples: Any  # the kind's Samples dataclass (tools/bench/kinds/)
    machine: Machine
    python: PythonBuild
    packages: dict[str, str]
    tools: dict[str, str]
    date: str
    duration_seconds: float
    git: Git
    record_sha256: str = field(default="")

    def capacity_samples(self, workers: int) -> list[float] | None:
        if self.capacity is None:
            return None
        return self.capacity.samples.get(str(workers))


# --- Typed reading -------------------------------------------------------------


def _dataclass_in(annotation: Any) -> type | None:
    """The dataclass an annotation names (`X` or `X | None`), if any."""
    if dataclasses.is_dataclass(annotation):
        return annotation  # type: ignore[return-value]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (
        typing.Union,
    ):
        for arg in typing.get_args(annotation):
            if dataclasses.is_dataclass(arg):
                return arg  # type: ignore[return-value]
    return None


def _optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def _convert(annotation: Any, value: Any, where: str) -> Any:
    """JSON data as the annotation's type: dataclasses, and dicts and lists of
    them, are built field by field; anything else is kept as it is."""
    nested = _dataclass_in(annotation)
    if nested is not None and value is not None:
        return build(nested, value, where + ".")
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is dict and args and isinstance(value, dict):
        return {k: _convert(args[1], v, f"{where}[{k}]") for k, v in value.items()}
    if origin is list and args and isinstance(value, list):
        return [_convert(args[0], v, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def build(cls: type, data: Any, where: str) -> Any:
    """An instance of dataclass `cls` from JSON data; every field required."""
    if not isinstance(data, dict):
        raise ResultsError(f"{where or 'the record'} is not an object")
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    names = {f.name for f in fields}
    missing = [
        where + f.name
        for f in fields
        if f.name not in data and f.default is dataclasses.MISSING
    ]
    unknown = sorted(set(data) - names)
    if missing or unknown:
        parts = []
        if missing:
            parts.append("lacks " + ", ".join(missing))
        if unknown:
            parts.append("has unknown fields " + ", ".join(where + u for u in unknown))
        raise ResultsError("; ".join(parts))
    values = {}
    for name in names & set(data):
        value, annotation = data[name], hints[name]
        if value is None and not _optional(annotation):
            raise ResultsError(f"lacks {where}{name} (null)")
        empty = isinstance(value, (str, list, dict)) and not value
        if empty and name not in OPTIONAL_EMPTY:
            raise ResultsError(f"lacks {where}{name} (empty)")
        values[name] = _convert(annotation, value, where + name)
    return cls(**values)


def to_data(record: Record) -> dict[str, Any]:
    return dataclasses.asdict(record)


def record_sha256(data: dict[str, Any]) -> str:
    """SHA-256 of a record's content without this field: an edit by hand shows."""
    content = {key: value for key, value in data.items() if key != "record_sha256"}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def sealed(record: Record) -> Record:
    record.record_sha256 = record_sha256(to_data(record))
    return record


def write(record: Record, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_data(record), indent=2) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")


def parse(data: dict[str, Any], name: str) -> Record:
    """A Record from JSON data, checking schema, fields and self-hash."""
    schema = data.get("schema")
    if schema != SCHEMA_VERSION:
        raise ResultsError(
            f"has schema version {schema!r}, and this code reads version "
            f"{SCHEMA_VERSION} only"
        )
    record = build(Record, data, "")
    kind = kinds.KINDS.get(record.kind)
    if kind is None:
        raise ResultsError(f"has an unknown kind {record.kind!r}")
    record.samples = build(kind.Samples, record.samples, "samples.")
    if data.get("record_sha256") != record_sha256(data):
        raise ResultsError(
            "was changed after the run that wrote it (its content no longer "
            "matches its record_sha256): numbers are measured, not edited"
        )
    return record


def read(path: Path) -> Record:
    """The record in a results file, or ResultsError naming the file and fix."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return parse(data, path.stem)
    except (OSError, json.JSONDecodeError, ResultsError) as exc:
        raise ResultsError(
            f"{shown(path)} {exc}. Measure it again with "
            f"`{bench_command(path.stem)}` (or restore the recorded run with "
            f"`git checkout -- {shown(path)}`)."
        ) from exc


# --- Freshness -----------------------------------------------------------------


def dependencies(benchmark: Path, kind: str) -> list[Path]:
    """The files a benchmark's numbers depend on (before following imports):
    the benchmark itself and the kind's measuring code."""
    return [benchmark, ROOT / "tools" / "bench" / "kinds" / f"{kind}.py"]


def stale_files(record: Record, benchmark: Path) -> list[str]:
    """The files that changed since the record was measured (empty: fresh)."""
    digest, current = source_hashes(dependencies(benchmark, record.kind))
    if digest == record.source_sha256:
        return []
    recorded = record.sources
    return sorted(
        f for f in current.keys() | recorded.keys() if current.get(f) != recorded.get(f)
    )
