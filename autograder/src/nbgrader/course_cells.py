"""The course's own cells, as nbgrader's course directory holds them (source/ and release/)."""
import os

import nbformat


def course_notebook(step, coursedir, folder, info):
    """The course's version of the notebook being graded, from `folder` (the course directory's
    source_directory or release_directory); `step` names the step that needs it."""
    path = os.path.join(coursedir.format_path(folder, ".", info["assignment"]), info["notebook"] + ".ipynb")
    if not os.path.isfile(path):
        raise RuntimeError(f"{step} reads the course's {path}, which is missing: run `nbgrader generate_assignment {info['assignment']}` first")
    return nbformat.read(path, as_version=4)
