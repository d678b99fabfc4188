"""Contract 5: the strict build passes, and the site asks no other host for anything."""

from __future__ import annotations

import re
from pathlib import Path

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
