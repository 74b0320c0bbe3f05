"""Partial credit for nbgrader: points per check of a test cell, as `npm run autograde` gives them.

nbgrader gives a test cell a partial score when its output holds an execute_result whose
text is a number (nbgrader.utils.determine_grade). The TypeScript kernel has no
execute_result, so this preprocessor, run by `nbgrader autograde` after Execute and LimitOutput
(on the outputs nbgrader grades: LimitOutput drops the streams past a cell's 1000 lines, a stderr
among them), right before SaveAutoGrades, reads the checks a test reported with neural-mi's reportResult and appends that
execute_result: the points of the checks that passed, weighed by metadata.neural_mi.checks
of the course's own cell (source/<assignment>/<notebook>.ipynb, as our grader reads the
course's, never the submission's). A check named "estimate" of a test that reports an estimate
passes when the estimate is within the metadata's tolerance of its ground truth, as in
autograder/src/grade/grade-cells.mjs. A cell with an error or stderr output is left alone
(nbgrader then gives it 0, as we do). Run before LimitOutput, a test that wrote to stderr after a
thousand lines of output got no score here, then lost its stderr there, and nbgrader gave it all
its points.

As in `npm run autograde`, only the test's own result counts: the one carrying the token that
StrictTests (strict_tests.py) put into the test cell's `reportResult({` for this run; a result
printed by the student's code, which cannot know the token, is ignored. The tokens are then
taken out of the outputs.
"""
import json
import math
import os
import re
import sys

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from nbgrader.coursedir import CourseDirectory
from traitlets import Bool

from course_cells import course_notebook
from strict_tests import ATTESTATIONS

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "execute"))
from result_protocol import RESULT_MIME, RESULT_PREFIX  # noqa: E402  (the runner's, src/execute/result_protocol.py)


def _as_object(value):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def reported_result(cell, attestation):
    """The first result the cell reported (display bundle or printed line) carrying `attestation`, as a
    dict: the test's own. The token goes out with that result on the kernel's IOPub, which a cell may
    subscribe to, so a later one carrying it is a copy, made by the student's code before the cell's
    "idle" (a microtask of the answer's that the test called), as in results.mjs."""

    def counts(found):
        return found is not None and found.get("attestation") == attestation

    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            for line in output.get("text", "").split("\n"):
                if line.startswith(RESULT_PREFIX):
                    found = _as_object(line[len(RESULT_PREFIX):])
                    if counts(found):
                        return found
        elif output.get("output_type") in ("display_data", "execute_result"):
            found = _as_object(output.get("data", {}).get(RESULT_MIME))
            if counts(found):
                return found
    return None


_ATTESTATION_FIELD = re.compile(r'"attestation":\s*"[0-9a-f]*",?\s*')


def _without_attestations(cell):
    for output in cell.get("outputs", []):
        result = output.get("data", {}).get(RESULT_MIME) if isinstance(output.get("data"), dict) else None
        if isinstance(result, dict):
            result.pop("attestation", None)
        if output.get("output_type") == "stream" and isinstance(output.get("text"), str):
            output["text"] = _ATTESTATION_FIELD.sub("", output["text"])


def checks_score(course, result):
    """The points of the passed checks, by the rule of grade-cells.mjs's checkResults."""
    reported = result.get("checks") if isinstance(result, dict) and isinstance(result.get("checks"), dict) else {}
    score = 0.0
    for name, points in course["checks"].items():
        if name == "estimate" and course.get("reports_estimate"):
            estimate = result.get("estimate") if isinstance(result, dict) else None
            truth = course.get("ground_truth", course.get("groundTruth"))
            passed = (
                isinstance(estimate, (int, float))
                and isinstance(truth, (int, float))
                and math.isfinite(estimate)
                and abs(estimate - truth) <= course["tolerance"]
            )
        else:
            passed = reported.get(name) is True
        if passed:
            score += float(points)
    return score


class ReportedChecks(Preprocessor):
    # nbconvert's preprocessors are off unless enabled; nbgrader's own are on
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        coursedir = CourseDirectory(parent=self)
        self._course_cells = {}
        for cell in course_notebook("ReportedChecks", coursedir, coursedir.source_directory, resources["nbgrader"]).cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id:
                self._course_cells[grade_id] = cell.get("metadata", {}).get("neural_mi", {})
        if ATTESTATIONS not in resources:
            raise RuntimeError("ReportedChecks reads the tokens that StrictTests puts into the test cells: run StrictTests before Execute (nbgrader_config.py)")
        self._attestations = resources.pop(ATTESTATIONS)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        course = self._course_cells.get(nbgrader.get("grade_id"), {})
        attestation = self._attestations.get(index)
        result = reported_result(cell, attestation) if attestation is not None else None
        _without_attestations(cell)
        if cell.get("cell_type") != "code" or not nbgrader.get("grade") or nbgrader.get("solution") or not isinstance(course.get("checks"), dict):
            return cell, resources
        outputs = cell.get("outputs", [])
        if any(o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr") for o in outputs):
            return cell, resources
        score = min(checks_score(course, result or {}), float(nbgrader.get("points", 0)))
        text = str(int(score)) if score == int(score) else repr(score)
        outputs.append(new_output("execute_result", data={"text/plain": text}, execution_count=cell.get("execution_count")))
        cell["outputs"] = outputs
        return cell, resources
