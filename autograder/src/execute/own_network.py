"""A grading kernel's network of its own, with no interface up: it reaches no address of the machine or
beyond, while its Unix sockets, which are files, still reach the grader that talks to it.

node's permission model leaves the network open, and zeromq's sockets, which a cell can make, connect in
native code that the kernel's JavaScript refusal (lib/kernel/no-local-sockets.cjs) does not see: on the
course hub a submission graded as the instructor sent a listener in its student's terminal what the
hidden tests called her code with. Root makes the namespace itself; another account makes it inside a
user namespace of its own, its ids mapped to themselves. Where the machine allows neither, the kernel
starts as before, with its JavaScript's refusal only.
"""

import ctypes
import os

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
PR_SET_DUMPABLE = 4


def own_network_entry():
    """A function that the kernel's process runs before it starts the kernel (as root, before it changes
    to the kernel's user): it then has a network of its own, where the machine allows one. Made beforehand,
    in the parent, so that the child only makes system calls."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare, prctl = libc.unshare, libc.prctl
    except (OSError, AttributeError):
        return lambda: None
    uid, gid = os.getuid(), os.getgid()

    def enter():
        if os.geteuid() == 0:
            unshare(CLONE_NEWNET)
            return
        if unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            return
        # a server that is not dumpable (the hub's, hub/user_server.py) makes /proc/self root's; the
        # kernel's program would be dumpable again at its start anyway
        prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
        try:
            for name, text in (("uid_map", f"{uid} {uid} 1"), ("setgroups", "deny"), ("gid_map", f"{gid} {gid} 1")):
                with open(f"/proc/self/{name}", "w") as mapping:
                    mapping.write(text)
        except OSError:
            pass  # its ids then read as the overflow id inside; its access to files stays its account's

    return enter
