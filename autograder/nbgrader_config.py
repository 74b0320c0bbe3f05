"""nbgrader settings for the neural-mi course: TypeScript notebooks on the tslab kernel.

Load it from a course directory's own nbgrader_config.py:

    c = get_config()
    load_subconfig("/path/to/repo/autograder/nbgrader_config.py")

(`node autograder/bin/nbgrader-course.mjs <dir>` writes such a course directory.)
"""
import json
import os
import sys

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

_here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(_here, "stubs.json"), encoding="utf-8") as stub_file:
    _stubs = json.load(stub_file)

# nbgrader picks the code stub by the notebook's kernelspec language; its defaults
# have no TypeScript entry, so generate_assignment fails without this one. The
# project's own `npm run release` reads the same stubs.json.
c.ClearSolutions.code_stub = {_stubs["language"]: _stubs["code"]}
c.ClearSolutions.text_stub = _stubs["text"]

# Training cells run for minutes on two cores; nbgrader's default is 30 s per cell.
c.Execute.timeout = 600
# Starting node, TypeScript and the WASM backend takes a few seconds.
c.Execute.startup_timeout = 120
# After a cell's reply nbclient waits this long for the outputs before it (nbgrader's default,
# 4 s, failed the whole notebook, "Timeout waiting for IOPub output", when a cell had shown
# thousands of outputs: nbclient reads about 1,200 a second). The course's kernel sends a cell's
# printed text at most every 50 ms (patches/tslab+1.0.22.patch), sends a reply only once the
# outputs before it are sent, and merges the messages that wait together (lib/kernel/kernel-sockets.cjs);
# this covers what nbclient still has to read: distinct displays.
c.Execute.iopub_timeout = 120
# Notebooks say "tslab" in their kernelspec; name it here too so a submission saved
# with another kernel still runs on the course's kernel.
c.Execute.kernel_name = "tslab"

# nbgrader re-adds deleted test cells with a "# ..." notice prepended, which is a
# syntax error in TypeScript; keep its default (off). The project's autograder
# restores deleted test cells itself.
c.OverwriteCells.add_missing_cells = False

# Packages and checkpoints never belong to an assignment, nor a save's temporary file, which a server
# killed mid-save leaves beside the file (src/nbgrader/whole_saves.py: TEMP_GLOB).
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "node_modules",
    ".~*.saving~",
]

# Points per check of a test cell (metadata.neural_mi.checks): the TypeScript kernel has no
# execute_result, the output nbgrader reads a partial score from, so this step adds one with
# the points of the checks the test reported (src/nbgrader/reported_checks.py), once the
# notebook ran and nbgrader cut its outputs (LimitOutput), right before it saves the grades.
# Test cells run in strict mode (src/nbgrader/strict_tests.py): a student's function cannot read
# a test's code, hidden tests included, through `caller`; every cell runs whatever tags the submission
# gave it (nbclient skips a cell tagged skip-execution; our runner reads no tags); and the tests' reportResult carries a token
# for this run, without which ReportedChecks counts no result. Source and tags are restored right after.
# Before them, every cell the course knows is marked as the course marks it, test or answer
# (src/nbgrader/course_flags.py), and the student's cells are read as `npm run autograde` reads them (src/nbgrader/rejected_cells.py):
# a cell that may not run (it declares Math, uses require...) runs as its released stub or a comment. After
# them, nothing the submission wrote runs code in the browser of an instructor grading it (src/nbgrader/inert_html.py).
sys.path.insert(0, os.path.join(_here, "src", "nbgrader"))
# a plain `nbgrader autograde` while `npm run nbgrader:autograde` grades this course stops here (src/nbgrader/class_run_lock.py)
# (and the formgrader's Autograde button, nbgrader's Autograde inside the instructor's server, holds it while it runs)
from class_run_lock import hold_course_while_autograding, refusal as _class_run_refusal  # noqa: E402
_refused = _class_run_refusal(sys.argv, os.environ, os.getcwd())
if _refused:
    sys.stderr.write(_refused + "\n")
    sys.exit(1)
hold_course_while_autograding()
from reported_checks import ReportedChecks  # noqa: E402
from rejected_cells import InspectCells, ShowRejectedCells  # noqa: E402
from course_flags import CourseCells, CourseFlags  # noqa: E402
from valid_submission import ValidSubmission  # noqa: E402
from well_formed_text import WellFormedText  # noqa: E402
from inert_html import InertHtml  # noqa: E402
from shown_text import ShownText  # noqa: E402
from strict_tests import LooseTests, StrictTests  # noqa: E402
from confined_kernels import ConfinedKernelManager  # noqa: E402
from nbgrader.converters.autograde import Autograde  # noqa: E402

# nbgrader's log names a submission's files as they are: a notebook named with a terminal's escape sequences
# cleared the instructor's terminal and wrote a line of its own there. Its console shows them as escapes
# (src/nbgrader/printable_log.py).
c.Application.logging_config = {
    "filters": {"printable": {"()": "printable_log.PrintableRecords"}},
    "handlers": {"console": {"filters": ["printable"]}},
}

