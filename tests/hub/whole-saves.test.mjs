// A save of the course's JupyterLab servers replaces the file whole (autograder/src/nbgrader/whole_saves.py).
// jupyter_server emptied a notebook's file, then wrote it again: on the hub, a Submit during a save (a Ctrl+S,
// an autosave) copied an empty or cut-short notebook to the exchange, and the student's submission was lost
// (tests/hub/semester.test.mjs met it). Each server configuration of the course (the hub's student and
// instructor, the two doors) is loaded as its server loads it, and the contents manager it names saves a
// notebook of 2 MB and a text file over and over while another thread reads them: no read may find either
// anything but whole (with jupyter_server's own, most did not parse: 56 of 78). A save cut short by the server's
// death leaves the file whole, and what it leaves beside it is on the course's nbgrader ignore list (Submit
// leaves it out) and no notebook; a save that fails leaves the file as it was and nothing beside it; the file's
// mode stays, through a checkpoint's restore too; an upload in chunks over a file (JupyterLab's, over 1 MB) leaves
// the file as it was until its last chunk replaces it whole (jupyter_server's wrote the first chunk over it).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fromRoot, repoRoot, venvPython } from "../../scripts/lib/paths.mjs";

// the saves each race makes (tests/hub/whole_saves.py, SAVES): the reader reads about once per save at least
const SAVES = 6;

test("the course's servers save a file whole: a read during a save finds the old file or the new one, never an empty or cut-short one", { timeout: 120_000 }, () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-whole-saves-"));
  try {
    // the notebooks' signatures go to a database of the scratch folder, not the home's
    const env = { ...process.env, JUPYTER_DATA_DIR: path.join(scratch, "data") };
    const run = spawnSync(venvPython, [fromRoot("tests", "hub", "whole_saves.py"), repoRoot, scratch], { env, encoding: "utf8", timeout: 110_000 });
    assert.equal(run.status, 0, `${run.stderr}\n${run.stdout}`);
    const report = JSON.parse(run.stdout);
    const configs = report.classes.flatMap((entry) => entry.configs).sort();
    assert.deepEqual(configs, ["hub/instructor", "hub/student", "jupyter/instructor", "jupyter/student"]);
    for (const entry of report.classes) {
      const said = `${entry.class} (${entry.configs.join(", ")}): ${JSON.stringify(entry)}`;
      for (const kind of ["notebook", "text"]) {
        const race = entry[kind];
        assert.ok(race.reads >= SAVES, `the reader read the ${kind} during the saves: ${said}`);
        assert.equal(race.bad, 0, `every read of the ${kind} during a save finds it whole: ${said}`);
        assert.equal(race.mode, "0o640", `the ${kind} keeps its mode: ${said}`);
        assert.deepEqual(race.left, [], `nothing is left beside the ${kind}: ${said}`);
      }
      assert.equal(entry.cutShort.whole, true, `a save cut short by the server's death leaves the notebook whole: ${said}`);
      assert.deepEqual(entry.cutShort.handedIn, [], `what a save cut short leaves is not handed in (the course's ignore list, ${report.ignore.join(" ")}): ${said}`);
      assert.ok(!entry.cutShort.left.some((name) => name.endsWith(".ipynb")), `what a save cut short leaves is no notebook: ${said}`);
      assert.equal(entry.failed.same, true, `a save that fails leaves the notebook as it was: ${said}`);
      assert.deepEqual(entry.failed.left, [], `a save that fails leaves nothing beside it: ${said}`);
      assert.deepEqual(entry.restored, { source: "kept", mode: "0o640", left: [] }, `a checkpoint restored is the notebook, its mode kept: ${said}`);
      assert.deepEqual(
        entry.uploaded,
        {
          over: ["the file as it was", "the file as it was", "first part;second part;last part."],
          new: "first part;second part;last part.",
          mode: "0o640",
          left: [],
        },
        `an upload in chunks over a file leaves it as it was until its last chunk replaces it, its mode kept: ${said}`,
      );
      assert.deepEqual(
        entry.longName,
        { saved: true, uploaded: "first;last.", left: [] },
        `a notebook of a 240-byte name is saved and uploaded over, as jupyter_server does (its temporary names fit a folder's 255 bytes): ${said}`,
      );
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
