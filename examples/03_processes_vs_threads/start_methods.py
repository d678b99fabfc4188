# output: script
"""Which start methods this Python has, and which one it uses by default."""

import multiprocessing
import subprocess
import sys

ASK_DEFAULT = "import multiprocessing; print(multiprocessing.get_start_method())"


def default_start_method() -> str:
    """The method a fresh interpreter picks when no code has chosen one.

    Asked in a new, isolated interpreter (-I: no environment variables, no
    site customisation), because in this one a library or a test harness may
    already have chosen, and asking fixes the choice.
    """
    return subprocess.run(
        [sys.executable, "-I", "-c", ASK_DEFAULT],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def documented_default() -> str:
    """The default the multiprocessing docs give for this platform and version."""
    if sys.platform in ("win32", "darwin"):
        return "spawn"
    return "forkserver" if sys.version_info >= (3, 14) else "fork"


def main() -> None:
    default = default_start_method()
    methods = multiprocessing.get_all_start_methods()
    linux = sys.platform.startswith("linux")
    before_314 = sys.version_info < (3, 14)
    macos_or_windows = sys.platform in ("darwin", "win32")
    print(f"default is the documented one here: {default == documented_default()}")
    print(
        f"default is fork on Linux before 3.14: {not (linux and before_314) or default == 'fork'}"
    )
    print(
        "default is forkserver on Linux from 3.14: "
        f"{not (linux and not before_314) or default == 'forkserver'}"
    )
    print(
        f"default is spawn on macOS and Windows: {not macos_or_windows or default == 'spawn'}"
    )
    print(f"the default is in get_all_start_methods(): {default in methods}")
    print(f"spawn is available: {'spawn' in methods}")
    print(
        f"fork is available exactly on POSIX: {('fork' in methods) == (sys.platform != 'win32')}"
    )


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> default is the documented one here: True
#> default is fork on Linux before 3.14: True
#> default is forkserver on Linux from 3.14: True
#> default is spawn on macOS and Windows: True
#> the default is in get_all_start_methods(): True
#> spawn is available: True
#> fork is available exactly on POSIX: True
