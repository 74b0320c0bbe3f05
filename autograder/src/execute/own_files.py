"""A grading kernel's view of the file system: read-only but its own folders, and no socket in sight but its own.

node's permission model checks the paths the kernel's JavaScript writes, never what native code does,
and a cell can make zeromq sockets (reached by computed names: odd-notebooks/own-iopub-subscriber.mjs).
libzmq removes whatever file is at an `ipc://` address before it binds a socket there. Under
`nbgrader autograde` the kernel runs as the instructor, so a cell that bound one at
`<course>/gradebook.db` (its path is its working folder's, three folders up) removed the class's
gradebook, grades entered by hand included, and so any file of the instructor's: another student's
submission or autograded notebook, the course's source; our grader's kernels on the same-user path
could remove the grader's files alike. The kernel now starts in a mount namespace of its own where
every mount is read-only but the folders it writes (its working folder, its sockets' folder, its
temporary folder): a bind elsewhere fails with EROFS and removes nothing. Root makes the namespace
itself; another account inside the user namespace own_network.py made. Where the machine allows
neither, the kernel starts as before.

A read-only mount still lets a process connect to a Unix socket on it, and zeromq's STREAM sockets
send whatever bytes a cell gives them to any socket path (`ipc://`), where node's refusal of Unix
sockets (lib/kernel/no-local-sockets.cjs) does not look. The services that take their client's user
for a credential listen in /run (Docker's socket, the system's and the user's D-Bus, whose systemd
starts any command as that user, PostgreSQL's peer authentication), and X11's display servers in
/tmp/.X11-unix: the kernel sees each empty (/var/run where it is a folder of its own), unless a folder or
file it needs lies there. The user's agents and programs keep theirs in folders of random names: an ssh
agent's in /tmp/ssh-XXXX (under nbgrader a cell could sign with the instructor's keys), gpg's and ssh's
control sockets in the home folder, an editor's in /tmp or /dev/shm, and nbgrader's other kernels', of
the same user, in /tmp/neural-mi-kernel-XXXX (a cell subscribed to a classmate's IOPub would read
her outputs). So /tmp, /var/tmp, /dev/shm, /home, /root and the user's home are covered too, each by an
empty read-only tmpfs into which only the kernel's folders, the paths it reads and node's installation
are bound back (cover_folders.py; own-kernel-messages.mjs reaches a socket in each place under both
graders). Abstract sockets (`ipc://@name`) belong to a network namespace, not to the file system: a
kernel with a network of its own (own_network.py) reaches none of the machine's (the same test listens
on one), and one without, where the machine allows no namespace or its sockets are on TCP, reaches them all.
"""

import ctypes
import os
import pwd
import re

from cover_folders import cover_plan, enter_covers

CLONE_NEWNS = 0x00020000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_NOSYMFOLLOW = 256
MS_REMOUNT = 32
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_REC = 16384
MS_SLAVE = 1 << 19
MS_RELATIME = 1 << 21
MS_STRICTATIME = 1 << 24

# a remount inside a user namespace must keep the flags the mount was locked with
KEPT_OPTIONS = {
    b"nosuid": MS_NOSUID,
    b"nodev": MS_NODEV,
    b"noexec": MS_NOEXEC,
    b"nosymfollow": MS_NOSYMFOLLOW,
    b"noatime": MS_NOATIME,
    b"nodiratime": MS_NODIRATIME,
    b"relatime": MS_RELATIME,
    b"strictatime": MS_STRICTATIME,
}
ESCAPED = re.compile(rb"\\([0-7]{3})")


def _mounts():
    """Each writable mount's point (bytes) and the flags a read-only remount of it must keep."""
    with open("/proc/self/mountinfo", "rb") as table:
        lines = table.read().splitlines()
    mounts = []
    for line in lines:
        fields = line.split(b" ")
        if len(fields) < 6:
            continue
        point = ESCAPED.sub(lambda match: bytes([int(match.group(1), 8)]), fields[4])
        options = fields[5].split(b",")
        if b"ro" in options:
            continue
        mounts.append((point, sum(flag for name, flag in KEPT_OPTIONS.items() if name in options)))
    return mounts


def _within(point, folders):
    return any(point == folder or point.startswith(folder.rstrip(b"/") + b"/") for folder in folders)


# where the services that take a client's user for its credential put their sockets: the system's
# (/run), and X11's display servers, which many desktops open to every process of the logged-in user
# (a connection to one types into the instructor's terminal)
SERVICE_SOCKET_FOLDERS = ("/run", "/var/run", "/tmp/.X11-unix")


def _hidden_folders(needed):
    """Of SERVICE_SOCKET_FOLDERS, the real folders that hold nothing the kernel needs."""
    hidden = []
    for name in SERVICE_SOCKET_FOLDERS:
        if os.path.islink(name) or not os.path.isdir(name):
            continue
        folder = os.fsencode(os.path.realpath(name))
        if folder not in hidden and not any(_within(path, [folder]) for path in needed):
            hidden.append(folder)
    return hidden


def _homes():
    """The home folders of the process's user: its HOME, and its account's."""
    homes = [os.environ.get("HOME")]
    try:
        homes.append(pwd.getpwuid(os.getuid()).pw_dir)
    except KeyError:
        pass
    return homes


def _installation(program):
    """The folder a program is installed in: `<prefix>` of `<prefix>/bin/node` (its libraries beside it, as
    nvm's and conda's node), else the program's own folder."""
    folder = os.path.dirname(os.path.realpath(program))
    return os.path.dirname(folder) if os.path.basename(folder) == "bin" else folder


def own_files_entry(writable, readable=(), program=None, cover=True):
    """A function the kernel's process runs before it starts the kernel, after own_network.py's entry
    (whose user namespace lets another account than root make mounts) and before it changes to the
    kernel's user: from then on only the folders `writable` (and what is mounted below them) can be
    written, /run is empty unless one of them, or of the paths `readable`, lies there, and /tmp, /var/tmp,
    /dev/shm, /home, /root and the user's home hold only those and the installation of `program` (the
    kernel's executable; cover_folders.py), unless `cover` is false (a kernel whose reads no list names).
    Made beforehand, in the parent, so that the child only makes system calls."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare, mount, umount2 = libc.unshare, libc.mount, libc.umount2
        folders = [os.fsencode(os.path.realpath(folder)) for folder in writable if folder and os.path.isdir(folder)]
        mounts = [(point, flags) for point, flags in _mounts() if not _within(point, folders)]
        hidden = _hidden_folders(folders + [os.fsencode(os.path.realpath(path)) for path in readable if path])
        needed = [path for path in list(writable) + list(readable) if path and os.path.isabs(path)]
        covers = cover_plan(needed + ([_installation(program)] if program else []), _homes()) if cover else []
    except (OSError, AttributeError):
        return lambda: None
    mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]
    umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]

    def enter():
        cwd = os.getcwd()
        if unshare(CLONE_NEWNS) != 0:
            return
        # nothing done here reaches the machine's own mounts
        if mount(b"none", b"/", None, MS_REC | MS_SLAVE, None) != 0:
            return
        for folder in folders:
            mount(folder, folder, None, MS_BIND | MS_REC, None)
        for point, flags in mounts:
            mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | flags, None)
        for folder in hidden:
            mount(b"none", folder, b"tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, b"size=4k,mode=755")
        # last: the mounts above are made through the paths these folders cover
        enter_covers(covers, mount, umount2)
        # the process entered its working folder before that folder's own mount was made, and a current
        # folder stays on the mount it was entered through (made read-only above): enter it again
        try:
            os.chdir(cwd)
        except OSError:
            pass

    return enter
