"""The tests' pty driver: a podium process on the slave side of a pseudo-terminal, everything it
writes kept (a thread reads the master side so the process never blocks on a full terminal).

The benchmark has its own driver, which reads the screen with pyte (benchmarks/pty_session.py);
this one keeps bytes, for tests that look for a text in what podium wrote or drive it by keys.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>NOPc78]|\x1b\][^\x07]*\x07")


def plain(output: bytes) -> str:
    """The output with its escape sequences taken out."""
    return ANSI.sub(b"", output).decode("utf-8", "replace")


def _terminal_signals() -> None:
    """In the child: signals as a program started from a terminal gets them, even when the tests
    run under `nohup` (which would leave the hangup signal ignored)."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


class PtySession:
    """One process in a pty of `size` (columns, rows), in a session of its own."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], cwd: Path | str | None = None,
                 size: tuple[int, int] = (100, 30)) -> None:
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.master = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self.process = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave, env=dict(env),
                                        cwd=cwd, start_new_session=True, close_fds=True,
                                        preexec_fn=_terminal_signals)
        os.close(slave)
        self._closed = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.1)
            except (OSError, ValueError):
                return
            if not ready:
                if self.process.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output.extend(chunk)

    def text(self) -> bytes:
        """Everything the process has written so far, escape sequences and all."""
        with self._lock:
            return bytes(self.output)

    def _ended(self) -> bool:
        """The process has exited and all it wrote has been read."""
        return self.process.poll() is not None and not self._reader.is_alive()

    def wait_for(self, needle: str, seconds: float = 30.0, since: int = 0) -> bool:
        """Wait until `needle` shows in the output with escape sequences taken out (after byte
        `since`); False if it never did or the process ended first."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in plain(self.text()[since:]):
                return True
            if self._ended():
                return needle in plain(self.text()[since:])
            time.sleep(0.05)
        return False

    def expect(self, needle: bytes, seconds: float = 30.0) -> bytes:
        """Wait until the bytes `needle` are in the output, as written; the output so far. Fails
        the test if they never come."""
        deadline = time.monotonic() + seconds
        while needle not in self.text():
            assert not self._ended(), f"the process ended without writing {needle!r}"
            assert time.monotonic() < deadline, f"never saw {needle!r}"
            time.sleep(0.05)
        return self.text()

    def write(self, data: bytes) -> None:
        """Type `data` at the terminal (ignored once the process has exited)."""
        if self.process.poll() is None:
            try:
                os.write(self.master, data)
            except OSError:
                pass

    def alive(self) -> bool:
        return self.process.poll() is None

    def signal(self, number: int) -> None:
        """Send a signal to the process's whole session (as a closed terminal or Ctrl+C would)."""
        os.killpg(self.process.pid, number)

    def wait(self, seconds: float = 20.0) -> int:
        """Wait for the process to exit; its exit status."""
        return self.process.wait(timeout=seconds)

    def close(self) -> int | None:
        """Stop the process if it still runs; its exit status if it had exited by itself."""
        status = self.process.poll()
        if status is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        if not self._closed:
            self._reader.join(timeout=5)
            os.close(self.master)
            self._closed = True
        return status

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
