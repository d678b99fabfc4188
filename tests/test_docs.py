"""Contract 1 over the pages: every Python block is a whole, titled, tested file;
no example goes unshown; no shown example needs a project helper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.harness import all_examples
from tests.support.markdown import fenced_blocks
from tests.support.static_site import site_pages
from tools.project import (
    DOCS,
    EXAMPLES,
    HELPERS_DIR,
    ROOT,
    example_files,
    imported_modules,
    prose_pages,
    shown,
)

pytestmark = pytest.mark.docs

PAGES = prose_pages()
PYTHON_LANGS = {"py", "python", "python3", "pycon", "py3"}
SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')
TITLE = re.compile(r'\btitle="([^"]*)"')


def snippet_targets(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [m["target"] for line in text.splitlines() if (m := SNIPPET.match(line))]


def python_block_problems(text: str, source: str) -> list[str]:
    """Every Python block is one include of a whole file, titled with its path,
    so the page shows what the tests ran and the copy-paste test can compare it."""
    problems = []
    for block in fenced_blocks(text, source):
        if block.lang not in PYTHON_LANGS:
            continue
        where = f"{source}:{block.line}"
        includes = [m["target"] for b in block.body if (m := SNIPPET.match(b))]
        title = TITLE.search(block.attrs)
        if any(b.strip() and not SNIPPET.match(b) for b in block.body):
            problems.append(
                f"{where} has Python typed into the page. Move it to a file under "
                "examples/<guide folder>/ (it will be run and its output checked) "
                'and include it with --8<-- "examples/.../file.py".'
            )
        elif len(includes) != 1:
            problems.append(
                f"{where} includes {len(includes)} files; give each file its own "
                "block, titled with its path."
            )
        elif ":" in includes[0]:
            problems.append(
                f"{where} shows part of a file ({includes[0]}); include the whole "
                "file: readers copy whole files, and the tests run whole files."
            )
        elif not title or title[1] != includes[0]:
            problems.append(
                f'{where} includes {includes[0]}; title the block title="'
                f'{includes[0]}" so readers see which file it is and the copy-paste '
                "test compares it."
            )
    return problems


@pytest.mark.parametrize("page", PAGES, ids=[shown(p) for p in PAGES])
def test_python_blocks_are_titled_whole_files(page: Path) -> None:
    problems = python_block_problems(page.read_text(encoding="utf-8"), shown(page))
    assert not problems, "\n".join(problems)


def included_files() -> set[str]:
    included = set()
    for page in PAGES:
        included |= set(snippet_targets(page))
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
            if not (ROOT / target).is_file():
                missing.append(f"{shown(page)} includes {target}")
    assert not missing, "Snippets point at files that do not exist:\n  " + "\n  ".join(
        missing
    )


def helper_importers(files: list[Path]) -> list[str]:
    """Those of `files` that import a helper from examples/_shared/."""
    offenders = []
    for path in files:
        modules = imported_modules(path.read_text(encoding="utf-8"), str(path))
        tops = {m.split(".")[0] for m in modules}
        if HELPERS_DIR in tops or any(
            m.startswith(f"examples.{HELPERS_DIR}") for m in modules
        ):
            offenders.append(shown(path))
    return offenders


def test_helpers_are_not_imported_by_whole_file_examples() -> None:
    """A reader copies a shown file whole: it must not need a project module."""
    offenders = helper_importers(example_files())
    assert not offenders, (
        f"These examples import examples/{HELPERS_DIR}/, so a reader's copy will "
        "not run: " + ", ".join(offenders) + ". Copy the helper's lines into the "
        "example (it is shown whole), or stop showing it."
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
