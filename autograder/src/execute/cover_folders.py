"""The folders where a machine's users keep their Unix sockets, covered for a grading kernel by an empty
read-only tmpfs, with only the paths the kernel needs bound back into it (own_files.py says why).

A socket's folder name may be random (an ssh agent's `/tmp/ssh-XXXX/agent.N`, another kernel's
`/tmp/neural-mi-kernel-XXXX/k-1`), so no list of sockets to hide would do: the kernel sees /tmp, /var/tmp,
/dev/shm, /home, /root and its user's home as folders made for it, holding its own folders, the files it
reads, and the folders and symbolic links on the way to them (as made here: a folder keeps its mode, a link
its target), and nothing else. A folder is covered only where none of those paths is the folder itself
or above it.

The plan (`cover_plan`) is made in the parent, which may read anything; the child (`enter_covers`) only
makes system calls. A path bound back comes from the folder as it was before its cover: the child enters
each folder before covering it, and its current folder stays on the mount beneath, so a path relative to
it still reaches the folder's own content. Each bind is recursive (a user namespace refuses to bind a
mount without the mounts below it) and keeps the read-only flag of the mount it copies.
"""

import os
import stat

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MNT_DETACH = 2

# where users and their programs keep sockets (agents, editors, other kernels); /run is own_files.py's
SOCKET_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm", "/home", "/root")
MAX_LINKS = 40  # as the operating system follows at most


def _within(path, folder):
    return path == folder or path.startswith(folder.rstrip(b"/") + b"/")


def _route(path, links, depth=0):
    """The real path of `path` (bytes, absolute), each symbolic link met on the way added to `links` as
    (where it is, its target)."""
    if depth > MAX_LINKS:
        raise OSError(f"too many symbolic links in {path!r}")
    current = b"/"
    for part in path.split(b"/"):
        if part in (b"", b"."):
            continue
        if part == b"..":
            current = os.path.dirname(current)
            continue
        step = os.path.join(current, part)
        if os.path.islink(step):
            target = os.readlink(step)
            links.append((step, target))
            current = _route(os.path.join(current, target), links, depth + 1)
        else:
            current = step
    return current


# a home folder above one of these (a system account's /, /var or /usr) is left uncovered
SYSTEM_FOLDERS = ("/bin", "/dev", "/etc", "/lib", "/lib64", "/opt", "/proc", "/sbin", "/sys", "/usr", "/var")


def _folders_to_cover(homes):
    """The real folders among SOCKET_FOLDERS and the home folders `homes`, none inside another."""
    system = [os.fsencode(os.path.realpath(name)) for name in SYSTEM_FOLDERS if os.path.exists(name)]
    found = []
    for name in SOCKET_FOLDERS + tuple(home for home in homes if home):
        if not os.path.isdir(name):
            continue
        folder = os.fsencode(os.path.realpath(name))
        if folder != b"/" and folder not in found and not any(_within(path, folder) for path in system):
            found.append(folder)
    return [folder for folder in found if not any(other != folder and _within(folder, other) for other in found)]


def _outermost(paths):
    """Each path once, none inside another (a recursive bind carries what lies below), sorted."""
    given = set(paths)

    def inside_another(path):
        parent = os.path.dirname(path)
        while parent != path:
            if parent in given:
                return True
            path, parent = parent, os.path.dirname(parent)
        return False

    return sorted(path for path in given if not inside_another(path))


def _mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode) & 0o777


class Cover:
    """One folder's cover: what to make in its tmpfs (folders parents first, each with its mode; empty files;
    links), and the real paths to bind back, relative to the folder."""

    def __init__(self, folder):
        self.folder = folder
        self.mode = _mode(folder)
        self.folders = []
        self.made = set()
        self.files = []
        self.links = []
        self.binds = []

    def _make_folder(self, path):
        self.folders.append((path, _mode(path)))
        self.made.add(path)

    def _make_folders_to(self, path):
        parent = os.path.dirname(path)
        if parent == self.folder or parent in self.made:
            return
        self._make_folders_to(parent)
        self._make_folder(parent)

    def bind(self, path):
        self._make_folders_to(path)
        if os.path.isdir(path):
            self._make_folder(path)
        else:
            self.files.append(path)
        self.binds.append(os.path.relpath(path, self.folder))

    def link(self, path, target):
        self._make_folders_to(path)
        self.links.append((path, target))


def cover_plan(needed, homes):
    """The covers of the folders where sockets are kept, each with the paths of `needed` (absolute, as the
    kernel names them) that lie in it bound back."""
    links, real = [], []
    for path in needed:
        try:
            found = _route(os.fsencode(os.path.abspath(path)), links)
        except OSError:
            continue
        if os.path.lexists(found):
            real.append(found)
    real = _outermost(real)
    covers = []
    for folder in _folders_to_cover(homes):
        if any(_within(folder, path) for path in real):
            continue
        cover = Cover(folder)
        for path in real:
            if _within(path, folder):
                cover.bind(path)
        for where, target in dict.fromkeys(links):
            if _within(where, folder) and not any(_within(where, path) for path in real):
                cover.link(where, target)
        covers.append(cover)
    return covers


def _make(cover):
    """Makes in the cover's tmpfs the folders, files and links its plan names; False where one could not be made."""
    try:
        for path, mode in cover.folders:
            os.mkdir(path)
            os.chmod(path, mode)
        for path in cover.files:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        for path, target in cover.links:
            os.symlink(target, path)
    except OSError:
        return False
    return True


def enter_covers(covers, mount, umount2):
    """Covers each folder of `covers` (libc's mount and umount2, their argument types set): run in the kernel's
    process, after its own mount namespace is made. A folder whose cover cannot be made as planned is left as
    it was. Its current folder is changed: the caller enters its own again."""
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    for cover in covers:
        try:
            os.chdir(cover.folder)
        except OSError:
            continue
        # a limit, not a reservation: room for long links (a short one takes no page)
        if mount(b"none", cover.folder, b"tmpfs", flags, b"size=1m,mode=%o" % cover.mode) != 0:
            continue
        # each bind relative: from the folder beneath the cover, entered above
        if not _make(cover) or any(mount(relative, os.path.join(cover.folder, relative), None, MS_BIND | MS_REC, None) != 0 for relative in cover.binds):
            umount2(cover.folder, MNT_DETACH)
            continue
        mount(None, cover.folder, None, MS_REMOUNT | MS_BIND | MS_RDONLY | flags, None)
