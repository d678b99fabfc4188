"""Contract 2: every example runs, and its recorded output is what it printed.

A script example's stdout and stderr are both recorded, per Python version
where they differ, and it exits with the status it declares (0 by default).
`make update` (pytest --update-examples) re-records the outputs of the
interpreter it runs on.
"""

from __future__ import annotations

import difflib
import multiprocessing
import shutil
import tempfile
import traceback
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample

from tests.support.harness import Example, all_examples, run_script
from tests.support.recorded import (
    THIS_PYTHON,
    mismatches,
    normalise,
    rerecord,
    split_recordings,
    with_recordings,
)
from tools.project import UPDATE_COMMAND

pytestmark = pytest.mark.examples

EXAMPLES = all_examples()
MAIN_GUARD_HINT = (
    "\nThe child process re-ran the module's top level: put the code that starts "
    'processes under `if __name__ == "__main__":`.'
)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.rel for e in EXAMPLES])
def test_example(example: Example, eval_example: EvalExample) -> None:
    reason = example.skip_reason()
    if reason:
        pytest.skip(reason)
    if example.runs_as_script:
        check_script(example, update=eval_example.update_examples)
    else:
        check_in_process(example, eval_example)


OTHER_START_METHODS = [
    method
    for method in ("spawn", "forkserver")
    if method in multiprocessing.get_all_start_methods()
    and method != multiprocessing.get_start_method()
]


def rerun_elsewhere(examples: list[Example]) -> list[Example]:
    """The examples to rerun under the other start methods: those that start
    processes, except any pinned to one start method by its header."""
    return [e for e in examples if e.starts_processes and not e.start_method]


PROCESS_EXAMPLES = rerun_elsewhere(EXAMPLES)


@pytest.mark.parametrize("start_method", OTHER_START_METHODS)
@pytest.mark.parametrize(
    "example", PROCESS_EXAMPLES, ids=[e.rel for e in PROCESS_EXAMPLES]
)
def test_example_under_other_start_method(example: Example, start_method: str) -> None:
    """Same output under spawn (macOS, Windows) and forkserver (Linux, 3.14+).

    Catches a missing `__main__` guard or a worker that cannot be pickled
    before a reader on another platform does.
    """
    reason = example.skip_reason()
    if reason:
        pytest.skip(reason)
    if not example.runs_as_script:
        pytest.fail(
            f"{example.rel} starts processes, so it must run as a script: add the "
            "header `# output: script` and run `make update`.",
            pytrace=False,
        )
    check_script(example, update=False, start_method=start_method)


def check_in_process(example: Example, eval_example: EvalExample) -> None:
    code = CodeExample.create(
        example.path.read_text(encoding="utf-8"), path=example.path
    )
    if eval_example.update_examples:
        eval_example.run_print_update(code)
        return
    try:
        eval_example.run_print_check(code)
    except pytest.fail.Exception as exc:
        problem = (
            f"the `#>` lines differ from what the example printed.\n{exc}\n"
            f"If the new output is right, run `{UPDATE_COMMAND}` and review the diff."
        )
    except Exception as exc:  # the example itself failed
        problem = f"it raised {type(exc).__name__}: {exc}\n" + "".join(
            traceback.format_exception(exc)[-6:]
        )
    else:
        return
    pytest.fail(f"{example.rel}: {problem}", pytrace=False)


STREAM_WORDS = {
    "stdout": ("output", "printed"),
    "stderr": ("stderr", "wrote to stderr"),
}


def check_script(
    example: Example, *, update: bool, start_method: str | None = None
) -> None:
    method = start_method or example.start_method
    # A copy alone in an empty folder, as a reader who copied it would run it:
    # no sibling file to import or read (tests/test_copy_paste.py relies on it).
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / example.path.name
        shutil.copyfile(example.path, copy)
        run = run_script(copy, start_method=method)
    how = f" under the {method!r} start method" if method else ""
    if run.returncode != example.expected_exit:
        declared = (
            f", not {example.expected_exit} as its `# exit:` header says"
            if example.expected_exit
            else " (declare `# exit: N` if it fails on purpose)"
        )
        pytest.fail(
            f"`python {example.rel}` exited with {run.returncode}{how}{declared}:\n"
            + run.stderr
            + (MAIN_GUARD_HINT if "bootstrapping phase" in run.stderr else ""),
            pytrace=False,
        )
    assert not run.leaked, (
        f"`python {example.rel}` left processes running after it exited:\n  "
        + "\n  ".join(run.leaked)
        + "\nJoin or terminate every process it starts (use `with` on pools)."
    )
    source = example.path.read_text(encoding="utf-8")
    code, blocks = split_recordings(source, example.rel)
    printed = {
        "stdout": normalise(run.stdout, copy.parent),
        "stderr": normalise(run.stderr, copy.parent),
    }
    if update:
        new_blocks = {s: rerecord(blocks.get(s), printed[s], s) for s in printed}
        new_source = with_recordings(code, new_blocks)
        if new_source != source:
            example.path.write_text(new_source, encoding="utf-8")
        return
    if not blocks and example.never_recorded:
        pytest.skip(
            f"{example.rel} ran on Python {THIS_PYTHON} and exited as declared, "
            "leaving nothing behind; its output is not verified: it needs a "
            "Python newer than any this project records on, and its page says so.",
        )
    if not blocks:
        pytest.fail(
            f"{example.rel} runs as a script but has no `# Output (recorded by "
            f"`make update`):` block. Run `{UPDATE_COMMAND}` to record it.",
            pytrace=False,
        )
    differ, unrecorded = mismatches(blocks, printed)
    for stream, (expected, lines) in differ.items():
        noun, verb = STREAM_WORDS[stream]
        diff = "\n".join(
            difflib.unified_diff(
                expected, lines, "recorded in the file", "now", lineterm=""
            )
        )
        pytest.fail(
            f"{example.rel}: its recorded {noun} differs from what "
            f"`python {example.rel}` {verb}{how} on Python {THIS_PYTHON}:\n"
            f"{diff}\nIf the new {noun} is right, run `{UPDATE_COMMAND}` "
            "and review the diff.",
            pytrace=False,
        )
    if unrecorded:
        streams = " and ".join(f"its {STREAM_WORDS[s][0]}" for s in unrecorded)
        pytest.skip(
            f"{example.rel}: {streams} differ between Python "
            f"versions and were never recorded on {THIS_PYTHON}; run "
            f"`{UPDATE_COMMAND}` with Python {THIS_PYTHON} to record them."
        )
