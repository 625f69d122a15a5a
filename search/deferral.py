"""Deferred index maintenance for bulk changes (demo content, imports, migrations of data).

Inside ``deferred_indexing()`` every index task that the signal receivers or the registry
would enqueue is collected instead, duplicates are dropped (a page saved five times while it is
created is indexed once), and the remaining tasks are enqueued in order when the outermost block
ends — also when it ends with an exception, so that what was saved is still indexed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_state = threading.local()


def enqueue(task, *args) -> None:
    """Enqueue ``task(*args)`` now, or at the end of the current deferred block."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        task.enqueue(*args)
        return
    key = (task.name, args)
    pending.pop(key, None)  # keep the position of the latest request
    pending[key] = (task, args)


@contextmanager
def deferred_indexing() -> Iterator[None]:
    if getattr(_state, "pending", None) is not None:
        yield  # nested: the outermost block flushes
        return
    _state.pending = {}
    try:
        yield
    finally:
        pending, _state.pending = _state.pending, None
        for task, args in pending.values():
            task.enqueue(*args)
