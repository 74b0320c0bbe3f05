"""nbgrader's generate_assignment refuses a source notebook that `npm run release` refuses.

The course hub releases with `nbgrader generate_assignment`, which knows nothing of the course's
own checks (src/release/check-metadata.mjs): hidden tests in what a test cell declares at its top
level (`const secret = …` between the HIDDEN TESTS marks), which any later cell of a student's can
print, hidden code included; points a test cell cannot give; a test that awaits nothing it starts.
An instructor's own assignment released that way went out with its hidden tests readable. Here each
source notebook is read by the course's checks first, and a problem stops the release, naming the
cell and the fix. A file beside the notebooks that holds its answers or hidden tests (answer_copies.py),
which generate_assignment would copy to the students as it is, stops it too.
"""
import json
import os
import subprocess

from nbconvert.preprocessors import Preprocessor
from nbformat import writes
from traitlets import Bool

from answer_copies import answer_copies
from course_node import course_node

_PROBLEMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "source-problems.mjs")


class CourseSourceChecks(Preprocessor):
    # nbconvert's preprocessors are off unless enabled
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        run = subprocess.run([course_node(), _PROBLEMS], input=writes(nb), capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"the course's checks of the source notebook could not run: {run.stderr.strip()[-2000:]}")
        problems = json.loads(run.stdout)
        folder = resources.get("metadata", {}).get("path")
        if folder:
            problems += answer_copies(nb, folder, self._ignored())
        if problems:
            name = resources.get("unique_key", "the notebook")
            raise ValueError(
                f"{name}.ipynb is not released: the course's checks found {len(problems)} problem(s) in its source:\n  "
                + "\n  ".join(problems)
            )
        return nb, resources

    def _ignored(self):
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config).ignore
