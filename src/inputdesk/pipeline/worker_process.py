"""Starting and stopping a long-lived child process that talks over a pipe (extraction and hashing workers),
and the limits such a worker sets on itself for each file."""

from __future__ import annotations

import math
import resource


def start_worker(context, target, args: tuple, name: str, start_timeout_s: float):
    """Start `target(child_end, *args)`; returns (process, parent_end, ready). The worker sends "ready" once set up."""
    parent_end, child_end = context.Pipe(duplex=True)
    process = context.Process(target=target, args=(child_end, *args), name=name, daemon=True)
    process.start()
    child_end.close()
    try:
        ready = parent_end.poll(start_timeout_s) and parent_end.recv() == "ready"
    except (EOFError, OSError):
        ready = False
    return process, parent_end, ready


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
