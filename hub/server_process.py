"""A user's server process told apart from a later process given the same id (Linux's /proc).

JupyterHub keeps each running server's process id in its database and, when it starts again after
it was killed without stopping the servers (kill -9, the OOM killer, the machine's restart), takes a
server whose id names a live process for still running: it routes the user to the server's old port
and, to stop it, signals that process, SIGKILL last. After a restart the id is another program's.
A process is known by its id with its start time (clock ticks since boot) and the boot's id.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "autograder", "src", "nbgrader"))
from process_start import start_time  # noqa: E402


def _boot_id():
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as boot:
            return boot.read().strip()
    except OSError:
        return None


def process_identity(pid):
    """"<boot id>:<start time>" of process `pid`, or None where it cannot be read (no such process, no /proc)."""
    boot = _boot_id()
    started = start_time(pid)
    if boot is None or started is None:
        return None
    return f"{boot}:{started}"


def process_owner(pid):
    """The real user id of process `pid`, or None when there is no such process to read."""
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None


def same_process(pid, identity, owner_uid):
    """Whether process `pid` is the one recorded as `identity` (process_identity at its start; None:
    a record from before identities were kept, when its owner must be `owner_uid`). True where /proc
    cannot tell (another system): the caller's own check of the id stands."""
    if not os.path.isdir("/proc/self"):
        return True
    if identity:
        return process_identity(pid) == identity
    return process_owner(pid) == owner_uid
