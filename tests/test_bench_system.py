"""The benchmark system's own checks, each shown failing on bad input.

The tests in test_results.py pass on good files; these show that each check
fails, with a message naming the results file and the command that fixes it,
when a statistic changes, a provenance field goes, the schema version moves,
the code that takes the samples is edited, or a file is edited by hand. Also:
the statistics on exact data, wrk's output parsed, budgets enforced, and the
layout rules of tools/ (no import cycle, no module over 500 lines).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_results import drift_problems, freshness_problem
from tools.bench import measure, results, stats
from tools.bench.kinds import load
from tools.bench.run import discover
from tools.bench.sources import source_hashes
from tools.project import RESULTS_DIR, ROOT, imported_modules

pytestmark = pytest.mark.benchmarks

SAMPLE = "lock_cost"  # a small, real results file to break in each test
BUDGET_SECONDS = 20 * 60  # every benchmark of one `make bench`, here


@pytest.fixture
def sample_data() -> dict:
    path = RESULTS_DIR / f"{SAMPLE}.json"
    if not path.exists():
        pytest.skip(f"no {path.name} (test_every_benchmark_has_results fails)")
    return json.loads(path.read_text(encoding="utf-8"))


def write_sealed(data: dict, folder: Path, reseal: bool = True) -> Path:
    """The record written as if a run had produced it (its hash redone)."""
    if reseal:
        data["record_sha256"] = results.record_sha256(data)
    path = folder / f"{SAMPLE}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def read_error(path: Path) -> str:
    with pytest.raises(results.ResultsError) as caught:
        results.read(path)
    message = str(caught.value)
    assert path.name in message and f"make bench BENCH={SAMPLE}" in message
    return message


# --- Reading: schema, fields, self-hash -----------------------------------------


def test_the_sample_reads(sample_data, tmp_path) -> None:
    record = results.read(write_sealed(sample_data, tmp_path, reseal=False))
    assert record.benchmark == SAMPLE and record.machine.cpu_model


def test_a_bumped_schema_version_fails(sample_data, tmp_path) -> None:
    sample_data["schema"] = results.SCHEMA_VERSION + 1
    assert "schema version" in read_error(write_sealed(sample_data, tmp_path))


@pytest.mark.parametrize(
    "field", [("machine", "kernel"), ("python", "start_method"), ("git", "commit")]
)
def test_a_dropped_provenance_field_fails(sample_data, tmp_path, field) -> None:
    section, name = field
    del sample_data[section][name]
    message = read_error(write_sealed(sample_data, tmp_path))
    assert f"lacks {section}.{name}" in message


def test_a_null_or_empty_field_fails(sample_data, tmp_path) -> None:
    sample_data["machine"]["cpu_model"] = ""
    assert "machine.cpu_model (empty)" in read_error(
        write_sealed(sample_data, tmp_path)
    )


def test_an_unknown_field_fails(sample_data, tmp_path) -> None:
    sample_data["summary"] = {"speedup": 2.0}  # summaries are never stored
    assert "unknown fields summary" in read_error(write_sealed(sample_data, tmp_path))


def test_an_edited_number_fails(sample_data, tmp_path) -> None:
    seconds = sample_data["samples"]["seconds"]
    first = next(iter(seconds))
    seconds[first][0] /= 2
    path = write_sealed(sample_data, tmp_path, reseal=False)
    assert "changed after the run" in read_error(path)


def test_bad_samples_fail(sample_data, tmp_path) -> None:
    del sample_data["samples"]["baseline"]
    assert "lacks samples.baseline" in read_error(write_sealed(sample_data, tmp_path))


# --- Freshness: the code that takes the samples ------------------------------------


def test_records_depend_on_the_code_that_measures(sample_data) -> None:
    """Every benchmark's hash covers its file, its kind and measure.py."""
    for name, bench in discover().items():
        path = bench.results_path
        if not path.exists():
            continue
        sources = json.loads(path.read_text(encoding="utf-8"))["sources"]
        kind = bench.load().KIND
        for needed in (
            bench.rel,
            f"tools/bench/kinds/{kind}.py",
            "tools/bench/measure.py",
        ):
            assert needed in sources, f"{name}: its hash does not cover {needed}"


def test_edited_measuring_code_makes_results_stale(sample_data) -> None:
    record = results.parse(sample_data, SAMPLE)
    bench = discover()[SAMPLE]
    assert freshness_problem(record, bench.path) is None, "the sample is stale"
    record.sources["tools/bench/measure.py"] = "0" * 64  # measured by other code
    record.source_sha256 = "0" * 64
    problem = freshness_problem(record, bench.path) or ""
    assert "tools/bench/measure.py" in problem
    assert f"{SAMPLE}.json is stale" in problem
    assert f"make bench BENCH={SAMPLE}" in problem


