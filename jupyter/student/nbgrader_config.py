"""nbgrader settings for the student's door (`npm start`): the Validate button runs the
student's notebook on the course's TypeScript kernel with the course's stub and timeouts.

JupyterLab's validate extension looks for nbgrader_config.py on Jupyter's config path;
scripts/lab.mjs puts this folder first on it (JUPYTER_CONFIG_PATH).
"""
import os

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

load_subconfig(  # noqa: F821
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "nbgrader_config.py")
)
# The student's Validate runs their own code, as themselves: not confined (an instructor's is).
c.ConfinedKernelManager.confine_validate = False
