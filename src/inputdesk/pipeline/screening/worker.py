"""Hash received files where a hostile one cannot hang, exhaust or crash the caller.

`SandboxedContentHasher` keeps a few long-lived worker processes (spawned clean), each decoding one file at a
time under an address-space and CPU-time limit set inside it, with a wall-clock timeout enforced by the
parent; a worker that overruns or dies is replaced, and the file still gets its MD5/SHA-1/SHA-256 (computed
here, without decoding) plus a problem saying why its pictures were not hashed. Several workers hash
several files at once. `InProcessContentHasher` has the same interface without isolation (tests, benchmarks).
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from inputdesk.domain.hash_screening import ContentScan, ScanLimits

from .hashing import crypto_hashes
from .scan import scan_content
from .worker_loop import serve
from ..worker_process import PipeWorker, WorkerDied, WorkerTimedOut, WorkerUnavailable

_MEMORY_SIGNALS = {signal.SIGKILL, signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT}


class InProcessContentHasher:
    def __init__(self, limits: ScanLimits | None = None):
        self.limits = limits or ScanLimits()

    def scan(self, data: bytes, filename: str = "") -> ContentScan:
        return scan_content(data, filename, self.limits)

    def scan_many(self, items: Sequence[tuple[bytes, str]]) -> list[ContentScan]:
        return [self.scan(data, filename) for data, filename in items]

    def close(self) -> None:
        """Nothing to release: the work ran in this process."""


class SandboxedContentHasher:
    def __init__(self, limits: ScanLimits | None = None, *, workers: int = 1, start_timeout_s: float = 120.0):
        self.limits = limits or ScanLimits()
        context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads or files
        self._workers = [_Worker(context, self.limits, start_timeout_s) for _ in range(max(1, workers))]
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        for worker in self._workers:
            self._idle.put(worker)

    def scan(self, data: bytes, filename: str = "") -> ContentScan:
        worker = self._idle.get()
        try:
            return worker.scan(data, filename)
        finally:
            self._idle.put(worker)

    def scan_many(self, items: Sequence[tuple[bytes, str]]) -> list[ContentScan]:
        if len(items) < 2 or len(self._workers) < 2:
            return [self.scan(data, filename) for data, filename in items]
        with ThreadPoolExecutor(min(len(items), len(self._workers))) as pool:
            return list(pool.map(lambda item: self.scan(*item), items))

    def close(self) -> None:
        for worker in self._workers:
            worker.stop(kill=False)

    def __enter__(self) -> SandboxedContentHasher:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class _Worker:
    """One hashing process, and what to say when it cannot hash a file."""

    def __init__(self, context, limits: ScanLimits, start_timeout_s: float):
        self._limits = limits
        self._process = PipeWorker(context, serve, (limits,), "inputdesk-hasher", start_timeout_s)

    def scan(self, data: bytes, filename: str) -> ContentScan:
        try:
            return self._process.request(filename, data, self._limits.timeout_s)
        except WorkerUnavailable:
            return _unscanned(data, "the screening worker could not start; the file's pictures were not "
                              "hashed. This is a problem with the server: run 'inputdesk screening rescan'")
        except WorkerTimedOut:
            return _unscanned(data, f"screening took longer than {self._limits.timeout_s:g} s and was "
                              "stopped; the file's pictures were not all hashed")
        except WorkerDied as death:
            why = self._death_reason(death.exit_code)
            return _unscanned(data, f"{why}; the file's pictures were not all hashed")

    def stop(self, *, kill: bool) -> None:
        self._process.stop(kill=kill)

    def _death_reason(self, exit_code: int | None) -> str:
        if exit_code is not None and exit_code < 0 and -exit_code in _MEMORY_SIGNALS:
            return f"decoding needed more than the {self._limits.memory_mb} MB allowed and was stopped"
        if exit_code == -signal.SIGXCPU:
            return f"decoding used more than {self._limits.timeout_s:g} s of processing time and was stopped"
        return "decoding crashed the screening worker (the file may be built to attack decoders)"


def _unscanned(data: bytes, why: str) -> ContentScan:
    # The bytes themselves can always be hashed safely, so exact matches still work.
    return ContentScan(hashes=tuple(crypto_hashes(data)), problems=(why,))
