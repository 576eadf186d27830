"""Format extractors that misbehave on purpose, to prove the sandbox contains them.

They are plugged in through the documented `extractors=` hook and must live in an
importable module: the sandbox worker imports them by name.
"""

import os
import time


def hang(data, filename, limits):
    time.sleep(3600)


def exhaust_memory(data, filename, limits):
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def crash(data, filename, limits):
    os.abort()
