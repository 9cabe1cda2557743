"""One program in a pseudo-terminal, its output read by the pyte terminal emulator.

A reader thread takes the program's output as it comes and stamps each chunk with the time it
arrived; the caller feeds the chunks to pyte and checks the screen. So a latency is "key written"
to "arrival of the output that put the expected text on screen", without pyte's parsing time in it.
"""

from __future__ import annotations

import fcntl
import os
import queue
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence

import pyte

COLUMNS = 120
ROWS = 40
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

READER_SWITCH_INTERVAL = 0.0001


def stamp_promptly() -> None:
    """Let the reader thread stamp chunks as they arrive (the benchmark's entry points call it).

    The reader needs the interpreter to stamp a chunk, while the caller's thread holds it feeding
    pyte (a full 120x40 frame takes pyte several milliseconds). With Python's default switch
    interval (5 ms) a chunk that arrived meanwhile was stamped up to 5 ms late: a bias against
    big frames (a full frame comes in three chunks): podium's first frame was stamped a median
    5.5 ms after the app's writer thread began writing it (6 launches), 0.9 ms with a 0.1 ms
    interval. Process-wide, so it is not done on import (tests import `Session` too).
    """
    sys.setswitchinterval(READER_SWITCH_INTERVAL)


class Timeout(Exception):
    """The expected text did not appear in time."""


class Session:
    """A process on the slave side of a pty, sized COLUMNS x ROWS; its screen is `self.screen`."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], *, cwd: str | None = None,
                 columns: int = COLUMNS, rows: int = ROWS) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.master = master
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()
        self.bytes_read = 0
        self.closed = False
        self.started = time.perf_counter()
        self.process = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave, env=dict(env),
                                        cwd=cwd, start_new_session=True, close_fds=True)
        os.close(slave)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # -- output ------------------------------------------------------------------------------

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b""
            self.chunks.put((time.perf_counter(), data))
            if not data:
                return

    def _take(self, deadline: float) -> tuple[float, bytes] | None:
        """The next chunk, fed to pyte; None when none came before `deadline`."""
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return None
        try:
            stamp, data = self.chunks.get(timeout=remaining)
        except queue.Empty:
            return None
        if not data:
            self.closed = True
        else:
            self.bytes_read += len(data)
            self.stream.feed(data)
        return stamp, data

    def rows(self) -> list[str]:
        return self.screen.display

    def wait_for(self, predicate: Callable[[list[str]], bool], timeout: float = 30.0) -> float:
        """Read until `predicate(rows)` holds; return the arrival time of the chunk that made it so."""
        if predicate(self.rows()):
            return time.perf_counter()
        deadline = time.perf_counter() + timeout
        while not self.closed:
            got = self._take(deadline)
            if got is None:
                break
            if got[1] and predicate(self.rows()):
                return got[0]
        raise Timeout(self.describe())

    def settle(self, quiet: float = 0.1, limit: float = 3.0) -> float | None:
        """Read until the program has written nothing for `quiet` seconds (at most `limit`).

        Returns the arrival time of the last chunk read (None when nothing came)."""
        end = time.perf_counter() + limit
        last = None
        while not self.closed and time.perf_counter() < end:
            got = self._take(min(end, time.perf_counter() + quiet))
            if got is None:
                break
            last = got[0]
        return last

    def drain_for(self, seconds: float) -> int:
        """Read for `seconds`; return how many bytes the program wrote meanwhile."""
        before = self.bytes_read
        end = time.perf_counter() + seconds
        while not self.closed and time.perf_counter() < end:
            self._take(end)
        return self.bytes_read - before

    def describe(self) -> str:
        return "screen was:\n" + "\n".join(row.rstrip() for row in self.rows() if row.strip())

    # -- input -------------------------------------------------------------------------------

    def send(self, keys: str) -> float:
        """Write keys to the program; return the time just before the write."""
        stamp = time.perf_counter()
        os.write(self.master, keys.encode())
        return stamp

    # -- the process -------------------------------------------------------------------------

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far (all its threads)."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def _status_mib(self, field: str) -> float:
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        raise RuntimeError(f"no {field} in /proc status")

    def peak_rss_mib(self) -> float:
        """VmHWM: the process's peak resident memory so far, in MiB."""
        return self._status_mib("VmHWM")

    def rss_mib(self) -> float:
        """VmRSS: the process's resident memory now, in MiB."""
        return self._status_mib("VmRSS")

    def wait_exit(self, timeout: float = 30.0) -> float:
        """Wait for the process to end, reading its output meanwhile; return the time it ended."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                return time.perf_counter()
            self._take(min(deadline, time.perf_counter() + 0.002))
        raise Timeout("process did not exit; " + self.describe())

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=10)
        try:
            os.close(self.master)
        except OSError:
            pass

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
