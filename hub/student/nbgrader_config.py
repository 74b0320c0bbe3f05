"""nbgrader for a student's JupyterLab on the course hub (hub/jupyterhub_config.py puts this
folder first on Jupyter's configuration path): the hub's shared settings, and the hub
user's name as the student id, since every user's server runs as the same system user
and nbgrader would otherwise take that user's name."""
import os

c = get_config()  # noqa: F821

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nbgrader_course.py"))  # noqa: F821

c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
# The student's Validate runs their own code, as themselves: not confined (an instructor's is).
c.ConfinedKernelManager.confine_validate = False
