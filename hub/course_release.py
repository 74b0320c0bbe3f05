"""nbgrader's release of an assignment, put in the exchange whole or not at all.

nbgrader copies a release straight into the exchange's outbound/<assignment>/, which every student
lists and fetches from. A copy cut short (the instructor's Ctrl-C, the exchange's disk filled, by a
student's files as well) left a part of the chapter there: students fetched it, a notebook missing or
cut off, and kept it (fetch does not take a chapter again), and the instructor's next release was
refused, "Destination already exists, add --force". Here the copy is made under a hidden name in
outbound (students' lists skip it) and renamed into place once whole; a copy that fails is removed.
"""
import os
import shutil

from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment

from disk_errors import disk_full


class CourseReleaseAssignment(ExchangeReleaseAssignment):
    def _staging_prefix(self):
        return f".{self.coursedir.assignment_id}.partial-"

    def _remove_leftovers(self, outbound):
        """What a release killed mid-copy (kill -9, the machine stopped) left under the hidden name."""
        for name in os.listdir(outbound):
            if name.startswith(self._staging_prefix()):
                shutil.rmtree(os.path.join(outbound, name), ignore_errors=True)

    def _released_before(self):
        """Whether this assignment was released before (a mark in the course folder, `.released/<assignment>`); marks it."""
        mark = os.path.join(self.coursedir.root, ".released", self.coursedir.assignment_id)
        if os.path.exists(mark):
            return True
        try:
            os.makedirs(os.path.dirname(mark), exist_ok=True)
            open(mark, "a").close()
        except OSError:
            pass
        return False

    def copy_files(self):
        final = self.dest_path
        outbound = os.path.dirname(final)
        self._remove_leftovers(outbound)
        if os.path.isdir(final) and not self.force:
            self.fail(f"Destination already exists, add --force to overwrite: {self.coursedir.course_id} {self.coursedir.assignment_id}")
        staging = os.path.join(outbound, f"{self._staging_prefix()}{os.getpid()}")
        self.dest_path = staging
        try:
            super().copy_files()
        except BaseException as error:  # a Ctrl-C too
            shutil.rmtree(staging, ignore_errors=True)
            full = disk_full(error)
            why = "the exchange's disk is full" if full else ("it was stopped" if isinstance(error, KeyboardInterrupt) else str(error))
            message = (
                f"Not released: {self.coursedir.assignment_id} could not be copied to the exchange ({why}); nothing of this try "
                f"is there, and the students' list is as it was{', the earlier release standing' if os.path.isdir(final) else ''}. "
                + ("Make room on that disk, then release again" if full else "Release it again")
            )
            self.log.error(message)
            if isinstance(error, Exception):
                raise ExchangeError(message) from error
            raise
        finally:
            self.dest_path = final
        previous = None
        if os.path.isdir(final):  # --force: the earlier release goes once the new one is whole
            previous = f"{staging}-previous"
            os.rename(final, previous)
        os.rename(staging, final)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        if previous is not None or self._released_before():
            # nbgrader said nothing of those who had fetched the earlier release (replaced with --force, or removed
            # first, as the formgrader's Unrelease does): they worked on, unknowing, with the instructions and visible
            # tests the new one fixes
            assignment = self.coursedir.assignment_id
            self.log.warning(
                "Released again: %s replaces the earlier release for every fetch from now on. A student who fetched the earlier "
                "one keeps her copy (fetch neither replaces it nor tells her): tell the class; to take this one, she renames her "
                "folder %s (her work stays in it), fetches %s again, and carries her answers over",
                assignment, assignment, assignment,
            )
        self.log.info("In place for the students: %s", final)
