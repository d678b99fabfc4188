"""Which files a benchmark's numbers depend on, and their combined hash.

A results file is fresh while this hash equals the one it recorded. The hash
covers the benchmark file, every project module it imports, and the code that
takes the samples: the kind's module under tools/bench/kinds/ and what it
imports (tools/bench/measure.py). Changing how a number is measured therefore
makes the results stale; changing how it is summarised or drawn does not (the
re-render check catches that instead).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tools.project import ROOT, imported_modules, text_sha256


def project_module(name: str, importer: Path, root: Path = ROOT) -> Path | None:
    """The file inside the project that `import name` would load, if any.

    Looked up beside the importer, in examples/ and at the root: the places
    on sys.path when an example or the runner imports it.
    """
    parts = name.split(".")
    root = root.resolve()
    for base in (importer.parent, root / "examples", root):
        candidate = base.joinpath(*parts)
        for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
            inside = root in option.resolve().parents and ".venv" not in option.parts
            if option.is_file() and inside:
                return option.resolve()
    return None


def source_files(paths: list[Path], root: Path = ROOT) -> list[Path]:
    """The given files plus every project module they import, recursively."""
    seen: set[Path] = set()
    todo = [path.resolve() for path in paths]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source = current.read_text(encoding="utf-8")
        for name in imported_modules(source, str(current)):
            found = project_module(name, current, root)
            if found is not None:
                todo.append(found)
    return sorted(seen)


def source_hashes(paths: list[Path], root: Path = ROOT) -> tuple[str, dict[str, str]]:
    """(combined SHA-256, {file: SHA-256}) of the files and what they import."""
    root = root.resolve()
    per_file = {
        f.relative_to(root).as_posix(): text_sha256(f)
        for f in source_files(paths, root)
    }
    listing = "".join(f"{name} {digest}\n" for name, digest in sorted(per_file.items()))
    return hashlib.sha256(listing.encode()).hexdigest(), per_file
