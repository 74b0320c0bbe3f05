"""JupyterLab on the course hub: what it serves is the hub's choice, not the user's (../user_server.py)."""
import os
import sys

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "user_server.py"))  # noqa: F821

# Validate and the Assignment List read the course's nbgrader settings, not an nbgrader_config.py in her home, where
# her server starts, and nbconvert's templates come from the environment only (../student_server.py)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from student_server import reads_no_code_of_hers  # noqa: E402

reads_no_code_of_hers(c)  # noqa: F821
