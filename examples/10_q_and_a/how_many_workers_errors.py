# output: script
"""how_many_workers.py on bad input: a one-line message and exit status, no traceback."""

import os
import subprocess
import sys

TOOL = "how_many_workers.py"
MISTAKES = [
    ["json"],  # no function named
    ["no_such_module:handle"],  # a module that cannot be imported
    ["json:no_such_function"],  # a function the module does not have
    ["json:loads"],  # a function that needs an argument: it raises
    ["json:dumps", "--threads", "0,4"],  # a thread count below one
]
TIMEOUT_SECONDS = 30  # each run takes well under a second


def run(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, TOOL, *arguments],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env={**os.environ, "COLUMNS": "80"},  # argparse wraps --help to this width
    )


def main() -> None:
    os.chdir(os.path.dirname(os.path.abspath(__file__)))  # where the tool is
    print(f"$ python {TOOL} --help")
    print(run(["--help"]).stdout, end="")
    for arguments in MISTAKES:
        result = run(arguments)
        print(f"$ python {TOOL} {' '.join(arguments)}")
        print(f"  {result.stderr.splitlines()[-1]}")  # argparse prints usage first
        print(f"  exit status {result.returncode}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> $ python how_many_workers.py --help
#> usage: how_many_workers.py [-h] [--threads THREADS] [--seconds SECONDS]
#>                            [--timeout TIMEOUT]
#>                            [function]
#>
#> How many threads? Sweep thread counts on a function; print the best count.
#>
#> positional arguments:
#>   function           module:function to measure, called with no arguments
#>                      (default: a demo function with a known knee)
#>
#> options:
#>   -h, --help         show this help message and exit
#>   --threads THREADS  thread counts to try (default: 1,2,4,8,16,32)
#>   --seconds SECONDS  how long each count calls, per round (default: 1)
#>   --timeout TIMEOUT  give up if one call takes longer (default: 30)
#>
#> It prints calls per second and mean latency at each count, then the best
#> count: the fewest threads reaching 90% of the peak.
#> $ python how_many_workers.py json
#>   how_many_workers.py: error: 'json' is not module:function, such as mymodule:handle_request
#>   exit status 1
#> $ python how_many_workers.py no_such_module:handle
#>   how_many_workers.py: error: cannot import no_such_module: No module named 'no_such_module'
#>   exit status 1
#> $ python how_many_workers.py json:no_such_function
#>   how_many_workers.py: error: module json has no function no_such_function
#>   exit status 1
#> $ python how_many_workers.py json:loads
#>   how_many_workers.py: error: json:loads raised TypeError: loads() missing 1 required positional argument: 's' (called with no arguments)
#>   exit status 1
#> $ python how_many_workers.py json:dumps --threads 0,4
#>   how_many_workers.py: error: argument --threads: '0,4' is not a list such as 1,2,4,8
#>   exit status 2
