"""nbgrader's kernels under node's permission model, as `npm run autograde` runs its own.

nbgrader runs a submission's code as the instructor's user, in the course directory: without
this, a student's cell rewrites the course's `source/` (the metadata ReportedChecks reads after
the run: an empty notebook there, and a failing test with points per check gets all its
points), starts a process that edits `gradebook.db` once nbgrader has saved the grades, or
loads native code. Here the kernel may read only its connection file, the notebook's own
folder and the packages (each `node_modules` folder above the notebook, where TypeScript
finds the types of `neural-mi`, and the folders their links lead to), write only the
notebook's folder, and start no process or worker; native code loads only from the packages
(lib/kernel/harden.cjs).

What stays readable (autograder/README.md, "nbgrader"): node checks a path as written, with
`..` taken away, while the operating system follows a symbolic link first, so through the
package `neural-mi` (a link to the repository's `lib/`), `node_modules/neural-mi/../notebooks`
reads the repository's notebooks. The grading sandbox of `npm run autograde` gives its kernels
a copy of the packages made of hard links, which has no such link.
"""

import functools
import os
import subprocess

from unix_socket_kernels import UnixSocketKernelManager


@functools.lru_cache(maxsize=None)
def permission_flags(node):
    """The flag that turns on node's permission model (renamed in node 23) and the one that
    silences its start-up warning, or None when this node has none."""
    for flag in ("--permission", "--experimental-permission"):
        probe = subprocess.run([node, flag, "--allow-fs-read=*", "--allow-addons", "-e", "0"], capture_output=True)
        if probe.returncode == 0:
            return [flag] + (["--disable-warning=ExperimentalWarning"] if b"ExperimentalWarning" in probe.stderr else [])
    return None


def readable_paths(cwd, connection_file):
    """What the kernel of a notebook in `cwd` may read."""
    paths = [cwd, connection_file, "/etc/alpine-release"]  # zeromq's loader probes it (musl or glibc)
    folder = cwd
    while True:
        modules = os.path.join(folder, "node_modules")
        if os.path.isdir(modules):
            paths += [modules, os.path.realpath(modules)]
            for name in os.listdir(modules):
                if os.path.islink(os.path.join(modules, name)):
                    paths.append(os.path.realpath(os.path.join(modules, name)))
        parent = os.path.dirname(folder)
        if parent == folder:
            return paths
        folder = parent


class ConfinedKernelManager(UnixSocketKernelManager):
    """UnixSocketKernelManager whose node kernel runs under the permission model."""

    async def _async_pre_start_kernel(self, **kw):
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        node = kernel_cmd[0]
        flags = permission_flags(node)
        if flags is None:
            raise RuntimeError(
                f"{node} has no permission model, so nbgrader's kernels could read and change the course "
                "directory (hidden tests, gradebook): use node 20 or later"
            )
        cwd = os.path.realpath(kw.get("cwd") or os.getcwd())
        connection_file = self.connection_file
        confinement = flags + ["--allow-addons", f"--allow-fs-write={cwd}"]
        # each path once: node 20 aborts on a path given twice
        confinement += [f"--allow-fs-read={path}" for path in dict.fromkeys(readable_paths(cwd, connection_file))]
        return [node, *confinement, *kernel_cmd[1:]], kw
