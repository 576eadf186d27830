"""Run text extraction where a hostile or broken file cannot hang, exhaust or crash the caller.

`SandboxedExtractor` keeps one worker process alive across files (starting Python and
the PDF/Office libraries costs more than reading a typical file), caps its memory and
CPU time with rlimits set inside the worker, and enforces a wall-clock timeout from the
parent: a worker that overruns is killed and replaced. `InProcessExtractor` has the same
interface without isolation, for tests and for callers that already run in a sandbox.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Mapping

from inputdesk.domain.extraction import (
    ExtractionFailure,
    ExtractionLimits,
    ExtractionOutcome,
    FailureReason,
    FileKind,
)

from .extract import FormatExtractor, extract_document
from .extract.common import display_name
from .sandbox_worker import serve, unpack_outcome
from .worker_process import PipeWorker, WorkerDied, WorkerTimedOut, WorkerUnavailable

# Signals that mean the worker ran out of memory: the kernel's OOM killer sends SIGKILL;
# PDFium stops itself with a trap instruction when an allocation fails.
_MEMORY_SIGNALS = {signal.SIGKILL, signal.SIGILL, signal.SIGTRAP}


class InProcessExtractor:
    """`ports.Extractor` in the caller's own process: fast, and no protection at all."""

    def __init__(self, *, extractors: Mapping[FileKind, FormatExtractor] | None = None):
        self._extractors = dict(extractors or {})

    def extract(self, data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
        return extract_document(data, filename, limits, extractors=self._extractors)

    def close(self) -> None:
        """Nothing to release: the work ran in this process."""

    def __enter__(self) -> InProcessExtractor:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class SandboxedExtractor:
    """`ports.Extractor` in a long-lived child process with memory, CPU and time limits.

    `extractors` is passed to `extract_document` in the worker, so its functions must be
    importable module-level functions (they are pickled by name).
    """

    def __init__(
        self,
        *,
        extractors: Mapping[FileKind, FormatExtractor] | None = None,
        start_timeout_s: float = 120.0,
    ):
        # 'spawn' starts a clean interpreter: no inherited threads, locks or open files.
        self._worker = PipeWorker(multiprocessing.get_context("spawn"), serve, (dict(extractors or {}),),
                                  "inputdesk-extractor", start_timeout_s)

    def extract(self, data: bytes, filename: str, limits: ExtractionLimits) -> ExtractionOutcome:
        name = display_name(filename)
        try:
            packed = self._worker.request((filename, limits), data, limits.timeout_s, keep=_worker_still_sound)
        except WorkerUnavailable:
            return _failure(
                FailureReason.CRASHED,
                f"{name} was not read because the extraction worker could not start. "
                "This is a problem with the server, not the file; try again or tell the administrator.",
            )
        except WorkerTimedOut:
            return _failure(
                FailureReason.TIMEOUT,
                f"{name} took longer than {limits.timeout_s:g} s to read and was stopped. "
                "It may be very large or built to stall readers; it is kept for review.",
            )
        except WorkerDied as death:
            return _death_failure(death.exit_code, name, limits)
        return unpack_outcome(packed)

    def close(self) -> None:
        self._worker.stop()

    def __enter__(self) -> SandboxedExtractor:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _worker_still_sound(packed) -> bool:
    # Memory after a MemoryError is fragmented: a worker that ran out starts afresh.
    failure = packed[1] if packed[0] == "failure" else None
    return not (isinstance(failure, ExtractionFailure) and failure.reason is FailureReason.MEMORY_LIMIT)


def _death_failure(exit_code: int | None, name: str, limits: ExtractionLimits) -> ExtractionFailure:
    if exit_code is not None and exit_code < 0 and -exit_code in _MEMORY_SIGNALS:
        return _failure(
            FailureReason.MEMORY_LIMIT,
            f"{name} needed more than the {limits.memory_mb} MB of memory allowed for one file, "
            "so reading it was stopped. Ask the submitter for a smaller or simpler version.",
        )
    if exit_code == -signal.SIGXCPU:
        return _failure(
            FailureReason.TIMEOUT,
            f"{name} used more than {limits.timeout_s:g} s of processing time and was stopped. "
            "It is kept for review.",
        )
    return _failure(
        FailureReason.CRASHED,
        f"Reading {name} crashed the extraction worker. The file may be damaged "
        "or built to attack document readers; it is kept for review. Ask for another copy or a PDF.",
    )


def _failure(reason: FailureReason, message: str) -> ExtractionFailure:
    return ExtractionFailure(reason=reason, message=message)
