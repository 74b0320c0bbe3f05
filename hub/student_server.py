"""What a student's server on the course hub reads as code: the course's and its environment's files only.

Her server is a process of her account, answering every request for /user/<her name>/ on the hub's
origin: code of hers in it can serve pages with no login there, which run as whoever opens them and
reach that visitor's own server (the instructor's course and gradebook, a grader's). Her configuration
folder and her JupyterLab extensions are kept out (user_server.py); so are two more readings of her
home's files as code, where the server started (her home) and in her own Jupyter data folder:

- nbgrader's Assignment List loaded nbgrader_config.py from her home at each listing
  (autograder/src/nbgrader/validate_course_config.py);
- nbconvert, behind JupyterLab's "Save and Export Notebook As" (/nbconvert/), took its templates from her
  home first (a folder `lab/` there with an index.html.j2: a Jinja template reaches Python's builtins)
  and merged the conf.json of her data folder's templates over the environment's (a `preprocessors`
  entry there is any callable by its dotted name, called with arguments of hers: runpy.run_path).
"""
import os

from jupyter_core.paths import jupyter_data_dir, jupyter_path


def _inside(path, folder):
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder + os.sep)


def reads_no_code_of_hers(c):
    """Sets `c`, a server's configuration, and nbconvert's and nbgrader's classes, for a student's server."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    from validate_course_config import assignment_list_reads_course_config, validate_reads_course_config

    own = jupyter_data_dir()
    # no template folder of the server's folder (nbconvert's default: the working folder), none of her data folder
    c.TemplateExporter.extra_template_basedirs = []
    c.TemplateExporter.template_data_paths = [folder for folder in jupyter_path("nbconvert", "templates") if not _inside(folder, own)]
    environment_dirs = TemplateExporter.get_prefix_root_dirs
    if not getattr(environment_dirs, "course_hub", False):

        def get_prefix_root_dirs(self):
            return [folder for folder in environment_dirs(self) if not _inside(folder, own)]

        get_prefix_root_dirs.course_hub = True
        TemplateExporter.get_prefix_root_dirs = get_prefix_root_dirs
    validate_reads_course_config()
    assignment_list_reads_course_config()
