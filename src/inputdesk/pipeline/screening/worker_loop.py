"""The loop inside a screening worker process (see `worker.SandboxedContentHasher`)."""

from __future__ import annotations

import math
import os
import resource

from inputdesk.domain.hash_screening import ContentScan, ScanLimits


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
        _apply_limits(limits, baseline)
        try:
            result = scan_content(data, filename, limits)
        except MemoryError:
            result = ContentScan(hashes=tuple(crypto_hashes(data)), problems=(
                f"decoding needed more than the {limits.memory_mb} MB allowed; the file's pictures were not hashed",))
        del data
        _lift_memory_limit()
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


def _apply_limits(limits: ScanLimits, baseline: int) -> None:
    # The limit is what the libraries already reserved plus this file's allowance; soft only, so the
    # next file can raise it again.
    memory = baseline + limits.memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory if hard == resource.RLIM_INFINITY else min(memory, hard), hard))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu_soft = math.ceil(usage.ru_utime + usage.ru_stime + limits.timeout_s) + 1
    if cpu_hard != resource.RLIM_INFINITY:
        cpu_soft = min(cpu_soft, cpu_hard)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_hard))


def _lift_memory_limit() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
