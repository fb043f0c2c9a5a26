"""Readers and writers of one store, across processes and threads.

A write (one batch of an ingest, a lexical rebuild, a reindex) holds an exclusive lock on
`rw.lock` in the store folder; a read of the indexes (a vector query, loading the lexical
index, the integrity check) holds a shared one. A reader therefore sees the state before or
after a batch, never the middle of one: it waits for the batch to finish. A thread that holds
the exclusive lock may read without asking again.
"""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path


class ReadWriteLock:
    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def _depth(self) -> dict:
        if not hasattr(self._local, "depth"):
            self._local.depth = {"shared": 0, "exclusive": 0}
        return self._local.depth

    @contextmanager
    def _flock(self, mode: int, kind: str):
        depth = self._depth()
        if kind == "exclusive" and depth["shared"] and not depth["exclusive"]:
            raise RuntimeError("a thread that reads the store cannot start writing it")
        if depth["exclusive"] or (kind == "shared" and depth["shared"]):
            yield  # already held by this thread
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, mode)
            depth[kind] += 1
            try:
                yield
            finally:
                depth[kind] -= 1
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def shared(self):
        return self._flock(fcntl.LOCK_SH, "shared")

    def exclusive(self):
        return self._flock(fcntl.LOCK_EX, "exclusive")
