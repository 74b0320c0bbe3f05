"""JupyterLab on the course hub: what it serves is the hub's choice, not the user's (../user_server.py)."""
import os

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "user_server.py"))  # noqa: F821
