"""What the tests know about examples: discovery, headers, runs.

An example file may start with header comments that the harness reads, one
per line, before anything else (the first other line ends them):

    # requires-python: >=3.13      skipped on older interpreters, reason shown
    # platform: linux              skipped on other platforms (sys.platform prefix)
    # output: script               run as `python file.py` in a fresh process;
                                   its stdout and stderr are the blocks at the end
    # exit: 1                      (scripts) it fails on purpose: exits with 1.
                                   Without it, any status but 0 fails the test
    # start-method: spawn          (scripts) its processes start this way, so it
                                   runs under that method only (not the matrix)

Without `output: script` the file runs in-process under pytest-examples and
each `#>` line sits under the `print` that wrote it. A script's output is
recorded after its code, stdout first, then stderr:

    # Output (recorded by `make update`):
    #> jobs done: [0, 1]

    # Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
    #! Traceback (most recent call last):
    #![3.11, 3.12] AttributeError: Can't pickle local object 'main.<locals>.square'
    #![3.13] AttributeError: Can't get local object 'main.<locals>.square'

A tag such as [3.13] marks a line only those versions printed; the block's
marker names every version it was recorded on. Addresses, process ids, the
example's folder, temporary and interpreter folders, and durations are
normalised (0x..., .../, took ... seconds). tests/support/recorded.py has the
format, the rules and how `make update` rewrites a block.

An unknown header, or a value the harness cannot read, is an error naming the
file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.project import NEWEST_RECORDED, ROOT, example_files, shown

HEADER = re.compile(r"^# (?P<name>[A-Za-z][\w-]*): *(?P<value>.+?) *$")
# What each header accepts, as a regular expression and in words.
HEADER_VALUES = {
    "requires-python": (r">=\s*(\d+)\.(\d+)", "a minimum version, as in >=3.13"),
    "platform": (r"[a-z][a-z0-9]*", "a sys.platform prefix: linux, darwin, win32"),
    "output": (r"script", "script"),
    "exit": (r"[1-9]\d{0,2}", "the exit status it fails with, as in 1"),
    "start-method": (r"spawn|forkserver|fork", "spawn, forkserver or fork"),
}
# Headers that only a script run can honour.
SCRIPT_ONLY = ("exit", "start-method")
STARTS_PROCESSES = re.compile(r"\b(multiprocessing|ProcessPoolExecutor)\b")
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
    def expected_exit(self) -> int:
        """The exit status it declares (0 unless it fails on purpose)."""
        return int(self.headers.get("exit", "0"))

    @property
    def start_method(self) -> str | None:
        """The start method it is pinned to, if any."""
        return self.headers.get("start-method")

    @property
    def starts_processes(self) -> bool:
        """Does it start processes (so the start method matters)?"""
        return bool(STARTS_PROCESSES.search(self.path.read_text(encoding="utf-8")))

    @property
    def minimum_python(self) -> tuple[int, int] | None:
        """The version its `# requires-python:` header names, if any."""
        wanted = self.headers.get("requires-python")
        if not wanted:
            return None
        match = re.fullmatch(HEADER_VALUES["requires-python"][0], wanted)
        assert match, f"{self.rel}: headers not read by parse_headers()"
        return (int(match[1]), int(match[2]))

    @property
    def never_recorded(self) -> bool:
        """Does it need a Python newer than any this project records on?"""
        needed = self.minimum_python
        return needed is not None and needed > NEWEST_RECORDED

    def skip_reason(self) -> str | None:
        """Why this interpreter or platform cannot run the example, or None."""
        needed = self.minimum_python
        if needed and sys.version_info[:2] < needed:
            return f"{self.rel} needs Python {needed[0]}.{needed[1]}+"
        platform = self.headers.get("platform")
        if platform and not sys.platform.startswith(platform):
            return f"{self.rel} runs on {platform} only"
        method = self.start_method
        if method and method not in multiprocessing.get_all_start_methods():
            return f"{self.rel} needs the {method!r} start method, missing here"
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
    script_only = [key for key in SCRIPT_ONLY if key in headers]
    if script_only and headers.get("output") != "script":
        raise HeaderError(
            f"{name}: '{script_only[0]}' needs '# output: script' above it: only "
            "a script run has an exit status and a start method of its own."
        )
    return headers


def read_headers(path: Path) -> dict[str, str]:
    return parse_headers(path.read_text(encoding="utf-8"), shown(path))


def all_examples() -> list[Example]:
    """Every runnable example (helpers under examples/_shared/ excluded)."""
    return [Example(path, read_headers(path)) for path in example_files()]


# --- Scripts: a fresh `python file.py` --------------------------------------


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
        """Processes of the session still running. A zombie has exited; it
        waits only for init to reap it, which on a busy machine can take
        longer than the grace period."""
        found = []
        for proc in psutil.process_iter(["cmdline", "status"]):
            try:
                if (
                    os.getsid(proc.pid) == session_id
                    and proc.info["status"] != psutil.STATUS_ZOMBIE
                ):
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
