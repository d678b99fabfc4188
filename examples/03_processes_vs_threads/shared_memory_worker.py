# output: script
"""A worker reads and changes a block of shared memory: no copy, no pickling."""

import multiprocessing
import sys
from multiprocessing import shared_memory

SIZE = 1_000_000  # bytes in the shared block


def attach(name: str) -> shared_memory.SharedMemory:
    """Open an existing block by name, in a process that did not create it."""
    if sys.version_info >= (3, 13):
        # 3.13+: do not register the block with a resource tracker from here;
        # its creator owns it and unlinks it.
        return shared_memory.SharedMemory(name=name, track=False)
    return shared_memory.SharedMemory(name=name)


def mapped(block: shared_memory.SharedMemory) -> memoryview:
    """The block's bytes, mapped into this process (None once it is closed)."""
    assert block.buf is not None
    return block.buf


def double_in_place(name: str, size: int) -> None:
    block = attach(name)
    try:
        view = mapped(block)[:size]
        view[:] = bytes(2 * b for b in view)  # write straight into the block
        view.release()
    finally:
        block.close()  # unmap it here; the creator unlinks it


def main() -> None:
    block = shared_memory.SharedMemory(create=True, size=SIZE)
    try:
        mapped(block)[:SIZE] = bytes([1]) * SIZE
        worker = multiprocessing.Process(
            target=double_in_place, args=(block.name, SIZE)
        )
        worker.start()
        worker.join()
        print(f"worker exit code: {worker.exitcode}")
        doubled = set(mapped(block)[:SIZE]) == {2}
        print(f"every byte doubled, as seen by the creator: {doubled}")
    finally:
        block.close()
        block.unlink()  # free the block: the creator's job


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> worker exit code: 0
#> every byte doubled, as seen by the creator: True
