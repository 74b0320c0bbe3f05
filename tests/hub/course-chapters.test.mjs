// A chapter updated in the checkout mid-semester (a hidden test fixed): the course's copy,
// source/<assignment>/, is never overwritten, and the hub's start said nothing, so the course went
// on grading with the old tests. Now the start says which chapters changed, once
// (scripts/hub/layout.mjs, checkoutChaptersChanged).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { spawnSync } from "node:child_process";
import { chapters, checkoutChaptersChanged, hubLayout, movePackagesFolderOfHomes, prepareHomes, prepareHubFolders } from "../../scripts/hub/layout.mjs";
import { userEnvironment } from "../../scripts/hub/settings.mjs";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";

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

// The instructor ran `nbgrader collect` in a shell of the machine, in the hub's course folder: without the hub's
// settings in the environment nbgrader took its default exchange, and found none of the class's submissions.
test("nbgrader's exchange commands run in the course folder outside the hub stop and say where to run them; on the hub they run", () => {
  const layout = hubLayout(dir, "prof");
  prepareHubFolders(layout, ["prof", "ana"]);
  const nbgrader = (args, env) => spawnSync(venvBin("nbgrader"), args, { cwd: layout.courseDir, encoding: "utf8", env: { PATH: process.env.PATH, HOME: dir, ...env } });
  const outside = nbgrader(["collect", "ch1"], {});
  assert.notEqual(outside.status, 0);
  assert.match(outside.stderr, /This course folder is the course hub's: run `nbgrader collect` in a terminal of the instructor's JupyterLab on the hub/);
  const onHub = nbgrader(["list", "--inbound"], {
    ...userEnvironment({ name: "prof", role: "instructor" }, layout),
  });
  assert.equal(onHub.status, 0, onHub.stderr);
  assert.doesNotMatch(onHub.stderr, /course hub's/);
});

// On a hub that gives each user an account, root ran `nbgrader generate_assignment` in a shell, in the instructor's course
// folder: gradebook.db and release/ were made root's, and the instructor's nbgrader on the hub could change neither (every
// formgrader save failed, "attempt to write a readonly database") until the hub's next start gave the folder back.
test("nbgrader run as root in the course folder of the instructor's account stops before writing, naming the command to run instead", { skip: process.getuid?.() !== 0 && "only root runs as root" }, () => {
  const layout = hubLayout(dir, "prof");
  prepareHubFolders(layout, ["prof", "ana"]);
  const [first] = chapters();
  fs.chownSync(layout.courseDir, 65534, 65534);
  try {
    const owner = spawnSync("getent", ["passwd", "65534"], { encoding: "utf8" }).stdout.split(":")[0] || "65534";
    const run = spawnSync(venvBin("nbgrader"), ["generate_assignment", first.assignment], { cwd: layout.courseDir, encoding: "utf8", env: { PATH: process.env.PATH, HOME: dir } });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, new RegExp(`Not run: nbgrader as root in ${layout.courseDir}, the course folder of ${owner}: .*runuser -u ${owner} -- env HOME=${layout.home("prof")} nbgrader generate_assignment ${first.assignment}\\. Files root made there already: chown -R ${owner} ${layout.courseDir}`));
    assert.ok(!fs.existsSync(path.join(layout.courseDir, "gradebook.db")), "nothing written");
    assert.ok(!fs.existsSync(path.join(layout.courseDir, "release")), "nothing written");
  } finally {
    fs.chownSync(layout.courseDir, 0, 0);
  }
});

// Every home finds the course's packages through homes/node_modules, a link: an npm install in a home without a
// package.json took homes/ as the project, wrote a package.json there for every user and put a folder in place
// of the link, and no user's notebook found neural-mi again, the next start leaving that folder as it was.
test("an npm install in a user's home stays in that home: the homes' link to the course's packages is untouched", () => {
  const layout = hubLayout(dir, "prof");
  prepareHubFolders(layout, ["prof", "ana"]);
  const tiny = path.join(dir, "tiny-package");
  fs.mkdirSync(tiny);
  fs.writeFileSync(path.join(tiny, "package.json"), '{"name":"tiny-package","version":"1.0.0"}\n');
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const installed = spawnSync("npm", ["install", tiny, "--offline", "--no-audit", "--no-fund"], { cwd: layout.home("ana"), env, encoding: "utf8", shell: process.platform === "win32" });
  assert.equal(installed.status, 0, installed.stderr);
  assert.equal(fs.readlinkSync(path.join(layout.homesDir, "node_modules")), fromRoot("node_modules"));
  assert.ok(!fs.existsSync(path.join(layout.homesDir, "package.json")), "no package.json shared by every home");
  assert.ok(fs.existsSync(path.join(layout.home("ana"), "node_modules", "tiny-package")));
  assert.ok(!fs.existsSync(path.join(layout.home("prof"), "node_modules", "tiny-package")));
  // her home's package.json deleted first: npm stops at the home's own node_modules folder, not at the homes' link
  fs.rmSync(path.join(layout.home("prof"), "package.json"));
  const walked = spawnSync("npm", ["install", tiny, "--offline", "--no-audit", "--no-fund"], { cwd: layout.home("prof"), env, encoding: "utf8", shell: process.platform === "win32" });
  assert.equal(walked.status, 0, walked.stderr);
  assert.equal(fs.readlinkSync(path.join(layout.homesDir, "node_modules")), fromRoot("node_modules"), "the link is untouched, her package.json deleted");
  assert.ok(!fs.existsSync(path.join(layout.homesDir, "package.json")), "no package.json shared by every home, her package.json deleted");
  assert.ok(fs.existsSync(path.join(layout.home("prof"), "node_modules", "tiny-package")));
  assert.equal(movePackagesFolderOfHomes(layout), undefined, "the link is left as it is");

  // a hub where such an install had happened before: the folder npm left is moved away and the link made again
  const modules = path.join(layout.homesDir, "node_modules");
  fs.unlinkSync(modules);
  fs.mkdirSync(path.join(modules, "tiny-package"), { recursive: true });
  const moved = movePackagesFolderOfHomes(layout);
  prepareHubFolders(layout, ["prof", "ana"]);
  assert.equal(fs.readlinkSync(modules), fromRoot("node_modules"));
  assert.ok(fs.existsSync(path.join(moved, "tiny-package")), "what it held is kept where it was moved");
});

// The start, as root, writes a home's package.json where it has none, under a name beside it first: a student who had
// deleted hers and put links at the names that write would take (`.package.json.<pid>.<count>.tmp`) had root write
// through them, any file of the machine.
test("a home's package.json is written without following a link its user put beside it", () => {
  const layout = hubLayout(dir, "prof");
  prepareHomes(layout, ["lia"]);
  const home = layout.home("lia");
  fs.rmSync(path.join(home, "package.json"));
  const target = path.join(dir, "a-file-of-the-machine");
  for (let count = 0; count < 1000; count++) fs.symlinkSync(target, path.join(home, `.package.json.${process.pid}.${count}.tmp`));
  prepareHomes(layout, ["lia"]);
  assert.equal(fs.existsSync(target), false, "nothing written through a link");
  assert.equal(JSON.parse(fs.readFileSync(path.join(home, "package.json"), "utf8")).name, "neural-mi-home");
});
