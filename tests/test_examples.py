"""Contract 2: every example runs, and its recorded output is what it printed.

`make update` (pytest --update-examples) re-records the outputs.
"""

from __future__ import annotations

import difflib
import multiprocessing
import traceback

import pytest
from pytest_examples import CodeExample, EvalExample

from tests.support.harness import (
    OUTPUT_MARKER,
    Example,
    all_examples,
    run_script,
    split_recorded_output,
    with_recorded_output,
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
PROCESS_EXAMPLES = [e for e in EXAMPLES if e.starts_processes]


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


def check_script(
    example: Example, *, update: bool, start_method: str | None = None
) -> None:
    run = run_script(example.path, start_method=start_method)
    how = f" under the {start_method!r} start method" if start_method else ""
    assert run.returncode == 0, (
        f"`python {example.rel}` exited with {run.returncode}{how}:\n{run.stderr}"
        + (MAIN_GUARD_HINT if "bootstrapping phase" in run.stderr else "")
    )
    assert not run.leaked, (
        f"`python {example.rel}` left processes running after it exited:\n  "
        + "\n  ".join(run.leaked)
        + "\nJoin or terminate every process it starts (use `with` on pools)."
    )
    assert not run.stderr.strip(), (
        f"`python {example.rel}` wrote to stderr (keep a demo's output clean):\n"
        + run.stderr
    )
    source = example.path.read_text(encoding="utf-8")
    code, recorded = split_recorded_output(source, example.rel)
    printed = run.stdout.splitlines()
    if update:
        new_source = with_recorded_output(code, printed)
        if new_source != source:
            example.path.write_text(new_source, encoding="utf-8")
        return
    if recorded is None:
        pytest.fail(
            f"{example.rel} runs as a script but has no `{OUTPUT_MARKER}` block. "
            f"Run `{UPDATE_COMMAND}` to record it.",
            pytrace=False,
        )
    if printed != recorded:
        diff = "\n".join(
            difflib.unified_diff(
                recorded, printed, "recorded in the file", "printed now", lineterm=""
            )
        )
        pytest.fail(
            f"{example.rel}: its recorded output differs from what "
            f"`python {example.rel}` printed{how}:\n{diff}\nIf the new output is "
            f"right, run `{UPDATE_COMMAND}` and review the diff.",
            pytrace=False,
        )
