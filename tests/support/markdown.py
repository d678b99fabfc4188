"""The one Markdown scanner the tests share: fenced code blocks, and the prose.

Rules (CommonMark's, as pymdownx.superfences applies them):

- A fence opens on a line of three or more backticks or tildes, at any
  indentation (fences inside admonitions and tabs are indented). A backtick
  fence's info string holds no backtick, so "```x```" is inline code.
- It closes on a line that is only a run of the same character, at least as
  long, indented no more than the opening fence. Anything else, a shorter run
  or another character included, is part of the block.
- A fence left open is an error, not a block that swallows the rest of the page.
- HTML comments (`<!-- -->`, over one line or several) are not prose; a fence
  inside one opens nothing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"


class FenceError(ValueError):
    """A fence opened and never closed."""


class Block(NamedTuple):
    line: int  # 1-based line number of the opening fence
    lang: str  # the language, lower case ("" when the fence names none)
    attrs: str  # the rest of the info string: title="...", linenums, ...
    body: list[str]  # the lines between the fences, as written


def _opening(line: str) -> re.Match | None:
    match = FENCE_OPEN.match(line)
    if match and match["fence"][0] == "`" and "`" in match["info"]:
        return None
    return match


def _closes(line: str, opening: re.Match) -> bool:
    fence, indent = opening["fence"], len(opening["indent"].expandtabs(4))
    stripped = line.strip()
    return (
        len(stripped) >= len(fence)
        and set(stripped) == {fence[0]}
        and len(line[: len(line) - len(line.lstrip())].expandtabs(4)) <= indent
    )


def _language(info: str) -> tuple[str, str]:
    """("python", 'title="x.py"') from 'python title="x.py"' or '{ .python ... }'."""
    info = info.strip()
    if info.startswith("{"):
        words = info.strip("{} ").split()
        classes = [w for w in words if w.startswith(".")]
        lang = classes[0][1:] if classes else ""
        return lang.lower(), " ".join(w for w in words if w != f".{lang}")
    lang, _, attrs = info.partition(" ")
    return lang.lower(), attrs.strip()


def _scan(text: str, source: str) -> tuple[list[Block], list[tuple[int, str]]]:
    """(fenced blocks, prose lines) of a Markdown text, in one pass."""
    blocks: list[Block] = []
    prose: list[tuple[int, str]] = []
    lines = text.splitlines()
    in_comment = False
    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index]
        index += 1
        if not in_comment and (opening := _opening(line)):
            body = []
            while index < len(lines) and not _closes(lines[index], opening):
                body.append(lines[index])
                index += 1
            if index == len(lines):
                raise FenceError(
                    f"{source}:{number}: the fence {opening['fence']} never closes; "
                    f"end the block with a line of {opening['fence']}"
                )
            index += 1
            blocks.append(Block(number, *_language(opening["info"]), body))
            continue
        kept, in_comment = _outside_comments(line, in_comment)
        if kept.strip():
            prose.append((number, kept))
    return blocks, prose


def _outside_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The parts of `line` outside HTML comments, and whether one is still open."""
    kept: list[str] = []
    while line:
        if in_comment:
            end = line.find(COMMENT_CLOSE)
            if end < 0:
                return "".join(kept), True
            line, in_comment = line[end + len(COMMENT_CLOSE) :], False
        else:
            start = line.find(COMMENT_OPEN)
            if start < 0:
                kept.append(line)
                break
            kept.append(line[:start])
            line, in_comment = line[start + len(COMMENT_OPEN) :], True
    return "".join(kept), in_comment


def fenced_blocks(text: str, source: str = "<text>") -> list[Block]:
    """Every fenced code block, outermost only (a fence inside a longer one is
    body). Raises FenceError, naming `source` and the line, on an unclosed fence."""
    return _scan(text, source)[0]


def prose_lines(text: str, source: str = "<text>") -> list[tuple[int, str]]:
    """(line number, text) of each non-blank line outside code blocks and HTML
    comments; a line that is partly a comment keeps the rest."""
    return _scan(text, source)[1]
