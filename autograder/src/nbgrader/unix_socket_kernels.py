"""Kernel managers whose kernels listen on Unix sockets in a folder of their own.

With TCP, jupyter_client picks free ports and the kernel binds them seconds later, once
TypeScript is loaded; on a busy machine another process can take one in between, and
nbgrader, which starts each notebook's kernel once, marks the student as an error. A Unix
socket in a private folder cannot be taken. The kernel side is lib/kernel/kernel-sockets.cjs.

Nor can it be listened to. A kernel's IOPub socket publishes every output of every cell (what
the cells print, their results, their errors, the tests' messages) to whoever subscribes, and on
TCP anyone on the machine may: another account's process that subscribed to a student's kernel on
the course hub read her outputs as she ran her cells, and the instructor's, running the course's
source in their JupyterLab, those of the reference solutions (the messages are signed, not
encrypted; only sending takes the key). A socket in a folder only its user can open is reached by
that user alone. So JupyterLab's own kernels use them too (PrivateSocketServerKernelManager, in
server_kernel_sockets.py, which the servers' configurations name), not nbgrader's alone.
"""

import os
import shutil
import stat
import tempfile
import time

from jupyter_client.manager import AsyncKernelManager

# a Unix socket's path holds at most 107 bytes; the kernel's are "<folder>/k-<port>"
MAX_SOCKET_PREFIX_BYTES = 100


FOLDER_PREFIX = "neural-mi-kernel-"
# a folder left empty this long is no kernel's: one starting binds its sockets within minutes
ABANDONED_AFTER_SECONDS = 3600


def _owner_ended(name):
    """Whether the process that made the folder `name` (`neural-mi-kernel-<pid>-<random>`) has ended;
    False for a folder named without one."""
    owner, dash, _ = name[len(FOLDER_PREFIX):].partition("-")
    if not (dash and owner.isdigit()):
        return False
    try:
        os.kill(int(owner), 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass
    return False


def _remove_sockets_folder(path):
    """Removes a kernel's sockets' folder and the sockets in it; a folder holding anything else stays."""
    folder = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        names = os.listdir(folder)
        if any(not stat.S_ISSOCK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode) for name in names):
            return
        for name in names:
            os.unlink(name, dir_fd=folder)
    finally:
        os.close(folder)
    os.rmdir(path)


def remove_abandoned_folders(base):
    """Removes this user's socket folders of kernels whose manager was killed before it could remove
    them (a stopped `nbgrader autograde`, a killed server): one per kernel, they would gather in the
    temporary directory. A folder whose maker has ended goes with its dead kernel's sockets; one of an
    older name, once empty for an hour."""
    try:
        names = [name for name in os.listdir(base) if name.startswith(FOLDER_PREFIX)]
    except OSError:
        return
    now = time.time()
    for name in names:
        path = os.path.join(base, name)
        try:
            info = os.lstat(path)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                continue
            if _owner_ended(name):
                _remove_sockets_folder(path)
            elif now - info.st_mtime >= ABANDONED_AFTER_SECONDS:
                os.rmdir(path)  # only when empty: a live kernel's folder holds its sockets
        except OSError:
            pass


class PrivateUnixSockets:
    """A kernel manager's kernel on the ipc transport, its sockets in a fresh folder under the
    temporary directory, only its user's (mkdtemp: mode 0700; a Unix socket's path is limited to
    107 bytes, which a folder under a user's runtime directory can exceed), removed with the kernel."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        base = tempfile.gettempdir()
        # under a temporary directory too long for the sockets' paths, /tmp (as the grader's own
        # kernels do: autograder/src/execute/isolation.mjs)
        if len(os.fsencode(os.path.join(base, f"{FOLDER_PREFIX}{os.getpid()}-" + "x" * 8, "k"))) > MAX_SOCKET_PREFIX_BYTES:
            base = "/tmp"
        remove_abandoned_folders(base)
        # named for this process, so that once it has ended the folder is known abandoned
        self.socket_dir = tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-", dir=base)
        self.ip = os.path.join(self.socket_dir, "k")

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self.socket_dir, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources


class UnixSocketKernelManager(PrivateUnixSockets, AsyncKernelManager):
    """jupyter_client's manager on the ipc transport, its sockets in a folder of their own (nbgrader's kernels)."""
