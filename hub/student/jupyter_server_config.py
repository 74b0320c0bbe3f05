"""JupyterLab on the course hub: what it serves is the hub's choice, not the user's (../user_server.py)."""
import os

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "user_server.py"))  # noqa: F821

# Validate reads the course's nbgrader settings, not an nbgrader_config.py in her home, where her server starts
from validate_course_config import validate_reads_course_config  # noqa: E402

validate_reads_course_config()
