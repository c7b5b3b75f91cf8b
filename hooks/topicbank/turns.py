"""One list shared by two processes, a slice at a time: whichever is free takes the next slice, so the two finish
within a slice of each other however the machine shares its cores between them.

    shared = SharedTurns(context, size=16)     # before the fork: the counter lives in shared memory
    for part in turns(shared.take, total):      # in each process
        ...items[part]...

Used to read the entry files (reading.py) and to zip the outputs' folders (background.py).
"""
from __future__ import annotations

import multiprocessing.context
from collections.abc import Callable, Iterator


class SharedTurns:
    def __init__(self, context: multiprocessing.context.BaseContext, size: int) -> None:
        self.size = size
        self.next = context.Value("i", 0)  # the first item of the next slice

    def take(self, total: int) -> slice | None:
        """The next slice of a list of `total` items, or None when every item is taken."""
        with self.next.get_lock():
            start = self.next.value
            if start >= total:
                return None
            self.next.value = start + self.size
        return slice(start, min(start + self.size, total))


def turns(take: Callable[[int], slice | None], total: int) -> Iterator[slice]:
    """The slices take(total) hands out, until it hands None."""
    return iter(lambda: take(total), None)
