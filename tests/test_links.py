"""Every internal link and #anchor in the built site resolves; no browser needed.

External http(s) links are not fetched (the tests run offline); they are listed
in the run's summary so a reviewer sees where the site points readers.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.support.static_site import Page, file_for, site_pages, summary_section

pytestmark = pytest.mark.build

PAGES = site_pages()
# Attributes that point at another page or a resource the page loads.
LINK_ATTRIBUTES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
# Only these take a reader somewhere, so only their #fragment must be an id.
NAVIGATING_TAGS = {"a", "area"}
UNCHECKED_SCHEMES = {"mailto", "tel", "javascript", "data", "blob"}
EXTERNAL_SCHEMES = {"http", "https"}
SITE_ORIGIN = "http://site.invalid"  # stands in for wherever the site is served
SHOWN_IDS = 12


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                self.links.append((tag, value.strip()))

    handle_startendtag = handle_starttag


_parsed: dict[Path, _LinksAndIds] = {}


def parse(path: Path) -> _LinksAndIds:
    if path not in _parsed:
        parser = _LinksAndIds()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        _parsed[path] = parser
    return _parsed[path]


def problem_with(site: Path, page: Page, tag: str, url: str) -> str | None:
    """Why `url` on `page` does not resolve, or None when it does."""
    target = urljoin(SITE_ORIGIN + page.url, url)
    parts = urlsplit(target)
    target_file = file_for(site, parts.path)
    where = PurePosixPath(target_file.relative_to(site)).as_posix()
    if not target_file.is_file():
        return f"{url!r} points at {parts.path!r}, but the site has no {where}"
    if not parts.fragment or tag not in NAVIGATING_TAGS:
        return None
    if target_file.suffix != ".html":
        return None
    anchor = unquote(parts.fragment)
    ids = parse(target_file).ids
    if anchor in ids:
        return None
    some = ", ".join(sorted(i for i in ids if not i.startswith("__"))[:SHOWN_IDS])
    return (
        f"{url!r}: {where} has no id={anchor!r} (a heading renamed? its ids "
        f"include: {some})"
    )


@pytest.fixture(scope="module")
def external_links(request: pytest.FixtureRequest):
    """Collects external links; prints them once, in the run's summary."""
    found: dict[str, set[str]] = defaultdict(set)
    yield found
    section = summary_section(request.config, "external links (listed, not fetched)")
    for url in sorted(found):
        on_all = len(found[url]) == len(PAGES)
        pages = "every page" if on_all else ", ".join(sorted(found[url]))
        section.lines.append(f"{url}  <- {pages}")


def test_built_site_has_exactly_the_checked_pages(built_site: Path) -> None:
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    expected = {page.html_file for page in PAGES}
    assert built == expected, (
        "The built site and the pages these tests visit differ.\n"
        f"  built but not checked: {sorted(built - expected)}\n"
        f"  expected but not built: {sorted(expected - built)}\n"
        "Pages are read from `nav` in mkdocs.yml (tests/support/static_site.py); put "
        "every page in nav, or teach site_pages() about the new kind of page."
    )


@pytest.mark.parametrize("page", PAGES, ids=[p.url for p in PAGES])
def test_internal_links_resolve(
    built_site: Path, page: Page, external_links: dict[str, set[str]]
) -> None:
    html = built_site / page.html_file
    problems = []
    for tag, url in parse(html).links:
        scheme = urlsplit(url).scheme.lower()
        if scheme in UNCHECKED_SCHEMES:
            continue
        if scheme in EXTERNAL_SCHEMES or url.startswith("//"):
            external_links[url].add(page.url)
            continue
        if problem := problem_with(built_site, page, tag, url):
            problems.append(f"<{tag}> {problem}")
    assert not problems, (
        f"{page.url} (from {page.source_name}) has links that go nowhere:\n  "
        + "\n  ".join(problems)
    )
