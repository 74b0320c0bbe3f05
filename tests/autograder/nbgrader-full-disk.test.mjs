// `nbgrader autograde` on a full disk (on the course hub any student can fill the course's disk): each
// student failed with a traceback of its own, "database or disk is full" deep inside, and the run ended
// on "Please see the above traceback", with no word of the disk. Now its end names the full disk and
// what to do (src/nbgrader/full_disk.py); and the students are graded by the next run, once there is room.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { fixtureCourse, nbgraderAsync, nbgraderOutput, readNbgraderGradebook, submitEditedFixture, temporaryDir } from "./helpers.mjs";

test("an autograde that failed on a full disk says which disk and what to do; the next run, with room, grades the class", { skip: process.getuid() !== 0 && "only root mounts the small file system that fills up", timeout: 180_000 }, async () => {
  const disk = temporaryDir();
  assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk]).status, 0);
  try {
    const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
    // the gradebook on the disk that fills
    const db = `--CourseDirectory.db_url=sqlite:///${join(disk, "gradebook.db")}`;
    await nbgraderAsync(["generate_assignment", "fixture", "--force", db], courseDir);
    for (const student of ["ana", "ben"]) {
      await nbgraderAsync(["db", "student", "add", student, db], courseDir);
      submitEditedFixture(courseDir, student, (source) => source);
    }
    const filler = join(disk, "a-students-files");
    try {
      fs.writeFileSync(filler, Buffer.alloc(4 * 2 ** 20, 1));
    } catch (error) {
      assert.equal(error.code, "ENOSPC");
    }
    const full = await nbgraderOutput(["autograde", "fixture", db], courseDir);
    assert.notEqual(full.code, 0);
    assert.match(full.output, new RegExp(`The disk holding the gradebook's \\(${disk}\\) is full \\(\\d+ kB left\\): the students named above were not done, and nothing of theirs is kept\\. Make room on it .*then run this again`));
    fs.rmSync(filler);
    const again = await nbgraderOutput(["autograde", "fixture", db], courseDir);
    assert.equal(again.code, 0, again.output.slice(-3000));
    assert.doesNotMatch(again.output, /is full/);
    const gradebook = pythonGrades(courseDir, disk);
    for (const student of ["ana", "ben"]) assert.equal(gradebook[student]["arith.ipynb:square-test"].auto, 2, student);
  } finally {
    spawnSync("umount", [disk]);
  }
});

function pythonGrades(courseDir, disk) {
  // the gradebook is on the mounted disk, not in the course's folder
  const gradebook = join(courseDir, "gradebook.db");
  fs.rmSync(gradebook, { force: true });
  fs.symlinkSync(join(disk, "gradebook.db"), gradebook);
  return readNbgraderGradebook(courseDir, "fixture");
}
