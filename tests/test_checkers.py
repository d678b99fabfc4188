"""The checkers' own tests: each check, shown failing on an input it must reject.

A check that passes on the project's files proves little until it has been
seen to fail; here each gets a bad input, and a good one beside it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import markdown
import pytest
from pytest_examples import EvalExample

from tests.support.harness import (
    OUTPUT_MARKER,
    Example,
    HeaderError,
    parse_headers,
    run_script,
    split_recorded_output,
    tool,
    with_recorded_output,
)
from tests.support.markdown import FenceError, fenced_blocks, prose_lines
from tests.support.static_site import Page
from tests.support.tiers import registered_tiers, tier_problems
from tests.test_build import (
    DISTRIBUTIONS,
    EXTERNAL_RESOURCE,
    group_distributions,
    uncovered_imports,
)
from tests.test_copy_paste import CodeBlocks, copy_problems
from tests.test_docs import helper_importers, python_block_problems
from tests.test_examples import check_in_process
from tests.test_links import problem_with
from tools import format_examples

pytestmark = pytest.mark.docs

# --- Example headers ---------------------------------------------------------


def test_headers_are_read_until_the_first_other_line() -> None:
    source = '# output: script\n# requires-python: >=3.12\n"""Doc."""\n# platform: x\n'
    assert parse_headers(source, "x.py") == {
        "output": "script",
        "requires-python": ">=3.12",
    }


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("# requires_python: >=3.12\n", "unknown header 'requires_python'"),
        ("# Note: read me\n", "unknown header 'Note'"),
        ("# requires-python: 3.12\n", "'requires-python: 3.12' is not a value"),
        ("# requires-python: >=3\n", "'requires-python: >=3' is not a value"),
        ("# output: scripts\n", "'output: scripts' is not a value"),
    ],
    ids=["underscore", "prose-comment", "no-operator", "no-minor", "typo"],
)
def test_a_bad_header_fails(source: str, named: str) -> None:
    with pytest.raises(HeaderError, match=f"^x.py:1: {named}"):
        parse_headers(source, "x.py")


# --- Recorded output ---------------------------------------------------------


def test_recorded_output_round_trips() -> None:
    code = 'print("a")\nprint()\n'
    source = with_recorded_output(code, ["a", ""])
    assert source.endswith(f"\n{OUTPUT_MARKER}\n#> a\n#>\n")
    assert split_recorded_output(source) == (code + "\n", ["a", ""])
    assert split_recorded_output(code) == (code, None)


def test_a_stray_line_after_the_output_marker_fails() -> None:
    source = with_recorded_output('print("a")\n', ["a"]) + 'print("late")\n'
    with pytest.raises(ValueError, match=r"^x.py:5: 'print\(\"late\"\)' follows"):
        split_recorded_output(source, "x.py")


def test_an_in_process_example_with_wrong_output_fails(
    tmp_path: Path, eval_example: EvalExample
) -> None:
    if eval_example.update_examples:
        pytest.skip("--update-examples would rewrite the file instead of checking it")
    path = tmp_path / "wrong.py"
    path.write_text('print("one")\n#> one\n', encoding="utf-8")
    check_in_process(Example(path), eval_example)  # right: passes
    path.write_text('print("one")\n#> two\n', encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match=r"wrong\.py: the `#>` lines"):
        check_in_process(Example(path), eval_example)


def test_a_script_that_leaves_a_process_or_never_exits_fails(tmp_path: Path) -> None:
    path = tmp_path / "leaves_a_child.py"
    path.write_text(
        "import subprocess, sys\n"
        'subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])\n',
        encoding="utf-8",
    )
    [leaked] = run_script(path).leaked
    assert "time.sleep(60)" in leaked
    path.write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="did not exit within 1 s"):
        run_script(path, timeout=1)


# --- The Markdown fence scanner ----------------------------------------------


def test_an_unclosed_fence_fails() -> None:
    with pytest.raises(FenceError, match=r"^page.md:2: the fence ``` never closes"):
        fenced_blocks("text\n```python\nprint(1)\n", "page.md")


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A shorter fence inside a longer one is body; a longer one closes.
        ("````md\n```py\nx\n```\n`````\n", [(1, "md", ["```py", "x", "```"])]),
        # Tildes close only on tildes; a fence with an info string closes nothing.
        ("~~~\n```\n~~~~\n", [(1, "", ["```"])]),
        ("```\n```py\n```\n", [(1, "", ["```py"])]),
        # Indented (an admonition): a more indented fence is body, not a close.
        ("!!! note\n    ```py\n      ```\n    ```\n", [(2, "py", ["      ```"])]),
        # Attributes, in both spellings.
        ('``` { .python title="a.py" }\n```\n', [(1, "python", 'title="a.py"')]),
        ("```py3 linenums='1'\n```\n", [(1, "py3", "linenums='1'")]),
        # Inline code is no fence; nor is a fence inside an HTML comment.
        ("```x``` and\n<!--\n```\n-->\n", []),
    ],
    ids=["nested", "tildes", "info-string", "indented", "braces", "plain", "no-fence"],
)
def test_fenced_blocks(text: str, blocks: list) -> None:
    found = fenced_blocks(text)
    if blocks and isinstance(blocks[0][2], str):
        assert [(b.line, b.lang, b.attrs) for b in found] == blocks
    else:
        assert [(b.line, b.lang, b.body) for b in found] == blocks


def test_prose_lines_skip_code_and_comments() -> None:
    text = "a 1\n```\nb 2\n```\nc <!-- d --> e\n<!-- f\ng -->h\n\n~~~\ni\n~~~\n"
    assert prose_lines(text) == [(1, "a 1"), (5, "c  e"), (7, "h")]


# --- Python blocks on the pages ----------------------------------------------

GOOD_BLOCK = '```python title="examples/a.py"\n--8<-- "examples/a.py"\n```\n'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (GOOD_BLOCK, None),
        ('````markdown\n```python\nprint("shown as text")\n```\n````\n', None),
        ("```python\nprint(1)\n```\n", "has Python typed into the page"),
        ('```py title="examples/a.py"\n--8<-- "examples/a.py:main"\n```\n', "part"),
        ('```python\n--8<-- "examples/a.py"\n```\n', 'title="examples/a.py"'),
        (GOOD_BLOCK.replace('title="examples/a.py"', 'title="a.py"'), "title the"),
        ('```python\n--8<-- "a.py"\n--8<-- "b.py"\n```\n', "includes 2 files"),
    ],
    ids=["good", "in-markdown", "typed", "region", "untitled", "other-title", "two"],
)
def test_python_block_check(text: str, problem: str | None) -> None:
    problems = python_block_problems(text, "page.md")
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems
        assert problems[0].startswith("page.md:1 ")


def test_an_example_importing_a_helper_fails(tmp_path: Path) -> None:
    files = {
        "_shared/timing.py": "import time\n",
        "01_x/uses_helper.py": "from _shared.timing import clock\n",
        "01_x/imports_it_late.py": "def f():\n    import examples._shared.timing\n",
        "01_x/alone.py": "import time\nimport shared_memory_demo\n",
    }
    for name, source in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(source, encoding="utf-8")
    examples = [tmp_path / name for name in files if not name.startswith("_")]
    assert helper_importers(examples) == [
        str(tmp_path / "01_x/uses_helper.py"),
        str(tmp_path / "01_x/imports_it_late.py"),
    ]


# --- Notebook imports against the site group ---------------------------------


def test_a_notebook_import_the_site_group_lacks_fails() -> None:
    source = (
        "import os\nimport numpy as np\nfrom PIL import Image\nimport not_installed\n"
    )
    assert uncovered_imports(source, "nb.py", {"pillow"}) == [
        "nb.py imports not_installed (distribution not_installed)",
        "nb.py imports numpy (distribution numpy)",
    ]
    assert (
        uncovered_imports(source, "nb.py", {"pillow", "numpy", "not-installed"}) == []
    )
    assert DISTRIBUTIONS["PIL"] == "pillow"


def test_groups_include_other_groups() -> None:
    pyproject = {
        "dependency-groups": {
            "site": ["Mkdocs_Material>=9; python_version >= '3.11'", "jupytext[x]"],
            "test": [{"include-group": "site"}, "pytest>=8"],
        }
    }
    assert group_distributions(pyproject, "test") == {
        "mkdocs-material",
        "jupytext",
        "pytest",
    }


# --- Copy-paste: code blocks in the built HTML --------------------------------


def rendered(text: str) -> str:
    """Markdown as the site renders code (mkdocs.yml's highlight settings)."""
    options = {"anchor_linenums": True, "line_spans": "__span"}
    return markdown.markdown(
        text,
        extensions=["pymdownx.highlight", "pymdownx.superfences"],
        extension_configs={"pymdownx.highlight": options},
    )


def test_titled_blocks_are_extracted_as_a_reader_copies_them() -> None:
    text = (
        '```python title="examples/a.py"\nif 1 < 2:\n    print("&")  # x\n```\n\n'
        "```text\nuntitled\n```\n"
    )
    parser = CodeBlocks()
    parser.feed(rendered(text))
    assert parser.blocks == [("examples/a.py", 'if 1 < 2:\n    print("&")  # x\n')]


def test_copy_check(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("print(1)\n", encoding="utf-8")
    assert copy_problems([("p.html", "a.py", "print(1)\n")], tmp_path) == []
    assert "no code block titled" in copy_problems([], tmp_path)[0]
    [problem] = copy_problems([("p.html", "b.py", "print(1)\n")], tmp_path)
    assert problem.startswith("p.html: a block is titled 'b.py', which names no file")
    [problem] = copy_problems([("p.html", "a.py", "print(2)\n")], tmp_path)
    assert problem.startswith("p.html: the block titled a.py is not that file")


# --- The built site: links and other hosts ---------------------------------


def test_a_link_to_a_missing_page_or_anchor_fails(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2>', "utf-8")
    home = Page("/", None)
    assert problem_with(tmp_path, home, "a", "a/#here") is None
    assert "the site has no b/index.html" in problem_with(tmp_path, home, "a", "b/")
    assert "has no id='gone'" in problem_with(tmp_path, home, "a", "a/#gone")


def test_a_resource_from_another_host_is_found() -> None:
    assert EXTERNAL_RESOURCE.search('<script defer src="https://unpkg.com/m.js">')
    assert EXTERNAL_RESOURCE.search("<link rel=stylesheet href='//fonts.x/a.css'>")
    assert not EXTERNAL_RESOURCE.search('<a href="https://docs.python.org/3/">')
    assert not EXTERNAL_RESOURCE.search('<img src="../assets/chart.svg">')


# --- format_examples: ruff format, `#>` lines kept ----------------------------

WITH_OUTPUT = "def f():\n    print(1)\n    #> 1\n\n\nprint(2)\n#> 2\n#>\n"


def test_formatting_keeps_output_lines() -> None:
    assert format_examples.ruff_formatted(WITH_OUTPUT, "x.py") == WITH_OUTPUT


def test_plain_ruff_format_would_break_output_lines() -> None:
    result = subprocess.run(
        [tool("ruff"), "format", "--stdin-filename", "x.py", "-"],
        input=WITH_OUTPUT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "    # > 1\n" in result.stdout and "\n# > 2\n# >\n" in result.stdout


def test_format_check_fails_on_an_unformatted_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "messy.py"
    path.write_text("x=1\n#> 1\n", encoding="utf-8")
    assert format_examples.main(["--check", str(path)]) == 1
    assert f"would reformat {path}" in capsys.readouterr().out
    assert format_examples.main([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == "x = 1\n#> 1\n"


# --- Tiers -------------------------------------------------------------------

MARKERS = ["docs: tier: pages", "build: tier: site", "versions: depends on Python"]


def test_tiers_are_the_markers_described_as_tiers() -> None:
    assert registered_tiers(MARKERS) == ["docs", "build"]


def test_a_test_without_exactly_one_tier_fails() -> None:
    tiers = registered_tiers(MARKERS)
    marks = {
        "tests/test_a.py::test_one": {"docs", "versions"},
        "tests/test_b.py::test_none": {"parametrize"},
        "tests/test_b.py::test_two": {"docs", "build"},
    }
    [problem] = tier_problems(marks, tiers)
    assert problem.startswith("tests/test_b.py: every test needs exactly one tier")
    assert "test_none has none; test_two has build, docs" in problem
    assert "`pytestmark = pytest.mark.<tier>`" in problem and "docs, build" in problem
