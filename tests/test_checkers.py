"""The checkers' own tests: each check, shown failing on an input it must reject.

A check that passes on the project's files proves little until it has been
seen to fail; here each gets a bad input, and a good one beside it.
"""

from __future__ import annotations

import random
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import markdown
import pytest
from pytest_examples import EvalExample

from tests.support.harness import (
    Example,
    HeaderError,
    parse_headers,
    run_script,
    tool,
)
from tests.support.markdown import FenceError, fenced_blocks, prose_lines
from tests.support.quotes import check_page, page_quotes
from tests.support.recorded import (
    THIS_PYTHON,
    Block,
    Line,
    RecordingError,
    format_block,
    normalise,
    rerecord,
    split_recordings,
    with_recordings,
)
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
from tests.test_examples import check_in_process, check_script, rerun_elsewhere
from tests.test_links import problem_with
from tests.test_lint import type_ignore_problems
from tools import format_examples
from tools.project import ROOT

pytestmark = pytest.mark.docs

# --- Example headers ---------------------------------------------------------


def test_headers_are_read_until_the_first_other_line() -> None:
    source = '# output: script\n# requires-python: >=3.12\n"""Doc."""\n# platform: x\n'
    assert parse_headers(source, "x.py") == {
        "output": "script",
        "requires-python": ">=3.12",
    }
    source = "# output: script\n# exit: 1\n# start-method: spawn\n"
    example = Example(Path("x.py"), parse_headers(source, "x.py"))
    assert (example.expected_exit, example.start_method) == (1, "spawn")
    plain = Example(Path("y.py"))
    assert (plain.expected_exit, plain.start_method) == (0, None)


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("# requires_python: >=3.12\n", "unknown header 'requires_python'"),
        ("# Note: read me\n", "unknown header 'Note'"),
        ("# requires-python: 3.12\n", "'requires-python: 3.12' is not a value"),
        ("# requires-python: >=3\n", "'requires-python: >=3' is not a value"),
        ("# output: scripts\n", "'output: scripts' is not a value"),
        ("# output: script\n# exit: 0\n", "'exit: 0' is not a value"),
        ("# output: script\n# exit: one\n", "'exit: one' is not a value"),
        ("# output: script\n# start-method: threads\n", "'start-method: threads'"),
        ("# exit: 1\n", "'exit' needs '# output: script'"),
        ("# start-method: spawn\n", "'start-method' needs '# output: script'"),
    ],
    ids=[
        *("underscore", "prose-comment", "no-operator", "no-minor", "typo"),
        *("exit-zero", "exit-word", "start-method-typo"),
        *("exit-in-process", "start-method-in-process"),
    ],
)
def test_a_bad_header_fails(source: str, named: str) -> None:
    with pytest.raises(HeaderError, match=rf"^x.py(:\d)?: {named}"):
        parse_headers(source, "x.py")


# --- Recorded output: the blocks at the end of a script ------------------------

TAGGED = """\
print("a")

# Output (recorded by `make update`):
#> a
#>

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#![3.11, 3.12] AttributeError: Can't pickle local object 'f.<locals>.g'
#![3.13]       AttributeError: Can't get local object 'f.<locals>.g'
#![3.13]
"""


def test_recorded_blocks_round_trip() -> None:
    code, blocks = split_recordings(TAGGED, "x.py")
    assert code == 'print("a")\n'
    assert blocks["stdout"] == Block("stdout", (Line("a"), Line("")))
    stderr = blocks["stderr"]
    assert stderr.versions == ("3.11", "3.12", "3.13")
    assert stderr.lines[1] == Line(
        "AttributeError: Can't pickle local object 'f.<locals>.g'",
        frozenset({"3.11", "3.12"}),
    )
    assert with_recordings(code, blocks) == TAGGED
    assert split_recordings(code) == (code, {})


