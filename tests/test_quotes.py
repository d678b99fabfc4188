"""Contract 2, failures: an error, warning or log text that a page quotes is
one an example on that page recorded, or it is marked `{ .cited }`.

tests/support/quotes.py says what counts as a quote; the run ends with how many
each page has.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.quotes import Quote, check_page, record_count
from tools.project import prose_pages, shown

pytestmark = pytest.mark.docs

PAGES = prose_pages()


@pytest.mark.parametrize("page", PAGES, ids=[shown(p) for p in PAGES])
def test_quoted_texts_come_from_recordings(page: Path) -> None:
    quotes, problems = check_page(page.read_text(encoding="utf-8"), shown(page))
    record_count(shown(page), quotes, len(problems))
    print(f"{shown(page)}: {len(quotes)} quoted texts found")
    assert not problems, "\n".join(problems)


WORD = re.compile(r"[A-Za-z]{4,}")


def changed_one_word(quote: Quote) -> tuple[str, str, str]:
    """(the page's characters for the quote, the same with its longest word
    changed, the changed word)."""
    word = max(WORD.findall(quote.raw), key=len)
    new = word + "x"
    return quote.raw, quote.raw.replace(word, new, 1), new


PAGES_WITH_QUOTES = [
    p
    for p in PAGES
    if any(not q.cited for q in check_page(p.read_text("utf-8"), "")[0])
]


@pytest.mark.parametrize(
    "page", PAGES_WITH_QUOTES, ids=[shown(p) for p in PAGES_WITH_QUOTES]
)
def test_a_quote_with_one_word_changed_is_caught(page: Path) -> None:
    """Each quote the check found, changed by one word in the page: the check
    then fails on that page, naming the changed text."""
    text = page.read_text(encoding="utf-8")
    quotes, problems = check_page(text, shown(page))
    assert not problems
    for quote in [q for q in quotes if not q.cited]:
        raw, changed, new_word = changed_one_word(quote)
        assert raw in text, f"{quote} is not the page's own characters"
        _, problems = check_page(text.replace(raw, changed, 1), shown(page))
        assert [p for p in problems if new_word in p], (
            f"changing {raw!r} to {changed!r} went unnoticed"
        )
