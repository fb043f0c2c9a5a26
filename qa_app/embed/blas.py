"""Set the BLAS thread count of this process for the length of a block.

The local embedder runs many small matrix products. A multi-threaded OpenBLAS meets
every one of them with a barrier between its threads, and on a machine whose cores are
busy with other work one descheduled thread stalls the others: on 2 shared cores we
measured 2 BLAS threads at 11-48 chunks/s against 50-98 chunks/s for 1. So the embedder
keeps BLAS at one thread and gets its parallelism from its own worker threads instead
(numpy releases the GIL inside the products).

threadpoolctl is used when it is installed; otherwise the OpenBLAS that numpy loaded is
found in /proc/self/maps and set through its C API. Anywhere else (macOS Accelerate, no
/proc) this is a no-op. The environment (OPENBLAS_NUM_THREADS, OPENBLAS_CORETYPE...) is
never touched.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from contextlib import contextmanager
from functools import lru_cache

log = logging.getLogger(__name__)

# (setter, getter) symbol names of the OpenBLAS builds numpy ships or links against.
_OPENBLAS_SYMBOLS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)

# One limit at a time per process: set/restore pairs from two threads would interleave.
_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def _openblas_controls() -> tuple[tuple, ...]:
    """(set, get) C functions of every OpenBLAS loaded in this process."""
    import numpy  # noqa: F401  (loads numpy's OpenBLAS first)

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = sorted({ln.split(None, 5)[5].strip() for ln in fh
                            if len(ln.split(None, 5)) == 6 and "openblas" in ln.rsplit("/", 1)[-1].lower()})
    except OSError:
        log.debug("cannot read /proc/self/maps; BLAS threads left as they are")
        return ()
    controls = []
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for set_name, get_name in _OPENBLAS_SYMBOLS:
            if hasattr(lib, set_name) and hasattr(lib, get_name):
                setter, getter = getattr(lib, set_name), getattr(lib, get_name)
                setter.argtypes, setter.restype = [ctypes.c_int], None
                getter.argtypes, getter.restype = [], ctypes.c_int
                controls.append((setter, getter))
                break
    if not controls:
        log.debug("no OpenBLAS found in this process; BLAS threads left as they are")
    return tuple(controls)


def blas_thread_count() -> int | None:
    """Threads of the first BLAS found, or None when it cannot be read."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        controls = _openblas_controls()
        return controls[0][1]() if controls else None
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return blas[0]["num_threads"] if blas else None


@contextmanager
def blas_threads(n: int):
    """Run the block with BLAS limited to n threads, then restore the previous count."""
    with _LOCK:
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            controls = _openblas_controls()
            before = [get() for _, get in controls]
            for set_, _ in controls:
                set_(n)
            try:
                yield
            finally:
                for (set_, _), count in zip(controls, before):
                    set_(count)
        else:
            with threadpool_limits(limits=n, user_api="blas"):
                yield