@pytest.mark.parametrize(
    ("version", "lines"),
    [
        (
            "3.11",
            ["Traceback (most recent call last):", "AttributeError: Can't pickle"],
        ),
        (
            "3.13",
            ["Traceback (most recent call last):", "AttributeError: Can't get", ""],
        ),
        ("3.14", None),  # never recorded there: not compared
    ],
)
def test_each_python_expects_its_own_lines(version: str, lines: list | None) -> None:
    expected = split_recordings(TAGGED)[1]["stderr"].expected(version)
    if lines is None:
        assert expected is None
    else:
        assert expected is not None
        assert [a[: len(b)] for a, b in zip(expected, lines, strict=True)] == lines
    # A block without versions holds everywhere.
    assert split_recordings(TAGGED)[1]["stdout"].expected(version) == ["a", ""]


def test_a_stray_line_after_the_output_marker_fails() -> None:
    source = with_recordings('print("a")\n', {"stdout": Block("stdout", (Line("a"),))})
    with pytest.raises(RecordingError, match=r"^x.py:5: 'print\(\"late\"\)' follows"):
        split_recordings(source + 'print("late")\n', "x.py")


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        ("# Output (recorded by `make update`):\n#! oops\n", "only `#>` lines"),
        ("# Stderr (recorded by `make update`):\n#> oops\n", "only `#!` lines"),
        ("# Output (recorded by `make update`):\n#>oops\n", "only `#>` lines"),
        ("# Output (recorded by `make update`):\n#>[3.12] a\n", "names no versions"),
        (
            "# Output (recorded by `make update` on Python 3.11, 3.12):\n#>[3.14] a\n",
            "names a version the block was not recorded on",
        ),
        (
            "# Output (recorded by `make update` on Python 3.11):\n#>[>=3.11] a\n",
            "is not a list of Python versions",
        ),
        ("# Output (recorded by `make update` on Python 3.x):\n", "3.N"),
        (
            "# Output (recorded by `make update` on Python 3.11, 3.11):\n",
            "names a version twice",
        ),
        (
            "# Output (recorded by `make update`):\n#> a\n"
            "# Output (recorded by `make update`):\n#> b\n",
            "a second `Output` block",
        ),
        (
            "# Stderr (recorded by `make update` on Python 3.11, 3.12):\n"
            "#![3.11] a\n#! b\n",
            "their text starting in column 10",
        ),
    ],
    ids=[
        *("stderr-in-output", "output-in-stderr", "no-space", "tag-without-versions"),
        *("unrecorded-version", "not-a-version", "bad-marker", "twice", "two-blocks"),
        "misaligned",
    ],
)
def test_a_bad_recorded_block_fails(block: str, problem: str) -> None:
    with pytest.raises(RecordingError, match=r"^x\.py:\d+: ") as caught:
        split_recordings("x = 1\n\n" + block, "x.py")
    assert problem in str(caught.value)


# --- Normalisation: only what varies from run to run -------------------------

STDLIB = sysconfig.get_paths()["stdlib"]
SITE = sysconfig.get_paths()["purelib"]


@pytest.mark.parametrize(
    ("printed", "recorded"),
    [
        ("<function <lambda> at 0x7f3a5c2e1d90>", "<function <lambda> at 0x...>"),
        ("This process (pid=12345) is multi-threaded", "This process (pid=...) is"),
        ("killed pid 4242", "killed pid ..."),
        ('File "/work/here/demo.py", line 3', 'File ".../demo.py", line 3'),
        (f'File "{STDLIB}/asyncio/runners.py"', 'File ".../asyncio/runners.py"'),
        (f"{SITE}/starlette/routing.py", ".../starlette/routing.py"),
        (f"{tempfile.gettempdir()}/tmpab3x_9k1/out.txt", ".../out.txt"),
        (
            "Executing <Task ...> took 0.503 seconds",
            "Executing <Task ...> took ... seconds",
        ),
        ("RuntimeError: ", "RuntimeError:"),
        # What does not vary between runs stays as it was.
        ("exit code 0x1f", "exit code 0x1f"),
        ("took 2 tries", "took 2 tries"),
        ("pidgin", "pidgin"),
    ],
    ids=[
        *("address", "pid=", "pid-space", "own-folder", "stdlib", "site-packages"),
        *("tempdir", "duration", "trailing-space"),
        *("short-hex-kept", "not-a-duration", "not-a-pid"),
    ],
)
def test_normalisation(printed: str, recorded: str) -> None:
    [line] = normalise(printed + "\n", Path("/work/here"))
    assert line.startswith(recorded)


