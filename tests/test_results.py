"""Contract 3: every number on the site comes from a recorded run that is current.

Each check fails naming the results file and the command that fixes it:

- readable: the schema version this code reads, every field of the typed
  record (provenance included), and a self-hash that still matches (a file
  edited by hand does not);
- fresh: measured with the benchmark, the project modules it imports and the
  code that takes its samples (its kind's module, tools/bench/measure.py) as
  they are in the tree;
- drift: a table or chart that is not what the results file renders to now.
  Every summary is computed when rendering, so a change to the statistics or
  the renderers shows up here;
- typed figures: a measured-looking figure typed into a page instead of
  coming from a generated fragment.

tests/test_bench_system.py shows each of these checks failing on a bad file.
"""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.support.markdown import prose_lines
from tools import render
from tools.bench import results
from tools.bench.run import discover
from tools.project import (
    DOCS,
    RENDER_COMMAND,
    RESULTS_DIR,
    ROOT,
    bench_command,
    prose_pages,
    shown,
)

pytestmark = pytest.mark.benchmarks

BENCHMARKS = discover()
RESULTS = render.results_files()


# --- Results files ----------------------------------------------------------------


@pytest.mark.parametrize("name", BENCHMARKS)
def test_every_benchmark_has_results(name: str) -> None:
    bench = BENCHMARKS[name]
    assert bench.results_path.exists(), (
        f"{bench.rel} has no results file {shown(bench.results_path)}. "
        f"Run `{bench.command}` and commit what it writes."
    )


@pytest.mark.parametrize("path", RESULTS, ids=[p.name for p in RESULTS])
def test_results_belong_to_a_benchmark(path: Path) -> None:
    assert path.stem in BENCHMARKS, (
        f"{shown(path)} has no benchmark examples/*/bench_{path.stem}.py any more. "
        f"Delete it and its rendered {path.stem}.md and {path.stem}.svg."
    )


def freshness_problem(record: results.Record, benchmark: Path) -> str | None:
    """Why a record is not the current full-size run of `benchmark`, or None."""
    name = shown(RESULTS_DIR / f"{record.benchmark}.json")
    changed = results.stale_files(record, benchmark)
    if changed:
        return (
            f"{name} is stale: it was measured with another version of "
            f"{', '.join(changed)}. Rerun the benchmark with "
            f"`{bench_command(record.benchmark)}` (it re-renders the table and "
            "chart), review `git diff docs/results`, and commit them with the change."
        )
    if record.size != "full":
        return (
            f"{name} was recorded at {record.size} size; the site shows full-size "
            f"runs. Run `{bench_command(record.benchmark)}`."
        )
    return None


@pytest.mark.parametrize("name", BENCHMARKS)
def test_results_are_readable_and_fresh(name: str) -> None:
    """Schema, fields and self-hash (results.read), then the source hashes."""
    bench = BENCHMARKS[name]
    if not bench.results_path.exists():
        pytest.skip("no results file (test_every_benchmark_has_results fails)")
    try:
        record = results.read(bench.results_path)
    except results.ResultsError as exc:
        pytest.fail(str(exc), pytrace=False)
    problem = freshness_problem(record, bench.path)
    if problem:
        pytest.fail(problem, pytrace=False)


# --- Rendered tables and charts ---------------------------------------------------


def drift_problems(results_path: Path) -> list[str]:
    """Each rendered output that is missing or differs from what `results_path`
    renders to now (an SVG drawn by another matplotlib version is compared by
    its embedded results hash only)."""
    import matplotlib

    try:
        outputs = render.rendered(results_path)
    except results.ResultsError:
        raise
    except Exception as exc:  # a renderer that crashes on these samples
        return [
            f"rendering {shown(results_path)} failed ({type(exc).__name__}: {exc}). "
            f"Fix tools/render/ or tools/bench/stats.py, then re-render with "
            f"`{RENDER_COMMAND}`."
        ]
    problems = []
    for output, expected in outputs.items():
        fix = (
            f"If you changed how results are summarised or drawn (tools/render/, "
            f"tools/bench/stats.py), re-render with `{RENDER_COMMAND}` and review "
            f"the diff; if {shown(output)} or {shown(results_path)} was edited by "
            f"hand, restore them (`git checkout -- {shown(output)} "
            f"{shown(results_path)}`) or measure again "
            f"(`{bench_command(results_path.stem)}`)."
        )
        if not output.exists():
            problems.append(f"{shown(output)} is missing. {fix}")
            continue
        current = output.read_text(encoding="utf-8").replace("\r\n", "\n")
        if output.suffix == ".svg":
            version = render.SVG_VERSION.search(current)
            if version is None or version[1] != matplotlib.__version__:
                wanted = render.FRAGMENT_HASH.search(expected)
                found = render.FRAGMENT_HASH.search(current)
                if wanted and found and wanted[1] == found[1]:
                    continue
        if current != expected:
            problems.append(
                f"{shown(output)} differs from what {shown(results_path)} renders "
                f"to now. {fix}"
            )
    return problems


