"""Contract 5 in a real browser: every page of the built site, as a reader gets it.

Debian's Chromium, driven by Playwright, opens each page from a local server
(127.0.0.1, gzip like GitHub Pages) in a fresh browser context, so nothing is
cached between pages. Each page is visited once (tests/support/browser.py); the
tests below read what that visit recorded. Chromium resolves no host name but
127.0.0.1, so a request to another host is recorded and fails at once instead
of reaching the network.

Set SCREENSHOT_DIR to keep a full-page screenshot of every page (the GitHub
workflow uploads them), and CHROMIUM_PATH to use another Chromium binary.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.browser import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH_ENV,
    COPY_BUTTON,
    DEFAULT_CHROMIUM,
    NOTEBOOK_COPY_ELEMENT,
    PAGE_TIMEOUT_MS,
    VIEWPORT,
    Visit,
    short,
    visit_page,
)
from tests.support.static_site import Page, serve, site_pages, summary_section

pytestmark = pytest.mark.browser

PAGES = site_pages()
PAGE_IDS = [page.url for page in PAGES]

SEARCH_TERMS = ["GIL", "asyncio", "Lock"]
SEARCH_TIMEOUT_MS = 15_000
# Material's result header once a query ran: "3 matching documents", "No matching…"
SEARCH_DONE = re.compile(r"matching document", re.I)

# For the click test: which button, and the text its block shows a reader.
COPY_CASES = {
    "page": (COPY_BUTTON, "b => b.closest('pre').querySelector('code').textContent"),
    "notebook": (
        NOTEBOOK_COPY_ELEMENT,
        "b => b.closest('.jp-InputArea')"
        ".querySelector('.highlight-ipynb > pre').textContent",
    ),
}

KB = 1000
# A page's own weight plus what every page loads: the theme's scripts and the
# search index, which grows with the site (176 KB gzipped with ten guides).
PAGE_BUDGET_KB = 350
NOTEBOOK_BUDGET_KB = 800
BUDGET_KEY = "page_weight_budget_kb"
REASON_KEY = "page_weight_reason"
BIGGEST_SHOWN = 5
# Chromium's console line for a failed request; the test names the URL instead.
RESOURCE_ERROR = "Failed to load resource"


# --- Fixtures: one server, one browser, one visit per page -------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get(CHROMIUM_PATH_ENV, DEFAULT_CHROMIUM)
    found = shutil.which(path)
    if found is None:
        pytest.fail(
            f"No Chromium at {path}. The browser tests drive Debian's Chromium, "
            "never a downloaded one: `apt-get install -y chromium` (Debian/Ubuntu), "
            f"or set {CHROMIUM_PATH_ENV} to a Chromium or Chrome binary. Do not "
            "run `playwright install`.",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="module")
def base_url(built_site: Path):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path: str, base_url: str):
    """One Chromium for this module, already past its first page.

    The first page a browser opens starts its long-lived helper processes
    (network, storage, GPU); opening one here keeps them out of the first
    test's leak check. Later pages' renderers exit with their context.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = chromium.new_context()
            context.new_page().goto(base_url + "/", wait_until="load")
            context.close()
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def visited(browser, base_url: str, built_site: Path):
    """visited(page) -> the Visit of that page, made on first request."""
    visits: dict[str, Visit] = {}

    def get(page: Page) -> Visit:
        if page.url not in visits:
            visits[page.url] = visit_page(browser, base_url, built_site, page)
        visit = visits[page.url]
        if visit.error:
            pytest.fail(f"{page.url} did not load: {visit.error}", pytrace=False)
        return visit

    return get


@pytest.fixture(scope="module")
def weight_table(request: pytest.FixtureRequest):
    section = summary_section(
        request.config,
        "page weight (bytes the browser received; gzip as GitHub Pages serves)",
    )
    section.lines.append(
        f"{'page':<44} {'kind':<9} {'reqs':>4} {'over wire':>10} "
        f"{'unzipped':>10} {'budget':>8}"
    )
    return section.lines


