"""A view of the process list for a user's server that shows each account its own processes only.

Without it a student's terminal or notebook lists every process of the machine, the command lines
of her classmates' kernels and of the instructor's grading among them (/proc, as the system mounts
it, without `hidepid`). The spawner calls `hide_other_processes` in the server's process, as root,
before it becomes the user: the process gets a mount namespace of its own, its mounts private (none
reaches the machine's), with a /proc of its own mounted `hidepid=invisible` (Linux 5.8 and later
keep such options per mount). Where that cannot be done (no CAP_SYS_ADMIN, as in many containers;
an older kernel), the server runs with the machine's /proc, and `hub_start_check` says so.
"""
import ctypes
import os
import sys

CLONE_NEWNS = 0x00020000
MS_REC = 0x4000
MS_PRIVATE = 0x40000

_libc = ctypes.CDLL(None, use_errno=True)


def _failed(step):
    return f"{step}: {os.strerror(ctypes.get_errno())}"


def hide_other_processes():
    """In the calling process: the private /proc above. Returns None, or why it could not be made."""
    if _libc.unshare(CLONE_NEWNS) != 0:
        return _failed("a mount namespace of its own")
    if _libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return _failed("its mounts made private")
    # no flags of its own: a sandbox that mounts a /proc inside it may not be given one less restricted
    if _libc.mount(b"proc", b"/proc", b"proc", 0, b"hidepid=invisible") != 0:
        return _failed("a /proc of its own with hidepid=invisible")
    return None


def hub_start_check():
    """Tried in a child process (never the hub's own): None where the servers get the private view, else why not."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        why = hide_other_processes() or ""
        os.write(write, why.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        why = answer.read().decode()
    os.waitpid(pid, 0)
    return why or None


if __name__ == "__main__":
    why = hub_start_check()
    print(why or "ok")
    sys.exit(0)
