"""Style: ruff check and ruff format over examples, tests and tooling; and
every `# type: ignore` in an example names its error code and says why."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.support.harness import tool
from tools.project import ROOT, example_files, shown

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


TYPE_IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<code>\[[^\]]*\])?(?P<rest>.*)$")
REASON = re.compile(r"^\s+#\s*\S")


def type_ignore_problems(source: str, name: str) -> list[str]:
    """An example that is wrong on purpose (a coroutine never awaited) tells
    mypy so on the line itself: `# type: ignore[code]  # why`. A bare ignore
    would hide any other error on that line, and the reader deserves the why."""
    problems = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = TYPE_IGNORE.search(line)
        if not match:
            continue
        if not match["code"]:
            problems.append(
                f"{name}:{number}: `# type: ignore` names no error code; write "
                "`# type: ignore[<code>]` with the code mypy reports"
            )
        elif not REASON.match(match["rest"]):
            problems.append(
                f"{name}:{number}: `# type: ignore{match['code']}` gives no reason; "
                "follow it with `  # <why this line is wrong on purpose>`"
            )
    return problems


def test_type_ignores_in_examples_name_a_code_and_a_reason() -> None:
    problems = []
    for path in example_files():
        problems += type_ignore_problems(path.read_text(encoding="utf-8"), shown(path))
    assert not problems, "\n".join(problems)


def test_mypy() -> None:
    """The type checker over the files pyproject.toml's [tool.mypy] names."""
    result = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, (
        f"mypy found problems:\n{result.stdout}{result.stderr}\nFix them (`make "
        "lint` runs the same); an example wrong on purpose says so in place with "
        "`# type: ignore[code]  # reason`."
    )
