"""Where things are in this project, and the commands that fix what a test finds.

Every other module takes its paths, its list of examples and pages, its file
hashes and its fix commands from here, so each is defined once.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"
RESULTS_DIR = DOCS / "results"
HELPERS_DIR = "_shared"  # examples/_shared/: helpers, exempt from the orphan check
# docs/ folders that hold no prose: generated fragments, vendored files' notes.
NOT_PROSE = ("results", "assets")

UPDATE_COMMAND = "make update"
# The interpreter the README names: a recorded output block that names no
# Python versions was recorded on it (tests/support/recorded.py).
REFERENCE_PYTHON = "3.11"
# The newest Python this project records outputs on (3.11 to 3.13 run here). A
# script that needs a newer one has no recording: the workflow checks that it
# runs and exits as declared, and reports that its output is not verified.
NEWEST_RECORDED = (3, 13)
RENDER_COMMAND = "python -m tools.render"


def bench_command(name: str) -> str:
    """The command that reruns one benchmark and re-renders its outputs."""
    return f"make bench BENCH={name}"


def shown(path: Path) -> str:
    """A path as the messages show it: relative to the project, with slashes."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def example_files() -> list[Path]:
    """Every runnable example (helpers under examples/_shared/ excluded)."""
    return [
        path
        for path in sorted(EXAMPLES.rglob("*.py"))
        if HELPERS_DIR not in path.relative_to(EXAMPLES).parts
        and "__pycache__" not in path.parts
    ]


def prose_pages() -> list[Path]:
    """Every Markdown page a person wrote (generated fragments excluded)."""
    return sorted(
        page
        for page in DOCS.rglob("*.md")
        if page.relative_to(DOCS).parts[0] not in NOT_PROSE
    )


def text_sha256(path: Path) -> str:
    """SHA-256 of a text file with line endings normalised (a Windows checkout
    converts them, and must not look changed)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def imported_modules(source: str, filename: str = "<source>") -> set[str]:
    """Names of the modules Python source imports (absolute imports only),
    including imports inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names
