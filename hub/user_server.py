"""What every user's JupyterLab on the course hub serves, loaded by the role's
jupyter_server_config.py (instructor/ or student/).

JupyterLab serves its extensions' files, without a login, from every data folder Jupyter knows,
the user's own (~/.local/share/jupyter/labextensions) among them: any file a student put there,
an HTML page with its scripts, was served at /user/<name>/lab/extensions/... on the hub's origin,
where it runs with the rights of whoever opens the link (it can mint the visitor's token, which
opens the visitor's server: the instructor's course, a classmate's home). Extensions come from the
Python environment and the system's folders only, which their users cannot write.
"""
import ctypes
import os
import sys

from jupyter_core.paths import jupyter_data_dir, jupyter_path

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

_own = jupyter_data_dir()
# for every JupyterLab-based application of the server (JupyterLab, and Notebook's pages at the same address)
c.LabServerApp.labextensions_path = [folder for folder in jupyter_path("labextensions") if not folder.startswith(_own)]

# Its kernels listen on Unix sockets in a folder only the user's account can open: on TCP ports, any
# account's process could subscribe to a kernel's outputs, a classmate's as she ran her cells, the
# instructor's running the course's source (autograder/src/nbgrader/unix_socket_kernels.py)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "autograder", "src", "nbgrader"))
# (the server imports it when it makes its kernel manager)
c.MappingKernelManager.kernel_manager_class = "server_kernel_sockets.PrivateSocketServerKernelManager"
# a kernel whose start failed does not keep the server from stopping (server_kernel_sockets.py)
c.ServerApp.kernel_manager_class = "server_kernel_sockets.CourseMappingKernelManager"
# A save replaces the file whole, by a rename: jupyter_server's emptied the file, then wrote it again, and a Submit
# during a save (a Ctrl+S, an autosave) handed in an empty notebook (autograder/src/nbgrader/whole_saves.py)
c.ServerApp.contents_manager_class = "whole_saves.WholeSavesContentsManager"

# Nor can the user's own processes change the server while it runs: its account could trace it (a
# debugger attached from her terminal, `gdb -p`, runs any code in it, a page of hers served with no
# login among it), since the server is a program her account started, as far as the system knows.
# A process that is not dumpable can be traced only by root.
if sys.platform.startswith("linux"):
    _PR_SET_DUMPABLE = 4
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
