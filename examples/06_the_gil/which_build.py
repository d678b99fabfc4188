# output: script
"""Which build is this interpreter, and is the GIL on right now?"""

import sys
import sysconfig


def gil_enabled() -> bool:
    """sys._is_gil_enabled() from 3.13; before it, every CPython has a GIL."""
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return True if is_gil_enabled is None else is_gil_enabled()


def main() -> None:
    built_without_gil = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    print(f"free-threaded build (Py_GIL_DISABLED): {built_without_gil}")
    print(f"sys.version says 'free-threading': {'free-threading' in sys.version}")
    print(f"has sys._is_gil_enabled (3.13+): {hasattr(sys, '_is_gil_enabled')}")
    print(f"GIL enabled now: {gil_enabled()}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.11, 3.12, 3.13):
#>             free-threaded build (Py_GIL_DISABLED): False
#>             sys.version says 'free-threading': False
#>[3.11, 3.12] has sys._is_gil_enabled (3.13+): False
#>[3.13]       has sys._is_gil_enabled (3.13+): True
#>             GIL enabled now: True
