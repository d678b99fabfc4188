"""Tiers: every test belongs to exactly one, named by a pytest marker.

The tiers are the markers pyproject.toml registers with a description that
starts "tier:". Each test module says its tier once, at the top:

    pytestmark = pytest.mark.docs

Collection fails on a test with no tier marker or with two; the run ends with
the time spent in each tier. Registered from tests/conftest.py.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

TIER_PREFIX = "tier:"

_tier_of: dict[str, str] = {}  # nodeid -> tier
_seconds: dict[str, float] = defaultdict(float)
_counts: dict[str, int] = defaultdict(int)
notes: list[str] = []  # extra lines for the summary (the site build's time)


def registered_tiers(marker_lines: list[str]) -> list[str]:
    """Tier names from pyproject's `markers` lines ("name: tier: what it checks")."""
    tiers = []
    for line in marker_lines:
        name, _, description = line.partition(":")
        if description.strip().startswith(TIER_PREFIX):
            tiers.append(name.split("(")[0].strip())
    return tiers


def tier_problems(marks: dict[str, set[str]], tiers: list[str]) -> list[str]:
    """One line per test file whose tests lack exactly one tier marker.

    `marks` maps each test's node id to the names of its markers."""
    by_file: dict[str, list[str]] = defaultdict(list)
    for nodeid, names in marks.items():
        found = sorted(names & set(tiers))
        if len(found) != 1:
            file, _, test = nodeid.partition("::")
            how = f"has {', '.join(found)}" if found else "has none"
            by_file[file].append(f"{test or file} {how}")
    choices = ", ".join(tiers)
    return [
        f"{file}: every test needs exactly one tier marker ({'; '.join(tests[:3])}"
        f"{'; ...' if len(tests) > 3 else ''}). Put `pytestmark = pytest.mark.<tier>` "
        f"at the top of {file}, <tier> one of: {choices} (pyproject.toml, "
        "[tool.pytest.ini_options] markers)."
        for file, tests in sorted(by_file.items())
    ]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    tiers = registered_tiers(config.getini("markers"))
    marks = {item.nodeid: {m.name for m in item.iter_markers()} for item in items}
    problems = tier_problems(marks, tiers)
    if problems:
        raise pytest.UsageError("\n".join(problems))
    for nodeid, names in marks.items():
        _tier_of[nodeid] = next(iter(names & set(tiers)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    tier = _tier_of.get(report.nodeid, "other")
    _seconds[tier] += report.duration
    if report.when == "call":
        _counts[tier] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if not _seconds:
        return
    terminalreporter.section("time per tier")
    for tier, seconds in sorted(_seconds.items(), key=lambda kv: -kv[1]):
        terminalreporter.write_line(
            f"{tier:<12} {_counts[tier]:>4} tests {seconds:8.1f} s"
        )
    for line in notes:
        terminalreporter.write_line(line)
