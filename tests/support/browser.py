"""One visit of a built page in Debian's Chromium, driven by Playwright: what
the browser tests check is recorded here, once per page."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.static_site import Page, file_for

CHROMIUM_PATH_ENV = "CHROMIUM_PATH"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # Any host but the test server fails to resolve: nothing leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL_HOST = "127.0.0.1"
NETWORK_SCHEMES = {"http", "https", "ws", "wss"}
VIEWPORT = {"width": 1280, "height": 900}
PAGE_TIMEOUT_MS = 30_000
SCREENSHOT_DIR_ENV = "SCREENSHOT_DIR"

# Material 9.8 draws its copy button as a <button data-md-type="copy"> inside
# each <pre>; older releases used button.md-clipboard. Either counts.
COPY_BUTTON = 'button.md-clipboard, button.md-code__button[data-md-type="copy"]'
# mkdocs-jupyter gives each notebook code cell its own button: a
# <clipboard-copy for="cell-N"> element that copies the hidden div#cell-N.
NOTEBOOK_COPY_ELEMENT = "clipboard-copy"
SHOWN_TEXT = 120  # characters of a console message or URL in a failure message


# --- What one visit records --------------------------------------------------


@dataclass
class Resource:
    url: str
    transferred: int  # body bytes as received (gzip-encoded where served so)
    uncompressed: int  # the file's size in the built site


@dataclass
class Visit:
    page: Page
    error: str | None = None  # the page did not load at all
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # text, at
    page_errors: list[str] = field(default_factory=list)
    failed_requests: dict[str, str] = field(default_factory=dict)  # url: why
    other_hosts: list[str] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    media: list[dict] = field(default_factory=list)
    code: dict = field(default_factory=dict)

    @property
    def transferred(self) -> int:
        return sum(r.transferred for r in self.resources)

    @property
    def uncompressed(self) -> int:
        return sum(r.uncompressed for r in self.resources)


# Runs in the page: load every image (lazy ones too) and report what arrived.
MEDIA_JS = """async () => {
  const found = [];
  for (const img of document.querySelectorAll("img")) {
    img.loading = "eager";
    try { await img.decode(); } catch (e) {}
    found.push({tag: "img", src: img.currentSrc || img.getAttribute("src") || "",
                ok: img.complete && img.naturalWidth > 0,
                detail: `naturalWidth=${img.naturalWidth}`});
  }
  for (const obj of document.querySelectorAll("object")) {
    let root = null;
    try { root = obj.contentDocument?.documentElement?.nodeName || null; } catch (e) {}
    const isSvg = /\\.svg([?#]|$)/i.test(obj.data);
    const {width, height} = obj.getBoundingClientRect();
    found.push({tag: "object", src: obj.data,
                ok: root !== null && (!isSvg || root.toLowerCase() === "svg"),
                detail: `document=${root}, ${width.toFixed()}x${height.toFixed()} px`});
  }
  return found;
}"""

# Runs in the page: which code blocks lack the copy button a reader expects.
CODE_JS = """([copyButton, notebookCopy]) => {
  const firstLine = (el) => el.textContent.trim().split("\\n")[0].slice(0, 60);
  const blocks = [...document.querySelectorAll("pre > code")]
    .filter((code) => !code.closest(".mermaid"));
  const cells = [...document.querySelectorAll(".jp-InputArea .highlight-ipynb > pre")];
  return {
    blocks: blocks.length,
    blocksWithoutButton: blocks
      .filter((code) => !code.parentElement.querySelector(copyButton))
      .map(firstLine),
    cells: cells.length,
    copyElementDefined: !!customElements.get(notebookCopy),
    cellsWithoutButton: cells.filter((pre) => {
      const area = pre.closest(".jp-InputArea");
      const button = area && area.querySelector(notebookCopy);
      const source = button && document.getElementById(button.getAttribute("for"));
      return !source || source.textContent.trim() !== pre.textContent.trim();
    }).map(firstLine),
  };
}"""


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_TEXT else text[: SHOWN_TEXT - 1] + "…"


def is_other_host(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and parts.hostname != LOCAL_HOST


def screenshot_path(page: Page) -> Path | None:
    folder = os.environ.get(SCREENSHOT_DIR_ENV)
    if not folder:
        return None
    name = page.url.strip("/").replace("/", "-").removesuffix(".html") or "index"
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder) / f"{name}.png"


def visit_page(browser, base_url: str, site: Path, page: Page) -> Visit:
    """Open `page` in a fresh context and record everything the tests check."""
    visit = Visit(page)
    responses = []
    failures = visit.failed_requests
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        tab = context.new_page()

        def on_console(message) -> None:
            if message.type in ("error", "assert"):
                where = message.location.get("url") or "?"
                visit.console_errors.append((message.text, where))

        def on_request(request) -> None:
            if is_other_host(request.url):
                visit.other_hosts.append(request.url)

        def on_failed(request) -> None:
            failures[request.url] = str(request.failure)

        def on_response(response) -> None:
            responses.append(response)
            if response.status >= 400:
                failures[response.url] = f"HTTP {response.status}"

        tab.on("console", on_console)
        tab.on("pageerror", lambda error: visit.page_errors.append(short(str(error))))
        context.on("request", on_request)
        context.on("requestfailed", on_failed)
        context.on("response", on_response)
        try:
            tab.goto(base_url + page.url, wait_until="networkidle")
            visit.media = tab.evaluate(MEDIA_JS)
            visit.code = tab.evaluate(CODE_JS, [COPY_BUTTON, NOTEBOOK_COPY_ELEMENT])
            if shot := screenshot_path(page):
                # Written here: with path=, Playwright writes from a worker
                # thread of its event loop that outlives the test.
                shot.write_bytes(tab.screenshot(full_page=True))
            tab.wait_for_load_state("networkidle")
        except Exception as error:  # a timeout or a crash: every test reports it
            visit.error = f"{type(error).__name__}: {short(str(error))}"
        for response in responses:
            visit.resources.append(measure(response, site))
    finally:
        context.close()
    return visit


def measure(response, site: Path) -> Resource:
    length = response.headers.get("content-length")
    if length is not None:
        transferred = int(length)
    else:
        try:
            transferred = len(response.body())
        except Exception:  # a redirect or an aborted response has no body
            transferred = 0
    local = None if is_other_host(response.url) else file_for(site, response.url)
    uncompressed = local.stat().st_size if local and local.is_file() else transferred
    return Resource(response.url, transferred, uncompressed)
