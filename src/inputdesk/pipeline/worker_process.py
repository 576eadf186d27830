"""A long-lived child process that answers requests over a pipe, one at a time (the extraction and hashing
workers), and the limits such a worker sets on itself for each file."""

from __future__ import annotations

import contextlib
import math
import resource
import signal
import threading
from collections.abc import Callable


class WorkerUnavailable(Exception):
    """The worker process could not be started."""


class WorkerTimedOut(Exception):
    """The worker did not answer in time; it was killed (the next request starts a new one)."""


class WorkerDied(Exception):
    """The worker process ended while working; `exit_code` says how (-9: killed, e.g. out of memory)."""

    def __init__(self, exit_code: int | None):
        super().__init__(exit_code)
        self.exit_code = exit_code


class PipeWorker:
    """One worker process, started on first use and kept across requests (starting Python and the
    libraries costs more than most files), killed and replaced when it overruns or dies. Requests
    from several threads take turns."""

    def __init__(self, context, target, args: tuple, name: str, start_timeout_s: float):
        self._context, self._target, self._args, self._name = context, target, args, name
        self._start_timeout_s = start_timeout_s
        self._process = None
        self._connection = None
        self._lock = threading.Lock()

    def request(self, header, data: bytes, timeout_s: float, *, keep: Callable[[object], bool] | None = None):
        """Send `header` (pickled) and `data` (as bytes) and return the worker's answer. `keep(answer)`
        False means the worker should not serve again (it is stopped before the next request)."""
        with self._lock:
            if self._process is None:
                self._process, self._connection, ready = start_worker(
                    self._context, self._target, self._args, self._name, self._start_timeout_s)
                if not ready:
                    self._stop(kill=True)
                    raise WorkerUnavailable()
            try:
                self._connection.send(header)
                self._connection.send_bytes(data)
            except (BrokenPipeError, EOFError, OSError):
                raise WorkerDied(self._reap()) from None
            if not self._connection.poll(timeout_s):
                self._stop(kill=True)
                raise WorkerTimedOut()
            try:
                answer = self._connection.recv()
            except (EOFError, OSError):
                raise WorkerDied(self._reap()) from None
            if keep is not None and not keep(answer):
                self._stop(kill=True)
            return answer

    def stop(self, *, kill: bool = False) -> None:
        with self._lock:
            self._stop(kill=kill)

    def _stop(self, *, kill: bool) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        stop_worker(process, connection, kill=kill)

    def _reap(self) -> int | None:
        """The dead worker's exit code, once it is gone."""
        process = self._process
        if process is not None:
            process.join(timeout=5)
        exit_code = process.exitcode if process is not None else None
        self._stop(kill=True)
        return exit_code


def start_worker(context, target, args: tuple, name: str, start_timeout_s: float):
    """Start `target(child_end, *args)`; returns (process, parent_end, ready). The worker sends "ready" once set up."""
    parent_end, child_end = context.Pipe(duplex=True)
    process = context.Process(target=_worker_main, args=(target, child_end, *args), name=name, daemon=True)
    with _interrupts_ignored_by_the_child():
        process.start()
    child_end.close()
    try:
        ready = parent_end.poll(start_timeout_s) and parent_end.recv() == "ready"
    except (EOFError, OSError):
        ready = False
    return process, parent_end, ready


@contextlib.contextmanager
def _interrupts_ignored_by_the_child():
    """Start the worker with Ctrl-C already ignored: a new process inherits an ignored signal, so one that arrives
    while the worker is still importing its libraries (before `_worker_main` runs) cannot print a traceback either.
    Only the main thread may change signal handlers; a worker started from another thread relies on _worker_main."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker_main(target, connection, *args) -> None:
    # Ctrl-C reaches the whole process group: the parent decides what an interruption means (it stops the worker),
    # so the worker ignores it instead of printing a KeyboardInterrupt traceback over the parent's message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    target(connection, *args)


def stop_worker(process, connection, *, kill: bool) -> None:
    if connection is not None:
        connection.close()  # a waiting worker sees end-of-file and exits
    if process is not None:
        if kill:
            process.kill()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
        process.close()


def limit_this_file(memory_bytes: int, timeout_s: float) -> None:
    """Inside a worker: at most `memory_bytes` of address space and `timeout_s` more CPU seconds for
    the file about to be read. Soft limits only: the hard ones stay where they were, so the next
    file can raise them again."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes if hard == resource.RLIM_INFINITY
                                            else min(memory_bytes, hard), hard))
    # CPU time is counted over the worker's whole life, so the limit is "what it used so far
    # plus this file's allowance"; the kernel then stops a runaway even if the parent is stuck.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu_soft = math.ceil(usage.ru_utime + usage.ru_stime + timeout_s) + 1
    if cpu_hard != resource.RLIM_INFINITY:
        cpu_soft = min(cpu_soft, cpu_hard)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_hard))


def lift_memory_limit() -> None:
    """Between files a worker only waits; it must be able to receive the next (large) file."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
