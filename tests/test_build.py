"""Contract 5: the strict build passes, and the site asks no other host for anything."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from tools.project import DOCS, ROOT, imported_modules, shown

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


# Import name -> distribution name, where they differ (the default is the same).
DISTRIBUTIONS = {"yaml": "PyYAML", "PIL": "pillow", "IPython": "ipython"}


def normalized(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def group_distributions(pyproject: dict, group: str) -> set[str]:
    """The distributions a [dependency-groups] group lists, included groups too."""
    names = set()
    for entry in pyproject["dependency-groups"][group]:
        if isinstance(entry, dict):
            names |= group_distributions(pyproject, entry["include-group"])
        else:
            names.add(normalized(re.split(r"[\s;<>=!~\[@]", entry, maxsplit=1)[0]))
    return names


def uncovered_imports(source: str, name: str, provided: set[str]) -> list[str]:
    """Modules `source` imports that neither the standard library nor one of the
    `provided` distributions supplies (installed here or not)."""
    tops = {module.split(".")[0] for module in imported_modules(source, name)}
    return [
        f"{name} imports {top} (distribution {DISTRIBUTIONS.get(top, top)})"
        for top in sorted(tops - set(sys.stdlib_module_names))
        if normalized(DISTRIBUTIONS.get(top, top)) not in provided
    ]


def test_site_group_covers_what_notebooks_import() -> None:
    """`make serve` installs only the site group, and the build runs the notebooks."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    site = group_distributions(pyproject, "site")
    missing = []
    for notebook in sorted((DOCS / "notebooks").glob("*.py")):
        source = notebook.read_text(encoding="utf-8")
        missing += uncovered_imports(source, shown(notebook), site)
    assert not missing, (
        "The build executes these notebooks, but `make serve` installs only the "
        "site group, which lacks:\n  "
        + "\n  ".join(missing)
        + "\nAdd each distribution to [dependency-groups] site in pyproject.toml, "
        "then `make lock`. If a module's distribution has another name, add it to "
        "DISTRIBUTIONS in tests/test_build.py."
    )
