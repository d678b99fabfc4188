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

import re
from pathlib import Path

import pytest

from tests.support.markdown import prose_lines
from tools import render
from tools.bench import results
from tools.bench.run import discover
from tools.project import RENDER_COMMAND, RESULTS_DIR, bench_command, prose_pages, shown

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

    problems = []
    for output, expected in render.rendered(results_path).items():
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
