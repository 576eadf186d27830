"""Processing registered submissions in the background, so the portal answers as soon as they are stored."""

from __future__ import annotations

import logging
import queue
import threading

from inputdesk.services.intake import IntakeService

log = logging.getLogger(__name__)
_STOP = object()


class BackgroundIntake:
    """One worker thread extracts and screens submissions in arrival order.

    Registration has already committed the originals, so nothing is lost if the process stops: `start` picks up
    every unfinished submission again.
    """

    def __init__(self, intake: IntakeService, actor: str = "system:intake"):
        self.intake = intake
        self.actor = actor
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._idle = threading.Condition()
        self._busy = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="inputdesk-intake", daemon=True)
            self._thread.start()
            for submission_id in self.intake.unfinished():
                self.submit(submission_id)

    def submit(self, submission_id: int) -> None:
        with self._idle:
            self._busy += 1
        self._queue.put(submission_id)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every submitted submission is processed (for orderly shutdown and for tests)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=60)
            self._thread = None

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            try:
                self.intake.process(item, self.actor)
            except Exception:  # one bad submission must not stop the others; it stays unfinished and is retried
                log.exception("processing submission %s failed; it will be retried at the next start", item)
            finally:
                with self._idle:
                    self._busy -= 1
                    self._idle.notify_all()
