"""Style: ruff check and ruff format over examples, tests and tooling."""

from __future__ import annotations

import subprocess

from tests.harness import ROOT, tool

CHECKED = ["examples", "tests", "tools"]


def test_ruff_check() -> None:
    result = subprocess.run(
        [tool("ruff"), "check", *CHECKED], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, (
        f"ruff check found problems:\n{result.stdout}\nFix them, or run "
        "`make format` for the ones ruff can fix."
    )


def test_ruff_format() -> None:
    result = subprocess.run(
        [tool("ruff"), "format", "--check", *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"These files are not formatted:\n{result.stdout}\nRun `make format`."
    )
