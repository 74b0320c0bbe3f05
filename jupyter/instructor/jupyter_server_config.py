"""The instructor's door's JupyterLab (`npm run instructor`; scripts/lab.mjs puts this folder on
Jupyter's configuration path): its kernels listen on Unix sockets in a folder only the instructor can
open, not on TCP ports, where any process of the machine (another user's, on a lab's shared
computer) could subscribe to a kernel's outputs, the reference solutions' among them (autograder/src/nbgrader/unix_socket_kernels.py)."""
import os
import sys

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "src", "nbgrader"))
# (the server imports it when it makes its kernel manager)
# (Windows has no Unix sockets for ZeroMQ: its kernels stay on TCP, on the loopback)
if os.name != "nt":
    # a notebook opened from an nbgrader course's submitted/, autograded/ or feedback/ runs confined, as
    # nbgrader runs a submission: "Run All" on a student's notebook ran her code as the instructor
    c.MappingKernelManager.kernel_manager_class = "server_kernel_sockets.InstructorServerKernelManager"
    # a kernel whose start failed does not keep the server from stopping (server_kernel_sockets.py)
    c.ServerApp.kernel_manager_class = "server_kernel_sockets.CourseMappingKernelManager"
    # and what such a kernel displays runs no script in the instructor's page (inert_live_outputs.py)
    c.ServerApp.kernel_websocket_connection_class = "inert_live_outputs.InertStudentsOutputs"
# A save replaces the file whole, by a rename: jupyter_server's emptied the file, then wrote it again, and whatever read
# it meanwhile (Validate, a release, a copy) took it empty or cut short (whole_saves.py). Not on Windows, where a
# rename over a file another program holds open fails.
if os.name != "nt":
    c.ServerApp.contents_manager_class = "whole_saves.WholeSavesContentsManager"
