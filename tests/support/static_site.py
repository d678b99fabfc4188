"""The built site as the tests see it: the `built_site` fixture (one strict
build per run), its pages, their sources, a local server.

The page list comes from `nav` in mkdocs.yml: with `validation.omitted_files`
set to warn, the strict build fails on any page left out of nav, so nav plus
the theme's 404 page is every page. `test_links.py` checks that the built site
holds exactly these pages, so a page the list misses fails loudly instead of
going untested. The Markdown pages a person wrote are defined once, by
tools.project.prose_pages(); `test_docs.py` checks nav lists exactly those.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.support import tiers
from tools.project import DOCS, ROOT

NOTEBOOK_SUFFIXES = {".py", ".ipynb"}
NOT_FOUND_PAGE = "404.html"
# What GitHub Pages sends gzip-compressed; the local server does the same, so
# the bytes a test counts are the bytes a reader downloads.
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}
CONTENT_TYPES = {  # explicit: some systems map .js/.mjs to text/plain
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class Page:
    url: str  # path on the site, "/" for the home page
    source: Path | None  # the file under docs/ it was built from

    @property
    def is_notebook(self) -> bool:
        return self.source is not None and self.source.suffix in NOTEBOOK_SUFFIXES

    @property
    def html_file(self) -> str:
        """Where the page sits inside the built site."""
        return self.url.lstrip("/") + ("index.html" if self.url.endswith("/") else "")

    @property
    def source_name(self) -> str:
        return self.source.relative_to(ROOT).as_posix() if self.source else "theme"

    def front_matter(self) -> dict:
        """The page's YAML front matter (Markdown sources only)."""
        if self.source is None or self.source.suffix != ".md":
            return {}
        from mkdocs.utils.meta import get_data

        return get_data(self.source.read_text(encoding="utf-8"))[1]


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what its !tags name."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _nav_sources(entry) -> Iterator[str]:
    if isinstance(entry, str):
        if "://" not in entry:
            yield entry
    elif isinstance(entry, list):
        for item in entry:
            yield from _nav_sources(item)
    elif isinstance(entry, dict):
        for value in entry.values():
            yield from _nav_sources(value)


def url_of(source: str) -> str:
    """The URL MkDocs gives a source file (use_directory_urls)."""
    stem = source.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    elif stem == "README" or stem.endswith("/README"):
        stem = stem[: -len("README")]
    else:
        stem += "/"
    return "/" + stem.lstrip("/")


def site_pages() -> list[Page]:
    """Every page of the site: nav entries, then the 404 page."""
    config = yaml.load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags
    )
    pages = [Page(url_of(src), DOCS / src) for src in _nav_sources(config["nav"])]
    return [*pages, Page("/" + NOT_FOUND_PAGE, None)]


def file_for(site: Path, url_path: str) -> Path:
    """The file a URL path on the local server maps to."""
    path_part = unquote(urlsplit(url_path).path)
    path = site / path_part.lstrip("/")
    return path / "index.html" if path.is_dir() or path_part.endswith("/") else path


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site quietly, gzip-compressing text like GitHub Pages does."""

    extensions_map = {  # noqa: RUF012 (the base class declares it)
        **SimpleHTTPRequestHandler.extensions_map,
        **CONTENT_TYPES,
    }

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED_SUFFIXES and path.is_file()):
            super().do_GET()
            return
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, name="static-site-server", daemon=False
    )
    thread.start()
    try:
        host, port = str(server.server_address[0]), server.server_address[1]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


class SummarySection:
    """Lines for a section of pytest's terminal summary, printed at the end.

    Registered as a plugin by a fixture, so a normal run shows it (no `-s`).
    """

    def __init__(self, title: str) -> None:
        self.title = title
        self.lines: list[str] = []

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.lines:
            terminalreporter.section(self.title)
            for line in self.lines:
                terminalreporter.write_line(line)


def summary_section(config, title: str) -> SummarySection:
    """The section called `title`, registered with pytest on first use."""
    name = f"summary-section:{title}"
    section = config.pluginmanager.get_plugin(name)
    if section is None:
        section = SummarySection(title)
        config.pluginmanager.register(section, name)
    return section


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per run with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(
            "`mkdocs build --strict` failed; fix each WARNING/ERROR below (a "
            "missing snippet names the page and the path it looked for):\n"
            + result.stderr[-6000:],
            pytrace=False,
        )
    tiers.notes.append(
        f"(the strict site build took {time.monotonic() - started:.1f} s, counted "
        "in the tier of the first test that needed the site)"
    )
    return site