def test_a_small_run_is_not_shown(sample_data) -> None:
    record = results.parse(sample_data, SAMPLE)
    record.size = "small"
    assert "small size" in (freshness_problem(record, discover()[SAMPLE].path) or "")


def test_source_hash_covers_imported_project_modules(tmp_path: Path) -> None:
    """Editing a helper a benchmark imports makes its results stale too."""
    folder = tmp_path / "examples" / "99_topic"
    folder.mkdir(parents=True)
    bench = folder / "bench_demo.py"
    bench.write_text("import json\nfrom demo_helper import work\n", encoding="utf-8")
    helper = folder / "demo_helper.py"
    helper.write_text("def work(): return 1\n", encoding="utf-8")
    before, files = source_hashes([bench], root=tmp_path)
    assert set(files) == {
        "examples/99_topic/bench_demo.py",
        "examples/99_topic/demo_helper.py",
    }
    helper.write_text("def work(): return 2\n", encoding="utf-8")
    assert source_hashes([bench], root=tmp_path)[0] != before
    bench.write_bytes(bench.read_bytes().replace(b"\n", b"\r\n"))
    helper.write_text("def work(): return 1\n", encoding="utf-8")
    assert source_hashes([bench], root=tmp_path)[0] == before, "line endings count"


# --- Drift: summaries are computed when rendering ---------------------------------


def test_a_changed_statistic_shows_as_drift(sample_data, monkeypatch) -> None:
    path = RESULTS_DIR / f"{SAMPLE}.json"
    assert drift_problems(path) == [], "the sample's outputs are out of date"
    monkeypatch.setattr(stats.statistics, "median", max)  # the median becomes max
    problems = drift_problems(path)
    assert problems, "replacing the median by the maximum changed no output"
    assert all("python -m tools.render" in p for p in problems)
    assert any(SAMPLE in p for p in problems)


# --- Statistics on exact data -------------------------------------------------------


def test_spread_is_the_median_and_the_middle_half() -> None:
    assert stats.spread([5, 1, 4, 2, 3]) == stats.Spread(3, 2, 4, 5)
    assert stats.spread([7.0]) == stats.Spread(7.0, 7.0, 7.0, 1)
    with pytest.raises(ValueError):
        stats.spread([])


def test_percentile_interpolates() -> None:
    assert stats.percentile([10, 20, 30, 40, 50], 0.9) == pytest.approx(46)
    assert stats.percentile([1], 0.99) == 1


def test_paired_ratios_are_per_round_and_strict() -> None:
    assert stats.paired_ratios([4, 9], [2, 3]) == [2, 3]
    with pytest.raises(ValueError):
        stats.paired_ratios([1, 2], [1])


def test_share_of_capacity_takes_startup_off() -> None:
    # 10 s alone, 6 s with 2 workers of which 1 s is start-up, capacity 2:
    # speedup 10 / 5 = 2, all of the capacity.
    assert stats.share_of_capacity([10], [6], [2], startup=1) == [1.0]
    assert stats.share_of_capacity([10], [6], [2], startup=100) == pytest.approx(
        [10 / 0.6 / 2]
    )


def test_fit_amdahl_recovers_exact_parameters() -> None:
    workers = [1, 2, 4, 8, 16, 32]
    seconds = [10 * (0.1 + 0.9 / n) for n in workers]
    t1, serial = stats.fit_amdahl(workers, seconds)
    assert t1 == pytest.approx(10) and serial == pytest.approx(0.1)
    assert stats.amdahl_speedup(0.1, 1e9) == pytest.approx(10)
    with pytest.raises(ValueError):
        stats.linear_fit([1], [1])
    with pytest.raises(ValueError):
        stats.linear_fit([2, 2], [1, 3])


def test_knee_is_the_first_count_near_the_peak() -> None:
    assert stats.knee([1, 2, 4, 8, 16], [10, 20, 38, 40, 39]) == 4
    assert stats.knee([1, 2], [5, 5]) == 1


def test_growth_per_unit_is_the_slope() -> None:
    counts = [100, 1000, 5000]
    assert stats.growth_per_unit(counts, [50_000 + 16_384 * c for c in counts]) == (
        pytest.approx(16_384)
    )


# --- wrk's output -------------------------------------------------------------------

