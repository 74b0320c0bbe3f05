"""Starts a grading kernel: python enter_sandbox.py <connection file> <uid|-> <file MB> <data MB> <one-core|-> <command...>

Run by jupyter_client in place of the kernel. It reads the connection file
(ports and the key that signs the kernel's messages) and hands it to the
kernel through a pipe on file descriptor 3, so the kernel never needs to read
the file; sets the limits the operating system enforces (file size, no core
dumps, writable memory, threads), and with `one-core` puts it in a control group of its own limited
to one core's time (one_core.py, written down beside the connection file); on the own-user path it becomes the kernel's user (which
cannot read the root-owned connection file at all); asks to be killed when the runner
that started it ends; gives it a network of its own unless its sockets are on TCP
(own_network.py) and a file system read-only but for its folders, with an empty /run, and
/tmp, /var/tmp, /dev/shm and home folders that hold only the paths it uses (own_files.py); then
it becomes the kernel command.
"""

import ctypes
import json
import os
import resource
import signal
import sys

from one_core import enter as enter_one_core
from own_files import own_files_entry
from own_network import own_network_entry

CONNECTION_FD = 3
MAX_KERNEL_THREADS = 1024  # as isolation.mjs
PERMISSION_FLAGS = ("--permission", "--experimental-permission")  # as sandbox.mjs


def end_with_runner(runner):
    """The kernel is killed when its runner ends (Linux's PR_SET_PDEATHSIG; elsewhere nothing). It
    runs in a session of its own, and a runner killed from outside (frozen, past the notebook's
    limit, or with the grader on Ctrl-C) left it to the grader, which told its kernel from a process
    given the same id later by its command line: a cell may write over that (node's process.title),
    and on the same-user path such a kernel ran on with the student's code after the run ended.
    Set after the change of user, which clears it."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != runner:  # the runner ended before the line above
        os._exit(1)


def paths_named_in(command):
    """The absolute paths a command names: as arguments, or as an option's value (`--allow-fs-read=<path>`)."""
    values = [part.split("=", 1)[1] if part.startswith("--") and "=" in part else part for part in command]
    return [value for value in values if os.path.isabs(value)]


def main():
    runner = os.getppid()
    connection_file, uid, file_mb, data_mb, cpu, command = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6:]
    with open(connection_file, "rb") as handle:
        connection = handle.read()
    read_end, write_end = os.pipe()
    os.write(write_end, connection)  # a few hundred bytes: fits the pipe's buffer
    os.close(write_end)
    if read_end != CONNECTION_FD:
        os.dup2(read_end, CONNECTION_FD)
        os.close(read_end)
    os.set_inheritable(CONNECTION_FD, True)

    limit = file_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if data_mb > 0:
        # writable memory as it is committed (heap, buffers, WebAssembly memory, thread stacks; not
        # V8's reservations): the runner's watchdog samples the resident size every 0.25 s, which a
        # kernel touching memory at full speed passed by what it touched meanwhile
        data = data_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (data, data))
    # a write past the limit then fails with an error instead of killing the kernel
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if cpu == "one-core":
        enter_one_core(connection_file + ".cpu-group")
    info = json.loads(connection)
    if info.get("transport") != "tcp":
        own_network_entry()()
    # every mount read-only but its working, temporary and sockets' folders, and no socket but its own
    # in sight (own_files.py): libzmq removes the file at an address a cell binds, and connects a cell's
    # socket to any path, past node's permission model
    sockets = os.path.dirname(info["ip"]) if info.get("transport") == "ipc" else None
    # without node's permission model (--no-isolation) nothing lists what the kernel reads: all stays in sight
    confined = any(part in PERMISSION_FLAGS for part in command)
    own_files_entry([os.getcwd(), os.environ.get("TMPDIR"), sockets], paths_named_in(command), command[0], cover=confined)()
    if uid != "-":
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_KERNEL_THREADS, MAX_KERNEL_THREADS))
        os.setgroups([])
        os.setgid(int(uid))
        os.setuid(int(uid))
    end_with_runner(runner)
    os.umask(0o077)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
