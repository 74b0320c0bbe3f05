// The kept copy's earlier versions (scripts/lib/kept-history.mjs) under a clock that was wrong and is
// put right (a dead clock battery's year 2000, a laptop's clock running ahead, then corrected by the
// network): the refreshes were ordered by their times, so a refresh made after the correction counted
// as older than those made under the wrong clock; the start named an older version as the student's
// last, and the next refresh dropped the newest versions first.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { carryEarlier, EARLIER, latestEarlier } from "../../scripts/lib/kept-history.mjs";

let root;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-kept-history-"));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A refresh of the copy `dir` to `answer.ts` holding `text`, at the time `stamp` the machine's clock gives. */
function refresh(dir, text, stamp) {
  const fresh = `${dir}.new`;
  fs.mkdirSync(fresh, { recursive: true });
  fs.writeFileSync(path.join(fresh, "answer.ts"), text);
  if (fs.existsSync(dir)) carryEarlier({ previous: dir, fresh, files: ["answer.ts"], stamp });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(fresh, dir);
}

const stampAt = (iso) => iso.replace(/[:.]/g, "-");

test("a refresh made after the clock was set back holds the latest earlier version", () => {
  const dir = path.join(root, "set-back");
  refresh(dir, "v1", stampAt("2026-12-01T10:00:00.000Z"));
  refresh(dir, "v2", stampAt("2026-12-02T10:00:00.000Z"));
  // the clock battery died: the machine says 2000 until the network sets it right
  refresh(dir, "v3", stampAt("2000-01-01T00:05:00.000Z"));
  assert.equal(fs.readFileSync(latestEarlier(dir, "answer.ts"), "utf8"), "v2", "the version the last refresh replaced");
});

test("the refreshes kept are the last 20 made, whatever times the clock gave them", () => {
  const dir = path.join(root, "ran-ahead");
  // a clock running a year ahead, then corrected
  refresh(dir, "ahead-0", stampAt("2027-12-01T10:00:00.000Z"));
  refresh(dir, "ahead-1", stampAt("2027-12-01T11:00:00.000Z"));
  for (let n = 0; n < 25; n += 1) refresh(dir, `v${n}`, stampAt(new Date(Date.UTC(2026, 11, 5, 8, n)).toISOString()));
  const folders = fs.readdirSync(path.join(dir, EARLIER)).sort();
  assert.equal(folders.length, 20);
  const held = folders.map((folder) => fs.readFileSync(path.join(dir, EARLIER, folder, "answer.ts"), "utf8"));
  assert.deepEqual(held, Array.from({ length: 20 }, (_, i) => `v${i + 4}`), "the versions of the last 20 refreshes, the oldest dropped");
  assert.equal(fs.readFileSync(latestEarlier(dir, "answer.ts"), "utf8"), "v23");
});

test("a copy whose earlier versions are named by their times alone (kept before) counts them as older than the next refresh's", () => {
  const dir = path.join(root, "kept-before");
  fs.mkdirSync(path.join(dir, EARLIER, stampAt("2099-01-01T00:00:00.000Z")), { recursive: true });
  fs.writeFileSync(path.join(dir, EARLIER, stampAt("2099-01-01T00:00:00.000Z"), "answer.ts"), "old");
  fs.writeFileSync(path.join(dir, "answer.ts"), "v1");
  refresh(dir, "v2", stampAt("2026-12-05T08:00:00.000Z"));
  assert.equal(fs.readFileSync(latestEarlier(dir, "answer.ts"), "utf8"), "v1");
});
