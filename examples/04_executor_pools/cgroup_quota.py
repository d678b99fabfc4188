"""A container's CPU quota: Python's CPU counts ignore it, so read it yourself.

Under cgroup v2 (Linux), `cpu.max` holds "<quota> <period>" in microseconds,
or "max <period>" for no limit: "150000 100000" allows 1.5 CPUs' worth of
time. `docker run --cpus 1.5` writes exactly that.
"""

import math
import os
import sys
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


def parse_cpu_max(text: str) -> float | None:
    """CPUs' worth of time a cpu.max line allows, or None for no limit."""
    quota, period = text.split()
    return None if quota == "max" else int(quota) / int(period)


def cpu_quota() -> float | None:
    """The tightest cgroup v2 quota on this process and its parent groups."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None  # not Linux
    group = next((line[3:] for line in lines if line.startswith("0::")), None)
    if group is None:
        return None  # cgroup v1 only
    limits = []
    folder = CGROUP_ROOT / group.lstrip("/")
    for path in [folder, *folder.parents]:
        try:
            limit = parse_cpu_max((path / "cpu.max").read_text())
        except (OSError, ValueError):
            continue  # no cpu.max at this level (the root has none)
        if limit is not None:
            limits.append(limit)
        if path == CGROUP_ROOT:
            break
    return min(limits, default=None)


def workers_for_cpu_bound_work() -> int:
    """The CPUs Python counts, lowered to the quota when there is one."""
    if sys.version_info >= (3, 13):
        cpus = os.process_cpu_count() or 1
    else:
        cpus = os.cpu_count() or 1
    quota = cpu_quota()
    return cpus if quota is None else max(1, min(cpus, math.floor(quota)))


def main() -> None:
    print(f"'150000 100000' allows {parse_cpu_max('150000 100000')} CPUs")
    #> '150000 100000' allows 1.5 CPUs
    print(f"'max 100000' allows {parse_cpu_max('max 100000')} (no limit)")
    #> 'max 100000' allows None (no limit)
    workers, quota = workers_for_cpu_bound_work(), cpu_quota()
    within_count = 1 <= workers <= (os.cpu_count() or 1)
    print(f"workers within the CPUs Python counts: {within_count}")
    #> workers within the CPUs Python counts: True
    within_quota = quota is None or workers <= max(1, quota)
    print(f"workers within the quota, if there is one: {within_quota}")
    #> workers within the quota, if there is one: True


if __name__ == "__main__":
    main()
