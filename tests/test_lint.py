"""Style: ruff check and ruff format over examples, tests and tooling."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.harness import tool
from tools.project import ROOT

pytestmark = pytest.mark.docs

CHECKED = ["examples", "tests", "tools", "noxfile.py"]


def test_ruff_check() -> None:
    result = subprocess.run(
        [tool("ruff"), "check", *CHECKED], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, (
        f"ruff check found problems:\n{result.stdout}\nFix them, or run "
        "`make format` for the ones ruff can fix."
    )


def test_ruff_format() -> None:
    """ruff format, except that pytest-examples' `#>` lines stay as they are."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.format_examples", "--check", *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"These files are not formatted:\n{result.stdout}{result.stderr}\n"
        "Run `make format`."
    )
