"""The Validate button of a student's JupyterLab reads the course's nbgrader settings only.

nbgrader's validate extension builds its Validator from nbgrader_config.py files on Jupyter's
configuration path and then from the folder its server started in, whose file comes last and
overrides the course's. That folder is the student's workspace (npm start starts JupyterLab in it;
on the course hub, her home): an nbgrader_config.py there (from nbgrader's own guide, or made to quiet the button)
set what the button checked, and Validate said "Success" of a copy grading fails.
`validate_reads_course_config()`, called by the student servers' jupyter_server_config.py, gives
the extension a loader that leaves that folder out.
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
