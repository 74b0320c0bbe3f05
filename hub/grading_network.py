"""Whether the kernels that nbgrader starts from the instructor's server get a network of their own
(autograder/src/execute/own_network.py): tried as the spawner starts that server (as root: a /proc of
its own, then the instructor's account; not dumpable, as hub/user_server.py makes it), a child started
as nbgrader starts a kernel. Without it a student's code graded as the instructor reaches the machine's
network through zeromq's sockets. Run as root: python grading_network.py <uid> <gid>; prints "ok", or why not.
"""
import ctypes
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "autograder", "src", "execute"))
from own_network import own_network_entry  # noqa: E402
from private_proc import hide_other_processes  # noqa: E402

# (a program every account can run: the hub's Python may lie where the accounts do not reach, as in its tests)
SHOW = ["/bin/sh", "-c", 'echo "$(readlink /proc/self/ns/net) $(id -u)"']


def main():
    uid, gid = int(sys.argv[1]), int(sys.argv[2])
    hide_other_processes()  # where it cannot be made, the hub's start says so apart
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, as the user's server
    mine = os.readlink("/proc/self/ns/net")
    child = subprocess.run(SHOW, preexec_fn=own_network_entry(), capture_output=True, text=True)
    network, _, ids = child.stdout.strip().partition(" ")
    if child.returncode != 0 or not network:
        print(f"the kernel's process failed: {child.stderr.strip()[-300:]}")
    elif network == mine:
        print("the account can make no user namespace (sysctl kernel.unprivileged_userns_clone, or Ubuntu's kernel.apparmor_restrict_unprivileged_userns)")
    elif ids != str(uid):
        print(f"the kernel's user id reads {ids} in its namespace, not the account's {uid}")
    else:
        print("ok")


if __name__ == "__main__":
    main()
