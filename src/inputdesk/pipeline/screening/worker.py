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
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from inputdesk.domain.hash_screening import ContentScan, ScanLimits

from .hashing import crypto_hashes
from .scan import scan_content
from .worker_loop import serve
from ..worker_process import start_worker, stop_worker

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
    def __init__(self, context, limits: ScanLimits, start_timeout_s: float):
        self._context, self._limits, self._start_timeout_s = context, limits, start_timeout_s
        self._process = None
        self._connection = None
        self._lock = threading.Lock()

    def scan(self, data: bytes, filename: str) -> ContentScan:
        with self._lock:
            if self._process is None and not self._start():
                return _unscanned(data, "the screening worker could not start; the file's pictures were not "
                                  "hashed. This is a problem with the server: run 'inputdesk screening rescan'")
            try:
                self._connection.send(filename)
                self._connection.send_bytes(data)
            except (BrokenPipeError, EOFError, OSError):
                return self._after_death(data)
            if not self._connection.poll(self._limits.timeout_s):
                self.stop(kill=True)
                return _unscanned(data, f"screening took longer than {self._limits.timeout_s:g} s and was "
                                  "stopped; the file's pictures were not all hashed")
            try:
                return self._connection.recv()
            except (EOFError, OSError):
                return self._after_death(data)

    def _start(self) -> bool:
        self._process, self._connection, ready = start_worker(
            self._context, serve, (self._limits,), "inputdesk-hasher", self._start_timeout_s)
        if not ready:
            self.stop(kill=True)
        return ready

    def stop(self, *, kill: bool) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        stop_worker(process, connection, kill=kill)

    def _after_death(self, data: bytes) -> ContentScan:
        process = self._process
        if process is not None:
            process.join(timeout=5)
        exit_code = process.exitcode if process is not None else None
        self.stop(kill=True)
        if exit_code is not None and exit_code < 0 and -exit_code in _MEMORY_SIGNALS:
            why = f"decoding needed more than the {self._limits.memory_mb} MB allowed and was stopped"
        elif exit_code == -signal.SIGXCPU:
            why = f"decoding used more than {self._limits.timeout_s:g} s of processing time and was stopped"
        else:
            why = "decoding crashed the screening worker (the file may be built to attack decoders)"
        return _unscanned(data, why + "; the file's pictures were not all hashed")


def _unscanned(data: bytes, why: str) -> ContentScan:
    # The bytes themselves can always be hashed safely, so exact matches still work.
    return ContentScan(hashes=tuple(crypto_hashes(data)), problems=(why,))
