"""Where and with what a run happened: machine, Python build, packages, git."""

from __future__ import annotations

import importlib.metadata
import multiprocessing
import os
import platform
import subprocess
import sys
import sysconfig
from pathlib import Path

from tools.bench.results import Git, LoadAverage, Machine, PythonBuild
from tools.bench.sources import project_module
from tools.project import ROOT, imported_modules

RUNNER_PACKAGES = ("psutil", "rich")
# Written by `make bench` itself: a change there is the run's own output.
SHOWN_CHANGES = 20


def _run(*command: str) -> str | None:
    try:
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def cpu_model() -> str:
    if sys.platform.startswith("linux"):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.split(":")[0].strip() in ("model name", "Model", "cpu model"):
                return line.split(":", 1)[1].strip()
    elif sys.platform == "darwin":
        brand = _run("sysctl", "-n", "machdep.cpu.brand_string")
        if brand:
            return brand.strip()
    return platform.processor() or platform.machine() or "unknown"


def os_name() -> str:
    if sys.platform.startswith("linux"):
        try:
            return platform.freedesktop_os_release()["PRETTY_NAME"]
        except (OSError, KeyError):
            return "Linux"
    if sys.platform == "darwin":
        return f"macOS {platform.mac_ver()[0]}"
    if sys.platform == "win32":
        return f"Windows {platform.release()} ({platform.version()})"
    return platform.system()


def machine(load_before: list[float] | None, load_after: list[float] | None) -> Machine:
    import psutil

    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    process_cpu_count = getattr(os, "process_cpu_count", None)
    return Machine(
        cpu_model=cpu_model(),
        architecture=platform.machine(),
        logical_cpus=os.cpu_count() or 1,
        physical_cores=psutil.cpu_count(logical=False),
        process_cpu_count=process_cpu_count() if process_cpu_count else None,
        affinity_cpus=len(affinity) if affinity is not None else None,
        memory_bytes=psutil.virtual_memory().total,
        os=os_name(),
        system=platform.system(),
        kernel=platform.release(),
        load_average=LoadAverage(load_before, load_after),
    )


def python_build() -> PythonBuild:
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return PythonBuild(
        version=platform.python_version(),
        implementation=platform.python_implementation(),
        full_version=sys.version,
        compiler=platform.python_compiler(),
        gil_disabled_build=bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        gil_enabled=is_gil_enabled() if is_gil_enabled else True,
        start_method=multiprocessing.get_start_method(),
    )


def package_versions(files: list[Path]) -> dict[str, str]:
    """Versions of the installed distributions the measured code imports."""
    wanted = set(RUNNER_PACKAGES)
    distributions = importlib.metadata.packages_distributions()
    for path in files:
        for name in imported_modules(path.read_text(encoding="utf-8"), str(path)):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or project_module(top, path):
                continue
            wanted.update(distributions.get(top, [top]))
    versions = {}
    for name in sorted(wanted):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git(sources: list[str]) -> Git:
    """The commit, and which of the files the numbers depend on (`sources`,
    relative to the project) differed from it when the run ended. Changes to
    other files, such as results written by the same `make bench`, do not
    make a run's code uncommitted."""
    commit = _run("git", "rev-parse", "HEAD")
    status = _run("git", "status", "--porcelain", "--untracked-files=all")
    changed = [line[3:] for line in (status or "").splitlines() if line[3:] in sources]
    return Git(
        commit=commit.strip() if commit else "unknown (not a git checkout)",
        dirty=bool(changed) if status is not None else None,
        changed_files=changed[:SHOWN_CHANGES],
    )
