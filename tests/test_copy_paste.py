"""What a reader copies from the built site is the tested file, and it runs alone.

Every titled code block on the built pages must be the whole file its title
names (test_docs.py makes every Python block such a block). Each in-process
example is then saved into an empty folder and run with a fresh interpreter,
exactly as a reader who pressed the copy button would; the examples tier runs
every script that way already.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.harness import Example, read_headers, run_script
from tools.project import ROOT

pytestmark = pytest.mark.copy_paste

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
                title = self._title or ""
                self.blocks.append((title.strip(), "".join(self._code)))
                self._title = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title = (self._title or "") + data
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


def copy_problems(blocks: list[tuple[str, str, str]], root: Path = ROOT) -> list[str]:
    """Why the (page, title, code) blocks are not what a reader should copy."""
    if not blocks:
        return [
            "the built site has no code block titled with a file: is "
            "pymdownx.highlight still rendering titles (span.filename)?"
        ]
    problems = []
    for page, title, code in blocks:
        path = root / title
        if not path.is_file():
            problems.append(
                f"{page}: a block is titled {title!r}, which names no file; title "
                "each block with the path of the file it includes."
            )
        elif code.strip("\n") != path.read_text(encoding="utf-8").strip("\n"):
            problems.append(
                f"{page}: the block titled {title} is not that file; include the "
                f'whole file with --8<-- "{title}", never paste code.'
            )
    return problems


def test_copied_blocks_match_their_files(built_site: Path) -> None:
    problems = copy_problems(titled_blocks(built_site))
    assert not problems, "\n".join(problems)


def whole_file_blocks(site: Path) -> list[tuple[str, str]]:
    blocks = {}
    for _page, title, code in titled_blocks(site):
        path = ROOT / title
        is_file = path.suffix == ".py" and path.is_file()
        if is_file and code.strip("\n") == path.read_text("utf-8").strip("\n"):
            blocks[title] = code
    return sorted(blocks.items())


def test_copied_files_run_alone(built_site: Path, tmp_path: Path) -> None:
    """Each whole-file block of an in-process example, saved alone into an
    empty folder and run as a script, exits with status 0. (Scripts are run
    alone, and their output checked, by the examples tier.)"""
    failures = []
    for title, code in whole_file_blocks(built_site):
        example = Example(ROOT / title, read_headers(ROOT / title))
        # A script already ran alone: the examples tier runs each one from a
        # copy in an empty folder, and the block equals the file (above).
        if example.skip_reason() or example.runs_as_script:
            continue
        folder = tmp_path / title.replace("/", "_")
        folder.mkdir()
        copy = folder / Path(title).name
        copy.write_text(code, encoding="utf-8")
        run = run_script(copy, start_method=example.start_method)
        if run.returncode != example.expected_exit or run.leaked:
            failures.append(
                f"{title}: copied alone it exited with {run.returncode} (its "
                f"header declares {example.expected_exit})"
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
