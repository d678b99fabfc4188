"""What a reader copies from the built site is the tested file, and it runs alone.

Every code block on the built pages that names a file in its title is compared
with that file (whole) or with one of its `--8<--` regions. A whole-file block
is then saved into an empty folder and run with a fresh interpreter, exactly as
a reader who pressed the copy button would.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.harness import Example, read_headers, run_script
from tools.project import ROOT

pytestmark = pytest.mark.copy_paste

REGION = re.compile(
    r"^[ \t]*# --8<-- \[start:(?P<name>[\w-]+)\][ \t]*\n(?P<body>.*?)"
    r"^[ \t]*# --8<-- \[end:(?P=name)\][ \t]*$",
    re.M | re.S,
)


VOID_TAGS = {"br", "img", "input", "wbr"}  # tags with no end tag


class CodeBlocks(HTMLParser):
    """Collects (title, code text) for each highlighted block with a title."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self._title: str | None = None
        self._in_title = False
        self._in_code = 0
        self._code: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "span" and "filename" in classes:
            self._in_title, self._title = True, ""
        elif tag == "code" and self._title is not None:
            self._in_code, self._code = 1, []
        elif self._in_code and tag not in VOID_TAGS:
            self._in_code += 1

    def handle_endtag(self, tag: str) -> None:
        if self._in_title and tag == "span":
            self._in_title = False
        elif self._in_code:
            self._in_code -= 1
            if self._in_code == 0:
                self.blocks.append((self._title.strip(), "".join(self._code)))
                self._title = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title += data
        elif self._in_code:
            self._code.append(data)


def titled_blocks(site: Path) -> list[tuple[str, str, str]]:
    """(page, title, code) for every titled code block on the built site."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = CodeBlocks()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [(page.relative_to(site).as_posix(), t, c) for t, c in parser.blocks]
    return found


def regions(source: str) -> dict[str, str]:
    return {m["name"]: textwrap.dedent(m["body"]) for m in REGION.finditer(source)}


def test_copied_blocks_match_their_files(built_site: Path) -> None:
    problems = []
    for page, title, code in titled_blocks(built_site):
        path = ROOT / title
        if not path.is_file():
            continue  # a title that is not a file path (a shell session, say)
        source = path.read_text(encoding="utf-8")
        if code.strip("\n") == source.strip("\n"):
            continue
        if code.strip("\n") not in (r.strip("\n") for r in regions(source).values()):
            problems.append(
                f"{page}: the block titled {title} is neither the file "
                "nor one of its --8<-- regions"
            )
    assert not problems, "\n".join(problems) + (
        "\nInclude the whole file, or a named region, with --8<--; never paste code."
    )


def whole_file_blocks(site: Path) -> list[tuple[str, str]]:
    blocks = {}
    for _page, title, code in titled_blocks(site):
        path = ROOT / title
        is_file = path.suffix == ".py" and path.is_file()
        if is_file and code.strip("\n") == path.read_text("utf-8").strip("\n"):
            blocks[title] = code
    return sorted(blocks.items())


def test_copied_files_run_alone(built_site: Path, tmp_path: Path) -> None:
    """Each whole-file block, saved alone into an empty folder, exits 0."""
    failures = []
    for title, code in whole_file_blocks(built_site):
        example = Example(ROOT / title, read_headers(ROOT / title))
        if example.skip_reason():
            continue
        folder = tmp_path / title.replace("/", "_")
        folder.mkdir()
        copy = folder / Path(title).name
        copy.write_text(code, encoding="utf-8")
        run = run_script(copy)
        if run.returncode != 0 or run.leaked:
            failures.append(
                f"{title}: copied alone it exited with {run.returncode}"
                f"{' and left ' + str(run.leaked) if run.leaked else ''}:\n"
                f"{run.stderr[-2000:]}"
            )
        shutil.rmtree(folder)
    assert not failures, (
        "\n".join(failures) + "\nA shown file must run without the project "
        "around it: no imports from examples/_shared/, tools/ or tests/."
    )
    if not whole_file_blocks(built_site):
        pytest.fail("the built site shows no whole example file; check the includes")
