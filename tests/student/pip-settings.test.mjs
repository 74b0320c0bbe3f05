// The user's own pip settings and the set-up's install into the project's environment
// (scripts/setup/python-env.mjs): `user = true` in a pip.conf, or PIP_USER=1, stopped the first
// `npm start` at "Can not perform a '--user' install. User site-packages are not visible in this virtualenv."
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { venvPython } from "../../scripts/lib/paths.mjs";
import { pipEnv } from "../../scripts/setup/python-env.mjs";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-pip-settings-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("pip settings for installs elsewhere (user = true, PIP_USER, PIP_TARGET) do not stop the install into the course's environment", () => {
  const userConf = path.join(scratch, "pip.conf");
  fs.writeFileSync(userConf, "[install]\nuser = true\n");
  const settings = [{ PIP_USER: "1" }, { PIP_CONFIG_FILE: userConf }, { PIP_TARGET: path.join(scratch, "elsewhere") }];
  for (const own of settings) {
    const env = pipEnv({ ...process.env, ...own });
    // as the set-up installs, changing nothing: pip, already there, offline
    const run = spawnSync(venvPython, ["-m", "pip", "install", "--dry-run", "--disable-pip-version-check", "--quiet", "--no-index", "pip"], { env, encoding: "utf8" });
    assert.equal(run.status, 0, `${JSON.stringify(own)}: ${run.stderr}`);
    assert.equal(env.PIP_TARGET, undefined);
  }
  assert.ok(!fs.existsSync(path.join(scratch, "elsewhere")));
});
