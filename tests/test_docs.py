"""Contract 1 over the pages: no inline Python, no orphans, whole file in reach."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.harness import all_examples
from tests.support.markdown import Block, fenced_blocks
from tests.support.static_site import site_pages
from tools.project import DOCS, EXAMPLES, HELPERS_DIR, ROOT, prose_pages, shown

pytestmark = pytest.mark.docs

PAGES = prose_pages()
PYTHON_LANGS = {"py", "python", "python3", "pycon", "py3"}
SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')


def fences(page: Path) -> list[Block]:
    return fenced_blocks(page.read_text(encoding="utf-8"), shown(page))


def snippet_targets(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [m["target"] for line in text.splitlines() if (m := SNIPPET.match(line))]


@pytest.mark.parametrize("page", PAGES, ids=[shown(p) for p in PAGES])
def test_no_inline_python(page: Path) -> None:
    for block in fences(page):
        if block.lang not in PYTHON_LANGS:
            continue
        typed = [b for b in block.body if b.strip() and not SNIPPET.match(b)]
        assert not typed, (
            f"{shown(page)}:{block.line} has Python typed into the page. Move it to a "
            f"file under examples/<guide folder>/ (it will be run and its output "
            f'checked) and include it with --8<-- "examples/.../file.py".'
        )


@pytest.mark.parametrize("page", PAGES, ids=[shown(p) for p in PAGES])
def test_region_includes_name_their_file(page: Path) -> None:
    """A block that shows part of a file names the whole file in its title."""
    for block in fences(page):
        for entry in block.body:
            match = SNIPPET.match(entry)
            if not match or ":" not in match["target"]:
                continue
            path = match["target"].split(":")[0]
            assert path in block.attrs, (
                f"{shown(page)}:{block.line} shows a region of {path}; give the block "
                f'title="{path}" so the whole file is one click away.'
            )


def included_files() -> set[str]:
    included = set()
    for page in PAGES:
        included |= {t.split(":")[0] for t in snippet_targets(page)}
    # Notebooks are pages of their own: docs/notebooks/x.py -> examples/.../x.py
    for link in (DOCS / "notebooks").glob("*.py"):
        included.add(shown(link.resolve()))
    return included


def test_every_example_is_shown() -> None:
    included = included_files()
    orphans = [e.rel for e in all_examples() if e.rel not in included]
    assert not orphans, (
        "Examples that no page includes (readers never see them):\n  "
        + "\n  ".join(orphans)
        + '\nInclude each from its guide with --8<-- "<path>" (the guide whose '
        "number starts the folder name), or delete it. Helpers belong in "
        f"examples/{HELPERS_DIR}/."
    )


def test_every_include_exists() -> None:
    missing = []
    for page in PAGES:
        for target in snippet_targets(page):
            path = target.split(":")[0]
            if not (ROOT / path).is_file():
                missing.append(f"{shown(page)} includes {path}")
    assert not missing, "Snippets point at files that do not exist:\n  " + "\n  ".join(
        missing
    )


def test_helpers_are_not_imported_by_whole_file_examples() -> None:
    """A reader copies a shown file whole: it must not need a project module."""
    offenders = []
    for example in all_examples():
        text = example.path.read_text(encoding="utf-8")
        if re.search(rf"^\s*(from|import)\s+{HELPERS_DIR}\b", text, re.M):
            offenders.append(example.rel)
    assert not offenders, (
        f"These examples import examples/{HELPERS_DIR}/, so a reader's copy will "
        "not run: " + ", ".join(offenders)
    )


def test_examples_folder_layout() -> None:
    """examples/NN_topic/ folders mirror the guides' numbers."""
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        if folder.name in (HELPERS_DIR, "__pycache__"):
            continue
        assert re.fullmatch(r"\d\d_[a-z0-9_]+", folder.name), (
            f"examples/{folder.name}: name example folders NN_topic after their guide"
        )


def test_nav_lists_every_prose_page() -> None:
    """mkdocs.yml's nav and tools.project.prose_pages() name the same pages."""
    in_nav = {p.source for p in site_pages() if p.source and p.source.suffix == ".md"}
    written = set(PAGES)
    assert in_nav == written, (
        f"Pages under docs/ but not in nav: {sorted(map(shown, written - in_nav))}; "
        f"in nav but not prose: {sorted(map(shown, in_nav - written))}. Add each "
        "page to nav in mkdocs.yml, or, for a generated fragment, keep it under "
        "one of tools.project.NOT_PROSE."
    )
