// requirements.txt (pip, used by the set-up) and environment.yml (conda, for users)
// must describe the same Python packages, and agree with what the set-up checks.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { test } from "node:test";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { MIN_PYTHON } from "../../scripts/setup/python-env.mjs";
import { MIN_NODE_MAJOR } from "../../scripts/setup/node.mjs";
import { readEnvironmentYml, readRequirementsTxt } from "./requirements.mjs";

const requirements = readRequirementsTxt(fromRoot("requirements.txt"));
const environment = readEnvironmentYml(fromRoot("environment.yml"));
const runtimes = new Set(["python", "nodejs", "pip"]);

test("requirements.txt lists what the course needs", () => {
  for (const name of ["jupyterlab", "nbgrader", "nbclient", "plotly"]) {
    assert.ok(requirements.has(name), `requirements.txt lacks ${name}`);
  }
  assert.match(requirements.get("jupyterlab"), /<5/);
  assert.match(requirements.get("nbgrader"), /<0\.10/);
});

test("environment.yml has the same Python packages and versions as requirements.txt", () => {
  const fromYml = new Map(
    [...environment.conda, ...environment.pip].filter(([name]) => !runtimes.has(name)),
  );
  assert.deepEqual(
    [...fromYml].sort(),
    [...requirements].sort(),
    "environment.yml (conda + pip sections) and requirements.txt disagree",
  );
});

test("environment.yml's runtimes match the set-up's minimum versions", () => {
  assert.equal(environment.conda.get("python"), `>=${MIN_PYTHON.join(".")}`);
  assert.equal(environment.conda.get("nodejs"), `>=${MIN_NODE_MAJOR}`);
  assert.ok(environment.conda.has("pip"), "the pip section needs pip itself");
  const engines = JSON.parse(fs.readFileSync(fromRoot("package.json"), "utf8")).engines;
  assert.equal(engines.node, `>=${MIN_NODE_MAJOR}`);
});

test("the project environment has versions that satisfy requirements.txt", () => {
  const check = [
    "import sys, json",
    "from importlib.metadata import version",
    "from packaging.specifiers import SpecifierSet",
    "reqs = json.load(sys.stdin)",
    "bad = {n: version(n) for n, s in reqs.items() if version(n) not in SpecifierSet(s)}",
    "print(json.dumps(bad))",
  ].join("\n");
  const run = spawnSync(venvPython, ["-c", check], { input: JSON.stringify(Object.fromEntries(requirements)), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {}, "installed versions outside requirements.txt's ranges");
});
