"""Error, warning and log texts that a page quotes, and where each comes from.

A quote is found in three places on a page:

- the title of a `!!! failure`, `!!! warning` (or `???`) admonition;
- a code span or an emphasis in the prose;
- a line of a fenced block of output (text, console, a traceback: not a
  diagram, not source) that is not an included file. A Python block is always
  an included file, so its lines are recordings, not quotes.

It is a quote when it looks like one: an exception or a warning with its
message (`RuntimeError: ...`, `concurrent.futures.process.BrokenProcessPool:
...`: a capitalised name, a colon, text), `Traceback (most recent call last)`,
an asyncio debug log line (`Executing <Task ...`), or a place in an example as
a traceback or a log names it (`name.py:12`). An admonition title that is one
code span is a quote whatever it says.

Each quote must appear, normalised like a recording and with its spaces
collapsed (a recorded message may span lines), in a recorded output of an
example the same page includes: the `#>` lines, or the Output and Stderr
blocks on any recorded Python. Or it is marked `{ .cited }` (`*text*{ .cited }`
or `` `text`{ .cited } ``), with its source linked beside it, when no
interpreter here can print it.

Registered from tests/conftest.py: the run ends with a line per page saying
how many quotes the check found there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.markdown import fenced_blocks, prose_lines
from tests.support.recorded import normalise_quote, split_recordings
from tools.project import ROOT

LOOKS_QUOTED = re.compile(
    r"(?:^|[\s.(<])_?[A-Z][A-Za-z0-9]*: \S"  # RuntimeError: x, a.BrokenProcessPool: x
    r"|^Traceback \(most recent call last\)"
    r"|^Executing <(?:Task|Handle)\b"  # asyncio debug mode's slow step
    r"|\b[\w-]+\.py:\d+\b"  # a line of a file, as a traceback or log names it
)
ADMONITION = re.compile(
    r"^\s*(?:!!!|\?\?\?\+?)\s+(?:failure|warning|danger|bug|error)\b[^\"]*\"(?P<title>[^\"]*)\""
)
# A code span or an emphasis, and the attribute list after it, if any.
SPAN = re.compile(
    r"(?P<raw>`(?P<code>[^`]+)`|(?<![*\w])\*(?P<em>[^*\s][^*]*?)\*(?![*\w]))"
    r"(?P<attrs>\{[^}\n]*\})?"
)
CITED = re.compile(r"\{:?\s*\.cited\s*\}")
SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')
# Fences that show what a program or a shell printed (not diagrams, not source).
OUTPUT_LANGS = {"", "text", "txt", "output", "console", "log", "pytb", "pycon"}
OUTPUT_LANGS |= {"sh", "shell", "bash", "shell-session"}
OUTPUT_LINE = re.compile(r"^\s*#>(?: (?P<text>.*))?$")


@dataclass(frozen=True)
class Quote:
    line: int  # where it starts on the page
    text: str  # as the reader sees it
    raw: str  # the page's characters for it (for the mutation test)
    cited: bool


def page_quotes(text: str) -> list[Quote]:
    """Every quoted error, warning or log text on a page, in page order."""
    found: list[Quote] = []
    prose = dict(prose_lines(text))
    # Admonition titles.
    for number, line in prose.items():
        if match := ADMONITION.match(line):
            title = match["title"].replace("`", "")
            whole_span = re.fullmatch(r"`[^`]+`", match["title"])
            if whole_span or LOOKS_QUOTED.search(title):
                found.append(Quote(number, title, match["title"], False))
    # Code spans and emphasis, over each paragraph (a span may wrap lines).
    for start, paragraph in _paragraphs(prose):
        for match in SPAN.finditer(paragraph):
            inner = match["code"] if match["code"] is not None else match["em"]
            inner = " ".join(inner.split())
            if ADMONITION.match(_line_at(paragraph, match.start())):
                continue  # the title, already counted
            if LOOKS_QUOTED.search(inner):
                cited = bool(match["attrs"] and CITED.search(match["attrs"]))
                number = start + paragraph.count("\n", 0, match.start())
                found.append(Quote(number, inner, match["raw"], cited))
    # Lines of output blocks that are not included files.
    for block in fenced_blocks(text):
        if block.lang not in OUTPUT_LANGS:
            continue
        if any(SNIPPET.match(line) for line in block.body):
            continue
        for offset, line in enumerate(block.body, start=1):
            if LOOKS_QUOTED.search(line):
                found.append(Quote(block.line + offset, line.strip(), line, False))
    return sorted(found, key=lambda q: q.line)


def _paragraphs(prose: dict[int, str]) -> list[tuple[int, str]]:
    """(first line, text) of each run of consecutive prose lines."""
    out: list[tuple[int, str]] = []
    for number in sorted(prose):
        if out and number == out[-1][0] + out[-1][1].count("\n") + 1:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + prose[number])
        else:
            out.append((number, prose[number]))
    return out


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def included_examples(text: str, root: Path = ROOT) -> list[Path]:
    """The example files a page includes."""
    paths = []
    for line in text.splitlines():
        if (match := SNIPPET.match(line)) and match["target"].startswith("examples/"):
            path = root / match["target"].split(":")[0]
            if path.suffix == ".py" and path.is_file():
                paths.append(path)
    return paths


def recorded_texts(path: Path) -> list[str]:
    """What an example's recordings say, one text per stream and Python
    version (for an in-process example, its `#>` lines), spaces collapsed."""
    source = path.read_text(encoding="utf-8")
    _code, blocks = split_recordings(source, str(path))
    texts = []
    for block in blocks.values():
        for version in block.versions or (None,):
            lines = block.expected(version) if version else None
            if lines is None:
                lines = [line.text for line in block.lines]
            texts.append("\n".join(lines))
    inline = [
        m["text"] or "" for ln in source.splitlines() if (m := OUTPUT_LINE.match(ln))
    ]
    if inline and not blocks:
        texts.append("\n".join(inline))
    return [" ".join(text.split()) for text in texts]


def quote_problems(quotes: list[Quote], texts: list[str], page: str) -> list[str]:
    """A line per quote that no recording on the page holds and no `{ .cited }`
    excuses."""
    problems = []
    for quote in quotes:
        if quote.cited or any(normalise_quote(quote.text) in t for t in texts):
            continue
        problems.append(
            f"{page}:{quote.line}: quotes {quote.text!r}, which no example on this "
            "page recorded. Quote the recorded text exactly (normalised as "
            "recorded: 0x..., .../, took ... seconds), include the example that "
            "prints it and run `make update`, or, if no interpreter here can print "
            "it, mark it *...*{ .cited } and link its source."
        )
    return problems


def check_page(
    text: str, page: str, root: Path = ROOT
) -> tuple[list[Quote], list[str]]:
    """(quotes found on the page, problems with them)."""
    quotes = page_quotes(text)
    texts = [t for path in included_examples(text, root) for t in recorded_texts(path)]
    return quotes, quote_problems(quotes, texts, page)


# --- The count per page, at the end of the run -------------------------------

counts: dict[str, tuple[int, int, int]] = {}  # page -> (found, cited, failing)


def record_count(page: str, quotes: list[Quote], failing: int) -> None:
    counts[page] = (len(quotes), sum(q.cited for q in quotes), failing)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not counts:
        return
    terminalreporter.section("quoted error, warning and log texts")
    for page, (found, cited, failing) in sorted(counts.items()):
        checked = found - cited - failing
        terminalreporter.write_line(
            f"{page}: {found} found: {checked} in its recordings, {cited} cited"
            + (f", {failing} in neither" if failing else "")
        )