# Kernels listen on Unix sockets, which no other process can take before the kernel binds
# them, as it can TCP ports on a busy machine (src/nbgrader/unix_socket_kernels.py), and run
# under node's permission model: a submission reads and writes only its own folder and starts
# no process, so it can neither read nor change the course's source or gradebook
# (src/nbgrader/confined_kernels.py).
c.Execute.kernel_manager_class = ConfinedKernelManager

# A submission is made one nbformat's schema accepts before nbgrader's sanitizing reads it (src/nbgrader/valid_submission.py:
# nbconvert checks the notebook after each step, and a cell's tags given as a string failed the student's whole
# assignment), its text such as UTF-8 can hold (a lone surrogate, which a JavaScript string may hold and a cell print,
# is written as U+FFFD there and again once the notebook ran, src/nbgrader/well_formed_text.py: nbconvert's writer failed on it).
# A submission's nbgrader metadata is the course's before nbgrader's own sanitizing reads it
# (src/nbgrader/course_flags.py): a duplicated graded cell, or a schema_version of the student's,
# otherwise raised an error that stops `nbgrader autograde` for every student after this one.
c.Autograde.sanitize_preprocessors = [ValidSubmission, CourseCells] + list(Autograde.class_traits()["sanitize_preprocessors"].default())

_steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
_execute = [step.__name__ for step in _steps].index("Execute")
# nbgrader's Execute with a time limit per notebook, as `npm run autograde` has (src/nbgrader/notebook_time.py)
from notebook_time import Execute as BoundedExecute  # noqa: E402

# (its own default, 1800 s; not set here, where a student's Validate, which runs nbgrader's Execute
# with this file, logged "Config option `notebook_timeout` not recognized by `Execute`")
_steps[_execute:_execute + 1] = [CourseFlags, InspectCells, StrictTests, BoundedExecute, LooseTests, ShowRejectedCells, InertHtml, ShownText, WellFormedText]

# nbgrader's Validate (the button, `nbgrader validate`) runs the test cells as these steps do, with
# the course's Execute (a cell the kernel did not run fails) and each test's points per check (a
# partial-credit miss is not "Success"); a test cell saved as markdown runs as code, and a chapter's
# tests run as the course released them, a deleted one failing, as grading runs them; a cell the
# grader's reading rejects runs as grading runs it and fails. nbgrader 0.9's
# Validator.preprocessors is not configurable: src/nbgrader/validate_steps.py says how it is set.
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput  # noqa: E402
from validate_steps import CourseTests, InspectedCells, MissingTests, OtherName, RejectedCellsFail, TestCellsAsCode, ValidatedChecks, WrittenAnswerIds, use_course_validation  # noqa: E402

use_course_validation(c, [WrittenAnswerIds, TestCellsAsCode, CheckCellMetadata, ClearOutput, CourseTests, InspectedCells, StrictTests, BoundedExecute, LooseTests, RejectedCellsFail, ValidatedChecks, MissingTests, OtherName])
# ReportedChecks reads the outputs nbgrader grades: after LimitOutput, which drops the streams past
# a cell's 1000 lines. Before it, a test that wrote to stderr after a thousand lines got no partial
# score, then lost its stderr, and nbgrader gave it all its points whatever its checks said.
_steps.insert([step.__name__ for step in _steps].index("LimitOutput") + 1, ReportedChecks)
c.Autograde.autograde_preprocessors = _steps

# Feedback pages show the tests' messages but never the hidden tests' code (nbgrader
# shows it: its issues #917 and #1363); nbgrader_feedback.py says how.
sys.path.insert(0, _here)
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import GetGrades  # noqa: E402
from nbgrader_feedback import HideHiddenTests, HideMarkSchemes  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, HideMarkSchemes, CSSHTMLHeaderPreprocessor]

# A markdown heading gets no id in the feedback or the formgrader, whose HTMLExporter reads this file
# too: nbconvert makes one of the heading's text, and the formgrader finds each cell's score box by
# the cell's grade id (`$("#" + grade_id).parents(".nbgrader_cell")`), so a heading "sampling test"
# in a student's written answer above the test tied that test's score to the answer's box: the
# points the instructor gave the answer went to the failed test too.
c.HTMLExporter.exclude_anchor_links = True

# generate_assignment (the hub's release) refuses a source notebook `npm run release` refuses: hidden
# tests a later cell can print, points a test cannot give (src/nbgrader/source_checks.py).
from nbgrader.converters.generate_assignment import GenerateAssignment  # noqa: E402
from source_checks import CourseSourceChecks  # noqa: E402

# and a released cell keeps only the attachments its text still names (a picture in a written answer's
# solution went out with the stub; src/nbgrader/released_attachments.py)
from released_attachments import with_released_attachments  # noqa: E402

c.GenerateAssignment.preprocessors = [CourseSourceChecks] + with_released_attachments(GenerateAssignment.class_traits()["preprocessors"].default())

