"""python -m tools.render: see tools/render/__init__.py."""

from __future__ import annotations

import argparse
import sys

from tools import render
from tools.bench.results import ResultsError
from tools.project import shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.render",
        description=render.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="default: all")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if out of date"
    )
    args = parser.parse_args(argv)
    missing = [p for p in render.results_files(args.names) if not p.exists()]
    if missing:
        parser.error(f"no results file {shown(missing[0])}: run `make bench` first")
    try:
        changed = render.render_all(args.names, check=args.check)
    except ResultsError as exc:
        parser.exit(1, f"{exc}\n")
    verb = "out of date:" if args.check else "rendered"
    for path in changed:
        print(f"{verb} {shown(path)}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
