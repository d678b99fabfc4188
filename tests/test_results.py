"""Contract 3: every number on the site comes from a recorded run that is current.

Each check fails naming the file and the command that fixes it:

- stale: a results file measured with another version of its benchmark (or of
  a project module the benchmark imports) than the one in the tree;
- edited: a results file changed after the run that wrote it;
- provenance: a results file without its machine, capacity, Python, packages,
  date or commit;
- drift: a table or chart whose embedded results hash is not its results
  file's, or that renders differently from the same results now;
- typed figures: a measured-looking figure typed into a page instead of
  coming from a generated fragment.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.harness import DOCS, ROOT
from tools import render
from tools.bench import (
    RESULTS_DIR,
    discover,
    missing_provenance,
    read_results,
    record_sha256,
    source_hashes,
)

BENCHMARKS = discover()
RESULTS = sorted(RESULTS_DIR.glob("*.json"))
RENDER_COMMAND = "python -m tools.render"


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def bench_command(results_path: Path) -> str:
    return f"make bench BENCH={results_path.stem}"


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


@pytest.mark.parametrize("name", BENCHMARKS)
def test_results_are_fresh(name: str) -> None:
    """The recorded source hash must be the benchmark's current one."""
    bench = BENCHMARKS[name]
    if not bench.results_path.exists():
        pytest.skip("no results file (test_every_benchmark_has_results fails)")
    record = read_results(bench.results_path)
    digest, current = source_hashes(bench.path)
    if record.get("source_sha256") == digest:
        assert record["size"]["name"] == "full", (
            f"{shown(bench.results_path)} was recorded at {record['size']['name']} "
            f"size; the site shows full-size runs. Run `{bench.command}`."
        )
        return
    recorded = record.get("sources", {})
    changed = sorted(
        f for f in current.keys() | recorded.keys() if current.get(f) != recorded.get(f)
    )
    pytest.fail(
        f"{shown(bench.results_path)} is stale: it was measured with another "
        f"version of {', '.join(changed) or bench.rel}. Rerun the benchmark with "
        f"`{bench.command}` (it re-renders the table and chart), review "
        "`git diff docs/results`, and commit them with the change.",
        pytrace=False,
    )


@pytest.mark.parametrize("path", RESULTS, ids=[p.name for p in RESULTS])
def test_results_are_as_recorded(path: Path) -> None:
    """A results file edited by hand no longer matches the hash the run stored."""
    record = read_results(path)
    assert record.get("record_sha256") == record_sha256(record), (
        f"{shown(path)} was changed after the run that wrote it (its content no "
        "longer matches its record_sha256): numbers are measured, not edited. "
        f"Restore it with `git checkout -- {shown(path)}`, or measure again "
        f"with `{bench_command(path)}`."
    )


@pytest.mark.parametrize("path", RESULTS, ids=[p.name for p in RESULTS])
def test_results_have_provenance(path: Path) -> None:
    missing = missing_provenance(read_results(path))
    assert not missing, (
        f"{shown(path)} lacks provenance fields: {', '.join(missing)}. Results "
        f"must say where and how they were measured: run `{bench_command(path)}` "
        "(tools/bench.py records them all)."
    )


# --- Rendered tables and charts ---------------------------------------------------


def embedded_hash(path: Path) -> str | None:
    match = render.FRAGMENT_HEADER.search(path.read_text(encoding="utf-8"))
    return match[1] if match else None


def drift_message(output: Path, results: Path, what: str) -> str:
    return (
        f"{shown(output)} {what}. If you edited {shown(output)} or "
        f"{shown(results)} by hand, undo it (`git checkout -- {shown(output)} "
        f"{shown(results)}`) or measure again (`{bench_command(results)}`). If you "
        f"changed tools/render.py, re-render with `{RENDER_COMMAND}`."
    )


@pytest.mark.parametrize("path", RESULTS, ids=[p.name for p in RESULTS])
def test_table_matches_results(path: Path) -> None:
    fragment, _chart = render.outputs_for(path)
    assert fragment.exists(), f"{shown(fragment)} is missing: run `{RENDER_COMMAND}`."
    digest = render.results_sha256(path)
    assert embedded_hash(fragment) == digest, drift_message(
        fragment, path, "was not rendered from the current results file"
    )
    expected = render.rendered(path)[fragment]
    current = fragment.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert current == expected, drift_message(
        fragment, path, "differs from what the results file renders to"
    )


@pytest.mark.parametrize("path", RESULTS, ids=[p.name for p in RESULTS])
def test_chart_matches_results(path: Path) -> None:
    import matplotlib

    _fragment, chart = render.outputs_for(path)
    assert chart.exists(), f"{shown(chart)} is missing: run `{RENDER_COMMAND}`."
    svg = chart.read_text(encoding="utf-8").replace("\r\n", "\n")
    digest = render.results_sha256(path)
    assert embedded_hash(chart) == digest, drift_message(
        chart, path, "was not rendered from the current results file"
    )
    version = render.SVG_VERSION.search(svg)
    drawn_with = version[1] if version else "an unknown version"
    if drawn_with != matplotlib.__version__:
        pytest.skip(
            f"{shown(chart)} was drawn with matplotlib {drawn_with}, this is "
            f"{matplotlib.__version__}: SVG bytes differ between versions, so only "
            "its results hash was checked (the tables are compared in full)"
        )
    assert svg == render.rendered(path)[chart], drift_message(
        chart, path, "differs from what the results file renders to"
    )


def test_rendered_outputs_are_shown() -> None:
    """Every table and chart is on some page (and so is every results file)."""
    pages = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
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
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
NOT_PROSE = ("results", "assets")  # generated fragments; vendored files' notes
PAGES = sorted(
    p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] not in NOT_PROSE
)


def typed_figures(text: str) -> list[tuple[int, str]]:
    """(line number, figure) for each unmarked figure outside code blocks."""
    text = HTML_COMMENT.sub(lambda m: "\n" * m[0].count("\n"), text)
    found, fence = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening[1]
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        prose = LINK_TARGET.sub("]()", MARKED.sub("", line))
        found += [(number, m[0]) for m in FIGURE.finditer(prose)]
    return found


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
        ("<!-- 3.2x -->", []),
        ("0x1F, at 0x..., 4 × 200,000, 10,000 sockets, Python 3.14t", []),
        ("1.5x.", ["1.5x"]),
        ("see [the run](results/cpu_bound.json)", []),
    ],
)
def test_typed_figure_check(text: str, flagged: list[str]) -> None:
    assert [figure for _line, figure in typed_figures(text)] == flagged


# --- The source hash sees imported project modules ------------------------------


def test_source_hash_covers_imported_project_modules(tmp_path: Path) -> None:
    """Editing a helper a benchmark imports makes its results stale too."""
    folder = tmp_path / "examples" / "99_topic"
    folder.mkdir(parents=True)
    bench = folder / "bench_demo.py"
    bench.write_text("import json\nfrom demo_helper import work\n", encoding="utf-8")
    helper = folder / "demo_helper.py"
    helper.write_text("def work(): return 1\n", encoding="utf-8")
    before, files = source_hashes(bench, root=tmp_path)
    assert set(files) == {
        "examples/99_topic/bench_demo.py",
        "examples/99_topic/demo_helper.py",
    }
    helper.write_text("def work(): return 2\n", encoding="utf-8")
    assert source_hashes(bench, root=tmp_path)[0] != before
    bench.write_bytes(bench.read_bytes().replace(b"\n", b"\r\n"))
    helper.write_text("def work(): return 1\n", encoding="utf-8")
    assert source_hashes(bench, root=tmp_path)[0] == before, "line endings count"
