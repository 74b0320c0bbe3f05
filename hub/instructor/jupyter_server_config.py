"""JupyterLab on the course hub: what it serves is the hub's choice, not the user's (../user_server.py).
The instructor's kernels of notebooks in the course's folders of students' work (submitted/,
autograded/, feedback/) run confined, as nbgrader runs a submission
(autograder/src/nbgrader/server_kernel_sockets.py, InstructorServerKernelManager)."""
import os

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "user_server.py"))  # noqa: F821

c = get_config()  # noqa: F821
c.MappingKernelManager.kernel_manager_class = "server_kernel_sockets.InstructorServerKernelManager"
# and what such a kernel displays runs no script in the instructor's page (inert_live_outputs.py)
c.ServerApp.kernel_websocket_connection_class = "inert_live_outputs.InertStudentsOutputs"
