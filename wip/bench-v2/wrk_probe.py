"""Scratch: run wrk against bench_starlette.serve() and parse its output.

usage: python /tmp/wrk_probe.py [rounds] [duration] [conc,conc] [variants,...]
"""

import importlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass

BENCH = "/work/main/examples/09_starlette"
WRK_THREADS = 2
TIMEOUT = "30s"

# wrk's format_time units (src/units.c): us, ms, s, then m, h.
TIME_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
# "  50%   51.23ms" inside "Latency Distribution" (only with --latency)
PERCENTILE = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.M)
# "  5432 requests in 3.00s, 812.34KB read"
TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h),", re.M)
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)\s*$", re.M)
# only printed when any is non-zero
SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


@dataclass
class WrkResult:
    requests: int
    seconds: float
    requests_per_second: float
    p50: float  # seconds
    p75: float
    p90: float
    p99: float
    connect_errors: int
    read_errors: int
    write_errors: int
    timeouts: int  # >= TIMEOUT: missing from the percentiles
    non_2xx: int


def parse_wrk(text: str) -> WrkResult:
    percentiles = {p: float(v) * TIME_UNITS[u] for p, v, u in PERCENTILE.findall(text)}
    total, rate = TOTAL.search(text), RATE.search(text)
    if total is None or rate is None or set(percentiles) != {"50", "75", "90", "99"}:
        raise ValueError(f"not the output of `wrk --latency`:\n{text}")
    errors = SOCKET_ERRORS.search(text)
    connect, read, write, timeouts = (int(g) for g in errors.groups()) if errors else (0, 0, 0, 0)
    non_2xx = NON_2XX.search(text)
    return WrkResult(
        requests=int(total[1]),
        seconds=float(total[2]) * TIME_UNITS[total[3]],
        requests_per_second=float(rate[1]),
        p50=percentiles["50"],
        p75=percentiles["75"],
        p90=percentiles["90"],
        p99=percentiles["99"],
        connect_errors=connect,
        read_errors=read,
        write_errors=write,
        timeouts=timeouts,
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
    )


def wrk_command(url: str, connections: int, seconds: float) -> list[str]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk not found: apt-get install -y wrk")
    return [
        wrk,
        f"-t{min(WRK_THREADS, connections)}",  # wrk needs connections >= threads
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--timeout",
        TIMEOUT,
        "--latency",
        url,
    ]


def run_wrk(url: str, connections: int, seconds: float) -> tuple[WrkResult, str]:
    command = wrk_command(url, connections, seconds)
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return parse_wrk(done.stdout), done.stdout


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3
    levels = [int(c) for c in sys.argv[3].split(",")] if len(sys.argv) > 3 else [10, 50]
    sys.path.insert(0, BENCH)
    bench = importlib.import_module("bench_starlette")
    names = sys.argv[4].split(",") if len(sys.argv) > 4 else list(bench.VARIANTS)
    results: dict[str, list[dict]] = {}
    started_all = time.perf_counter()
    for number in range(rounds):
        order = names if number % 2 == 0 else names[::-1]  # interleaved
        for name in order:
            for connections in levels:
                t0 = time.perf_counter()
                with bench.serve() as base:
                    t1 = time.perf_counter()
                    result, raw = run_wrk(base + bench.VARIANTS[name], connections, seconds)
                    t2 = time.perf_counter()
                t3 = time.perf_counter()
                row = asdict(result) | {
                    "start_s": round(t1 - t0, 2),
                    "stop_s": round(t3 - t2, 2),
                }
                results.setdefault(f"{name}@{connections}", []).append(row)
                print(
                    f"r{number} {name:<9} c={connections:<3} "
                    f"{result.requests_per_second:8.1f} req/s  "
                    f"p50 {result.p50 * 1000:8.1f} ms  p90 {result.p90 * 1000:8.1f} ms  "
                    f"p99 {result.p99 * 1000:8.1f} ms  to={result.timeouts} "
                    f"err={result.connect_errors + result.read_errors + result.write_errors} "
                    f"non2xx={result.non_2xx}  start {t1 - t0:.2f}s stop {t3 - t2:.2f}s",
                    flush=True,
                )
    print(f"total {time.perf_counter() - started_all:.1f} s")
    for key, rows in results.items():
        rates = [r["requests_per_second"] for r in rows]
        print(f"{key:<14} median {statistics.median(rates):8.1f} req/s  runs {rates}")
    if all(f"{n}@50" in results for n in ("await", "blocking")):
        ratios = [
            a["requests_per_second"] / b["requests_per_second"]
            for a, b in zip(results["await@50"], results["blocking@50"])
        ]
        print("await/blocking @50 paired ratios:", [round(r, 1) for r in ratios])
    with open("/tmp/wrk_probe_results.json", "w") as out:
        json.dump(results, out, indent=1)


if __name__ == "__main__":
    main()
