"""The loop inside a screening worker process (see `worker.SandboxedContentHasher`)."""

from __future__ import annotations

import os
import resource

from inputdesk.domain.hash_screening import ContentScan, ScanLimits

from ..worker_process import lift_memory_limit, limit_this_file


def serve(connection, limits: ScanLimits) -> None:
    # One thread per worker: parallelism comes from several workers, and thread pools reserve address space.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    _keep_freed_memory()
    import numpy  # noqa: F401 - loaded before "ready", so the first file's timeout is spent on the file
    import pikepdf  # noqa: F401
    from PIL import Image

    from .hashing import _pdqhash, crypto_hashes
    from .scan import scan_content

    _pdqhash()
    # This process exists only to decode untrusted pictures: Pillow's own bomb check uses our cap.
    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    baseline = _address_space()
    connection.send("ready")
    while True:
        try:
            filename = connection.recv()
            data = connection.recv_bytes()
        except (EOFError, OSError):
            return  # the parent closed the pipe: we are done
        # what the libraries already reserved, plus this file's allowance
        limit_this_file(baseline + limits.memory_mb * 1024 * 1024, limits.timeout_s)
        try:
            result = scan_content(data, filename, limits)
        except MemoryError:
            result = ContentScan(hashes=tuple(crypto_hashes(data)), problems=(
                f"decoding needed more than the {limits.memory_mb} MB allowed; the file's pictures were not hashed",))
        del data
        lift_memory_limit()
        connection.send(result)


def _keep_freed_memory() -> None:
    """Let glibc reuse freed picture buffers instead of returning them to the kernel after every file.

    A fresh process maps each multi-megabyte buffer anew and pays a page fault per 4 KiB to zero it:
    measured, that made hashing in a worker 2.5x slower than the same code in a long-running process.
    Buffers over 64 MiB (huge pictures) are still mapped and returned, so the memory limit stays meaningful.
    """
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc: the allocator's defaults stay
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 64 * 1024 * 1024)  # M_MMAP_THRESHOLD
        libc.mallopt(-1, 128 * 1024 * 1024)  # M_TRIM_THRESHOLD


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return 0