def test_line_numbers_vary_only_in_the_interpreter_files() -> None:
    """The standard library's line numbers move between patch releases; the
    example's own must stay, since a page may quote them."""
    stdlib = sysconfig.get_paths()["stdlib"]
    printed = (
        f'  File "{stdlib}/concurrent/futures/_base.py", line 456, in result\n'
        '  File "/work/here/demo.py", line 20, in <module>\n'
        f"cb=[f() at {stdlib}/asyncio/base_events.py:180] at /work/here/demo.py:13"
    )
    assert normalise(printed, Path("/work/here")) == [
        '  File ".../concurrent/futures/_base.py", line ..., in result',
        '  File ".../demo.py", line 20, in <module>',
        "cb=[f() at .../asyncio/base_events.py:...] at .../demo.py:13",
    ]


# --- make update: each Python rewrites only its own lines --------------------

OLD = ["Traceback", "  File x, line 1", "Error: old"]


def texts(block: Block | None, version: str) -> list[str] | None:
    return None if block is None else block.expected(version)


def test_update_on_the_reference_rewrites_a_block_without_versions() -> None:
    block = Block("stderr", tuple(Line(t) for t in OLD))
    assert rerecord(block, OLD, "stderr", "3.12") is block  # same: untouched
    new = rerecord(block, ["Error: new"], "stderr", "3.11", reference="3.11")
    assert new == Block("stderr", (Line("Error: new"),))
    assert rerecord(block, [], "stderr", "3.11", reference="3.11") is None


def test_update_on_another_python_tags_what_differs() -> None:
    block = Block("stderr", tuple(Line(t) for t in OLD))
    printed = ["Traceback", "  File x, line 2", "Error: old"]
    new = rerecord(block, printed, "stderr", "3.12", reference="3.11")
    assert new is not None and new.versions == ("3.11", "3.12")
    assert format_lines(new) == [  # the text in one column: ^ marks stay aligned
        "#!       Traceback",
        "#![3.11]   File x, line 1",
        "#![3.12]   File x, line 2",
        "#!       Error: old",
    ]
    # A third Python that prints what 3.12 printed joins 3.12's line.
    third = rerecord(new, printed, "stderr", "3.13", reference="3.11")
    assert third is not None and third.versions == ("3.11", "3.12", "3.13")
    assert "#![3.12, 3.13]   File x, line 2" in format_lines(third)
    assert texts(third, "3.11") == OLD


def format_lines(block: Block) -> list[str]:
    return format_block(block).splitlines()[1:]


def test_update_never_touches_other_versions_lines() -> None:
    """Random outputs, recorded on three Pythons in random orders. After each
    update the Python that ran it reads back what it printed, and every other
    Python the block names reads back what it printed last. (A block without
    versions claims every Python: when the reference rewrites it, the others
    fail until updated. A Python that only matched it is not remembered when
    the block gains versions: the test skips it until `make update` runs
    there.) No line names a version that never ran an update, the reference
    aside."""
    rng = random.Random(7)
    words = ["a", "b", "c", "d", ""]
    pythons = ["3.11", "3.12", "3.13"]
    for _ in range(300):
        outputs = {v: rng.choices(words, k=rng.randint(0, 6)) for v in pythons}
        block: Block | None = None
        last: dict[str, list[str]] = {}
        for version in rng.choices(pythons, k=6):
            if rng.random() < 0.3:  # this Python's output changed since
                outputs[version] = rng.choices(words, k=rng.randint(0, 6))
            block = rerecord(block, outputs[version], "stderr", version, "3.11")
            last[version] = outputs[version]
            for seen, printed in last.items():
                expected = [] if block is None else block.expected(seen)
                if seen == version:
                    assert expected == printed
                elif block is not None and block.versions is not None:
                    assert expected in (printed, None)
            if block is not None and block.versions is not None:
                assert set(block.versions) <= set(last) | {"3.11"}
                source = with_recordings("x = 1\n", {"stderr": block})
                assert split_recordings(source)[1]["stderr"] == block


