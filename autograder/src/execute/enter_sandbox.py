"""Starts a grading kernel: python enter_sandbox.py <connection file> <uid|-> <file MB> <data MB> <command...>

Run by jupyter_client in place of the kernel. It reads the connection file
(ports and the key that signs the kernel's messages) and hands it to the
kernel through a pipe on file descriptor 3, so the kernel never needs to read
the file; sets the limits the operating system enforces (file size, no core
dumps, writable memory, threads); on the own-user path it becomes the kernel's user (which
cannot read the root-owned connection file at all); then it becomes the
kernel command.
"""

import os
import resource
import signal
import sys

CONNECTION_FD = 3
MAX_KERNEL_THREADS = 1024  # as isolation.mjs


def main():
    connection_file, uid, file_mb, data_mb, command = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
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
    if uid != "-":
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_KERNEL_THREADS, MAX_KERNEL_THREADS))
        os.setgroups([])
        os.setgid(int(uid))
        os.setuid(int(uid))
    os.umask(0o077)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
