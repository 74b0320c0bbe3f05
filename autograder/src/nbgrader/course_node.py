"""The node that runs the course's kernel, for the course's helper scripts under nbgrader.

Taken from the tslab kernelspec, as the kernel itself is started: a JupyterLab opened without node on
its PATH (a desktop launcher, a hub's spawner) still runs the kernel, and must run the helpers too.
"""
from jupyter_client.kernelspec import KernelSpecManager


def course_node():
    return KernelSpecManager().get_kernel_spec("tslab").argv[0]
