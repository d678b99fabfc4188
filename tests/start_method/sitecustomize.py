"""Imported at interpreter start-up when tests/start_method/ is on PYTHONPATH.

The start-method tests run `python example.py` with this folder on the path, so
the example itself runs unchanged, as the real `__main__`, but its processes
start the way they would on another platform.
"""

import os

START_METHOD = os.environ.get("EXAMPLES_START_METHOD")
if START_METHOD:
    import multiprocessing

    multiprocessing.set_start_method(START_METHOD, force=True)
