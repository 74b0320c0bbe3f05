"""The student's door's JupyterLab (`npm start`; scripts/lab.mjs puts this folder first on
Jupyter's configuration path): its kernels listen on Unix sockets in a folder only the student can
open, not on TCP ports, where any process of the machine (another user's, on a lab's shared
computer) could subscribe to a kernel's outputs (autograder/src/nbgrader/unix_socket_kernels.py).
The rest of the door's settings are in jupyter_server_config.json."""
import os
import sys

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "src", "nbgrader"))
# (the server imports it when it makes its kernel manager)
# (Windows has no Unix sockets for ZeroMQ: its kernels stay on TCP, on the loopback)
if os.name != "nt":
    c.MappingKernelManager.kernel_manager_class = "server_kernel_sockets.PrivateSocketServerKernelManager"
    # a kernel whose start failed does not keep the server from stopping (server_kernel_sockets.py)
    c.ServerApp.kernel_manager_class = "server_kernel_sockets.CourseMappingKernelManager"

# Validate reads the course's nbgrader settings, not an nbgrader_config.py of the server's folder
from validate_course_config import validate_reads_course_config  # noqa: E402

validate_reads_course_config()
# A save replaces the file whole, by a rename: jupyter_server's emptied the file, then wrote it again, and whatever read
# it meanwhile (Validate, a release, a copy) took it empty or cut short (whole_saves.py). Not on Windows, where a
# rename over a file another program holds open fails.
if os.name != "nt":
    c.ServerApp.contents_manager_class = "whole_saves.WholeSavesContentsManager"
