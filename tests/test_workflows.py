"""The GitHub workflows pass zizmor's offline audit with no high finding."""

from __future__ import annotations

import subprocess

import pytest

from tests.support.harness import tool
from tools.project import ROOT

pytestmark = pytest.mark.docs


def test_zizmor_finds_nothing_high() -> None:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--min-severity", "high", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        "zizmor reports high-severity findings in .github/workflows:\n"
        f"{result.stdout}{result.stderr}"
    )