@pytest.fixture
def tab(browser, base_url: str):
    """A fresh tab on the home page, for interactive checks."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(base_url + "/", wait_until="networkidle")
        yield page
    finally:
        context.close()


# --- One test per contract, one case per page --------------------------------


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_no_errors(visited, page: Page) -> None:
    visit = visited(page)
    failed = visit.failed_requests
    problems = [
        *(f"uncaught: {error}" for error in visit.page_errors),
        *(
            f"console error: {short(text)} (at {short(where)})"
            for text, where in visit.console_errors
            # Chromium's line for a failed request: listed below with its reason.
            if not (text.startswith(RESOURCE_ERROR) and where in failed)
        ),
        *(f"failed request: {short(url)}: {why}" for url, why in failed.items()),
    ]
    assert not problems, (
        f"{page.url} (from {page.source_name}) logged errors or failed to load "
        "something:\n  " + "\n  ".join(problems)
    )


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_no_request_leaves_localhost(visited, page: Page) -> None:
    other_hosts = visited(page).other_hosts
    assert not other_hosts, (
        f"{page.url} (from {page.source_name}) asked another host for:\n  "
        + "\n  ".join(short(url) for url in other_hosts)
        + "\nReaders' browsers would call these hosts. Vendor the file under "
        "docs/assets/ (see DESIGN.md, contract 5) and load it from there."
    )


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_code_blocks_have_copy_button(visited, page: Page) -> None:
    code = visited(page).code
    assert not code["blocksWithoutButton"], (
        f"{page.url}: {len(code['blocksWithoutButton'])} of {code['blocks']} code "
        f"blocks have no copy button ({COPY_BUTTON}); is `content.code.copy` still "
        "in theme.features in mkdocs.yml? Blocks starting:\n  "
        + "\n  ".join(code["blocksWithoutButton"])
    )
    if code["cells"]:
        assert code["copyElementDefined"], (
            f"{page.url}: notebook code cells have <{NOTEBOOK_COPY_ELEMENT}> buttons, "
            "but the page never defined that element, so they do nothing"
        )
    assert not code["cellsWithoutButton"], (
        f"{page.url}: notebook cells whose <{NOTEBOOK_COPY_ELEMENT}> button is "
        "missing or copies other text than the cell shows:\n  "
        + "\n  ".join(code["cellsWithoutButton"])
    )


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_images_and_charts_load(visited, page: Page) -> None:
    broken = [m for m in visited(page).media if not m["ok"]]
    assert not broken, (
        f"{page.url} (from {page.source_name}) shows images or charts that did "
        "not load:\n  "
        + "\n  ".join(f"<{m['tag']}> {short(m['src'])} ({m['detail']})" for m in broken)
    )


def budget_of(page: Page) -> tuple[int, str]:
    """The page's weight budget in KB, and where it comes from."""
    meta = page.front_matter()
    if BUDGET_KEY not in meta:
        if page.is_notebook:
            return NOTEBOOK_BUDGET_KB, "the notebook-page default"
        return PAGE_BUDGET_KB, "the default for a page"
    reason = str(meta.get(REASON_KEY) or "").strip()
    if not reason:
        pytest.fail(
            f"{page.source_name} sets {BUDGET_KEY} but gives no {REASON_KEY}: say "
            "in its front matter why this page may weigh more than others.",
            pytrace=False,
        )
    return int(meta[BUDGET_KEY]), f"{page.source_name}: {reason}"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_weight(visited, weight_table: list[str], page: Page) -> None:
    visit = visited(page)
    budget_kb, why = budget_of(page)
    weight_kb = visit.transferred / KB
    kind = "notebook" if page.is_notebook else "page"
    weight_table.append(
        f"{page.url:<44} {kind:<9} {len(visit.resources):>4} {weight_kb:>7.0f} KB "
        f"{visit.uncompressed / KB:>7.0f} KB {budget_kb:>5} KB"
    )
    biggest = sorted(visit.resources, key=lambda r: -r.transferred)[:BIGGEST_SHOWN]
    assert weight_kb <= budget_kb, (
        f"{page.url} loads {weight_kb:.0f} KB, over its budget of {budget_kb} KB "
        f"({why}). Biggest resources:\n  "
        + "\n  ".join(
            f"{r.transferred / KB:7.1f} KB  {short(urlsplit(r.url).path)}"
            for r in biggest
        )
        + f"\nMake the page lighter, or give its front matter `{BUDGET_KEY}: N` "
        f"and `{REASON_KEY}: <why>`."
    )


# --- Interactive checks: search, dark mode, a copy button's click -------------


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_finds(tab, term: str) -> None:
    box = tab.locator("input.md-search__input")
    box.click()
    # Material searches on key events; fill() alone would not trigger it.
    box.press_sequentially(term)
    meta = tab.locator(".md-search-result__meta")
    meta.filter(has_text=SEARCH_DONE).wait_for(timeout=SEARCH_TIMEOUT_MS)
    results = tab.locator(".md-search-result__item")
    assert results.count() > 0, (
        f"Searching the site for {term!r} found nothing ({meta.inner_text()!r}). "
        f"Readers search for {term!r}; a page should mention it, or the search "
        "index (search/search_index.json) is broken."
    )


def test_dark_mode_toggle(tab) -> None:
    def scheme() -> str:
        return tab.evaluate("document.body.getAttribute('data-md-color-scheme')")

    def background() -> str:
        return tab.evaluate("getComputedStyle(document.body).backgroundColor")

    assert scheme() == "default", f"the site opens in {scheme()!r}, not 'default'"
    light = background()
    tab.locator("label[for='__palette_1']").click()
    tab.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    dark = background()
    assert dark != light, f"slate scheme set, but the background stayed {light}"
    tab.locator("label[for='__palette_0']").click()
    tab.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert background() == light


@pytest.mark.parametrize("kind", COPY_CASES)
def test_copy_button_copies_what_the_block_shows(
    browser, base_url: str, visited, kind: str
) -> None:
    button, shown_text_js = COPY_CASES[kind]
    counter = "cells" if kind == "notebook" else "blocks"
    page = next(
        (
            p
            for p in PAGES
            if p.is_notebook == (kind == "notebook") and visited(p).code[counter]
        ),
        None,
    )
    if page is None:
        pytest.skip(f"no {kind} on the site has a code block yet")
    context = browser.new_context(
        viewport=VIEWPORT, permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        tab = context.new_page()
        tab.goto(base_url + page.url, wait_until="networkidle")
        buttons = tab.locator(button)
        if buttons.count() == 0:
            pytest.fail(f"{page.url} has code but no {button}", pytrace=False)
        first = buttons.first
        shown = first.evaluate(shown_text_js)
        first.hover()
        first.click()
        copied = tab.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    assert copied.rstrip() == shown.rstrip(), (
        f"The first copy button on {page.url} copies other text than its block "
        f"shows.\n--- shown ---\n{shown[:400]}\n--- copied ---\n{copied[:400]}"
    )
