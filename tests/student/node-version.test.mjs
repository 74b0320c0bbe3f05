// A Node.js too old for the course (Ubuntu 22.04's own nodejs package is 12): npm start stopped at
// "SyntaxError: Unexpected reserved word" in setup.mjs (its top-level await; `??` elsewhere), which
// an old Node.js cannot parse, and never reached the set-up's check of the version. Each npm script
// now runs scripts/setup/node-version.cjs first, written in syntax any Node.js reads.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { MIN_NODE_MAJOR } from "../../scripts/setup/node.mjs";

const guard = fromRoot("scripts", "setup", "node-version.cjs");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-node-version-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The guard run by a node that says it is `version`. */
function guardAs(version) {
  const preload = path.join(scratch, `as-${version}.cjs`);
  fs.writeFileSync(preload, `Object.defineProperty(process.versions, "node", { value: ${JSON.stringify(version)} });\n`);
  return spawnSync(process.execPath, ["--require", preload, guard], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
}

test("every npm script that sets up runs the version check first, before the set-up's modules are read", () => {
  const { scripts } = JSON.parse(fs.readFileSync(fromRoot("package.json"), "utf8"));
  const settingUp = Object.entries(scripts).filter(([, command]) => command.includes("scripts/setup.mjs"));
  // the student edition ships start, validate and test of them
  for (const name of ["start", "test", "validate"]) assert.ok(settingUp.some(([script]) => script === name), `npm run ${name} sets up`);
  for (const [name, command] of settingUp) {
    assert.ok(command.startsWith("node scripts/setup/node-version.cjs && node scripts/setup.mjs"), `npm run ${name}: ${command}`);
  }
});

test("a Node.js too old is named with the fix, and one new enough passes silently", () => {
  const old = guardAs("12.22.9");
  assert.equal(old.status, 1);
  assert.match(old.stderr, new RegExp(`Node\\.js v12\\.22\\.9 \\(.+\\) is too old: this project needs Node\\.js ${MIN_NODE_MAJOR} or newer`));
  assert.match(old.stderr, /to fix: install Node\.js 20 LTS .*first node on your PATH/);
  assert.equal(guardAs(`${MIN_NODE_MAJOR - 1}.9.0`).status, 1);
  const current = guardAs(`${MIN_NODE_MAJOR}.0.0`);
  assert.deepEqual([current.status, current.stdout, current.stderr], [0, "", ""]);
});

test("the check is written in syntax an old Node.js parses (ES5, CommonJS)", () => {
  // its code without comments and strings: none of the later syntax an old node stops at
  const code = fs
    .readFileSync(guard, "utf8")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  for (const [what, pattern] of [
    ["an arrow function", /=>/],
    ["a template string", /`/],
    ["let or const", /\b(let|const)\s/],
    ["?. or ??", /\?\.|\?\?/],
    ["a class", /\bclass\s/],
    ["async or await", /\b(async|await)\b/],
    ["spread or rest", /\.\.\./],
    ["import or export", /^\s*(import|export)\b/m],
  ]) {
    assert.doesNotMatch(code, pattern, `node-version.cjs uses ${what}`);
  }
});
