"""Contract 5: the strict build passes, and the site asks no other host for anything."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tools.project import DOCS, ROOT

pytestmark = pytest.mark.build

# src/href attributes that would make a reader's browser call another host.
EXTERNAL_RESOURCE = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=["'](?P<url>(?:https?:)?//[^"']+)""",
    re.I,
)


def test_strict_build(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_resource_from_another_host(built_site: Path) -> None:
    offenders = []
    for page in pages(built_site):
        for match in EXTERNAL_RESOURCE.finditer(page.read_text(encoding="utf-8")):
            offenders.append(f"{page.relative_to(built_site)}: {match['url']}")
    assert not offenders, (
        "Pages load resources from other hosts (vendor them under docs/assets/):\n  "
        + "\n  ".join(offenders)
    )


def requirement_name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[]", requirement, maxsplit=1)[0].lower()


def test_site_group_covers_what_notebooks_import() -> None:
    """`make serve` installs only the site group, and the build runs the notebooks."""
    from importlib.metadata import packages_distributions

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    site_group = re.search(r"^site = \[(.*?)^\]", pyproject, re.M | re.S)
    assert site_group, "pyproject.toml has no [dependency-groups] site list"
    site = {requirement_name(r) for r in re.findall(r'"([^"]+)"', site_group[1])}
    distributions = packages_distributions()
    missing = []
    for notebook in sorted((DOCS / "notebooks").glob("*.py")):
        tree = ast.parse(notebook.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                for dist in distributions.get(top, []):
                    if dist.lower() not in site:
                        missing.append(f"{notebook.name} imports {top} ({dist})")
    assert not missing, (
        "The build executes these notebooks, but `make serve` installs only the "
        "site group, which lacks: "
        + "; ".join(sorted(set(missing)))
        + ". Add them to [dependency-groups] site in pyproject.toml, then `make lock`."
    )
