// Each user's server on an origin of its own (`npm run hub -- --subdomain-host <url>`, JupyterHub's
// subdomain_host). On the hub's one origin, a page that one user's server serves runs with the
// rights of whoever opens it: it could mint that visitor's token through the hub's API. With an
// origin per user, a user's server answers at <user>.<host> only, and the hub's own address no
// longer leads into it. Browsers take every *.localhost as this machine; node's resolver does not,
// so the requests here go to 127.0.0.1 naming the host, as a browser's would.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { freePort } from "../../scripts/lib/free-port.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { startHub, whyUsersNotIsolated, stopHubAfterTests } from "../helpers/hub.mjs";
import { hubAnswers, hubBrowser } from "../helpers/hub-browser.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cannotIsolate = whyUsersNotIsolated();

let hub;
stopHubAfterTests(() => hub);

/** A request to the hub's port on this machine for the host `host`: { status, location, text }. */
function at(port, host, pathname, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: pathname, headers: { ...headers, host } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode, location: response.headers.location ?? "", text: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end();
  });
}

test("with --subdomain-host, each user's server answers on an origin of its own, and the hub's address does not lead into it", { timeout: 300_000 }, async (t) => {
  if (cannotIsolate.length > 0) t.diagnostic(`users not isolated (${cannotIsolate.join("; ")}): the hub runs with --one-user`);
  const port = await freePort();
  const address = `http://localhost:${port}`;
  hub = await startHub({ students: ["alice", "bob"], options: ["--port", String(port), "--subdomain-host", address, ...(cannotIsolate.length > 0 ? ["--one-user"] : [])] });
  assert.equal(hub.url, address, "the hub announces its own address");
  assert.match(hub.console(), new RegExp(`each user's server is at http://<user>\\.localhost:${port}/, an origin of its own`));
  await hubAnswers(() => address);
  // browsers reach *.localhost over IPv6 first: the hub's port on ::1 is the hub's, where any account's process could listen
  // and get every request meant for the hub and the users' servers (scripts/hub/ipv6-twin.mjs)
  if (fs.existsSync("/proc/net/if_inet6") && /\blo$/m.test(fs.readFileSync("/proc/net/if_inet6", "utf8"))) {
    const overIpv6 = await new Promise((resolve, reject) =>
      http.get({ host: "::1", port, path: "/hub/login", headers: { host: `localhost:${port}` } }, (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode, text }));
      }).on("error", reject),
    );
    assert.equal(overIpv6.status, 200);
    assert.match(overIpv6.text, /<form[^>]*login/i, "the hub's login page, over IPv6");
    if (process.getuid() === 0) {
      const listen = `import socket\ns = socket.socket(socket.AF_INET6)\ns.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)\ntry:\n    s.bind(("::1", ${port})); s.listen(); print("listening")\nexcept OSError as e:\n    print(e.errno)`;
      const student = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", listen], { encoding: "utf8" });
      assert.equal(student.stdout.trim(), "98", `another account cannot listen on [::1]:${port} (EADDRINUSE): ${student.stderr}`);
    }
  }

  const alice = hubBrowser(() => address);
  assert.equal(await alice.logIn("alice", hub.user("alice").password), true, alice.lastLogin);
  const token = await alice.mintToken("alice");
  const api = async (method, pathname) => {
    const response = await fetch(`${address}${pathname}`, { method, headers: { authorization: `token ${token}` } });
    return { status: response.status, body: await response.text() };
  };
  const started = await api("POST", "/hub/api/users/alice/server");
  assert.ok([201, 202].includes(started.status), `${started.status} ${started.body}`);
  const server = async () => JSON.parse((await api("GET", "/hub/api/users/alice")).body).servers?.[""];
  for (let waited = 0; !(await server())?.ready; waited += 500) {
    assert.ok(waited < 120_000, `alice's server did not start:\n${hub.log().slice(-3000)}`);
    await sleep(500);
  }

  const status = "/user/alice/api/status";
  const authorization = { authorization: `token ${token}` };
  const own = await at(port, `alice.localhost:${port}`, status, authorization);
  assert.equal(own.status, 200, `alice's server answers at alice.localhost: ${own.status} ${own.text.slice(0, 300)}`);
  assert.match(own.text, /"started"/, "it is her Jupyter server that answers");
  // the hub's own origin, and a classmate's, do not reach her server: the hub sends a browser on to hers
  for (const start of [`localhost:${port}`, `bob.localhost:${port}`]) {
    let host = start;
    let pathname = status;
    let answer;
    // the redirects a browser would follow
    for (let hops = 0; hops < 6; hops++) {
      answer = await at(port, host, pathname, authorization);
      if (host !== `alice.localhost:${port}`) assert.doesNotMatch(answer.text, /"started"/, `alice's server answered on ${host}${pathname}`);
      if (answer.status < 300 || answer.status >= 400) break;
      const next = new URL(answer.location, `http://${host}`);
      [host, pathname] = [next.host, next.pathname + next.search];
    }
    assert.deepEqual([host, answer.status], [`alice.localhost:${port}`, 200], `from ${start}, a browser is sent on to alice's own origin`);
  }
});

test("--subdomain-host that cannot name the users' servers is refused before anything is made, naming the fix", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-origins-"));
  try {
    for (const [value, why] of [
      ["http://127.0.0.1:8000", /is an IP address, which has no names under it .* e\.g\. http:\/\/hub\.example\.edu:8000/],
      ["hub.example.edu", /is not an address: give the hub's own, e\.g\. https:\/\/hub\.example\.edu/],
      ["ftp://hub.example.edu", /is not an http or https address/],
      ["https://hub.example.edu/jupyter", /has more than a scheme, host and port/],
    ]) {
      const run = spawnSync(process.execPath, [fromRoot("scripts", "hub.mjs"), "--dir", path.join(dir, "hub"), "--subdomain-host", value], { encoding: "utf8" });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, why, value);
      assert.equal(fs.existsSync(path.join(dir, "hub")), false, "no hub folder is made");
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
