"""What a script example printed, recorded at the end of its file: the format,
the versions, the normalisation, and how `make update` rewrites it.

A script example (header `# output: script`) ends with up to two blocks, the
stdout block first:

    # Output (recorded by `make update`):
    #> what it printed on stdout, one line each ("#>" alone: an empty line)

    # Stderr (recorded by `make update`):
    #! what it wrote on stderr: tracebacks, warnings, log lines

A missing block means the stream stayed empty. A block without versions holds
on every Python. When a Python prints something else, the block names the
versions it was recorded on, and each line that only some of them printed
carries a tag naming those:

    # Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
    #! Traceback (most recent call last):
    #![3.11, 3.12] AttributeError: Can't pickle local object 'main.<locals>.square'
    #![3.13] AttributeError: Can't get local object 'main.<locals>.square'

On Python X.Y the test compares the output with the untagged lines plus those
tagged X.Y. A block with versions is not compared on a Python it does not name
(the test skips, saying so). `make update` on X.Y rewrites only what X.Y
printed: an untagged line X.Y no longer prints becomes tagged with the other
versions, a line only X.Y prints is tagged [X.Y], and X.Y joins the versions.
So no line can claim a version that no interpreter here ran. A block without
versions is taken to be recorded on the reference interpreter
(tools.project.REFERENCE_PYTHON); on that interpreter `make update` rewrites it
in place. When it gains versions, a Python that had only matched it is not
remembered: its test skips, saying so, until `make update` runs on it too
(`make matrix` with NOX_ARGS="-- --update-examples" runs it on all of them).

Both streams are normalised before they are compared or recorded, only where
one run differs from the next, and the recorded lines show the result:

- a memory address (0x7f3a5c2e1d90) becomes 0x...
- a process id after "pid=" or "pid " becomes ...
- the example's own folder, a tempfile directory, and the interpreter's own
  folders (standard library, site-packages, prefix) become .../
- a duration "took 0.503 seconds" becomes "took ... seconds"
- a line number in a file of the interpreter's own (`File ".../asyncio/
  base_events.py", line 456` or `base_events.py:180`) becomes `line ...` or
  `:...`: it moves between patch releases (3.11.7 here, the latest 3.11 in
  the workflow); the example's own line numbers stay
- trailing spaces are dropped (a comment cannot keep them: formatters strip them)
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import sysconfig
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tools.project import REFERENCE_PYTHON, UPDATE_COMMAND

# stream -> (the marker's title, the character after "#" on each line)
STREAMS = {"stdout": ("Output", ">"), "stderr": ("Stderr", "!")}
MARKER = re.compile(
    r"^# (?P<title>Output|Stderr) \(recorded by `make update`"
    r"(?: on Python (?P<versions>[^)]*))?\):$"
)
LINE = re.compile(r"^(?P<prefix>#(?P<kind>[>!])(?:\[(?P<tag>[^\]]*)\])?)(?:$| )")
VERSION = re.compile(r"3\.\d+")
THIS_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"

ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{4,}\b")
PID = re.compile(r"\b(pid[= ])\d+\b")
DURATION = re.compile(r"\btook \d+(?:\.\d+)? seconds\b")
TEMP_DIR = re.compile(re.escape(tempfile.gettempdir()) + r"[/\\]tmp[a-z0-9_]{8}[/\\]")


class RecordingError(ValueError):
    """A recorded block the harness cannot read."""


@dataclass(frozen=True)
class Line:
    text: str
    versions: frozenset[str] | None = None  # None: every version of its block


@dataclass(frozen=True)
class Block:
    stream: str  # "stdout" or "stderr"
    lines: tuple[Line, ...]
    versions: tuple[str, ...] | None = None  # None: the same on every Python

    def expected(self, version: str = THIS_PYTHON) -> list[str] | None:
        """The lines Python `version` must print, or None if it was never
        recorded on that version."""
        if self.versions is not None and version not in self.versions:
            return None
        return [
            line.text
            for line in self.lines
            if line.versions is None or version in line.versions
        ]


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _versions(text: str, where: str) -> frozenset[str]:
    names = [name.strip() for name in text.split(",")]
    if not all(VERSION.fullmatch(name) for name in names):
        raise RecordingError(
            f"{where}: {text!r} is not a list of Python versions; write them "
            "as 3.N, separated by commas, as in 3.12, 3.13"
        )
    if len(set(names)) != len(names):
        raise RecordingError(f"{where}: {text!r} names a version twice")
    return frozenset(names)


def split_recordings(source: str, name: str = "<source>") -> tuple[str, dict]:
    """Return (code, {stream: Block}) for a script example called `name`.

    Everything from the first marker on must be markers, their lines, and
    blank lines between blocks; anything else is an error naming the line."""
    lines = source.splitlines()
    first = next((n for n, line in enumerate(lines) if MARKER.match(line)), None)
    if first is None:
        return source, {}
    blocks: dict[str, Block] = {}
    # (marker's line number, marker match, [(line number, line)]) per block
    raw: list[tuple[int, re.Match, list[tuple[int, str]]]] = []
    for number, line in enumerate(lines[first:], start=first + 1):
        if marker := MARKER.match(line):
            raw.append((number, marker, []))
        elif line.strip():
            raw[-1][2].append((number, line))
    for number, marker, body in raw:
        block = _read_block(marker, body, name, number)
        if block.stream in blocks:
            raise RecordingError(f"{name}:{number}: a second `{marker['title']}` block")
        blocks[block.stream] = block
    return "\n".join(lines[:first]).rstrip() + "\n", blocks


def _read_block(
    marker: re.Match, body: list[tuple[int, str]], name: str, number: int
) -> Block:
    stream = "stdout" if marker["title"] == "Output" else "stderr"
    title, kind = STREAMS[stream]
    versions = None
    if marker["versions"]:
        versions = _versions(marker["versions"], f"{name}:{number}")
    matches = []
    for number, line in body:
        match = LINE.match(line)
        if not match or match["kind"] != kind:
            raise RecordingError(
                f"{name}:{number}: {line!r} follows `# {title} (recorded by "
                f"`make update`):`, where only `#{kind}` lines belong. Move code "
                f"above the marker and run `{UPDATE_COMMAND}` to record it again."
            )
        matches.append((number, line, match))
    # The text starts in the same column on every line: after the widest tag.
    width = max([len(m["prefix"]) for _, _, m in matches] + [2]) + 1
    lines = []
    for number, line, match in matches:
        where = f"{name}:{number}"
        tag = None
        if match["tag"] is not None:
            if versions is None:
                raise RecordingError(
                    f"{where}: the line is tagged [{match['tag']}] but its block "
                    "names no versions; let `make update` tag lines"
                )
            tag = _versions(match["tag"], where)
            if not tag <= set(versions):
                raise RecordingError(
                    f"{where}: the tag [{match['tag']}] names a version the "
                    f"block was not recorded on ({', '.join(versions)})"
                )
        if line != match["prefix"] and line[len(match["prefix"]) : width].strip(" "):
            raise RecordingError(
                f"{where}: {line!r} follows `# {title} (recorded by "
                f"`make update`):`, where only `#{kind}` lines belong, their text "
                f"starting in column {width + 1}. Run `{UPDATE_COMMAND}` to "
                "record it again."
            )
        lines.append(Line(line[width:], tag))
    ordered = tuple(sorted(versions, key=version_key)) if versions else None
    return Block(stream, tuple(lines), ordered)


def format_block(block: Block) -> str:
    """The block as written in the file: each line's text starts in the same
    column, after the widest tag, so a traceback's ^ marks stay under their
    code."""
    title, kind = STREAMS[block.stream]
    on = ""
    if block.versions is not None:
        on = " on Python " + ", ".join(block.versions)
    prefixes = []
    for line in block.lines:
        tag = ""
        if line.versions is not None:
            tag = "[" + ", ".join(sorted(line.versions, key=version_key)) + "]"
        prefixes.append(f"#{kind}{tag}")
    width = max([len(p) for p in prefixes] + [2])
    out = [f"# {title} (recorded by `make update`{on}):"]
    for prefix, line in zip(prefixes, block.lines, strict=True):
        out.append(f"{prefix.ljust(width)} {line.text}" if line.text else prefix)
    return "\n".join(out)


def with_recordings(code: str, blocks: dict) -> str:
    parts = [code.rstrip()]
    parts += [format_block(blocks[s]) for s in STREAMS if blocks.get(s) is not None]
    return "\n\n".join(parts) + "\n"


def mismatches(
    blocks: dict, printed: dict[str, list[str]], version: str = THIS_PYTHON
) -> tuple[dict[str, tuple[list[str], list[str]]], list[str]]:
    """({stream: (expected, printed)} for each stream that differs, [streams
    never recorded on `version`]). A missing block expects no output."""
    differ, unrecorded = {}, []
    for stream, lines in printed.items():
        block = blocks.get(stream)
        expected = [] if block is None else block.expected(version)
        if expected is None:
            unrecorded.append(stream)
        elif lines != expected:
            differ[stream] = (expected, lines)
    return differ, unrecorded


# --- Normalisation ------------------------------------------------------------


def _variable_folders(script_dir: Path) -> list[str]:
    """Folders whose place differs from one machine or run to the next."""
    paths = sysconfig.get_paths()
    folders = {str(script_dir), str(script_dir.resolve())}
    folders |= {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    folders |= {sys.prefix, sys.base_prefix, sys.exec_prefix}
    return sorted(folders, key=len, reverse=True)


def _interpreter_folders(script_dir: Path) -> list[str]:
    mine = {str(script_dir), str(script_dir.resolve())}
    return [f for f in _variable_folders(script_dir) if f not in mine]


def _unnumbered(text: str, script_dir: Path) -> str:
    """Line numbers in the interpreter's own files replaced by `...`."""
    for folder in _interpreter_folders(script_dir):
        for separator in {os.sep, "/"}:
            start = re.escape(folder + separator)
            text = re.sub(rf'(File "{start}[^"]+", line )\d+', r"\1...", text)
            text = re.sub(rf"({start}[^\s:\]]+\.py):\d+", r"\1:...", text)
    return text


