"""Run the examples and the claims on every Python from 3.11 to 3.15 found here.

    .venv/bin/nox            # every interpreter found; missing ones are skipped
    .venv/bin/nox -p 3.13    # one

The README's test command runs everything on one interpreter; this is the
cross-version check that `.ci/run` adds on top.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import nox

PYTHONS = ["3.11", "3.12", "3.13", "3.14", "3.15"]

nox.options.default_venv_backend = "uv"
nox.options.error_on_missing_interpreters = False
nox.options.reuse_existing_virtualenvs = True


def offer_every_pyenv_version() -> None:
    """pyenv's shims answer only for the active version: make them all active."""
    if "PYENV_VERSION" in os.environ or not shutil.which("pyenv"):
        return
    installed = subprocess.run(
        ["pyenv", "versions", "--bare"], capture_output=True, text=True
    ).stdout.split()
    wanted = [v for v in installed if re.fullmatch(r"3\.1[1-5]\.\d+t?", v)]
    if wanted:
        os.environ["PYENV_VERSION"] = ":".join(wanted)


offer_every_pyenv_version()


@nox.session(python=PYTHONS)
def examples(session: nox.Session) -> None:
    """Examples (outputs verified) and the version-dependent claims, here."""
    session.run_install(
        "uv",
        "sync",
        "--locked",
        "--group",
        "test",
        f"--python={session.virtualenv.location}",
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
    )
    # The examples, and only the claims that depend on the interpreter: the
    # rest measure the machine, which the README's test command already did.
    session.run(
        "pytest",
        "tests/test_examples.py",
        *sorted(str(p) for p in Path("tests").glob("test_claims*.py")),
        "-m",
        "not claims or versions",
        *session.posargs,
    )
