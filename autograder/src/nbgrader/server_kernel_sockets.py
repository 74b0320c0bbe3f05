"""The kernel manager of the course's JupyterLab servers (the student's and instructor's doors,
every user's server on the course hub): jupyter_server's own, on Unix sockets in a folder only the
kernel's user can open (unix_socket_kernels.py says why: on TCP, any process of the machine could
subscribe to a kernel's outputs)."""

import os

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager, ServerKernelManager

from confined_kernels import ConfinedKernelManager, KernelOutputClosed, confine, watch_confined
from unix_socket_kernels import PrivateUnixSockets


class PrivateSocketServerKernelManager(PrivateUnixSockets, ServerKernelManager):
    """jupyter_server's kernel manager with its kernel's sockets in a private folder."""


class CourseMappingKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernels of a server, less a kernel whose start failed. jupyter_client keeps such a
    kernel among the ones still starting, and stopping the server shut each of those down, where
    jupyter_server refused one it never had ("Kernel does not exist"): the server never stopped. A
    submission saved for another kernel, opened in the instructor's JupyterLab (its kernel refused: it
    would not run confined), left the server running after Ctrl-C, the hub's stop or its culler."""

    async def _add_kernel_when_ready(self, kernel_id, km, kernel_awaitable):
        await super()._add_kernel_when_ready(kernel_id, km, kernel_awaitable)
        if kernel_id not in self._kernels:
            self._pending_kernels.pop(kernel_id, None)



# the folders of an nbgrader course directory that hold students' work
STUDENTS_FOLDERS = ("submitted", "autograded", "feedback")


def students_work_folder(path):
    """The folder of students' work (`<course>/submitted`, `autograded` or `feedback`, beside the
    course's gradebook.db or nbgrader_config.py) that `path` lies in, or None."""
    at = os.path.realpath(path)
    while True:
        parent = os.path.dirname(at)
        if parent == at:
            return None
        if os.path.basename(at) in STUDENTS_FOLDERS and any(os.path.exists(os.path.join(parent, name)) for name in ("gradebook.db", "nbgrader_config.py")):
            return at
        at = parent


def _nbgrader_limit(name):
    """A limit of nbgrader's confined kernels, as their class sets it by default."""
    return ConfinedKernelManager.class_traits()[name].default()


class InstructorServerKernelManager(KernelOutputClosed, PrivateSocketServerKernelManager):
    """The instructor's server's kernel manager: a notebook opened from a folder of students' work (a
    submission, its autograded copy, its feedback) runs as nbgrader runs it, under node's permission model
    (confined_kernels.py). Run as it was, "Run All" on a student's submission ran her code as the
    instructor, beside the course's source (the hidden tests) and the gradebook, which it could rewrite."""

    async def _async_pre_start_kernel(self, **kw):
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        folder = students_work_folder(kw.get("cwd") or os.getcwd())
        # its displays reach the page inert where it is a student's (inert_live_outputs.py)
        self.students_work = folder
        if folder is None:
            return kernel_cmd, kw
        self.log.info("A notebook in %s: its kernel runs confined, as nbgrader runs a submission", folder)
        return confine(self, kernel_cmd, kw, file_mb=_nbgrader_limit("file_mb"), memory_mb=_nbgrader_limit("memory_mb"))

    async def _async_post_start_kernel(self, **kw):
        await super()._async_post_start_kernel(**kw)
        watch_confined(self, disk_mb=_nbgrader_limit("disk_mb"), max_files=_nbgrader_limit("max_files"), memory_mb=_nbgrader_limit("memory_mb"))

    post_start_kernel = _async_post_start_kernel
