# output: script
# exit: 1
"""Pipe.send() pickles at once: a lambda fails in the sender."""

import multiprocessing


def main() -> None:
    ours, theirs = multiprocessing.Pipe()
    try:
        ours.send({"scale": 2})  # plain data pickles fine
        print(f"sent and received: {theirs.recv()}")
        ours.send(lambda x: x * 2)  # the mistake: a lambda cannot be pickled
    finally:
        ours.close()
        theirs.close()


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> sent and received: {'scale': 2}

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_pipe_lambda.py", line 20, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_pipe_lambda.py", line 13, in main
#!                 ours.send(lambda x: x * 2)  # the mistake: a lambda cannot be pickled
#![3.11, 3.12]     ^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]           ~~~~~~~~~^^^^^^^^^^^^^^^^^
#!               File ".../multiprocessing/connection.py", line ..., in send
#!                 self._send_bytes(_ForkingPickler.dumps(obj))
#![3.11, 3.12]                      ^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                            ~~~~~~~~~~~~~~~~~~~~~^^^^^
#!               File ".../multiprocessing/reduction.py", line ..., in dumps
#!                 cls(buf, protocol).dump(obj)
#![3.11, 3.12] AttributeError: Can't pickle local object 'main.<locals>.<lambda>'
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~^^^^^
#![3.13]       AttributeError: Can't get local object 'main.<locals>.<lambda>'
