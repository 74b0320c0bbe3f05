// The packages' shared copy (autograder/src/execute/package-mirror.mjs): no symbolic link below
// it, kept for the next run while no package changed, made anew when one did, and never taken
// from a folder another user could have put in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { packagesStamp, sharedPackages } from "../../autograder/src/execute/package-mirror.mjs";

/** A node_modules with a package, a link to a folder outside it (as neural-mi links to lib/), and a .bin. */
function packagesTree() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "mirror-test-")));
  const modules = join(root, "repo", "node_modules");
  mkdirSync(join(modules, "pkg", "dist"), { recursive: true });
  writeFileSync(join(modules, "pkg", "dist", "index.js"), "module.exports = 1;\n");
  mkdirSync(join(root, "repo", "lib", "dist"), { recursive: true });
  writeFileSync(join(root, "repo", "lib", "dist", "index.js"), "module.exports = 2;\n");
  symlinkSync("../lib", join(modules, "linked"));
  mkdirSync(join(modules, ".bin"));
  const base = join(root, "base");
  mkdirSync(base);
  return { root, modules, base };
}

/** Every path below `dir` that is a symbolic link. @param {string} dir @returns {string[]} */
function linksUnder(dir) {
  return readdirSync(dir, { recursive: true }).map((name) => join(dir, String(name))).filter((path) => lstatSync(path).isSymbolicLink());
}

test("the copy holds the packages without links, and the next run takes it as it is", () => {
  const { root, modules, base } = packagesTree();
  try {
    const first = sharedPackages(modules, base);
    assert.equal(first.reused, false);
    assert.deepEqual(linksUnder(first.modules), [], "a link below the copy would lead out of it");
    assert.equal(readFileSync(join(first.modules, "linked", "dist", "index.js"), "utf8"), "module.exports = 2;\n");
    assert.ok(lstatSync(join(first.modules, "linked")).isDirectory());
    assert.equal(readdirSync(first.modules).includes(".bin"), false);
    assert.equal(lstatSync(join(first.modules, "pkg", "dist", "index.js")).ino, lstatSync(join(modules, "pkg", "dist", "index.js")).ino, "hard links");
    const second = sharedPackages(modules, base);
    assert.deepEqual(second, { modules: first.modules, reused: true });
    assert.equal(readdirSync(base).length, 1, "no scratch folder is left");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a package changed, added or rebuilt gives a copy of its own", () => {
  const { root, modules, base } = packagesTree();
  try {
    const stamps = new Set([packagesStamp(modules)]);
    const before = sharedPackages(modules, base).modules;
    assert.equal(stamps.has(packagesStamp(modules)), true, "making the copy (hard links) does not change the stamp");
    // rebuilt: the same text written anew is another file
    rmSync(join(modules, "..", "lib", "dist", "index.js"));
    writeFileSync(join(modules, "..", "lib", "dist", "index.js"), "module.exports = 2;\n");
    const rebuilt = sharedPackages(modules, base);
    assert.equal(rebuilt.reused, false);
    assert.notEqual(rebuilt.modules, before);
    // edited in place, its time changed
    writeFileSync(join(modules, "pkg", "dist", "index.js"), "module.exports = 3;\n");
    utimesSync(join(modules, "pkg", "dist", "index.js"), new Date(2000, 1, 1), new Date(2000, 1, 1));
    assert.equal(stamps.has(packagesStamp(modules)), false);
    writeFileSync(join(modules, "pkg", "extra.js"), "");
    const added = sharedPackages(modules, base);
    assert.equal(added.reused, false);
    assert.equal(readFileSync(join(added.modules, "pkg", "extra.js"), "utf8"), "");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a folder under the copy's name that others may write to, or without its marker, is not taken", () => {
  const { root, modules, base } = packagesTree();
  try {
    const { modules: copy } = sharedPackages(modules, base);
    const place = join(copy, "..");
    // planted: a package of the planter's own, in a folder every user may write to
    writeFileSync(join(copy, "pkg", "dist", "planted.js"), "");
    chmodSync(place, 0o777);
    const again = sharedPackages(modules, base);
    assert.equal(again.reused, false);
    assert.equal(readdirSync(join(again.modules, "pkg", "dist")).includes("planted.js"), false);
    assert.equal(lstatSync(place).mode & 0o777, 0o755);
    // moved aside whole, never walked: as root, removing a tree another account can change while it is walked
    // could be led out of it (a folder swapped for a link to another's)
    const setAside = readdirSync(base).filter((name) => name.startsWith(`${basename(place)}.set-aside-`));
    assert.equal(setAside.length, 1);
    assert.ok(readdirSync(join(base, setAside[0], "node_modules", "pkg", "dist")).includes("planted.js"));
    // unfinished: a run stopped before its copy was complete
    rmSync(join(place, ".complete"));
    assert.equal(sharedPackages(modules, base).reused, false);
    if (process.getuid?.() === 0) {
      // another user's folder under the name (a user id no account has)
      chmodSync(place, 0o755);
      for (const path of [place, join(place, "node_modules"), join(place, ".complete")]) chownSync(path, 54321, 54321);
      assert.equal(sharedPackages(modules, base).reused, false);
      assert.equal(lstatSync(place).uid, 0);
      assert.ok(readdirSync(base).some((name) => name.startsWith(`${basename(place)}.set-aside-`) && lstatSync(join(base, name)).uid === 54321), "another user's folder moved aside, not removed");
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a folder planted where a run would make its copy (the next process id's) is left as it is, and the copy made", () => {
  const { root, modules, base } = packagesTree();
  try {
    const planted = join(base, `neural-mi-packages-${packagesStamp(modules)}.making-${process.pid}`);
    mkdirSync(planted);
    writeFileSync(join(planted, "hers"), "");
    const made = sharedPackages(modules, base);
    assert.equal(made.reused, false);
    assert.ok(readdirSync(planted).includes("hers"), "not emptied: as root that walk is of a tree its owner can change under it");
    assert.equal(readFileSync(join(made.modules, "pkg", "dist", "index.js"), "utf8"), "module.exports = 1;\n");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("copies no run has used for a day are removed, recent ones kept", () => {
  const { root, modules, base } = packagesTree();
  try {
    const old = sharedPackages(modules, base).modules;
    writeFileSync(join(modules, "pkg", "second.js"), "");
    const recent = sharedPackages(modules, base).modules;
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(join(old, "..", ".complete"), twoDaysAgo, twoDaysAgo);
    writeFileSync(join(modules, "pkg", "third.js"), "");
    const current = sharedPackages(modules, base).modules;
    const left = readdirSync(base).map((name) => join(base, name, "node_modules"));
    assert.deepEqual(left.sort(), [recent, current].sort());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
