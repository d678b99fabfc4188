"""What the tests know about examples: discovery, headers, recorded output, runs.

An example file may start with header comments that the harness reads, one
per line, before anything else (the first other line ends them):

    # requires-python: >=3.13      skipped on older interpreters, reason shown
    # platform: linux              skipped on other platforms (sys.platform prefix)
    # output: script               run as `python file.py` in a fresh process;
                                   its stdout is the trailing `#>` block

Without `output: script` the file runs in-process under pytest-examples and
each `#>` line sits under the `print` that wrote it. An unknown header, or a
value the harness cannot read, is an error naming the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.project import ROOT, UPDATE_COMMAND, example_files, shown

HEADER = re.compile(r"^# (?P<name>[A-Za-z][\w-]*): *(?P<value>.+?) *$")
# What each header accepts, as a regular expression and in words.
HEADER_VALUES = {
    "requires-python": (r">=\s*(\d+)\.(\d+)", "a minimum version, as in >=3.13"),
    "platform": (r"[a-z][a-z0-9]*", "a sys.platform prefix: linux, darwin, win32"),
    "output": (r"script", "script"),
}
STARTS_PROCESSES = re.compile(r"\b(multiprocessing|ProcessPoolExecutor)\b")
OUTPUT_MARKER = "# Output (recorded by `make update`):"  # a file format: keep it
SCRIPT_TIMEOUT = 60
START_METHOD_SITE = ROOT / "tests" / "start_method"
# Processes multiprocessing starts for itself; they are not an example's leak.
ALLOWED_HELPERS = ("multiprocessing.resource_tracker", "multiprocessing.forkserver")


@dataclass
class Example:
    path: Path
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def rel(self) -> str:
        return shown(self.path)

    @property
    def runs_as_script(self) -> bool:
        return self.headers.get("output") == "script"

    @property
    def starts_processes(self) -> bool:
        """Does it start processes (so the start method matters)?"""
        return bool(STARTS_PROCESSES.search(self.path.read_text(encoding="utf-8")))

    def skip_reason(self) -> str | None:
        """Why this interpreter or platform cannot run the example, or None."""
        wanted = self.headers.get("requires-python")
        if wanted:
            match = re.fullmatch(HEADER_VALUES["requires-python"][0], wanted)
            assert match, f"{self.rel}: headers not read by parse_headers()"
            needed = (int(match[1]), int(match[2]))
            if sys.version_info[:2] < needed:
                return f"{self.rel} needs Python {needed[0]}.{needed[1]}+"
        platform = self.headers.get("platform")
        if platform and not sys.platform.startswith(platform):
            return f"{self.rel} runs on {platform} only"
        return None


class HeaderError(ValueError):
    """A header the harness does not know, or cannot read."""


def parse_headers(source: str, name: str) -> dict[str, str]:
    """The `# name: value` lines that open `source` (the file called `name`)."""
    headers = {}
    for number, line in enumerate(source.splitlines(), start=1):
        match = HEADER.match(line)
        if not match:
            break
        key, value = match["name"], match["value"]
        if key not in HEADER_VALUES:
            raise HeaderError(
                f"{name}:{number}: unknown header {key!r}; the harness reads "
                f"{', '.join(HEADER_VALUES)}. Fix its spelling, or make the line "
                "an ordinary comment below the headers."
            )
        pattern, accepted = HEADER_VALUES[key]
        if not re.fullmatch(pattern, value):
            raise HeaderError(
                f"{name}:{number}: '{key}: {value}' is not a value the harness "
                f"reads; write {accepted}."
            )
        headers[key] = value
    return headers


def read_headers(path: Path) -> dict[str, str]:
    return parse_headers(path.read_text(encoding="utf-8"), shown(path))


def all_examples() -> list[Example]:
    """Every runnable example (helpers under examples/_shared/ excluded)."""
    return [Example(path, read_headers(path)) for path in example_files()]


# --- Scripts: a fresh `python file.py`, output in a trailing #> block ---------


def split_recorded_output(
    source: str, name: str = "<source>"
) -> tuple[str, list[str] | None]:
    """Return (code, recorded lines) for a script example called `name`.

    Every line after OUTPUT_MARKER must be a `#>` line ("#> text", or "#>" for
    an empty line); anything else there is an error naming the line."""
    code, marker, block = source.partition("\n" + OUTPUT_MARKER + "\n")
    if not marker:
        return source, None
    first = code.count("\n") + 3  # the line after the marker
    lines = []
    for number, line in enumerate(block.splitlines(), start=first):
        if line != "#>" and not line.startswith("#> "):
            raise ValueError(
                f"{name}:{number}: {line!r} follows `{OUTPUT_MARKER}`, where only "
                f"`#>` lines belong. Move code above the marker and run "
                f"`{UPDATE_COMMAND}` to record the output again."
            )
        lines.append(line[3:])
    return code + "\n", lines


def with_recorded_output(code: str, output: list[str]) -> str:
    block = "\n".join(f"#> {line}" if line else "#>" for line in output)
    return f"{code.rstrip()}\n\n{OUTPUT_MARKER}\n{block}\n"


@dataclass
class ScriptRun:
    stdout: str
    stderr: str
    returncode: int
    leaked: list[str]


def run_script(
    path: Path,
    *,
    timeout: float = SCRIPT_TIMEOUT,
    env: dict | None = None,
    start_method: str | None = None,
) -> ScriptRun:
    """Run `python path` the way a reader would, and report leftover processes.

    With `start_method`, tests/start_method/sitecustomize.py sets it before the
    script starts, so its processes start as they would on another platform.
    The script gets its own session, so a process it leaves behind is found
    (and killed) even after it was re-parented.
    """
    run_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    run_env.pop("PYTHONPATH", None)  # a reader's copy has no project on the path
    posix = os.name == "posix"
    if start_method:
        run_env["PYTHONPATH"] = str(START_METHOD_SITE)
        run_env["EXAMPLES_START_METHOD"] = start_method
    # Files, not pipes: a process the script leaves behind would hold a pipe
    # open, and reading it to the end would wait for that process too.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, path.name],
            cwd=path.parent,
            stdout=out,
            stderr=err,
            text=True,
            env=run_env,
            start_new_session=posix,
        )
        try:
            proc.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            timed_out = True
        leaked = _kill_session(proc.pid, grace=0 if timed_out else 2.0) if posix else []
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if timed_out:
        raise AssertionError(
            f"{path.name} did not exit within {timeout:.0f} s: a non-daemon "
            "thread, a pool or a server is still running. Examples must stop by "
            "themselves.\n--- stderr ---\n" + stderr
        )
    return ScriptRun(stdout, stderr, proc.returncode, leaked)


def _kill_session(session_id: int, grace: float = 2.0) -> list[str]:
    """Kill what is left of a session; describe each leaked process.

    multiprocessing's resource tracker and forkserver exit on their own once
    their parent has gone; they get `grace` seconds and are never reported.
    """
    import psutil

    def members() -> list[psutil.Process]:
        found = []
        for proc in psutil.process_iter(["cmdline"]):
            try:
                if os.getsid(proc.pid) == session_id:
                    found.append(proc)
            except (ProcessLookupError, PermissionError):
                continue
        return found

    deadline = time.monotonic() + grace
    while (left := members()) and time.monotonic() < deadline:
        time.sleep(0.05)
    leaked = []
    for proc in left:
        cmdline = " ".join(proc.info["cmdline"] or [])
        if not any(allowed in cmdline for allowed in ALLOWED_HELPERS):
            leaked.append(f"pid {proc.pid}: {cmdline}")
        with contextlib.suppress(psutil.Error):
            proc.kill()
    return leaked


def tool(name: str) -> str:
    """Path of a command-line tool installed beside this Python, or on PATH."""
    import shutil

    here = Path(sys.executable).parent
    found = shutil.which(name, path=f"{here}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        raise AssertionError(
            f"`{name}` is not installed: run `make test`, which installs the test "
            "dependency group into .venv/"
        )
    return found
