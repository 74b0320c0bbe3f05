"""A submission's `timestamp.txt` that nbgrader cannot read leaves it without a time, not ungraded.

nbgrader reads the time of a submission from the `timestamp.txt` in its folder, a file the student's
side writes (`nbgrader submit`, in the student's own server) and the student can change. A text it
cannot parse ("not a date", or digits past what a date holds: dateutil's OverflowError) raised out
of nbgrader's own error path (CourseDirectory has no `fail`), and the student's whole assignment,
every notebook of it, was left ungraded, with no submission in the gradebook. Such a file is now
read as no time at all, as an empty one is, with a warning: the submission is graded, without a time
(so never counted late; the time a student writes is hers to choose in any case).
`submission_times_tolerated()`, called by nbgrader_config.py, sets this on nbgrader's CourseDirectory.
"""


def submission_times_tolerated():
    from nbgrader.coursedir import CourseDirectory

    if getattr(CourseDirectory, "_tolerates_submission_times", False):
        return
    original = CourseDirectory.get_existing_timestamp

    def get_existing_timestamp(self, dest_path):
        try:
            return original(self, dest_path)
        except Exception as error:  # noqa: BLE001 (any text the student wrote there)
            self.log.warning("Unreadable timestamp.txt in %s (%s: %s): graded without a submission time", dest_path, type(error).__name__, error)
            return None

    CourseDirectory.get_existing_timestamp = get_existing_timestamp
    CourseDirectory._tolerates_submission_times = True