WRK_OUTPUT = """\
Running 1s test @ http://127.0.0.1:8765/
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.22ms    1.61ms   9.65ms   81.70%
    Req/Sec     0.87k   125.16     1.09k    80.00%
  Latency Distribution
     50%    1.63ms
     75%    2.70ms
     90%    4.59ms
     99%    1.20s
  872 requests in 1.00s, 836.23KB read
  Socket errors: connect 0, read 2, write 0, timeout 7
  Non-2xx or 3xx responses: 3
Requests/sec:    868.63
Transfer/sec:    833.00KB
"""


def test_wrk_output_is_parsed() -> None:
    run = load.parse_wrk(WRK_OUTPUT)
    assert (run.requests, run.seconds, run.requests_per_second) == (872, 1.0, 868.63)
    assert run.latency_p50 == pytest.approx(0.00163)
    assert run.latency_p99 == pytest.approx(1.2)
    assert (run.timeouts, run.errors, run.non_2xx) == (7, 2, 3)


@pytest.mark.parametrize(
    "broken",
    [
        "",
        WRK_OUTPUT.replace("Requests/sec", "Reqs"),
        WRK_OUTPUT.replace("     99%    1.20s\n", ""),
    ],
)
def test_unreadable_wrk_output_fails(broken: str) -> None:
    with pytest.raises(ValueError, match="wrk --latency"):
        load.parse_wrk(broken)


# --- Rounds and budgets -------------------------------------------------------------


def test_rounds_stop_at_the_deadline_but_not_below_the_minimum(monkeypatch) -> None:
    """On a fake clock where each round takes 10 s: deadlines decide alone."""
    now = [0.0]
    monkeypatch.setattr(measure, "time", SimpleNamespace(monotonic=lambda: now[0]))

    def one_round(number: int) -> None:
        now[0] += 10

    with pytest.raises(measure.BudgetExceeded, match="will not fit"):
        measure.run_rounds(10, 15, one_round, "demo")  # 3 rounds need 30 s
    now[0] = 0.0
    assert measure.run_rounds(10, 45, one_round, "demo") == measure.MIN_ROUNDS + 1
    now[0] = 0.0
    assert measure.run_rounds(10, 35, one_round, "demo") == measure.MIN_ROUNDS
    now[0] = 0.0
    assert measure.run_rounds(4, None, one_round, "demo") == 4


def test_budgets_fit_in_twenty_minutes() -> None:
    budgets = {
        name: bench.load().EXPECTED_SECONDS for name, bench in discover().items()
    }
    for name, seconds in budgets.items():
        assert isinstance(seconds, int) and seconds > 0, f"{name}: EXPECTED_SECONDS"
    total = sum(budgets.values())
    assert total <= BUDGET_SECONDS, (
        f"the benchmarks declare {total} s together ({budgets}); one `make bench` "
        f"must fit in {BUDGET_SECONDS} s on 2 cores: cut a benchmark's size or rounds"
    )


def test_declared_config_keeps_plain_constants_only() -> None:
    module = type("module", (), {})()
    vars(module).update(SIZE=3, NAMES=["a"], VARIANTS={"a": print}, lower=1, X=None)
    assert measure.declared_config(module) == {"NAMES": ["a"], "SIZE": 3}


# --- The layout of tools/ ------------------------------------------------------------

TOOLS = ROOT / "tools"
MAX_LINES = 500


def tools_modules() -> dict[str, Path]:
    found = {}
    for path in sorted(TOOLS.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """{module: the tools modules it imports, at any depth in the file}."""
    modules = tools_modules()
    graph = {}
    for name, path in modules.items():
        source = path.read_text(encoding="utf-8")
        targets = set()
        for imported in imported_modules(source, str(path)):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules around it, or None."""
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target, [*path, target])):
                return cycle
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node, [node])):
            return cycle
    return None


def test_tools_have_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle in tools/: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_tools_modules_stay_small() -> None:
    long = {
        name: n
        for name, path in tools_modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these modules (over {MAX_LINES} lines): {long}"


def test_imports_inside_functions_count() -> None:
    source = "def f():\n    from tools.render import common\n"
    assert "tools.render.common" in imported_modules(source)


def test_a_fractional_wrk_duration_is_refused() -> None:
    """wrk takes whole seconds only (it prints its usage for "2.5s")."""
    module = type("bench_demo", (), {})()
    vars(module).update(__name__="bench_demo", CONCURRENCY=[10], DURATION_SECONDS=2.5)
    with pytest.raises(ValueError, match="whole seconds"):
        load.settings(module, "full")
