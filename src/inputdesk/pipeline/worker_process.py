"""Starting and stopping a long-lived child process that talks over a pipe (extraction and hashing workers)."""

from __future__ import annotations


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
