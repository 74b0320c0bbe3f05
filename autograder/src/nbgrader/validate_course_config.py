"""The Validate button of a student's JupyterLab reads the course's nbgrader settings only.

nbgrader's validate extension builds its Validator from nbgrader_config.py files on Jupyter's
configuration path and then from the folder its server started in, whose file comes last and
overrides the course's. That folder is the student's workspace (npm start starts JupyterLab in it;
on the course hub, her home): an nbgrader_config.py there (from nbgrader's own guide, or made to quiet the button)
set what the button checked, and Validate said "Success" of a copy grading fails.
`validate_reads_course_config()`, called by the student servers' jupyter_server_config.py, gives
the extension a loader that leaves that folder out; `assignment_list_reads_course_config()` does the
same for the Assignment List, on the course hub (hub/student_server.py).
"""


def _course_config(handler):
    from nbgrader.apps import NbGrader

    app = NbGrader()
    app.load_cwd_config = False
    app.load_config_file()
    return app.config


def validate_reads_course_config():
    from nbgrader.server_extensions.validate_assignment.handlers import ValidateAssignmentHandler

    ValidateAssignmentHandler.load_config = _course_config


def assignment_list_reads_course_config():
    """nbgrader's Assignment List (list, fetch, submit, fetch feedback) reads the course's settings too. It loaded
    an nbgrader_config.py from the folder its server started in, and again from the assignment folder (the
    same, by default), at every listing: on the course hub that folder is the student's home, and the file
    ran in her server's process, which then served her pages with no login on the hub's origin
    (hub/student_server.py, tests/hub/server-config.test.mjs). It still works in the assignment folder,
    where fetch puts the assignments."""
    import contextlib

    from nbgrader.server_extensions.assignment_list import handlers

    def load_config(self):
        return _course_config(self)

    @contextlib.contextmanager
    def get_assignment_dir_config(self):
        with handlers.chdir(self._root_dir):
            config = _course_config(self)
        lister = handlers.ExchangeFactory(config=config).List(config=config)
        # the course's settings do not depend on the working folder: the same ones, read once
        with handlers.chdir(lister.assignment_dir):
            yield config

    handlers.AssignmentList.load_config = load_config
    handlers.AssignmentList.get_assignment_dir_config = get_assignment_dir_config
