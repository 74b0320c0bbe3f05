"""A grading kernel limited to one core's time: a control group of its own with a CPU quota.

A kernel's threads are not its loop alone: zeromq's I/O threads (a cell may make a context of as
many as it likes and flood sockets of its own in its folder), V8's and libuv's. Graded beside other
notebooks (`--jobs`), a kernel that kept them busy took the cores the other kernels' cells needed.
A quota of one core per period bounds them all together, whatever the threads, and unlike pinning
to a core it leaves the scheduler free to place the kernel on any idle one.

Needs a writable cpu controller (cgroup v1, or v2 with `cpu` delegated to the grader's group): as
root on most machines and containers; `probe` says whether this machine has one.

python one_core.py --probe   prints {"ok": bool, "message": str}
"""

import errno
import itertools
import json
import os
import sys
import time

PREFIX = "neural-mi-kernel-"
PERIOD_US = 100_000


def _controller_folder():
    """The folder of this process's own cgroup under the cpu controller, and the cgroup version, or
    (None, the reason)."""
    try:
        with open("/proc/self/cgroup", encoding="utf-8", errors="replace") as handle:
            memberships = [line.rstrip("\n").split(":", 2) for line in handle if line.count(":") >= 2]
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
            mounts = [line.split() for line in handle]
    except OSError as error:
        return None, f"cannot read this process's control groups ({error.strerror})"
    for fields in mounts:
        if "-" not in fields:
            continue
        dash = fields.index("-")
        root, point, fstype, options = fields[3], fields[4], fields[dash + 1], fields[dash + 3].split(",")
        if fstype == "cgroup" and "cpu" in options:
            path = next((path for _, names, path in memberships if "cpu" in names.split(",")), None)
            version = 1
        elif fstype == "cgroup2":
            path = next((path for number, names, path in memberships if number == "0" and names == ""), None)
            version = 2
            try:
                with open(os.path.join(point, "cgroup.controllers"), encoding="utf-8") as handle:
                    if "cpu" not in handle.read().split():
                        continue
            except OSError:
                continue
        else:
            continue
        if path is None or not (path == root or path.startswith(root.rstrip("/") + "/")):
            continue
        return os.path.normpath(os.path.join(point, os.path.relpath(path, root))), version
    return None, "this machine has no cpu controller of control groups mounted"


def _quota(group, version):
    if version == 1:
        _write(os.path.join(group, "cpu.cfs_period_us"), str(PERIOD_US))
        _write(os.path.join(group, "cpu.cfs_quota_us"), str(PERIOD_US))
    else:
        _write(os.path.join(group, "cpu.max"), f"{PERIOD_US} {PERIOD_US}")


def _write(path, text):
    with open(path, "w", encoding="ascii") as handle:
        handle.write(text)


def _remove_stale(parent):
    """Groups of kernels that have ended (an interrupted run's): empty, so removable. A group is
    named for the process that made it (`<pid>`, or `<pid>-<n>` for the groups a grader makes for
    its kernels ahead of their start)."""
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        number = name[len(PREFIX):].split("-", 1)[0]
        if not (name.startswith(PREFIX) and number.isdigit()):
            continue
        try:
            os.kill(int(number), 0)
            continue
        except ProcessLookupError:
            pass
        except OSError:
            continue
        try:
            os.rmdir(os.path.join(parent, name))
        except OSError:
            pass


def probe():
    """Whether kernels can be given a group of their own with a quota here: tried on a group made and removed."""
    parent, version = _controller_folder()
    if parent is None:
        return {"ok": False, "message": version}
    if version == 2:
        try:
            with open(os.path.join(parent, "cgroup.subtree_control"), encoding="utf-8") as handle:
                delegated = "cpu" in handle.read().split()
        except OSError:
            delegated = False
        if not delegated:
            return {"ok": False, "message": f"the cpu controller is not delegated below {parent} (cgroup v2)"}
    trial = os.path.join(parent, f"{PREFIX}{os.getpid()}")
    try:
        os.mkdir(trial)
        try:
            _quota(trial, version)
        finally:
            os.rmdir(trial)
    except OSError as error:
        return {"ok": False, "message": f"cannot make a control group with a CPU quota in {parent} ({error.strerror})"}
    return {"ok": True, "message": f"each kernel has one core's time (a control group of its own, cgroup v{version}, in {parent})"}


def _new_group(name):
    """A group `name` made (or reused: one left by an ended process of the same id) with one core's
    quota, after removing ended kernels' groups. Raises when it cannot: the run's probe said it could."""
    parent, version = _controller_folder()
    if parent is None:
        raise RuntimeError(f"no CPU quota for the kernel: {version}")
    _remove_stale(parent)
    group = os.path.join(parent, f"{PREFIX}{name}")
    try:
        os.mkdir(group, 0o755)
    except FileExistsError:
        pass  # left by an ended kernel or grader that had this process id (a run killed outright): reused
    _quota(group, version)
    return group


def enter(record):
    """Moves this process (about to become the kernel) into a group of its own limited to one core,
    and writes the group's folder to `record`, for the grader to remove once the kernel has ended."""
    group = _new_group(str(os.getpid()))
    _write(record, group)
    _write(os.path.join(group, "cgroup.procs"), str(os.getpid()))


_made = itertools.count()


def group_ahead():
    """For a kernel started by a process with threads (nbgrader's kernel manager), whose child may
    only make system calls between its fork and its start: a group of its own limited to one core,
    made here, and a descriptor of the group's list of processes, to which the child writes "0" (that
    is, itself) with `join_group`. Returns (group folder, descriptor)."""
    group = _new_group(f"{os.getpid()}-{next(_made)}")
    return group, os.open(os.path.join(group, "cgroup.procs"), os.O_WRONLY | os.O_CLOEXEC)


def join_group(descriptor):
    """In the kernel's child, before it starts the kernel: into the group `group_ahead` made."""
    os.write(descriptor, b"0")


def remove_group(group, attempts=40):
    """Removes a kernel's group once its process has ended (an ended process may take a moment to
    leave it)."""
    for _ in range(attempts):
        try:
            os.rmdir(group)
            return
        except OSError as error:
            if error.errno != errno.EBUSY:
                return
            time.sleep(0.05)


if __name__ == "__main__":
    if sys.argv[1:] != ["--probe"]:
        sys.exit("usage: one_core.py --probe")
    print(json.dumps(probe()))
