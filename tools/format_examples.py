"""Format files with `ruff format`, keeping pytest-examples' `#>` output lines.

ruff (like black) rewrites a comment `#> out` to `# > out`, which would break
every recorded output. This runs ruff on a copy where `#>` is hidden as `# #>`
and puts it back afterwards.

    python -m tools.format_examples examples tests tools          # rewrite
    python -m tools.format_examples --check examples tests tools  # report only
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

OUTPUT_LINE = re.compile(r"^(\s*)#>", re.M)
HIDDEN_OUTPUT_LINE = re.compile(r"^(\s*)# #>", re.M)


def ruff_formatted(source: str, filename: str) -> str:
    """What `ruff format` makes of `source`, `#>` lines left as they were."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    hidden = OUTPUT_LINE.sub(r"\1# #>", source)
    result = subprocess.run(
        [ruff, "format", "--stdin-filename", filename, "-"],
        input=hidden,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"ruff format failed on {filename}:\n{result.stderr}")
    return HIDDEN_OUTPUT_LINE.sub(r"\1#>", result.stdout)


def python_files(paths: list[str]) -> list[Path]:
    files = []
    for name in paths:
        path = Path(name)
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if "__pycache__" not in f.parts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="files or folders to format")
    parser.add_argument(
        "--check", action="store_true", help="list unformatted files, change nothing"
    )
    args = parser.parse_args(argv)
    unformatted = []
    for path in python_files(args.paths):
        source = path.read_text(encoding="utf-8")
        formatted = ruff_formatted(source, str(path))
        if formatted != source:
            unformatted.append(path)
            if not args.check:
                path.write_text(formatted, encoding="utf-8")
    verb = "would reformat" if args.check else "reformatted"
    for path in unformatted:
        print(f"{verb} {path}")
    return 1 if args.check and unformatted else 0


if __name__ == "__main__":
    sys.exit(main())
