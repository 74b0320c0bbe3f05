"""What a confined kernel writes to its own stdout and stderr, read by nbgrader's process, bounded.

A kernel's process shares nbgrader's stdout and stderr unless told otherwise, and a cell reaches
them outside the notebook (`process._rawDebug`, which writes to the process's stderr at once): a
submission wrote without bound to the instructor's terminal or to the log of the server that runs
`nbgrader autograde` (a disk the course's gradebook may share), escape sequences for the terminal
and lines that read as nbgrader's own among it. (And a kernel writing there while that stderr is a
file already past the kernel's `RLIMIT_FSIZE` was killed by the operating system.) `npm run
autograde`'s runner reads the same through a pipe, keeps its beginning and says so in the cell
(src/execute/run_notebook.py); here the kernel's two streams go into a pipe that a thread of
nbgrader's drains: the first KEPT_BYTES go to nbgrader's log line by line, control characters
escaped, and the rest is counted and dropped.
"""
import os
import threading

KEPT_BYTES = 64 * 1024
_CHUNK = 65536


def _printable(text):
    return "".join(char if char.isprintable() or char == "\t" else repr(char)[1:-1] for char in text)


class KernelOutput:
    """A pipe for a kernel's stdout and stderr (`write_end`, given to the kernel's process and then
    closed here, `started()`), drained into `log` until the kernel and every copy of its end close it."""

    def __init__(self, log, name):
        self.read_end, self.write_end = os.pipe()
        self._log = log
        self._name = name
        threading.Thread(target=self._drain, daemon=True).start()

    def started(self):
        """The kernel's process holds its own copy of the write end now."""
        if self.write_end is not None:
            os.close(self.write_end)
            self.write_end = None

    def _drain(self):
        total = 0
        pending = b""
        try:
            while True:
                chunk = os.read(self.read_end, _CHUNK)
                if not chunk:
                    break
                room = KEPT_BYTES - total
                total += len(chunk)
                if room <= 0:
                    continue
                lines = (pending + chunk[:room]).split(b"\n")
                pending = lines.pop()
                for line in lines:
                    self._line(line)
        except OSError:
            pass
        finally:
            os.close(self.read_end)
        if pending:
            self._line(pending)
        if total > KEPT_BYTES:
            self._log.warning("%s wrote %d bytes more to its own stdout and stderr, dropped", self._name, total - KEPT_BYTES)

    def _line(self, line):
        self._log.warning("%s: %s", self._name, _printable(line.decode("utf-8", errors="replace")))