# The formgrader serves a submission's other files (an HTML page a student handed in) in a sandbox,
# away from the instructor's session (src/nbgrader/sandboxed_files.py).
from sandboxed_files import sandbox_submission_files  # noqa: E402

sandbox_submission_files()
# and its page takes no folder from a link to make its course (`/formgrader?path=`, a plain GET, ran that
# folder's nbgrader_config.py in the instructor's server: src/nbgrader/formgrader_one_course.py).
from formgrader_one_course import formgrader_one_course  # noqa: E402

formgrader_one_course()
# A new gradebook's version is read in this process, not from an `alembic` command looked for on PATH,
# which stopped nbgrader started by its full path without the environment activated (src/nbgrader/gradebook_version.py).
from gradebook_version import gradebook_version_in_process  # noqa: E402

gradebook_version_in_process()
# and its gradebook works again after a write that failed (a full disk): it failed every later score
# and page until the instructor's server restarted (src/nbgrader/gradebook_recovers.py).
from gradebook_recovers import gradebook_recovers  # noqa: E402

gradebook_recovers()
# and its writes wait for another process's (the class graded several students at a time) instead of failing the
# student after 5 s, "database is locked" (src/nbgrader/gradebook_waits.py).
from gradebook_waits import gradebook_waits  # noqa: E402

gradebook_waits()
# and its page says so when a score or comment could not be saved, where a spinning arrow stayed (src/nbgrader/formgrader_not_saved.py).
from formgrader_not_saved import formgrader_not_saved  # noqa: E402

formgrader_not_saved()
# A submitted notebook nbgrader cannot take in hand (over 100 MB, more cells than any honest one, not
# JSON it can read) is graded as the course released it, with a note: nbgrader read it whole, without
# a limit of time or memory, before any step of ours (src/nbgrader/refused_notebooks.py).
from refused_notebooks import refuse_unreadable_notebooks  # noqa: E402

refuse_unreadable_notebooks()
# and a submission whose timestamp.txt (the student's side writes it) nbgrader cannot read is graded
# without a time, where it was left ungraded (src/nbgrader/submission_times.py).
from submission_times import submission_times_tolerated  # noqa: E402

submission_times_tolerated()
# nbgrader's own removal of an autograded folder (a re-grade, a failed one) reaches any depth, where
# one nested 2000 deep stopped the grading of every student after it (src/nbgrader/removal_at_any_depth.py).
from removal_at_any_depth import removal_at_any_depth  # noqa: E402

removal_at_any_depth()
# A student's autograded/ (or feedback/) folder left by a run stopped outright mid-student (its terminal
# closed with the instructor's server, the OOM killer) is made again at the next run: it was skipped as
# done, the student's grades left unset and no feedback made (src/nbgrader/cut_short.py).
from cut_short import cut_short_redone  # noqa: E402

cut_short_redone()
# and, graded several students at a time, each process grades its share of the class alone, student ids with commas
# included (src/nbgrader/class_share.py; after cut_short_redone, whose marks are not another process's business).
from class_share import only_the_share  # noqa: E402

only_the_share()
# and one that failed on a full disk (the hub's students can fill it) says so at its end, with what to do (src/nbgrader/full_disk.py).
from full_disk import full_disk_said  # noqa: E402

full_disk_said()
# and its walk over the files handed in goes without recursion, leaving out folders nested over 40
# deep: one 1000 deep left the student's whole assignment ungraded (src/nbgrader/shallow_file_walk.py).
from shallow_file_walk import shallow_file_walk  # noqa: E402

shallow_file_walk()
from literal_folders import literal_folders  # noqa: E402
from hidden_folders import warn_hidden_folders  # noqa: E402

literal_folders()
# and a student folder whose name starts with a dot, which its pattern passes over, is named in a warning (src/nbgrader/hidden_folders.py)
warn_hidden_folders()
# nbgrader writes each autograded notebook into autograded/<student>/<assignment>/, the folder
# where it then runs the student's next notebook, whose kernel reads that folder: with the hidden
# tests in, a later notebook could print an earlier one's hidden tests into its own output, and so
# into its feedback. They are hidden before nbgrader writes the notebook (after SaveAutoGrades: the
# grades are saved by then), as the feedback pages show them.
# And the next notebooks' kernels, in that folder, cannot change an earlier one once nbgrader wrote it
# (src/nbgrader/kept_autograded.py): the formgrader shows that file to the instructor.
from kept_autograded import KeptAutograded  # noqa: E402

c.Autograde.autograde_preprocessors = _steps + [HideHiddenTests, KeptAutograded]
# `nbgrader export` writes each field where it belongs: nbgrader's own CSV joins them unquoted, so a
# student id with a comma (a learning platform's "Doe, Jane" folder) moved the scores a column over,
# one with a line break made a row of its own, and `=HYPERLINK(…)` ran in the spreadsheet
# (src/nbgrader/safe_export.py).
from safe_export import SafeCsvExport  # noqa: E402

c.ExportApp.plugin_class = SafeCsvExport
