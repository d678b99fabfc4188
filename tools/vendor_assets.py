"""Vendor Mermaid and MathJax into docs/assets/vendor/ so the site loads nothing
from another host.

Both packages are fetched from the npm registry with ``npm pack`` (pinned
versions below) into a temporary directory; only the files a page can request
are copied, and ``docs/assets/vendor/README.md`` is rewritten with the versions,
licences, sizes and npm integrity hashes. The output is deterministic: running
the script again with the same versions changes nothing.

What is copied, and why:

* Mermaid: the ESM build. Its entry (``mermaid.esm.min.mjs``, ~30 KB) imports
  the shared core chunks and loads each diagram type's chunk only when a page
  draws that type, so a flowchart page fetches far less than the 3.5 MB UMD
  ``mermaid.min.js``. All chunks are vendored (any diagram type works); source
  maps are not.
* MathJax 3 (not 4: version 4 fetches its fonts from a CDN unless the 49 MB
  font package is vendored too, and turns on a speech engine of several MB by
  default): the combined ``tex-mml-chtml.js`` component, the CHTML woff fonts
  it loads (by path relative to itself, only those a formula needs) and the TeX
  extensions it autoloads on demand (``\\cancel``, ``\\ce``, ``\\require``...),
  without the all-in-one ``all-packages.js`` that nothing loads.

Usage: ``python tools/vendor_assets.py`` (needs ``npm`` and the npm registry).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tools.project import ROOT

DEFAULT_DEST = ROOT / "docs" / "assets" / "vendor"

# Material for MkDocs 9.x targets mermaid@11 (its fallback URL is mermaid@11).
MERMAID_VERSION = "11.17.2"
MATHJAX_VERSION = "3.2.2"

REGENERATE = "python tools/vendor_assets.py"


@dataclass(frozen=True)
class Rule:
    """Copy files under ``src`` (inside the npm tarball) whose names end with
    ``suffix`` to ``dst`` (inside the package's vendor folder)."""

    src: str
    dst: str
    suffix: str
    recursive: bool = False
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Package:
    name: str
    folder: str
    license: str
    entry: str
    rules: tuple[Rule, ...]
    note: str


def packages(mermaid: str, mathjax: str) -> dict[str, tuple[Package, str]]:
    return {
        "mermaid": (
            Package(
                name="mermaid",
                folder="mermaid",
                license="MIT",
                entry="mermaid.esm.min.mjs",
                rules=(
                    Rule("package/LICENSE", "LICENSE", ""),
                    Rule("package/dist/mermaid.esm.min.mjs", ".", ".mjs"),
                    Rule(
                        "package/dist/chunks/mermaid.esm.min",
                        "chunks/mermaid.esm.min",
                        ".mjs",
                    ),
                ),
                note=(
                    "ESM build: the entry plus every chunk (each diagram type "
                    "is a chunk fetched only when a page draws that type). The "
                    "chunks bundle Mermaid's own dependencies (d3, dagre, "
                    "DOMPurify, KaTeX, cytoscape, ...), each under its own "
                    "permissive licence; see the package on npm."
                ),
            ),
            mermaid,
        ),
        "mathjax": (
            Package(
                name="mathjax",
                folder="mathjax",
                license="Apache-2.0",
                entry="tex-mml-chtml.js",
                rules=(
                    Rule("package/LICENSE", "LICENSE", ""),
                    Rule("package/es5/tex-mml-chtml.js", ".", ".js"),
                    Rule(
                        "package/es5/output/chtml/fonts/woff-v2",
                        "output/chtml/fonts/woff-v2",
                        ".woff",
                    ),
                    Rule(
                        "package/es5/input/tex/extensions",
                        "input/tex/extensions",
                        ".js",
                        recursive=True,
                        exclude=("all-packages.js",),
                    ),
                ),
                note=(
                    "`tex-mml-chtml.js` (TeX and MathML input, CommonHTML "
                    "output), the woff fonts it loads relative to itself, and "
                    "the TeX extensions it autoloads on demand. Not vendored: "
                    "the accessibility explorer and speech engine that the "
                    "right-click menu can switch on (they would 404)."
                ),
            ),
            mathjax,
        ),
    }


def npm_pack(spec: str, workdir: Path) -> dict[str, str]:
    """Download ``spec`` with ``npm pack``; return its filename and integrity."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("error: npm is not on PATH (it fetches the packages)")
    out = subprocess.run(
        [npm, "pack", spec, "--json", "--ignore-scripts"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)[0]
    return {"filename": info["filename"], "integrity": info["integrity"]}


def extract(tarball: Path, into: Path) -> None:
    with tarfile.open(tarball) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # pragma: no cover - Python builds without PEP 706
            tar.extractall(into)


def select(root: Path, rule: Rule) -> list[tuple[Path, PurePosixPath]]:
    """Files a rule selects, as (source path, destination relative path)."""
    src = root / rule.src
    if src.is_file():
        name = rule.dst if rule.dst != "." else src.name
        return [(src, PurePosixPath(name))]
    if not src.is_dir():
        sys.exit(f"error: {rule.src} is missing from the package")
    found = src.rglob("*") if rule.recursive else src.iterdir()
    picked = []
    for path in sorted(found):
        if not path.is_file() or not path.name.endswith(rule.suffix):
            continue
        if path.name in rule.exclude:
            continue
        rel = PurePosixPath(rule.dst) / path.relative_to(src).as_posix()
        picked.append((path, rel))
    if not picked:
        sys.exit(f"error: no {rule.suffix} files under {rule.src}")
    return picked


def human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.2f} MiB"
    return f"{size / 1024:.0f} KiB"


def vendor(pkg: Package, version: str, dest: Path, workdir: Path) -> dict:
    spec = f"{pkg.name}@{version}"
    print(f"fetching {spec} ...", file=sys.stderr)
    packed = npm_pack(spec, workdir)
    unpacked = workdir / pkg.folder
    extract(workdir / packed["filename"], unpacked)
    meta = json.loads((unpacked / "package" / "package.json").read_text("utf-8"))
    if meta["version"] != version:
        sys.exit(f"error: asked for {spec}, npm gave {meta['version']}")

    target = dest / pkg.folder
    if target.exists():
        shutil.rmtree(target)
    files = [pair for rule in pkg.rules for pair in select(unpacked, rule)]
    total = 0
    for src, rel in files:
        out = target / Path(*rel.parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out)
        total += out.stat().st_size
    entry = target / pkg.entry
    print(
        f"  {len(files)} files, {human(total)} -> {target}",
        file=sys.stderr,
    )
    return {
        "pkg": pkg,
        "version": version,
        "integrity": packed["integrity"],
        "license": meta.get("license", pkg.license),
        "files": len(files),
        "bytes": total,
        "entry_bytes": entry.stat().st_size,
        "entry_sha256": hashlib.sha256(entry.read_bytes()).hexdigest(),
    }


def readme(results: list[dict]) -> str:
    lines = [
        "# Vendored JavaScript",
        "",
        "Generated by `tools/vendor_assets.py`; do not edit by hand. Every file",
        "here comes unmodified from the npm package named below, so pages load",
        "nothing from another host (see Contract 5 in the design notes).",
        "",
        "Regenerate (needs `npm` and the npm registry), then rebuild and commit:",
        "",
        "```sh",
        REGENERATE,
        "```",
        "",
        "Change a version with `--mermaid-version` / `--mathjax-version` or the",
        "constants at the top of the script.",
        "",
        "| Package | Version | Licence | Files | Size on disk | Entry file |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        pkg = r["pkg"]
        lines.append(
            f"| [{pkg.name}](https://www.npmjs.com/package/{pkg.name}) "
            f"| {r['version']} | {r['license']} | {r['files']} "
            f"| {human(r['bytes'])} | `{pkg.folder}/{pkg.entry}` "
            f"({human(r['entry_bytes'])}) |"
        )
    lines += ["", "## What each folder holds", ""]
    for r in results:
        pkg = r["pkg"]
        folder = pkg.folder
        lines += [
            f"- `{folder}/`: {pkg.note} Licence text: `{folder}/LICENSE`.",
            f"  npm integrity `{r['integrity']}`;",
            f"  entry sha256 `{r['entry_sha256']}`.",
        ]
    lines += [
        "",
        "## How pages use them",
        "",
        "`overrides/main.html` adds them only to pages that need them: Mermaid",
        "when a page contains a `mermaid` fence (or sets `mermaid: true` in its",
        "front matter), MathJax when a page contains `pymdownx.arithmatex` math",
        "(or sets `math: true`), and on notebook pages whose Markdown holds math.",
        "Material for MkDocs draws the diagrams itself with the `mermaid` global",
        "the override provides, so it never falls back to unpkg.com and diagram",
        "colours follow the light/dark palette.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Download pinned Mermaid and MathJax releases from the npm registry "
            "(npm pack) and copy only the files the site serves into "
            "docs/assets/vendor/."
        ),
    )
    parser.add_argument(
        "--dest",
        type=Path,
        default=DEFAULT_DEST,
        help="vendor folder (default: docs/assets/vendor in this repository)",
    )
    parser.add_argument(
        "--mermaid-version",
        default=MERMAID_VERSION,
        help="mermaid release to vendor (default: %(default)s)",
    )
    parser.add_argument(
        "--mathjax-version",
        default=MATHJAX_VERSION,
        help="MathJax 3 release to vendor (default: %(default)s)",
    )
    parser.add_argument(
        "--only",
        choices=["mermaid", "mathjax"],
        action="append",
        help="vendor only this package (repeatable; default: both)",
    )
    args = parser.parse_args(argv)
    dest = args.dest.resolve()
    if not args.mathjax_version.startswith("3."):
        parser.error("the loader and config target MathJax 3 (es5/ layout)")

    table = packages(args.mermaid_version, args.mathjax_version)
    wanted = args.only or list(table)
    dest.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="vendor-assets-") as tmp:
        for key in table:
            pkg, version = table[key]
            if key in wanted:
                workdir = Path(tmp) / key
                workdir.mkdir()
                results.append(vendor(pkg, version, dest, workdir))
    if len(results) == len(table):
        (dest / "README.md").write_text(readme(results), encoding="utf-8")
    else:
        print("README.md not rewritten (only part was vendored)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
