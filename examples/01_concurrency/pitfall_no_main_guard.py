# output: script
# exit: 1
# start-method: spawn
# platform: linux
"""A process pool started at module level, with no `__main__` guard, under spawn."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

TIMEOUT_SECONDS = 10  # a broken pool fails at once; this only bounds a hang


def square(n: int) -> int:
    return n * n


# The mistake: this block is not under `if __name__ == "__main__":`, so each
# worker, which imports this module, runs it again.
spawn = multiprocessing.get_context("spawn")  # the default on macOS and Windows
with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
    print(pool.submit(square, 3).result(timeout=TIMEOUT_SECONDS))

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
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
#![3.11]         File "<frozen runpy>", line 291, in run_path
#![3.12]         File "<frozen runpy>", line 286, in run_path
#![3.13]                                         run_name="__mp_main__")
#![3.13]         File "<frozen runpy>", line 287, in run_path
#!               File "<frozen runpy>", line 98, in _run_module_code
#!               File "<frozen runpy>", line 88, in _run_code
#!               File ".../pitfall_no_main_guard.py", line 21, in <module>
#!                 print(pool.submit(square, 3).result(timeout=TIMEOUT_SECONDS))
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                 ~~~~~~~~~~~^^^^^^^^^^^
#!               File ".../concurrent/futures/process.py", line ..., in submit
#!                 self._adjust_process_count()
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~~~~^^
#!               File ".../concurrent/futures/process.py", line ..., in _adjust_process_count
#!                 self._spawn_process()
#![3.13]           ~~~~~~~~~~~~~~~~~~~^^
#!               File ".../concurrent/futures/process.py", line ..., in _spawn_process
#!                 p.start()
#![3.13]           ~~~~~~~^^
#!               File ".../multiprocessing/process.py", line ..., in start
#!                 self._popen = self._Popen(self)
#![3.11, 3.12]                   ^^^^^^^^^^^^^^^^^
#![3.13]                         ~~~~~~~~~~~^^^^^^
#!               File ".../multiprocessing/context.py", line ..., in _Popen
#!                 return Popen(process_obj)
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/popen_spawn_posix.py", line ..., in __init__
#!                 super().__init__(process_obj)
#![3.13]           ~~~~~~~~~~~~~~~~^^^^^^^^^^^^^
#!               File ".../multiprocessing/popen_fork.py", line ..., in __init__
#!                 self._launch(process_obj)
#![3.13]           ~~~~~~~~~~~~^^^^^^^^^^^^^
#!               File ".../multiprocessing/popen_spawn_posix.py", line ..., in _launch
#!                 prep_data = spawn.get_preparation_data(process_obj._name)
#![3.11, 3.12]                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/spawn.py", line ..., in get_preparation_data
#!                 _check_not_importing_main()
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~~~^^
#!               File ".../multiprocessing/spawn.py", line ..., in _check_not_importing_main
#!                 raise RuntimeError('''
#![3.13]           ...<16 lines>...
#![3.13]           ''')
#!             RuntimeError:
#!                     An attempt has been made to start a new process before the
#!                     current process has finished its bootstrapping phase.
#!
#!                     This probably means that you are not using fork to start your
#!                     child processes and you have forgotten to use the proper idiom
#!                     in the main module:
#!
#!                         if __name__ == '__main__':
#!                             freeze_support()
#!                             ...
#!
#!                     The "freeze_support()" line can be omitted if the program
#!                     is not going to be frozen to produce an executable.
#!
#!                     To fix this issue, refer to the "Safe importing of main module"
#!                     section in https://docs.python.org/3/library/multiprocessing.html
#!
#!             Traceback (most recent call last):
#!               File ".../pitfall_no_main_guard.py", line 21, in <module>
#!                 print(pool.submit(square, 3).result(timeout=TIMEOUT_SECONDS))
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^
#!               File ".../concurrent/futures/_base.py", line ..., in result
#!                 return self.__get_result()
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~~~~~~~~^^
#!               File ".../concurrent/futures/_base.py", line ..., in __get_result
#!                 raise self._exception
#!             concurrent.futures.process.BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
