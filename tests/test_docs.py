"""Contract 1 over the pages: no inline Python, no orphans, whole file in reach."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.harness import DOCS, EXAMPLES, HELPERS_DIR, ROOT, all_examples

PAGES = sorted(DOCS.rglob("*.md"))
PYTHON_LANGS = {"py", "python", "python3", "pycon", "py3"}
FENCE_OPEN = re.compile(
    r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*\{?\.?(?P<lang>[\w+-]*)(?P<attrs>[^\n]*)$"
)
SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')


def fences(page: Path):
    """Yield (line number, language, attributes, body lines) per fenced block."""
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        start, closing = i, match["indent"] + match["fence"]
        i += 1
        body = []
        while i < len(lines) and lines[i].rstrip() != closing:
            body.append(lines[i])
            i += 1
        yield start + 1, match["lang"].lower(), match["attrs"], body
        i += 1


def snippet_targets(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [m["target"] for line in text.splitlines() if (m := SNIPPET.match(line))]


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("page", PAGES, ids=[relative(p) for p in PAGES])
def test_no_inline_python(page: Path) -> None:
    for line, lang, _attrs, body in fences(page):
        if lang not in PYTHON_LANGS:
            continue
        typed = [b for b in body if b.strip() and not SNIPPET.match(b)]
        assert not typed, (
            f"{relative(page)}:{line} has Python typed into the page. Move it to a "
            f"file under examples/<guide folder>/ (it will be run and its output "
            f'checked) and include it with --8<-- "examples/.../file.py".'
        )


@pytest.mark.parametrize("page", PAGES, ids=[relative(p) for p in PAGES])
def test_region_includes_name_their_file(page: Path) -> None:
    """A block that shows part of a file names the whole file in its title."""
    for line, _lang, attrs, body in fences(page):
        for entry in body:
            match = SNIPPET.match(entry)
            if not match or ":" not in match["target"]:
                continue
            path = match["target"].split(":")[0]
            assert path in attrs, (
                f"{relative(page)}:{line} shows a region of {path}; give the block "
                f'title="{path}" so the whole file is one click away.'
            )


def included_files() -> set[str]:
    included = set()
    for page in PAGES:
        included |= {t.split(":")[0] for t in snippet_targets(page)}
    # Notebooks are pages of their own: docs/notebooks/x.py -> examples/.../x.py
    for link in (DOCS / "notebooks").glob("*.py"):
        included.add(relative(link.resolve()))
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
                missing.append(f"{relative(page)} includes {path}")
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