@pytest.mark.parametrize("path", RESULTS, ids=[p.name for p in RESULTS])
def test_tables_and_charts_match_results(path: Path) -> None:
    try:
        problems = drift_problems(path)
    except results.ResultsError as exc:
        pytest.fail(str(exc), pytrace=False)
    assert not problems, "\n".join(problems)


def test_rendered_outputs_are_shown() -> None:
    """Every table and chart is on some page (and so is every results file)."""
    pages = "\n".join(p.read_text(encoding="utf-8") for p in prose_pages())
    unshown = []
    for path in RESULTS:
        fragment, chart = render.outputs_for(path)
        if f'--8<-- "{shown(fragment)}"' not in pages:
            unshown.append(
                f'{shown(fragment)} (include it: --8<-- "{shown(fragment)}")'
            )
        if f"results/{chart.name}" not in pages:
            unshown.append(f"{shown(chart)} (show it: ![...](results/{chart.name}))")
    assert not unshown, "Rendered but on no page:\n  " + "\n  ".join(unshown)


def test_benchmarks_page_links_every_results_file() -> None:
    """The Benchmarks page is where a reader finds the raw samples of each run."""
    page = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    unlinked = [p.name for p in RESULTS if f"(results/{p.name})" not in page]
    assert not unlinked, (
        "docs/benchmarks.md does not link these results files; add each to its "
        "list of raw samples as [NAME.json](results/NAME.json):\n  "
        + "\n  ".join(unlinked)
    )


# --- Figures typed into pages -----------------------------------------------------

# A measured-looking figure: a speedup ("3.2x", "2×"), a rate ("900 req/s"), a
# size ("5.4 KiB", "53 MiB") or a duration ("1.14 s", "50 ms").
NUMBER = r"\d[\d,]*(?:\.\d+)?"
FIGURE = re.compile(
    rf"""
      (?<![\w.])(?!0x){NUMBER}[x×](?!\w)                           # speedup
    | {NUMBER}\s*(?:req(?:uests)?/s(?:ec)?\b|requests\ per\ second|rps\b)  # rate
    | {NUMBER}\s*[KMGT]i?B\b                                        # size
    | {NUMBER}\s*(?:ns|µs|us|ms|s|secs?|seconds?|mins?|minutes?)\b  # duration
    """,
    re.VERBOSE,
)
# A figure the page sets rather than measures carries a marker, written with
# the attr_list extension right after an inline code span or emphasis:
#     `50 ms`{ .input }   a configured input: a value the examples' code sets
#     *8 MiB*{ .cited }   a figure from a named source, linked in the sentence
# Everything else with a figure in it must be a generated fragment
# (docs/results/*.md, included with --8<--), or sit in a code block.
MARKED = re.compile(
    r"(`[^`\n]+`|\*\*[^*\n]+\*\*|\*[^*\n]+\*|_[^_\n]+_)\{:?\s*\.(?:input|cited)\s*\}"
)
LINK_TARGET = re.compile(r"\]\([^)]*\)")


def typed_figures(text: str) -> list[tuple[int, str]]:
    """(line number, figure) for each unmarked figure outside code blocks."""
    found = []
    for number, line in prose_lines(text):
        prose = LINK_TARGET.sub("]()", MARKED.sub("", line))
        found += [(number, m[0]) for m in FIGURE.finditer(prose)]
    return found


PAGES = prose_pages()


@pytest.mark.parametrize("page", PAGES, ids=[shown(p) for p in PAGES])
def test_no_measured_figures_typed_into_pages(page: Path) -> None:
    found = typed_figures(page.read_text(encoding="utf-8"))
    assert not found, (
        "\n".join(f'{shown(page)}:{line}: "{figure}"' for line, figure in found)
        + "\nlooks like a measured figure typed into the page. Numbers on this site "
        "come from recorded runs: show the generated table instead "
        '(--8<-- "docs/results/<name>.md", refreshed by `make bench`). If the figure '
        "is one the page sets, mark it: a configured input as `50 ms`{ .input }, "
        "a figure quoted from a source as *8 MiB*{ .cited } with the source linked."
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("processes ran 3.2x faster", ["3.2x"]),
        ("2× as fast", ["2×"]),
        ("the server held 900 req/s", ["900 req/s"]),
        ("about 1,000 requests per second", ["1,000 requests per second"]),
        ("each thread costs 16 KiB", ["16 KiB"]),
        ("+53 MiB RSS", ["53 MiB"]),
        ("it took 1.14 s", ["1.14 s"]),
        ("a 50 ms wait", ["50 ms"]),
        ("a `50 ms`{ .input } wait", []),
        ("a stack of *8 MiB*{ .cited }", []),
        ("```text\n3.2x\n```", []),
        ("````text\n```\n3.2x\n````\nthen 4.1x", [("4.1x")]),
        ("<!-- 3.2x -->", []),
        ("0x1F, at 0x..., 4 × 200,000, 10,000 sockets, Python 3.14t", []),
        ("1.5x.", ["1.5x"]),
        ("see [the run](results/cpu_bound.json)", []),
    ],
)
def test_typed_figure_check(text: str, flagged: list[str]) -> None:
    assert [figure for _line, figure in typed_figures(text)] == flagged


