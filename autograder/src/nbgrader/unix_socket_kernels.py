"""A kernel manager whose kernels listen on Unix sockets in a folder of their own.

With TCP, jupyter_client picks free ports and the kernel binds them seconds later, once
TypeScript is loaded; on a busy machine another process can take one in between, and
nbgrader, which starts each notebook's kernel once, marks the student as an error. A Unix
socket in a private folder cannot be taken. The kernel side is lib/kernel/kernel-sockets.cjs.
"""

import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager


class UnixSocketKernelManager(AsyncKernelManager):
    """jupyter_client's manager on the ipc transport, its sockets in a fresh folder under the
    temporary directory (a Unix socket's path is limited to 107 bytes, which a folder
    under a user's runtime directory can exceed), removed with the kernel."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self.socket_dir = tempfile.mkdtemp(prefix="neural-mi-kernel-")
        self.ip = os.path.join(self.socket_dir, "k")

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self.socket_dir, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources
