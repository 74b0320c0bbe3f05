"""The kernel manager of the course's JupyterLab servers (the student's and instructor's doors,
every user's server on the course hub): jupyter_server's own, on Unix sockets in a folder only the
kernel's user can open (unix_socket_kernels.py says why: on TCP, any process of the machine could
subscribe to a kernel's outputs)."""

from jupyter_server.services.kernels.kernelmanager import ServerKernelManager

from unix_socket_kernels import PrivateUnixSockets


class PrivateSocketServerKernelManager(PrivateUnixSockets, ServerKernelManager):
    """jupyter_server's kernel manager with its kernel's sockets in a private folder."""