def normalise(text: str, script_dir: Path) -> list[str]:
    """The lines of `text` as recorded: what varies between runs replaced."""
    text = _unnumbered(text, script_dir)
    for folder in _variable_folders(script_dir):
        for separator in {os.sep, "/"}:
            text = text.replace(folder + separator, ".../")
    text = TEMP_DIR.sub(".../", text)
    text = ADDRESS.sub("0x...", text)
    text = PID.sub(r"\1...", text)
    text = DURATION.sub("took ... seconds", text)
    return [line.rstrip() for line in text.splitlines()]


def normalise_quote(text: str) -> str:
    """A text quoted on a page, normalised like a recording, spaces collapsed."""
    text = ADDRESS.sub("0x...", text)
    text = PID.sub(r"\1...", text)
    text = DURATION.sub("took ... seconds", text)
    return " ".join(text.split())


# --- Re-recording -------------------------------------------------------------

Tagged = tuple[str, frozenset[str]]  # a line and the versions that print it


def rerecord(
    block: Block | None,
    printed: list[str],
    stream: str,
    version: str = THIS_PYTHON,
    reference: str = REFERENCE_PYTHON,
) -> Block | None:
    """The block after `make update` on Python `version`, which printed
    `printed`: only that version's lines change."""
    old = block or Block(stream, ())
    if old.versions is None:
        if [line.text for line in old.lines] == printed:
            return block
        if version == reference:
            return Block(stream, tuple(Line(t) for t in printed)) if printed else None
        recorded = frozenset({reference})
    else:
        recorded = frozenset(old.versions)
    now = recorded | {version}
    lines = [
        (line.text, recorded if line.versions is None else line.versions)
        for line in old.lines
    ]
    merged = _merge(lines, printed, version, recorded)
    if not merged:
        return None
    return Block(
        stream,
        tuple(Line(text, None if vs == now else vs) for text, vs in merged),
        tuple(sorted(now, key=version_key)),
    )