# --- Inputs: a figure the page sets equals the constant it names -------------------

# `0.2 s`{ .input } (`WAIT_SECONDS`): the figure, then (later in the same
# paragraph) the constant's name in a code span; or `WAIT_SECONDS = 0.2`{ .input }.
INPUT = re.compile(r"`(?P<figure>[^`\n]+)`\{:?\s*\.input\s*\}")
CONSTANT_NAME = re.compile(r"`(?P<name>[A-Z][A-Z0-9_]*)`")
ASSIGNMENT = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)\s*=\s*(?P<value>.+)$")
QUANTITY = re.compile(rf"^(?P<number>{NUMBER})\s*(?P<unit>[a-zµ]*)$")
UNITS = {
    "": 1.0,
    "ns": 1e-9,
    "µs": 1e-6,
    "us": 1e-6,
    "ms": 1e-3,
    "milliseconds": 1e-3,
    "s": 1.0,
    "seconds": 1.0,
    "minutes": 60.0,
}
DOUBLE_BACKTICK_SPAN = re.compile(r"``.+?``")
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>examples/[^"]+\.py)"\s*$')
HEADING = re.compile(r"^#{1,3} ")
TOOLS_DIR = ROOT / "tools"


class Input(NamedTuple):
    line: int
    figure: str
    name: str | None  # the constant it names, or None
    section: int  # index of the page's section (split at ## headings)


def page_inputs(text: str) -> list[Input]:
    """Every `{ .input }` figure of a page, with the constant it names."""
    found: list[Input] = []
    section = 0
    paragraph: list[tuple[int, str]] = []
    for number, line in [*prose_lines(text), (0, "")]:
        if paragraph and (HEADING.match(line) or not line.strip()):
            found += paragraph_inputs(paragraph, section)
            paragraph = []
        section += bool(HEADING.match(line))
        if line.strip():
            paragraph.append((number, DOUBLE_BACKTICK_SPAN.sub("", line)))
    return found


def paragraph_inputs(lines: list[tuple[int, str]], section: int) -> list[Input]:
    joined, starts = "", []
    for number, text in lines:
        starts.append((len(joined), number))
        joined += text + " "
    found = []
    for match in INPUT.finditer(joined):
        line = max(n for offset, n in starts if offset <= match.start())
        figure = match["figure"].strip()
        if assigned := ASSIGNMENT.match(figure):
            found.append(Input(line, figure, assigned["name"], section))
            continue
        after = INPUT.split(joined[match.end() :], maxsplit=1)[0]
        named = CONSTANT_NAME.search(after)
        found.append(Input(line, figure, named["name"] if named else None, section))
    return found


def included_examples(text: str) -> list[tuple[int, Path]]:
    """(section index, file) of every example a page includes."""
    found, section = [], 0
    for _number, line in [(0, ln) for ln in text.splitlines()]:
        section += bool(HEADING.match(line))
        if match := INCLUDE.match(line):
            found.append((section, ROOT / match["target"]))
    return found


def constants(path: Path) -> dict[str, object]:
    """A Python file's module-level NAME = literal assignments."""
    values: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = []
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper():
                try:
                    values[target.id] = evaluated(value)
                except ValueError:
                    continue
    return values


ARITHMETIC = {
    ast.Add: float.__add__,
    ast.Mult: float.__mul__,
    ast.Div: float.__truediv__,
}


def evaluated(node: ast.expr) -> object:
    """A literal, or arithmetic on literals such as 20 * 60; ValueError otherwise."""
    if isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
        left, right = evaluated(node.left), evaluated(node.right)
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            return ARITHMETIC[type(node.op)](float(left), float(right))
        raise ValueError("not arithmetic on numbers")
    return ast.literal_eval(node)


def quantity(text: str) -> float | None:
    """0.05 from "50 ms" or "0.05"; None if the text is not a plain quantity."""
    match = QUANTITY.match(text.replace(",", "").strip())
    if match is None or match["unit"] not in UNITS:
        return None
    return float(match["number"]) * UNITS[match["unit"]]


def input_problems(text: str, page: str) -> list[str]:
    includes = included_examples(text)
    problems = []
    for item in page_inputs(text):
        where = f"{page}:{item.line}: `{item.figure}`{{ .input }}"
        if item.name is None:
            problems.append(
                f"{where} names no constant: follow it with the constant's name in "
                "a code span, as in `0.2 s`{ .input } (`WAIT_SECONDS`), or write "
                "`WAIT_SECONDS = 0.2`{ .input }"
            )
            continue
        scopes = [
            [p for s, p in includes if s == item.section],
            [p for _, p in includes],
            sorted(TOOLS_DIR.rglob("*.py")),
        ]
        defined: dict[Path, object] = {}
        for files in scopes:
            defined = {
                p: c[item.name] for p in files if item.name in (c := constants(p))
            }
            if defined:
                break
        if not defined:
            problems.append(
                f"{where}: no example on this page (nor tools/) defines {item.name}"
            )
            continue
        assigned = ASSIGNMENT.match(item.figure)
        wanted = quantity(assigned["value"] if assigned else item.figure)
        numbers = {p: v for p, v in defined.items() if isinstance(v, (int, float))}
        if (
            wanted is None
            or not numbers
            or any(
                not math.isclose(wanted, float(v), rel_tol=1e-9)
                for v in numbers.values()
            )
        ):
            values = ", ".join(f"{shown(p)} sets {v!r}" for p, v in defined.items())
            problems.append(
                f"{where} says {item.figure!r} for {item.name}, but {values}. "
                "Write the figure the code sets (in seconds, ms or minutes)."
            )
    return problems


@pytest.mark.parametrize("page", PAGES, ids=[shown(p) for p in PAGES])
def test_inputs_equal_their_constants(page: Path) -> None:
    problems = input_problems(page.read_text(encoding="utf-8"), shown(page))
    assert not problems, "\n".join(problems)


SECTION_WITH_EXAMPLE = """## A section

Each wait lasts `{figure}`{{ .input }} (`WAIT_SECONDS`).

```python title="examples/08_async_await/bench_io_bound.py"
--8<-- "examples/08_async_await/bench_io_bound.py"
```
"""


@pytest.mark.parametrize(
    ("figure", "ok"),
    [("50 ms", True), ("0.05 s", True), ("0.2 s", False), ("5 ms", False)],
)
def test_input_check(figure: str, ok: bool) -> None:
    problems = input_problems(SECTION_WITH_EXAMPLE.format(figure=figure), "page")
    assert (not problems) == ok, problems
    if not ok:
        assert "bench_io_bound.py sets 0.05" in problems[0]


def test_an_input_must_name_its_constant() -> None:
    problems = input_problems("A wait of `50 ms`{ .input } here.\n", "page")
    assert problems and "names no constant" in problems[0]


# --- Claims: a page names the test that asserts each claim -------------------------

# [`test_name`](../checks.md#claims){ .claim }: a link whose text is the test.
CLAIM = re.compile(r"\[`(?P<test>test_\w+)`\]\([^)]*\)\{:?\s*\.claim\s*\}")
# One file of claims per guide or topic: tests/test_claims.py, tests/test_claims_*.py.
CLAIMS_FILES = sorted((ROOT / "tests").glob("test_claims*.py"))


def claims_tests() -> set[str]:
    return {
        node.name
        for path in CLAIMS_FILES
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def cited_claims(text: str) -> list[tuple[int, str]]:
    return [
        (n, m["test"]) for n, line in prose_lines(text) for m in CLAIM.finditer(line)
    ]


def test_every_claim_names_a_real_test_and_every_test_is_cited() -> None:
    tests = claims_tests()
    cited = {shown(p): cited_claims(p.read_text(encoding="utf-8")) for p in PAGES}
    unknown = [
        f"{page}:{line}: {name}"
        for page, found in cited.items()
        for line, name in found
        if name not in tests
    ]
    named = {name for found in cited.values() for _, name in found}
    uncited = sorted(tests - named)
    assert not unknown, (
        "These claims name no test in tests/test_claims*.py (renamed or removed?):"
        "\n  " + "\n  ".join(unknown)
    )
    assert not uncited, (
        "These claims tests are cited by no page: mark the sentence each one "
        "checks with [`test_name`](checks.md#claims){ .claim }:\n  "
        + "\n  ".join(uncited)
    )


def test_claim_markers_are_found() -> None:
    text = "Threads do not help [`test_x`](../checks.md#claims){ .claim }.\n"
    assert cited_claims(text) == [(1, "test_x")]
    assert cited_claims("```\n[`test_x`](a){ .claim }\n```\n") == []