# --- A script's run: exit status, stderr, start method -----------------------


def script(tmp_path: Path, source: str, name: str = "demo.py") -> Example:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return Example(path, parse_headers(source, name))


WARNS = 'import sys\nprint("done")\nprint("careful", file=sys.stderr)\n'


def test_an_undeclared_failure_fails(tmp_path: Path) -> None:
    example = script(tmp_path, "# output: script\nraise SystemExit(3)\n")
    with pytest.raises(pytest.fail.Exception, match=r"exited with 3 \(declare `# exit"):
        check_script(example, update=True)


def test_a_declared_failure_passes_and_only_with_its_status(tmp_path: Path) -> None:
    example = script(
        tmp_path, "# output: script\n# exit: 2\n" + WARNS + "sys.exit(2)\n"
    )
    check_script(example, update=True)
    check_script(example, update=False)
    assert "#! careful" in example.path.read_text(encoding="utf-8")
    example = script(tmp_path, "# output: script\n# exit: 2\nprint('fine')\n")
    with pytest.raises(pytest.fail.Exception, match=r"exited with 0.*not 2 as its"):
        check_script(example, update=False)


def test_a_changed_stderr_line_fails_naming_the_file_and_make_update(
    tmp_path: Path,
) -> None:
    example = script(tmp_path, "# output: script\n" + WARNS)
    check_script(example, update=True)
    source = example.path.read_text(encoding="utf-8")
    assert source.endswith(
        "# Output (recorded by `make update`):\n#> done\n\n"
        "# Stderr (recorded by `make update`):\n#! careful\n"
    )
    example.path.write_text(source.replace("#! careful", "#! careless"), "utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_script(example, update=False)
    message = str(failed.value)
    assert "demo.py: its recorded stderr differs" in message
    assert "-careless\n+careful" in message and "run `make update`" in message


def test_unrecorded_stderr_fails(tmp_path: Path) -> None:
    example = script(tmp_path, "# output: script\n" + WARNS)
    example.path.write_text(
        example.path.read_text("utf-8")
        + "\n# Output (recorded by `make update`):\n#> done\n",
        "utf-8",
    )
    with pytest.raises(pytest.fail.Exception, match="its recorded stderr differs"):
        check_script(example, update=False)


def test_a_block_never_recorded_on_this_python_is_skipped(tmp_path: Path) -> None:
    other = "3.99" if THIS_PYTHON != "3.99" else "3.98"
    example = script(tmp_path, "# output: script\n" + WARNS)
    check_script(example, update=True)
    example.path.write_text(
        example.path.read_text("utf-8").replace(
            "# Stderr (recorded by `make update`):\n#! careful",
            f"# Stderr (recorded by `make update` on Python {other}):\n#![{other}] x",
        ),
        "utf-8",
    )
    with pytest.raises(pytest.skip.Exception, match=f"never recorded on {THIS_PYTHON}"):
        check_script(example, update=False)


@pytest.mark.skipif(sys.platform == "win32", reason="forkserver is POSIX only")
def test_a_pinned_start_method_is_used_and_not_rerun(tmp_path: Path) -> None:
    pinned = script(
        tmp_path,
        "# output: script\n# start-method: forkserver\nimport multiprocessing\n"
        "print(multiprocessing.get_start_method())\n",
    )
    check_script(pinned, update=True)
    assert pinned.path.read_text("utf-8").endswith("#> forkserver\n")
    check_script(pinned, update=False)
    free = script(tmp_path, "# output: script\nimport multiprocessing\n", "free.py")
    assert rerun_elsewhere([pinned, free]) == [free]


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
    assert "the site has no b/index.html" in str(
        problem_with(tmp_path, home, "a", "b/")
    )
    assert "has no id='gone'" in str(problem_with(tmp_path, home, "a", "a/#gone"))


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


# --- Quoted error, warning and log texts -----------------------------------

QUOTING_PAGE = """\
!!! failure "`RuntimeError: boom at 0x7f3a5c2e1d90`"

    It says `ValueError: the value
    was wrong`, then *Executing <Task pending> took 0.2 seconds*, and Python 9
    would say *PicklingError: not run here*{ .cited }. Not quotes:
    `time.sleep()`, `RuntimeError` alone.

!!! warning "No error at all: a plain title"

```text
Traceback (most recent call last):
```

```mermaid
Note over Main: a diagram, not output
```

```python title="examples/a.py"
--8<-- "examples/a.py"
```
"""

RECORDING = """\
# output: script
print(1)

# Stderr (recorded by `make update` on Python 3.11, 3.12):
#!       Traceback (most recent call last):
#![3.11] RuntimeError: boom at 0x...
#![3.12] ValueError: the value
#![3.12]   was wrong
#!       Executing <Task pending> took ... seconds
"""


def test_quotes_are_found_where_a_page_quotes() -> None:
    found = [(q.line, q.text, q.cited) for q in page_quotes(QUOTING_PAGE)]
    assert found == [
        (1, "RuntimeError: boom at 0x7f3a5c2e1d90", False),
        (3, "ValueError: the value was wrong", False),
        (4, "Executing <Task pending> took 0.2 seconds", False),
        (5, "PicklingError: not run here", True),
        (11, "Traceback (most recent call last):", False),
    ]


def test_a_quote_no_recording_on_the_page_holds_fails(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.py").write_text(RECORDING, encoding="utf-8")
    quotes, problems = check_page(QUOTING_PAGE, "p.md", root=tmp_path)
    assert len(quotes) == 5 and problems == []
    changed = QUOTING_PAGE.replace("the value", "the number")
    [problem] = check_page(changed, "p.md", root=tmp_path)[1]
    assert problem.startswith("p.md:3: quotes 'ValueError: the number was wrong'")
    # Across versions a quote must come from one version's text.
    mixed = QUOTING_PAGE.replace("`, then", ": boom at 0x1234abcd`, then")
    assert "p.md:3: quotes" in check_page(mixed, "p.md", root=tmp_path)[1][0]
    # The recording of an example that another page includes does not count.
    elsewhere = QUOTING_PAGE.replace('--8<-- "examples/a.py"', "")
    assert len(check_page(elsewhere, "p.md", root=tmp_path)[1]) == 4


# --- mypy: an example wrong on purpose says so on the line ------------------

NEVER_AWAITED = """\
import asyncio


async def job() -> None:
    await asyncio.sleep(0)


async def main() -> None:
    job(){comment}
"""


def test_mypy_rejects_a_coroutine_never_awaited_unless_the_line_declares_it(
    tmp_path: Path,
) -> None:
    bare = tmp_path / "bare.py"
    bare.write_text(NEVER_AWAITED.format(comment=""), encoding="utf-8")
    declared = tmp_path / "declared.py"
    comment = "  # type: ignore[unused-coroutine]  # the mistake it shows"
    declared.write_text(NEVER_AWAITED.format(comment=comment), encoding="utf-8")
    config = str(ROOT / "pyproject.toml")
    result = subprocess.run(
        [
            tool("mypy"),
            "--config-file",
            config,
            "--no-incremental",
            str(bare),
            str(declared),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout
    [error] = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert error.startswith(str(bare)) and "[unused-coroutine]" in error


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("job()  # type: ignore[unused-coroutine]  # on purpose", None),
        ("job()  # type: ignore", "names no error code"),
        ("job()  # type: ignore  # on purpose", "names no error code"),
        ("job()  # type: ignore[unused-coroutine]", "gives no reason"),
        ("job()  # type: ignore[unused-coroutine]  #", "gives no reason"),
    ],
    ids=["good", "bare", "no-code", "no-reason", "empty-reason"],
)
def test_a_type_ignore_without_code_or_reason_fails(
    line: str, problem: str | None
) -> None:
    problems = type_ignore_problems(f"x = 1\n{line}\n", "x.py")
    if problem is None:
        assert problems == []
    else:
        [found] = problems
        assert found.startswith("x.py:2: ") and problem in found


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