def _merge(
    lines: list[Tagged], printed: list[str], version: str, recorded: frozenset[str]
) -> list[Tagged]:
    """Align what `version` printed with the lines it printed last time (or,
    for a version new to the block, the lines every recorded version prints)."""

    def its_own(versions: frozenset[str]) -> bool:
        return version in versions or (version not in recorded and versions == recorded)

    own = [n for n, (_, versions) in enumerate(lines) if its_own(versions)]
    matcher = difflib.SequenceMatcher(
        None, [lines[n][0] for n in own], printed, autojunk=False
    )
    out: list[Tagged] = []
    cursor = 0
    for op, _i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            end = own[i2 - 1] + 1
            for text, versions in lines[cursor:end]:
                out.append(
                    (text, versions | {version} if its_own(versions) else versions)
                )
        else:
            # Up to the next line of its own: other versions' lines in this
            # stretch may already hold what it prints now.
            end = own[i2] if i2 < len(own) else len(lines)
            rest = []
            for text, versions in lines[cursor:end]:
                left = versions - {version} if its_own(versions) else versions
                if left:
                    rest.append((text, left))
            out += _weave(rest, printed[j1:j2], version)
        cursor = end
    out += lines[cursor:]
    return out


def _weave(others: list[Tagged], new: list[str], version: str) -> list[Tagged]:
    """Other versions' lines, with `new` (printed by `version`) woven in: a
    line with the same text gains the version instead of being repeated."""
    matcher = difflib.SequenceMatcher(None, [t for t, _ in others], new, autojunk=False)
    out: list[Tagged] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [(text, versions | {version}) for text, versions in others[i1:i2]]
        else:
            out += others[i1:i2]
            out += [(text, frozenset({version})) for text in new[j1:j2]]
    return out


def all_versions_text(block: Block) -> Iterable[tuple[str | None, str]]:
    """(version, the block's text on that version) for each recorded version
    (None for a block that is the same on every Python)."""
    for version in block.versions or (None,):
        lines = block.expected(version) if version else [x.text for x in block.lines]
        yield version, "\n".join(lines or [])
