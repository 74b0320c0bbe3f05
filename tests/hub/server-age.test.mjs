// A server kept in use for good (`npm run hub -- --max-server-minutes`): a student's script that
// posts activity to the hub's API, as an open tab does, kept their server and its memory running
// past any idle limit. With no idle limit at all, the server still stops once it has run its
// minutes, and the user can start a new one. On the same run: a second `npm run hub` on the hub's
// folder is refused while the first runs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { startHub, stopHubAfterTests } from "../helpers/hub.mjs";
import { hubAnswers, hubBrowser } from "../helpers/hub-browser.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";

let hub;
stopHubAfterTests(() => hub);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test("a server in use is stopped once it has run --max-server-minutes, with no idle limit", { timeout: 300_000 }, async () => {
  hub = await startHub({ students: ["alice"], options: ["--one-user", "--cull-idle", "0", "--max-server-minutes", "1"] });
  assert.match(hub.console(), /idle servers run on \(--cull-idle 0\); a server is stopped 1 min after it started, even in use \(--max-server-minutes\)/);
  await hubAnswers(() => hub.url);
  const alice = hubBrowser(() => hub.url);
  assert.equal(await alice.logIn("alice", hub.user("alice").password), true, alice.lastLogin);
  const token = await alice.mintToken("alice");
  const api = async (method, pathname, body) => {
    const response = await fetch(`${hub.url}/hub/api${pathname}`, {
      method,
      headers: { authorization: `token ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  };
  const server = async () => JSON.parse((await api("GET", "/users/alice")).body).servers?.[""];

  const started = await api("POST", "/users/alice/server");
  assert.ok([201, 202].includes(started.status), `${started.status} ${started.body}`);
  for (let waited = 0; !(await server())?.ready; waited += 500) {
    assert.ok(waited < 120_000, `alice's server did not start:\n${hub.log().slice(-3000)}`);
    await sleep(500);
  }
  const startedAt = Date.parse((await server()).started);

  // the student's keep-alive: their server is in use every few seconds, as far as the hub can tell
  let stoppedAfterMs;
  while (stoppedAfterMs === undefined) {
    const now = new Date().toISOString();
    const posted = await api("POST", "/users/alice/activity", { last_activity: now, servers: { "": { last_activity: now } } });
    assert.equal(posted.status, 200, `a user may report their own activity: ${posted.body}`);
    const state = await server();
    if (!state) stoppedAfterMs = Date.now() - startedAt;
    else assert.ok(Date.now() - startedAt < 150_000, `alice's server, in use, still runs ${Math.round((Date.now() - startedAt) / 1000)} s after it started`);
    await sleep(5_000);
  }
  // the culler looks every 30 s with a 1 min limit
  assert.ok(stoppedAfterMs >= 60_000, `stopped ${stoppedAfterMs} ms after it started, before its minute`);
  assert.match(hub.log(), /Culling server alice \(age: /, "the culler stopped it for its age");

  // alice can start a new one
  const again = await api("POST", "/users/alice/server");
  assert.ok([201, 202].includes(again.status), `${again.status} ${again.body}`);
  for (let waited = 0; !(await server())?.ready; waited += 500) {
    assert.ok(waited < 120_000, `alice's new server did not start:\n${hub.log().slice(-3000)}`);
    await sleep(500);
  }

  // The instructor runs `npm run hub` again on the same folder, the first still running: it is
  // refused before it changes anything, and the first hub and alice's server run on.
  const settingsFile = path.join(hub.dir, "jupyterhub", "settings.json");
  const settingsBefore = fs.readFileSync(settingsFile, "utf8");
  // the timeout is a guard, not a measure: a second hub that started would run until stopped
  const second = spawnSync(process.execPath, [fromRoot("scripts", "hub.mjs"), "--dir", hub.dir, "--port", "0", "--students", "alice,bob", "--one-user", "--cull-idle", "0"], {
    encoding: "utf8",
    timeout: 120_000,
    killSignal: "SIGINT",
  });
  assert.equal(second.status, 2, `${second.stdout}\n${second.stderr}`);
  assert.ok(second.stderr.includes(`another npm run hub (process ${hub.pid}) is running the hub in ${hub.dir}`), second.stderr);
  assert.match(second.stderr, /stop it \(Ctrl-C in its console, or kill -INT \d+\) before starting it again/);
  assert.equal(fs.readFileSync(settingsFile, "utf8"), settingsBefore, "the running hub's settings are untouched");
  assert.equal(fs.existsSync(path.join(hub.dir, "homes", "bob")), false, "nothing made for the refused start");
  assert.equal((await server())?.ready, true, "alice's server runs on");
  assert.equal((await fetch(`${hub.url}/hub/login`)).status, 200, "the first hub still answers");

  // once the first hub has stopped, the folder is free again (its lock went with it)
  await hub.stop();
  assert.equal(fs.existsSync(path.join(hub.dir, "hub.pid")), false);
});
