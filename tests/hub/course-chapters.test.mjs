// A chapter updated in the checkout mid-semester (a hidden test fixed): the course's copy,
// source/<assignment>/, is never overwritten, and the hub's start said nothing, so the course went
// on grading with the old tests. Now the start says which chapters changed, once
// (scripts/hub/layout.mjs, checkoutChaptersChanged).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { chapters, checkoutChaptersChanged, hubLayout, prepareHubFolders } from "../../scripts/hub/layout.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-chapters-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a chapter changed in the checkout since the course took it is named once; the course's copy stays as it is", () => {
  const layout = hubLayout(dir, "prof");
  prepareHubFolders(layout, ["prof", "ana"]);
  assert.deepEqual(checkoutChaptersChanged(layout), [], "the first start takes every chapter as the checkout has it");
  const [first, second] = chapters();
  const source = (chapter) => path.join(layout.courseDir, "source", chapter.assignment, chapter.file);
  // the course took both chapters from an older checkout: the first as it was, the second since
  // copied again by the instructor from the updated checkout
  const taken = JSON.parse(fs.readFileSync(layout.chaptersTakenFile, "utf8"));
  fs.writeFileSync(layout.chaptersTakenFile, JSON.stringify({ ...taken, [first.assignment]: "0".repeat(64), [second.assignment]: "1".repeat(64) }));
  fs.writeFileSync(source(first), "the course's copy, from the older checkout");
  assert.deepEqual(checkoutChaptersChanged(layout), [first.assignment]);
  assert.equal(fs.readFileSync(source(first), "utf8"), "the course's copy, from the older checkout", "never overwritten");
  assert.deepEqual(checkoutChaptersChanged(layout), [], "said once");
});
