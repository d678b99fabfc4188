"""Contract 2: every example runs, and its recorded output is what it printed.

`make update` (pytest --update-examples) re-records the outputs.
"""

from __future__ import annotations

import difflib

import pytest
from pytest_examples import CodeExample, EvalExample

from tests.harness import (
    OUTPUT_MARKER,
    UPDATE_COMMAND,
    Example,
    all_examples,
    run_script,
    split_recorded_output,
    with_recorded_output,
)

EXAMPLES = all_examples()


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.rel for e in EXAMPLES])
def test_example(example: Example, eval_example: EvalExample) -> None:
    reason = example.skip_reason()
    if reason:
        pytest.skip(reason)
    if example.runs_as_script:
        check_script(example, update=eval_example.update_examples)
    else:
        check_in_process(example, eval_example)


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
        difference = str(exc)
    else:
        return
    pytest.fail(
        f"{example.rel}: the `#>` lines differ from what the example printed.\n"
        f"{difference}\nIf the new output is right, run `{UPDATE_COMMAND}` and "
        "review the diff.",
        pytrace=False,
    )


def check_script(example: Example, *, update: bool) -> None:
    run = run_script(example.path)
    assert run.returncode == 0, (
        f"`python {example.rel}` exited with {run.returncode}:\n{run.stderr}"
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
    code, recorded = split_recorded_output(source)
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
            f"`python {example.rel}` printed:\n{diff}\nIf the new output is "
            f"right, run `{UPDATE_COMMAND}` and review the diff.",
            pytrace=False,
        )
