// The hub's port on the IPv6 address (scripts/hub/ipv6-twin.mjs). The hub listened on 127.0.0.1
// only, and any account could listen on [::1] at the same port: Chromium sent the requests for
// `alice.localhost:<port>` (--subdomain-host http://localhost:<port>) to that process, a student's,
// with the users' cookies. `npm run hub` now holds it and passes its connections on to the hub.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import { test } from "node:test";
import { holdIpv6Twin, ipv6Twin } from "../../scripts/hub/ipv6-twin.mjs";

const hasIpv6Loopback = () => fs.existsSync("/proc/net/if_inet6") && /\blo$/m.test(fs.readFileSync("/proc/net/if_inet6", "utf8"));

const get = (host, port) =>
  new Promise((resolve, reject) => {
    http.get({ host, port, path: "/" }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });

/** Whether another account (nobody, as a student's process would) can listen on [::1]:port, IPv6 only. */
function anotherAccountListens(port) {
  const script = `import socket, sys\ns = socket.socket(socket.AF_INET6)\ns.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)\ntry:\n    s.bind(("::1", ${port})); s.listen(); print("listening")\nexcept OSError as e:\n    print(e.errno)`;
  const run = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

test("the IPv6 twin of the hub's address", () => {
  assert.equal(ipv6Twin("127.0.0.1"), "::1");
  assert.equal(ipv6Twin("0.0.0.0"), "::");
  assert.equal(ipv6Twin("127.0.0.2"), "::1");
  assert.equal(ipv6Twin("192.0.2.7"), "::", "a name with an IPv6 address leads to any of the machine's");
  assert.equal(ipv6Twin("fd00::2"), undefined);
});

test("the hub's port on ::1 is the hub's: no other account listens there, and it leads to the hub", { skip: !hasIpv6Loopback() && "no IPv6 loopback on this machine" }, async () => {
  const hub = http.createServer((request, response) => response.end("the hub"));
  await new Promise((resolve) => hub.listen(0, "127.0.0.1", resolve));
  const { port } = hub.address();
  try {
    if (process.getuid() === 0) assert.equal(anotherAccountListens(port), "listening", "as it was: a student's process listened on [::1] at the hub's port");
    const twin = await holdIpv6Twin("127.0.0.1", port);
    try {
      assert.ok(twin, "held");
      assert.equal(await get("::1", port), "the hub", "a browser reaching localhost over IPv6 gets the hub");
      if (process.getuid() === 0) assert.equal(anotherAccountListens(port), "98", "another account's listen fails: EADDRINUSE");
      // a second hub on that port, or a process that held it first: refused, naming the fix
      await assert.rejects(holdIpv6Twin("127.0.0.1", port), new RegExp(`port ${port} on ::1, the IPv6 address of 127\\.0\\.0\\.1, is held by another process: .*Stop it .*or start the hub with another --port`));
    } finally {
      twin?.close();
    }
  } finally {
    hub.close();
  }
});

test("the hub on every address holds :: too, IPv6 only", { skip: !hasIpv6Loopback() && "no IPv6 loopback on this machine" }, async () => {
  const hub = http.createServer((request, response) => response.end("the hub"));
  await new Promise((resolve) => hub.listen(0, "0.0.0.0", resolve));
  const { port } = hub.address();
  const twin = await holdIpv6Twin("0.0.0.0", port);
  try {
    assert.equal(await get("::1", port), "the hub");
    const taken = net.createServer();
    await assert.rejects(new Promise((resolve, reject) => taken.once("error", reject).listen({ host: "::1", port, ipv6Only: true }, resolve)), /EADDRINUSE/);
  } finally {
    twin?.close();
    hub.close();
  }
});

test("a hub on one address of the machine holds :: at its port, closing what comes there (the hub is not opened on every IPv6 address)", { skip: !hasIpv6Loopback() && "no IPv6 loopback on this machine" }, async () => {
  const address = Object.values(os.networkInterfaces()).flat().find((entry) => entry.family === "IPv4" && !entry.internal)?.address;
  if (!address) return;
  const hub = http.createServer((request, response) => response.end("the hub"));
  await new Promise((resolve) => hub.listen(0, address, resolve));
  const { port } = hub.address();
  const twin = await holdIpv6Twin(address, port);
  try {
    assert.ok(twin);
    await assert.rejects(get("::1", port), /socket hang up|ECONNRESET/, "closed at once, not passed on");
    if (process.getuid() === 0) {
      const listen = `import socket\ns = socket.socket(socket.AF_INET6)\ns.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)\ntry:\n    s.bind(("::", ${port})); s.listen(); print("listening")\nexcept OSError as e:\n    print(e.errno)`;
      const student = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", listen], { encoding: "utf8" });
      assert.equal(student.stdout.trim(), "98", "another account cannot listen on [::] at the hub's port");
    }
  } finally {
    twin?.close();
    hub.close();
  }
});
