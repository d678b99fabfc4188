"""What every test gets: the leak check, its tier (and the time per tier), the
`built_site` fixture, the count of quoted texts per page, all from
tests/support/; and a fix for pytest-examples on 3.11."""

from __future__ import annotations

import sys

pytest_plugins = (
    "tests.support.leaks",
    "tests.support.tiers",
    "tests.support.static_site",
    "tests.support.quotes",
)

if sys.version_info[:2] == (3, 11):
    # pytest-examples rewrites the traceback of an exception raised inside an
    # example; on CPython 3.11 that raises StopIteration and pytest stops with
    # INTERNALERROR. Keep the plain traceback instead.
    import pytest_examples.run_code

    pytest_examples.run_code.create_example_traceback = lambda *args: None
