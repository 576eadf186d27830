"""Per-submission lock files: one holder at a time, even while holders remove the file they locked."""

from __future__ import annotations

import threading
import time

from inputdesk.storage.work_locks import FileWorkLocks


def test_one_holder_at_a_time_and_no_lock_file_left_behind(tmp_path):
    locks = FileWorkLocks(tmp_path / "locks")
    inside, most, done = [0], [0], [0]
    guard = threading.Lock()

    def work():
        for _ in range(100):
            with locks.hold(7):
                with guard:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                time.sleep(0.0002)
                with guard:
                    inside[0] -= 1
                    done[0] += 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1 and done[0] == 400
    assert list((tmp_path / "locks").iterdir()) == []
