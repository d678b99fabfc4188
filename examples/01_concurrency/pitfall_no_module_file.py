# output: script
# start-method: spawn
# platform: linux
"""A process pool started from code that has no file: `python -c` and `python -`.

The interactive interpreter and a Jupyter notebook are in the same position:
their `__main__` module has no file that a worker could import.
"""

import subprocess
import sys

TIMEOUT_SECONDS = 30  # each session fails within seconds; this bounds a hang
SESSION = """\
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

def square(n):
    return n * n

spawn = multiprocessing.get_context("spawn")
with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
    print(pool.submit(square, 3).result(timeout=10))
"""


def main() -> None:
    command = [sys.executable, "-c", SESSION]
    as_command = subprocess.run(command, timeout=TIMEOUT_SECONDS, check=False)
    print(f"python -c exited with {as_command.returncode}", flush=True)
    from_stdin = subprocess.run(
        [sys.executable, "-"],
        input=SESSION,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    print(f"python - exited with {from_stdin.returncode}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> python -c exited with 1
#> python - exited with 1

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Process SpawnProcess-1:
#!             Traceback (most recent call last):
#!               File ".../multiprocessing/process.py", line ..., in _bootstrap
#!                 self.run()
#![3.13]           ~~~~~~~~^^
#!               File ".../multiprocessing/process.py", line ..., in run
#!                 self._target(*self._args, **self._kwargs)
#![3.13]           ~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../concurrent/futures/process.py", line ..., in _process_worker
#!                 call_item = call_queue.get(block=True)
#![3.11, 3.12]                 ^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/queues.py", line ..., in get
#!                 return _ForkingPickler.loads(res)
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.11]       AttributeError: Can't get attribute 'square' on <module '__main__' (built-in)>
#![3.13]                  ~~~~~~~~~~~~~~~~~~~~~^^^^^
#![3.12, 3.13] AttributeError: Can't get attribute 'square' on <module '__main__' (<class '_frozen_importlib.BuiltinImporter'>)>
#!             Traceback (most recent call last):
#!               File "<string>", line 9, in <module>
#![3.13]           print(pool.submit(square, 3).result(timeout=10))
#![3.13]                 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^
#!               File ".../concurrent/futures/_base.py", line ..., in result
#!                 return self.__get_result()
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~~~~~~~~^^
#!               File ".../concurrent/futures/_base.py", line ..., in __get_result
#!                 raise self._exception
#!             concurrent.futures.process.BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
#!             Traceback (most recent call last):
#!               File "<string>", line 1, in <module>
#![3.13]           from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=8, pipe_handle=12)
#![3.13]                                                         ~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/spawn.py", line ..., in spawn_main
#!                 exitcode = _main(fd, parent_sentinel)
#![3.11, 3.12]                ^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/spawn.py", line ..., in _main
#!                 prepare(preparation_data)
#![3.13]           ~~~~~~~^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/spawn.py", line ..., in prepare
#!                 _fixup_main_from_path(data['init_main_from_path'])
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/spawn.py", line ..., in _fixup_main_from_path
#!                 main_content = runpy.run_path(main_path,
#![3.11, 3.12]                    ^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.11]         File "<frozen runpy>", line 290, in run_path
#![3.12]         File "<frozen runpy>", line 285, in run_path
#![3.13]                                         run_name="__mp_main__")
#![3.13]         File "<frozen runpy>", line 286, in run_path
#!               File "<frozen runpy>", line 254, in _get_code_from_file
#!             FileNotFoundError: [Errno 2] No such file or directory: '.../<stdin>'
#!             Traceback (most recent call last):
#!               File "<stdin>", line 9, in <module>
#!               File ".../concurrent/futures/_base.py", line ..., in result
#!                 return self.__get_result()
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~~~~~~~~^^
#!               File ".../concurrent/futures/_base.py", line ..., in __get_result
#!                 raise self._exception
#!             concurrent.futures.process.BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
